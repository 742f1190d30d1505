package io.lakelens.reliability;

import io.lakelens.TestLakes;
import io.lakelens.cli.Main;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.ingest.StreamIngest;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lakelens stream} killed with SIGKILL at the worst moment — a micro-batch's rows
 * committed to Delta, the stream's checkpoint not yet told — and started again: every input row
 * is in the table exactly once, and a file with a malformed line is in quarantine, not the table.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES) // two JVMs with Spark, one after the other, on two cores
class StreamKillTest {
    @TempDir
    static Path dir;

    @Test
    void aStreamKilledAfterACommitAndRestartedLandsEveryRowExactlyOnce() throws IOException {
        Path lake = dir.resolve("lake");
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        LakeEngine engine = TestLakes.engine(lake);
        engine.write("ticks", "create", s -> {
            s.sql("SELECT CAST(0 AS BIGINT) AS id, 'seed' AS name, CAST(0 AS DOUBLE) AS price")
                    .write().format("delta").save(engine.tablePath("ticks").toString());
            return null;
        });
        // the stream takes files oldest first: parts 0 to 3, then the broken file
        Instant t = Instant.now().minusSeconds(600);
        for (int f = 0; f < 4; f++) {
            csv(in.resolve("part-" + f + ".csv"), f * 5 + 1, f * 5 + 5);
            Files.setLastModifiedTime(in.resolve("part-" + f + ".csv"), FileTime.from(t.plusSeconds(f * 10L)));
        }
        Files.writeString(in.resolve("broken.csv"), "id,name,price\n999,broken,not-a-price\n");
        Files.setLastModifiedTime(in.resolve("broken.csv"), FileTime.from(t.plusSeconds(100)));

        List<String> args = List.of("stream", "--from", in.toString(), "--table", "ticks", "--lake", lake.toString(),
                "--no-redis", "--max-files", "1", "--interval-ms", "100");
        List<String> jvm = List.of("-Xmx768m", "-D" + StreamIngest.HOLD_AFTER_COMMIT + "=1");
        long committedBeforeKill;
        try (ChildJvm first = ChildJvm.start("stream-1", Main.class.getName(), args, jvm, Map.of(), dir.resolve("logs"))) {
            first.await(l -> l.startsWith(StreamIngest.HOLDING), Duration.ofMinutes(8));
            first.kill();
            assertFalse(first.isAlive());
            // batch 1's rows are committed: the kill came after its commit, before the checkpoint knew
            committedBeforeKill = engine.countRows("ticks", AsOf.LATEST) - 1;
            assertTrue(committedBeforeKill >= 5, "rows committed before the kill: " + committedBeforeKill);
        }

        csv(in.resolve("part-4.csv"), 21, 25); // arrives while the stream is down
        List<String> again = new ArrayList<>(args);
        again.add("--once");
        try (ChildJvm second = ChildJvm.start("stream-2", Main.class.getName(), again, List.of("-Xmx768m"), Map.of(),
                dir.resolve("logs"))) {
            assertEquals(0, second.waitFor(Duration.ofMinutes(8)), second.tail());
            assertTrue(second.lines().stream().anyMatch(l -> l != null && l.startsWith("batch 1 · already committed")),
                    "the replayed batch is skipped by Delta: " + second.lines() + "\n" + second.tail());
        }

        List<Long> ids = engine.read("ticks", AsOf.LATEST).where("id > 0").select("id").orderBy("id")
                .collectAsList().stream().map(r -> r.getLong(0)).toList();
        assertEquals(LongStream.rangeClosed(1, 25).boxed().toList(), ids, "every input row exactly once");
        Row broken = engine.read("ticks", AsOf.LATEST).where("id = 999").groupBy().count().first();
        assertEquals(0L, broken.getLong(0));
        Path quarantine = Files.list(lake.resolve(".lakelens/streams")).findFirst().orElseThrow().resolve("quarantine");
        assertTrue(Files.exists(quarantine.resolve("broken.csv")));
        assertTrue(Files.readString(quarantine.resolve("broken.csv.reason.txt")).contains("not-a-price"));
        assertFalse(Files.exists(in.resolve("broken.csv")));
    }

    private static void csv(Path file, int from, int to) throws IOException {
        StringBuilder b = new StringBuilder("id,name,price\n");
        for (int i = from; i <= to; i++) {
            b.append(i).append(",row ").append(i).append(',').append(i * 1.5).append('\n');
        }
        Files.writeString(file, b);
    }
}
