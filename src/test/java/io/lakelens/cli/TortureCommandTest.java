package io.lakelens.cli;

import io.lakelens.reliability.CrashRecovery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The torture command's coverage rule and its refusals (the run itself: reliability.TortureRunTest). */
class TortureCommandTest {
    @Test
    void everyChosenScenarioAndEveryKindOfKillIsRequired() {
        assertEquals(List.of("concurrent writers + OPTIMIZE", "two+ processes, one lake", "kill -9 during append",
                        "kill -9 during optimize", "kill -9 during restore", "kill -9 during checksum write"),
                TortureCommand.required(EnumSet.allOf(TortureCommand.Scenario.class)));
        assertEquals(CrashRecovery.Kind.values().length,
                TortureCommand.required(EnumSet.of(TortureCommand.Scenario.crashes)).size());
        assertEquals(List.of("two+ processes, one lake"), TortureCommand.required(EnumSet.of(TortureCommand.Scenario.processes)));
    }

    @Test
    void aScenarioThatNeverRanToAVerdictIsNamed() {
        Map<String, Integer> ran = new LinkedHashMap<>();
        TortureCommand.required(EnumSet.allOf(TortureCommand.Scenario.class)).forEach(r -> ran.put(r, 1));
        assertEquals(List.of(), TortureCommand.missing(ran));
        ran.put("kill -9 during restore", 0);
        ran.put("two+ processes, one lake", 0);
        assertEquals(List.of("two+ processes, one lake", "kill -9 during restore"), TortureCommand.missing(ran));
    }

    @Test
    void badNumbersAndANonEmptyScratchFolderAreRefusedInOneLine(@TempDir Path dir) throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("busy")).resolve("x"), "a real lake, perhaps");
        for (String[] args : List.of(new String[]{"--minutes", "-1"}, new String[]{"--threads", "0"},
                new String[]{"--batch-rows", "5"}, new String[]{"--only", "everything"},
                new String[]{"--work", dir.resolve("busy").toString()})) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            List<String> all = new java.util.ArrayList<>(List.of("torture"));
            all.addAll(List.of(args));
            all.addAll(List.of("--lake", dir.resolve("lake").toString(), "--no-redis"));
            int code = Main.execute(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
            String e = err.toString().strip();
            assertEquals(1, code, String.join(" ", args) + ": " + e);
            assertEquals(1, e.lines().count(), e);
            assertTrue(e.startsWith("lakelens: "), e);
        }
        assertEquals(List.of(dir.resolve("busy").resolve("x")), Files.list(dir.resolve("busy")).toList(), "nothing written there");
    }
}
