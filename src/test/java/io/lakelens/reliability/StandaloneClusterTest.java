package io.lakelens.reliability;

import io.lakelens.cli.Main;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LakeLens on a real Spark standalone cluster (master and worker on loopback, executors in
 * their own JVMs). This test JVM already owns a local SparkContext, so the demo runs as a
 * second LakeLens process: {@code lakelens cluster-demo}. It takes minutes on two cores, so
 * it is tagged {@code cluster} and left out of the default run; run it with
 * {@code mvn -B verify -Dtest=StandaloneClusterTest -Dlakelens.excludedGroups=none} or use
 * {@code lakelens cluster-demo}.
 */
@Tag("cluster")
class StandaloneClusterTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 25, unit = TimeUnit.MINUTES) // the demo itself is given 20
    void generateSearchTimeTravelAndOptimizeGiveTheSameAnswersOnTheClusterAsLocally() throws Exception {
        ChildJvm demo = ChildJvm.start("cluster-demo", Main.class.getName(),
                List.of("cluster-demo", "--work", dir.resolve("work").toString(), "--no-redis"), List.of("-Xmx2g"), Map.of(),
                dir.resolve("logs"));
        int code = demo.waitFor(Duration.ofMinutes(20));
        String out = String.join("\n", demo.lines());
        assertEquals(0, code, out + "\n" + demo.tail());
        String table = Files.readString(dir.resolve("work/cluster-demo.txt"));
        assertFalse(table.contains("NO:"), table);
        for (String step : List.of("generate", "search (Spark route)", "time travel", "OPTIMIZE")) {
            assertTrue(table.contains(step), table);
        }
        ReliabilitySuite.record(new ScenarioResult("standalone cluster = local", table.lines().count() - 1, 0, 0,
                "same answers on spark:// as on local[2]"));
    }
}
