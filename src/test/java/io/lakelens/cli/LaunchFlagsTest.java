package io.lakelens.cli;

import io.lakelens.lake.JvmFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The heap rule every launcher follows: the variable, else the heap saved in Preferences, else half the memory. */
@Timeout(120)
class LaunchFlagsTest {
    private static final long GIB = 1L << 30;

    @TempDir
    Path home;

    private Path saved(String heap) throws IOException {
        Path f = home.resolve("workbench.properties");
        Files.writeString(f, "theme=dark\n" + LaunchFlags.HEAP_KEY + "=" + heap + "\n");
        return f;
    }

    @Test
    void theVariableWinsOverTheSavedHeap() throws IOException {
        Path settings = saved("6g");
        assertEquals("-Xmx2g", LaunchFlags.heap("2g", settings, 64 * GIB));
        assertEquals("-Xmx3g", LaunchFlags.heap("-Xmx3g", settings, 64 * GIB), "a full option is kept");
    }

    @Test
    void theSavedHeapAppliesWhenTheVariableIsUnsetOrBlank() throws IOException {
        Path settings = saved("6g");
        assertEquals("-Xmx6g", LaunchFlags.heap(null, settings, 64 * GIB));
        assertEquals("-Xmx6g", LaunchFlags.heap("  ", settings, 64 * GIB));
        assertEquals("-Xmx4096m", LaunchFlags.heap(null, saved(" 4096m "), 64 * GIB));
    }

    @Test
    void withNothingAskedTheHeapIsHalfTheMemoryBetweenOneAndEightGiB() {
        Path none = home.resolve("missing.properties");
        assertEquals("-Xmx1024m", LaunchFlags.heap(null, none, GIB));
        assertEquals("-Xmx3072m", LaunchFlags.heap(null, none, 6 * GIB));
        assertEquals("-Xmx8192m", LaunchFlags.heap(null, none, 64 * GIB));
        assertEquals("-Xmx1024m", LaunchFlags.heap(null, none, 0), "unknown memory: the floor");
    }

    @Test
    void aSavedHeapThatIsNotASizeIsIgnored() throws IOException {
        assertEquals("-Xmx3072m", LaunchFlags.heap(null, saved("lots"), 6 * GIB));
        assertEquals("-Xmx3072m", LaunchFlags.heap(null, saved("-XX:+UseSerialGC"), 6 * GIB),
                "a saved value never passes other options");
    }

    @Test
    void theInstalledAppStartsAgainWithTheAskedHeapInPlaceOfItsPackagedSizing() throws IOException {
        Path java = Path.of("/opt/lakelens/lib/runtime/bin/java");
        String heap = LaunchFlags.option(LaunchFlags.asked(null, saved("6g")).orElseThrow());

        List<String> cmd = InstalledHeap.command(java, heap,
                List.of("-XX:MaxRAMPercentage=50", "-XX:ErgoHeapSizeLimit=8g", "-Dlakelens.installed=true",
                        "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx512m"),
                "/opt/lakelens/lib/app/lakelens.jar", new String[]{"search", "AAPL"});

        assertEquals(List.of(java.toString(), "-Dlakelens.installed=true", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-Xmx6g", "-cp", "/opt/lakelens/lib/app/lakelens.jar", Main.class.getName(), "search", "AAPL"), cmd);
    }

    @Test
    void theLaunchersEntryPointPrintsTheSavedHeapThenSparksFlags() throws Exception {
        Path settings = saved("6g");

        List<String> saved = run(List.of(java(), "-Dlakelens.settings=" + settings, "-cp", classes(),
                LaunchFlags.class.getName()), Map.of());
        List<String> overridden = run(List.of(java(), "-Dlakelens.settings=" + settings, "-cp", classes(),
                LaunchFlags.class.getName()), Map.of("LAKELENS_HEAP", "512m"));

        assertEquals("-Xmx6g", saved.getFirst());
        assertEquals(JvmFlags.forSpark(), saved.subList(1, saved.size()));
        assertEquals("-Xmx512m", overridden.getFirst());
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void theShellLauncherStartsTheAppWithTheSavedHeap() throws Exception {
        Path settings = saved("6g");
        Path script = Path.of("installer", "find-jdk.sh").toAbsolutePath();
        String bash = "source '" + script + "' && JAVA='" + java() + "' && lakelens_launch_flags '" + classes()
                + "' && printf '%s\\n' \"${LAKELENS_FLAGS[@]}\"";
        // JAVA_TOOL_OPTIONS reaches the JVM the script starts: it reads this settings file, not the analyst's
        Map<String, String> env = Map.of("JAVA_TOOL_OPTIONS", "-Dlakelens.settings=" + settings);

        List<String> flags = run(List.of("bash", "-c", bash), env);

        assertEquals("-Xmx6g", flags.getFirst());
        assertTrue(flags.containsAll(JvmFlags.forSpark()), flags.toString());
    }

    /** The words a command printed on standard output; it must exit 0. The variable is removed unless given. */
    private static List<String> run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("LAKELENS_HEAP");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        List<String> words = Arrays.stream(out.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
        assertFalse(words.isEmpty(), "printed nothing");
        return words;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The compiled classes alone, as the scripts give the launcher JVM the jar alone. */
    private static String classes() throws Exception {
        return Path.of(LaunchFlags.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
