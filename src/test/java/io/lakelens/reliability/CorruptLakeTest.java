package io.lakelens.reliability;

import io.lakelens.LakeLensException;
import io.lakelens.TestLakes;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lakes damaged on disk: LakeLens reads what can be read, names what cannot, and writes nothing. */
class CorruptLakeTest {
    @TempDir
    static Path lake;
    static LakeEngine engine;

    @BeforeAll
    static void engine() {
        engine = TestLakes.engine(lake);
    }

    /** v0 10 rows, v1 15, v2 20; {@code checkpointEvery} 0 leaves Delta's default. */
    static Path threeVersions(String table, int checkpointEvery) {
        String path = engine.tablePath(table).toString();
        engine.write(table, "v0", s -> {
            var w = s.range(0, 10).write().format("delta");
            if (checkpointEvery > 0) {
                w = w.option("delta.checkpointInterval", checkpointEvery);
            }
            w.save(path);
            return null;
        });
        engine.write(table, "v1", s -> {
            s.range(10, 15).write().format("delta").mode("append").save(path);
            return null;
        });
        engine.write(table, "v2", s -> {
            s.range(15, 20).write().format("delta").mode("append").save(path);
            return null;
        });
        return engine.tablePath(table);
    }

    static Path commit(Path table, long v) {
        return table.resolve("_delta_log").resolve(String.format("%020d.json", v));
    }

    static void dropChecksums(Path table) throws IOException {
        try (Stream<Path> s = Files.list(table.resolve("_delta_log"))) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".crc")).toList()) {
                Files.delete(p);
            }
        }
    }

    static long count(String table, AsOf asOf) {
        var df = engine.read(table, asOf);
        return engine.readAction(table, asOf, df::count);
    }

    @Test
    void truncatedLatestCommitIsNamedWhileOlderVersionsStillRead() throws Exception {
        Path t = threeVersions("truncated", 0);
        dropChecksums(t);
        byte[] whole = Files.readAllBytes(commit(t, 2));
        Files.write(commit(t, 2), java.util.Arrays.copyOf(whole, whole.length / 2));
        String before = TestLakes.fingerprint(t);

        var e = assertThrows(LakeLensException.class, () -> count("truncated", AsOf.LATEST));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("corrupt"), e.getMessage());
        assertTrue(e.getMessage().contains("version 2"), "names the damaged commit: " + e.getMessage());
        // The log up to version 1 is intact (Kernel resolves it), but Spark's Delta reader loads
        // the newest commit before any time travel, so version 1 is refused with the same message.
        assertEquals(1, engine.resolveVersion("truncated", new AsOf.Version(1)));
        for (String asOf : new String[]{"latest", "1"}) {
            CliRun r = CliRun.on(lake, "query", "SELECT count(*) FROM truncated", "--as-of", asOf);
            assertTrue(r.isCleanUserError(), r.err());
            assertTrue(r.err().contains("version 2"), r.err());
        }
        assertEquals(before, TestLakes.fingerprint(t), "reading a damaged table writes nothing");
        record("truncated latest commit JSON", 4, "refused with a message naming the damaged version; nothing written");
    }

    @Test
    void garbageInACommitIsNamedAndNothingIsWritten() throws Exception {
        Path t = threeVersions("garbage", 0);
        dropChecksums(t);
        byte[] junk = new byte[300];
        new Random(7).nextBytes(junk);
        Files.write(commit(t, 1), junk);
        String before = TestLakes.fingerprint(t);

        var e = assertThrows(LakeLensException.class, () -> count("garbage", AsOf.LATEST));
        assertTrue(e.getMessage().contains("garbage") && e.getMessage().contains("version 1"), e.getMessage());
        for (String[] args : new String[][]{{"describe", "garbage"}, {"history", "garbage"}, {"tables"}}) {
            CliRun r = CliRun.on(lake, args);
            assertTrue(r.code() == 0 || r.isCleanUserError(), String.join(" ", args) + " -> " + r.code() + " " + r.err());
        }
        assertEquals(before, TestLakes.fingerprint(t));
        record("garbage commit JSON", 4, "message names table and version; describe/history/tables exit 0 or 1; nothing written");
    }

    @Test
    void missingCheckpointNamedByLastCheckpointFallsBackToTheLog() throws Exception {
        Path t = threeVersions("checkpointed", 2);
        Path log = t.resolve("_delta_log");
        assertTrue(Files.exists(log.resolve("_last_checkpoint")), "Delta wrote a checkpoint at version 2");
        try (Stream<Path> s = Files.list(log)) {
            for (Path p : s.filter(p -> p.getFileName().toString().contains(".checkpoint.")).toList()) {
                Files.delete(p);
            }
        }
        String before = TestLakes.fingerprint(t);
        long latest;
        try {
            latest = count("checkpointed", AsOf.LATEST);
        } catch (LakeLensException e) {
            assertTrue(e.getMessage().contains("checkpointed"), e.getMessage());
            assertFalse(e.getMessage().contains("Exception"), e.getMessage());
            latest = -1;
        }
        assertEquals(20, latest, "every commit's JSON is still there, so the table reads from the log alone");
        assertEquals(10, count("checkpointed", new AsOf.Version(0)));
        assertEquals(before, TestLakes.fingerprint(t));
        record("checkpoint named by _last_checkpoint missing", 2, "read from the JSON log: 20 rows at latest; nothing written");
    }

    @Test
    void missingDataFileIsNamedAndOtherTablesStillRead() throws Exception {
        Path t = threeVersions("holed", 0);
        Path victim;
        try (Stream<Path> s = Files.list(t)) {
            victim = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
        }
        Files.delete(victim);
        String before = TestLakes.fingerprint(t);
        // a count alone is answered from the log's statistics; summing the column reads the files
        var e = assertThrows(LakeLensException.class, () -> {
            var df = engine.read("holed", AsOf.LATEST);
            engine.readAction("holed", AsOf.LATEST, () -> df.agg(org.apache.spark.sql.functions.sum("id")).collectAsList());
        });
        assertTrue(e.getMessage().contains("data file it needs is missing"), e.getMessage());
        CliRun r = CliRun.on(lake, "query", "SELECT sum(id) FROM holed");
        assertTrue(r.isCleanUserError(), r.err());
        assertEquals(before, TestLakes.fingerprint(t));
        record("missing data file", 2, "clear message naming the missing file cause; nothing written");
    }

    static void record(String scenario, long ops, String detail) {
        ReliabilitySuite.record(new ScenarioResult(scenario, ops, 0, 0, detail));
    }
}
