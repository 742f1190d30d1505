package io.lakelens.lake;

import io.delta.tables.DeltaTable;
import io.lakelens.LakeLensException;
import io.lakelens.TestLakes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** v0 load (one file), v1 update, v2 delete, v3–v4 VACUUM with no retention: v0 and v1 lose their files. */
class VacuumedVersionsTest {
    static final String T = "positions";
    @TempDir
    static Path lake;
    static LakeEngine engine;
    static TimeTravel tt;

    @BeforeAll
    static void vacuumedHistory() {
        engine = TestLakes.engine(lake);
        tt = new TimeTravel(engine);
        String path = engine.tablePath(T).toString();
        engine.write(T, "load", s -> {
            s.range(1, 6).selectExpr("id", "CAST(id * 100 AS BIGINT) AS qty").coalesce(1).write().format("delta").save(path);
            return null;
        });
        engine.write(T, "fix qty of 2", s -> {
            DeltaTable.forPath(s, path).update(col("id").equalTo(2L), Map.of("qty", lit(250L)));
            return null;
        });
        engine.write(T, "drop 3", s -> {
            DeltaTable.forPath(s, path).delete(col("id").equalTo(3L));
            return null;
        });
        engine.write(T, "reclaim disk space", s -> {
            s.conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
            DeltaTable.forPath(s, path).vacuum(0);
            return null;
        });
    }

    @Test
    void timelineGreysOutVersionsWhoseFilesTheVacuumRemoved() {
        Timeline t = tt.timeline(T);
        assertEquals(4, t.latest());
        TimelineNode v0 = t.node(0).orElseThrow();
        assertEquals(VersionStatus.VACUUMED, v0.status());
        assertEquals(3, v0.removedBy());
        assertEquals(1, v0.missingFiles());
        assertEquals(VersionStatus.VACUUMED, t.node(1).orElseThrow().status());
        assertTrue(t.node(2).orElseThrow().readable());
        assertEquals(OperationKind.VACUUM, t.node(3).orElseThrow().kind());
        assertEquals(OperationKind.VACUUM, t.node(4).orElseThrow().kind());
        assertTrue(t.whyUnreadable(v0).contains("removed by the VACUUM at version 3"), t.whyUnreadable(v0));
        assertTrue(t.whyUnreadable(v0).contains("reclaim disk space"), t.whyUnreadable(v0));
    }

    @Test
    void readingAVacuumedVersionNamesTheVacuumNotAStackTrace() {
        String before = TestLakes.fingerprint(lake.resolve(T));
        var browse = assertThrows(LakeLensException.class, () -> tt.browse(BrowseRequest.of(T, new AsOf.Version(0))));
        assertTrue(browse.getMessage().contains("VACUUM at version 3") && browse.getMessage().contains("Readable versions: 2–4"),
                browse.getMessage());
        var diff = assertThrows(LakeLensException.class, () -> tt.diff(T, new AsOf.Version(1), new AsOf.Version(2), List.of("id")));
        assertTrue(diff.getMessage().contains("Version 1 of " + T + " is no longer readable"), diff.getMessage());
        var restore = assertThrows(LakeLensException.class, () -> tt.previewRestore(T, new AsOf.Version(0), List.of("id")));
        assertTrue(restore.getMessage().contains("VACUUM"), restore.getMessage());
        assertEquals(before, TestLakes.fingerprint(lake.resolve(T)));
    }

    @Test
    void rowTrailStartsWhereTheChangeFeedIsStillOnDisk() {
        RowTrail trail = tt.trail(T, "id=2");
        assertEquals(3, trail.fromVersion());
        assertTrue(trail.note().contains("changes before version 3 are not recorded"), trail.note());
        assertEquals(1, trail.events().size());
        RowEvent present = trail.events().get(0);
        assertEquals(RowEvent.Kind.PRESENT, present.kind());
        assertEquals(250L, present.after().get("qty"));
    }

    @Test
    void aFileDeletedByHandIsReportedAsMissingWithoutAVacuum() throws Exception {
        String table = "hand_deleted";
        String path = engine.tablePath(table).toString();
        engine.write(table, "load", s -> {
            s.range(0, 10).coalesce(1).write().format("delta").save(path);
            return null;
        });
        try (Stream<Path> files = Files.list(lake.resolve(table))) {
            Path parquet = files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
            Files.delete(parquet);
        }
        TimelineNode v0 = tt.timeline(table).node(0).orElseThrow();
        assertEquals(VersionStatus.FILES_MISSING, v0.status());
        assertEquals(-1, v0.removedBy());
        var e = assertThrows(LakeLensException.class, () -> tt.browse(BrowseRequest.of(table, AsOf.LATEST)));
        assertTrue(e.getMessage().contains("missing from disk"), e.getMessage());
        assertTrue(e.getMessage().contains("No version of " + table + " is readable"), e.getMessage());
    }

    @Test
    void versionsBeforeACleanedUpCheckpointAreMarkedLogExpired() throws Exception {
        String table = "long_history";
        String path = engine.tablePath(table).toString();
        for (int i = 0; i < 12; i++) {
            final int n = i;
            engine.write(table, "batch " + n, s -> {
                s.range(n * 10L, n * 10L + 10).write().format("delta").mode(n == 0 ? "errorifexists" : "append").save(path);
                return null;
            });
        }
        Path log = lake.resolve(table).resolve("_delta_log");
        assertTrue(Files.exists(log.resolve(String.format("%020d.checkpoint.parquet", 10))), "Delta checkpoints every 10 commits");
        for (int v = 0; v < 5; v++) {
            Files.delete(log.resolve(String.format("%020d.json", v)));
        }
        Timeline t = tt.timeline(table);
        assertEquals(5, t.earliest());
        assertEquals(11, t.latest());
        assertEquals(VersionStatus.LOG_EXPIRED, t.node(9).orElseThrow().status());
        assertTrue(t.node(10).orElseThrow().readable());
        assertTrue(t.node(11).orElseThrow().readable());
        assertEquals("batch 7", t.node(7).orElseThrow().reason());
        var old = assertThrows(LakeLensException.class, () -> tt.browse(BrowseRequest.of(table, new AsOf.Version(2))));
        assertTrue(old.getMessage().contains("no longer in its log"), old.getMessage());
        assertEquals(120, tt.browse(BrowseRequest.of(table, new AsOf.Version(11))).total());
        assertFalse(t.schemaChanges().isEmpty());
    }
}
