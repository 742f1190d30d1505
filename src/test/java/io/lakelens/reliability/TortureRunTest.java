package io.lakelens.reliability;

import io.lakelens.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lakelens torture} for one seeded pass at a small scale, through the real command line:
 * every scenario and every kind of kill runs, each row says what it verified, nothing is lost.
 * This is also where the suite kills a process during a checksum write.
 */
class TortureRunTest {
    static final long SEED = Long.getLong("lakelens.test.seed", 7);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES) // two writer processes and four killed ones on two cores
    void onePassRunsEveryScenarioAndKindOfKillAndReportsWhatEachVerified() throws Exception {
        Path work = dir.resolve("work");
        CliRun r = CliRun.on(dir.resolve("unused-lake"), "torture", "--minutes", "0", "--seed", Long.toString(SEED),
                "--batch-rows", "20", "--threads", "2", "--work", work.toString());
        String all = r.out() + "\n" + r.err();
        assertEquals(ExitCode.OK, r.code(), all);
        assertTrue(r.out().contains("seed " + SEED), all);
        String summary = Files.readString(work.resolve("torture-summary.txt"));
        List<String> rows = summary.lines().toList();
        for (String scenario : List.of("concurrent writers + OPTIMIZE", "two+ processes, one lake", "kill -9 during append",
                "kill -9 during optimize", "kill -9 during restore", "kill -9 during checksum write")) {
            String row = rows.stream().filter(l -> l.startsWith(scenario + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError(scenario + " did not run:\n" + summary));
            assertTrue(row.matches(".*\\s0\\s+0\\s+\\S.*"), "no failure, no lost row: " + row);
            if (scenario.startsWith("kill")) {
                assertTrue(row.contains("before its ACK: checked in the child's drained output"), row);
                assertTrue(row.contains("lakelens verify passed"), row);
            }
        }
        assertTrue(rows.stream().anyMatch(l -> l.startsWith("kill -9 during optimize") && l.contains("checksums")), summary);
        assertTrue(rows.stream().anyMatch(l -> l.startsWith("kill -9 during restore") && l.contains("checksums")), summary);
        assertTrue(rows.stream().anyMatch(l -> l.startsWith("two+ processes") && l.contains("(Spark scanned v")), summary);
        assertTrue(summary.contains("Ran: concurrent writers + OPTIMIZE ×1, two+ processes, one lake ×1, kill -9 during append ×1, "
                + "kill -9 during optimize ×1, kill -9 during restore ×1, kill -9 during checksum write ×1"), summary);
        assertTrue(summary.contains("no lost rows") && !summary.contains("DID NOT RUN"), summary);
        ReliabilitySuite.record(new ScenarioResult("lakelens torture, one pass", 6, 0, 0,
                "every scenario and kind of kill ran (seed " + SEED + ", 20-row batches); the checksum-write kill runs here"));
    }
}
