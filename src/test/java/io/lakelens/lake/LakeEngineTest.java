package io.lakelens.lake;

import io.lakelens.LakeLensException;
import io.lakelens.TestLakes;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LakeEngineTest {
    @TempDir
    static Path lake;
    static LakeEngine engine;

    @BeforeAll
    static void threeCommits() {
        engine = TestLakes.engine(lake);
        engine.write("prices", "initial load", s -> {
            s.range(0, 10).selectExpr("id", "cast(id * 1.5 as double) as price")
                    .write().format("delta").save(engine.tablePath("prices").toString());
            return null;
        });
        engine.write("prices", "append day 2", s -> {
            s.range(10, 15).selectExpr("id", "cast(id * 1.5 as double) as price")
                    .write().format("delta").mode("append").save(engine.tablePath("prices").toString());
            return null;
        });
        engine.write("prices", "remove bad tick", s -> {
            io.delta.tables.DeltaTable.forPath(s, engine.tablePath("prices").toString()).delete("id = 3");
            return null;
        });
    }

    @Test
    void readsLatestAndEachVersion() {
        assertEquals(14, engine.read("prices", AsOf.LATEST).count());
        assertEquals(10, engine.read("prices", new AsOf.Version(0)).count());
        assertEquals(15, engine.read("prices", new AsOf.Version(1)).count());
        assertEquals(2, engine.latestVersion("prices"));
    }

    @Test
    void historyRecordsUserAndReasonOfEveryCommit() {
        List<Commit> h = engine.history("prices", 0);
        assertEquals(List.of(2L, 1L, 0L), h.stream().map(Commit::version).toList());
        assertEquals(List.of("remove bad tick", "append day 2", "initial load"), h.stream().map(Commit::reason).toList());
        assertEquals(System.getProperty("user.name"), h.get(0).user());
        assertEquals("DELETE", h.get(0).operation());
        assertEquals(1, h.get(0).metric("numDeletedRows"));
    }

    @Test
    void catalogueListsTheTableWithItsVersionAndRows() {
        TableInfo t = engine.describe("prices");
        assertEquals(2, t.version());
        assertEquals(14, t.rowCount());
        assertTrue(t.fileCount() >= 1);
        assertTrue(engine.tableNames().contains("prices"));
    }

    /**
     * Another writer's commit must be read at once, even when Spark's own snapshot of the table
     * is fresh enough for its staleness limit. The other writer here is a second Delta log
     * instance over the same folder (a file-system option keys Delta's log cache), so this
     * engine's snapshot learns nothing of its commit, exactly as with another process.
     */
    @Test
    void aCommitThisEngineDidNotMakeIsReadAtOnce() {
        String path = engine.tablePath("other_writer").toString();
        engine.write("other_writer", "seed", s -> {
            s.range(0, 5).selectExpr("id").write().format("delta").save(path);
            return null;
        });
        // (no read here: this engine last saw the table through its own commit)
        engine.spark().range(5, 8).selectExpr("id").write().format("delta").mode("append")
                .option("fs.lakelens.test.writer", "another").save(path);
        assertEquals(1, engine.latestVersion("other_writer"));
        assertEquals(8, engine.read("other_writer", AsOf.LATEST).collectAsList().size());
    }

    @Test
    void versionBeyondLatestIsAClearErrorAndChangesNothing() {
        String before = TestLakes.fingerprint(lake.resolve("prices"));
        var e = assertThrows(LakeLensException.class, () -> engine.read("prices", new AsOf.Version(99)));
        assertTrue(e.getMessage().contains("no readable version 99"), e.getMessage());
        assertEquals(before, TestLakes.fingerprint(lake.resolve("prices")));
    }

    @Test
    void timestampBeforeTheTableExistedIsAClearError() {
        var e = assertThrows(LakeLensException.class,
                () -> engine.read("prices", new AsOf.Timestamp(Instant.parse("2001-01-01T00:00:00Z"))));
        assertTrue(e.getMessage().contains("before the table existed"), e.getMessage());
    }

    @Test
    void missingTableAndNonDeltaFolderAreNamed() throws Exception {
        var missing = assertThrows(LakeLensException.class, () -> engine.read("nope", AsOf.LATEST));
        assertTrue(missing.getMessage().contains("No table 'nope'"), missing.getMessage());
        Files.createDirectories(lake.resolve("plain"));
        Files.writeString(lake.resolve("plain/readme.txt"), "not a table");
        var plain = assertThrows(LakeLensException.class, () -> engine.read("plain", AsOf.LATEST));
        assertTrue(plain.getMessage().contains("not a Delta table"), plain.getMessage());
    }

    @Test
    void missingLakeFolderIsNamed() {
        LakeEngine other = TestLakes.engine(lake.resolve("does-not-exist"));
        var e = assertThrows(LakeLensException.class, () -> other.read("prices", AsOf.LATEST));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void tableNamesThatEscapeTheLakeAreRefusedAndNestedOnesAreFolders() {
        assertThrows(LakeLensException.class, () -> engine.tablePath("../etc"));
        assertThrows(LakeLensException.class, () -> engine.tablePath("/etc"));
        assertEquals(lake.resolve("a").resolve("b-c d"), engine.tablePath("a/b-c d"));
    }

    @Test
    void corruptLogIsAClearErrorAndLeavesTheFilesAsTheyWere() throws Exception {
        SparkSession s = engine.spark();
        engine.write("broken", "load", x -> {
            s.range(0, 3).write().format("delta").save(engine.tablePath("broken").toString());
            return null;
        });
        Path log = lake.resolve("broken/_delta_log/00000000000000000000.json");
        Files.deleteIfExists(log.resolveSibling(".00000000000000000000.json.crc"));
        Files.writeString(log, "{\"commitInfo\": {\"timestamp\": 17");
        String before = TestLakes.fingerprint(lake.resolve("broken"));
        var e = assertThrows(LakeLensException.class, () -> {
            var df = engine.read("broken", AsOf.LATEST);
            engine.readAction("broken", AsOf.LATEST, df::count);
        });
        assertTrue(e.getMessage().contains("broken"), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("corrupt") || e.getMessage().toLowerCase().contains("log"),
                e.getMessage());
        assertEquals(before, TestLakes.fingerprint(lake.resolve("broken")));
    }

    @Test
    void readOnlyLakeRefusesWrites() {
        LakeEngine ro = new LakeEngine(TestLakes.config(lake).withReadOnly(true));
        var e = assertThrows(LakeLensException.class, () -> ro.write("prices", "x", s -> null));
        assertTrue(e.getMessage().contains("read-only"));
    }

    @Test
    void asOfParsesVersionsDatesAndInstants() {
        assertEquals(new AsOf.Version(5), AsOfs.parse("5"));
        assertEquals(AsOf.LATEST, AsOfs.parse(" "));
        assertEquals(new AsOf.Timestamp(Instant.parse("2024-03-15T00:00:00Z")), AsOfs.parse("2024-03-15"));
        assertEquals(new AsOf.Timestamp(Instant.parse("2024-03-15T10:00:00Z")), AsOfs.parse("2024-03-15T10:00:00Z"));
        assertThrows(LakeLensException.class, () -> AsOfs.parse("yesterday-ish"));
    }
}
