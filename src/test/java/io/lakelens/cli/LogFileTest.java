package io.lakelens.cli;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The product's log configuration, in a JVM of its own that reads it as the application does:
 * everything goes to lakelens.log, which rolls over by size and keeps a fixed number of files;
 * nothing reaches the terminal; the level comes from LAKELENS_LOG_LEVEL.
 */
@Timeout(120)
class LogFileTest {
    /** Logs {@code args[0]} warnings of about 100 bytes and one info line, as a LakeLens process would. */
    public static final class Chatter {
        public static void main(String[] args) {
            Logger log = LogManager.getLogger("org.apache.spark.scheduler.TaskSetManager");
            log.info("an info line");
            for (int i = 0; i < Integer.parseInt(args[0]); i++) {
                log.warn("warning {} {}", i, "x".repeat(60));
            }
        }
    }

    private static Process chatter(Path dir, int lines, Map<String, String> env, String... props) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Dlakelens.log.dir=" + dir);
        cmd.addAll(List.of(props));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Chatter.class.getName(), String.valueOf(lines)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("LAKELENS_LOG_LEVEL");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS));
        return p;
    }

    @Test
    void theLogRollsOverBySizeKeepsTheConfiguredNumberOfFilesAndNeverWritesToTheTerminal(@TempDir Path dir) throws Exception {
        Process p = chatter(dir, 2000, Map.of(), "-Dlakelens.log.maxSize=10KB", "-Dlakelens.log.keep=3");
        String terminal = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.exitValue(), terminal);
        assertEquals("", terminal, "nothing on stdout or stderr");
        List<String> names;
        try (Stream<Path> files = Files.list(dir)) {
            names = files.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("lakelens.1.log", "lakelens.2.log", "lakelens.3.log", "lakelens.log"), names);
        for (String n : names) {
            assertTrue(Files.size(dir.resolve(n)) < 12 * 1024, n + " is " + Files.size(dir.resolve(n)) + " bytes");
        }
        List<String> newest = Files.readAllLines(dir.resolve("lakelens.log"));
        assertTrue(newest.getLast().contains("warning 1999 "), newest.getLast());
        assertFalse(Files.readString(dir.resolve("lakelens.1.log")).contains("an info line"), "WARN by default");
    }

    @Test
    void lakelensLogLevelFromTheEnvironmentSetsTheLevel(@TempDir Path dir) throws Exception {
        Process p = chatter(dir, 1, Map.of("LAKELENS_LOG_LEVEL", "INFO"));
        assertEquals(0, p.exitValue());
        String log = Files.readString(dir.resolve("lakelens.log"));
        assertTrue(log.contains("INFO [main] TaskSetManager: an info line"), log);
        assertTrue(log.contains("WARN [main] TaskSetManager: warning 0 "), log);
    }
}
