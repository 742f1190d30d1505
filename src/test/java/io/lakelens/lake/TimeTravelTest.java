package io.lakelens.lake;

import io.delta.tables.DeltaTable;
import io.lakelens.LakeLensException;
import io.lakelens.TestLakes;
import io.lakelens.data.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A trades table with one commit of each kind:
 * v0 create trades 1–10, v1 correct prices of 2 and 3, v2 compliance delete of 5, v3 append 11–12,
 * v4 optimize, v5 append 13 adding a column "note".
 */
class TimeTravelTest {
    static final String T = Tables.Transactions.NAME;
    @TempDir
    static Path lake;
    static LakeEngine engine;
    static TimeTravel tt;

    @BeforeAll
    static void history() {
        engine = TestLakes.engine(lake);
        tt = new TimeTravel(engine);
        writeTrades(engine, T, true);
    }

    static void writeTrades(LakeEngine engine, String table, boolean changeFeed) {
        String path = engine.tablePath(table).toString();
        engine.write(table, "initial load", s -> {
            trades(s, 1, 10).write().format("delta").option("delta.enableChangeDataFeed", String.valueOf(changeFeed)).save(path);
            return null;
        });
        engine.write(table, "price correction from the venue", s -> {
            DeltaTable.forPath(s, path).update(col("trade_id").isin(2L, 3L), Map.of("price", col("price").plus(lit(0.5))));
            return null;
        });
        engine.write(table, "compliance: erroneous trade", s -> {
            DeltaTable.forPath(s, path).delete(col("trade_id").equalTo(5L));
            return null;
        });
        engine.write(table, "late trades", s -> {
            trades(s, 11, 12).write().format("delta").mode("append").save(path);
            return null;
        });
        engine.write(table, "compact files", s -> {
            DeltaTable.forPath(s, path).optimize().executeCompaction();
            return null;
        });
        engine.write(table, "add note column", s -> {
            trades(s, 13, 13).withColumn("note", lit("desk B")).write().format("delta").mode("append")
                    .option("mergeSchema", "true").save(path);
            return null;
        });
    }

    static Dataset<Row> trades(SparkSession s, long from, long to) {
        return s.range(from, to + 1).selectExpr("id AS trade_id", "CASE WHEN id % 2 = 0 THEN 'AAPL' ELSE 'MSFT' END AS symbol",
                "CAST(id * 10 AS INT) AS quantity", "CAST(100 + id AS DOUBLE) AS price");
    }

    @Test
    void timelineTypesEveryCommitWithRowsAndReasons() {
        Timeline t = tt.timeline(T);
        assertEquals(0, t.earliest());
        assertEquals(5, t.latest());
        List<OperationKind> kinds = t.nodes().stream().map(TimelineNode::kind).toList();
        assertEquals(List.of(OperationKind.WRITE, OperationKind.UPDATE, OperationKind.DELETE, OperationKind.WRITE,
                OperationKind.OPTIMIZE, OperationKind.SCHEMA_CHANGE), kinds);
        TimelineNode update = t.node(1).orElseThrow();
        assertEquals(2, update.rowsUpdated());
        assertEquals("price correction from the venue", update.reason());
        assertEquals(System.getProperty("user.name"), update.user());
        TimelineNode delete = t.node(2).orElseThrow();
        assertEquals(1, delete.rowsRemoved());
        assertEquals(10, t.node(0).orElseThrow().rowsAdded());
        assertEquals(2, t.node(3).orElseThrow().rowsAdded());
        TimelineNode optimize = t.node(4).orElseThrow();
        assertEquals(0, optimize.rowsChanged());
        assertTrue(optimize.filesRemoved() > 1 && optimize.filesAdded() == 1, optimize.toString());
        assertTrue(t.nodes().stream().allMatch(TimelineNode::readable));
        assertTrue(t.node(5).orElseThrow().timestamp().isAfter(t.node(0).orElseThrow().timestamp()));
    }

    @Test
    void schemaTimelineNamesTheVersionThatAddedAColumn() {
        List<SchemaChange> changes = tt.schemaTimeline(T);
        assertEquals(4, changes.stream().filter(c -> c.kind() == SchemaChange.Kind.CREATED && c.version() == 0).count());
        SchemaChange added = changes.stream().filter(c -> c.kind() == SchemaChange.Kind.ADDED).findFirst().orElseThrow();
        assertEquals("note", added.column());
        assertEquals(5, added.version());
        assertEquals("string", added.toType());
    }

    @Test
    void rowCountsOfEachVersionHonourTheDeletionVectorsOfThatVersion() {
        String table = "dv_trades";
        String path = engine.tablePath(table).toString();
        engine.write(table, "initial load", sp -> {
            trades(sp, 1, 10).coalesce(1).write().format("delta").option("delta.enableDeletionVectors", "true")
                    .option("delta.enableChangeDataFeed", "true").save(path);
            return null;
        });
        engine.write(table, "erase two trades", sp -> {
            DeltaTable.forPath(sp, path).delete(col("trade_id").isin(4L, 7L));
            return null;
        });
        engine.write(table, "erase one more", sp -> {
            DeltaTable.forPath(sp, path).delete(col("trade_id").equalTo(9L));
            return null;
        });
        try (VersionDiff d = tt.diff(table, new AsOf.Version(0), new AsOf.Version(1), List.of("trade_id"))) {
            assertEquals(10, d.summary().rowsFrom(), "version 0 before any deletion vector");
            assertEquals(8, d.summary().rowsTo());
            assertEquals(2, d.summary().removed());
        }
        try (VersionDiff d = tt.diff(table, new AsOf.Version(1), new AsOf.Version(2), List.of("trade_id"))) {
            assertEquals(8, d.summary().rowsFrom());
            assertEquals(7, d.summary().rowsTo());
        }
    }

    @Test
    void diffOfAPriceCorrectionShowsOldAndNewCellsFromTheChangeFeed() {
        try (VersionDiff d = tt.diff(T, new AsOf.Version(0), new AsOf.Version(1), List.of())) {
            VersionDiff.Summary s = d.summary();
            assertEquals(VersionDiff.Source.CHANGE_FEED, s.source());
            assertEquals(List.of("trade_id"), s.key());
            assertEquals(0, s.added());
            assertEquals(0, s.removed());
            assertEquals(2, s.changed());
            assertEquals(10, s.rowsFrom());
            assertEquals(10, s.rowsTo());
            List<VersionDiff.RowChange> rows = d.page(null, 0, 10);
            assertEquals(List.of(2L, 3L), rows.stream().map(r -> r.key().get("trade_id")).toList());
            VersionDiff.RowChange two = rows.get(0);
            assertEquals(VersionDiff.ChangeKind.CHANGED, two.kind());
            assertEquals(List.of(new VersionDiff.CellChange("price", 102.0, 102.5)), two.changes());
        }
    }

    @Test
    void diffFoldsSeveralCommitsIntoTheirNetEffect() {
        try (VersionDiff d = tt.diff(T, new AsOf.Version(0), new AsOf.Version(4), List.of())) {
            VersionDiff.Summary s = d.summary();
            assertEquals(VersionDiff.Source.CHANGE_FEED, s.source());
            assertEquals(2, s.added());
            assertEquals(1, s.removed());
            assertEquals(2, s.changed());
            assertEquals(List.of(11L, 12L), d.page(VersionDiff.ChangeKind.ADDED, 0, 10).stream().map(r -> r.key().get("trade_id")).toList());
            VersionDiff.RowChange removed = d.page(VersionDiff.ChangeKind.REMOVED, 0, 10).get(0);
            assertEquals(5L, removed.key().get("trade_id"));
            assertEquals(105.0, removed.oldRow().get("price"));
            assertTrue(removed.newRow().isEmpty());
        }
    }

    @Test
    void backwardDiffSwapsAddedAndRemovedAndOldAndNew() {
        try (VersionDiff d = tt.diff(T, new AsOf.Version(4), new AsOf.Version(0), List.of())) {
            VersionDiff.Summary s = d.summary();
            assertEquals(1, s.added());
            assertEquals(2, s.removed());
            assertEquals(2, s.changed());
            VersionDiff.RowChange two = d.page(VersionDiff.ChangeKind.CHANGED, 0, 1).get(0);
            assertEquals(List.of(new VersionDiff.CellChange("price", 102.5, 102.0)), two.changes());
            assertEquals(5L, d.page(VersionDiff.ChangeKind.ADDED, 0, 5).get(0).key().get("trade_id"));
        }
    }

    @Test
    void changeFeedAndSnapshotComparisonGiveTheSameRows() {
        String plain = "trades_without_feed";
        writeTradesCopy(plain);
        try (VersionDiff feed = tt.diff(T, new AsOf.Version(0), new AsOf.Version(4), List.of("trade_id"));
             VersionDiff snap = tt.diff(plain, new AsOf.Version(0), new AsOf.Version(4), List.of("trade_id"))) {
            assertEquals(VersionDiff.Source.CHANGE_FEED, feed.summary().source());
            assertEquals(VersionDiff.Source.SNAPSHOTS, snap.summary().source());
            assertTrue(snap.summary().note().contains("change data feed was off"), snap.summary().note());
            assertEquals(feed.page(null, 0, 100), snap.page(null, 0, 100));
        }
    }

    private static void writeTradesCopy(String table) {
        if (!engine.tableNames().contains(table)) {
            writeTrades(engine, table, false);
        }
    }

    @Test
    void diffAcrossASchemaChangeComparesSnapshotsAndReportsTheNewColumn() {
        try (VersionDiff d = tt.diff(T, new AsOf.Version(4), new AsOf.Version(5), List.of())) {
            VersionDiff.Summary s = d.summary();
            assertEquals(VersionDiff.Source.SNAPSHOTS, s.source());
            assertEquals(1, s.added());
            assertEquals(0, s.changed());
            assertEquals("note", s.schemaChanges().get(0).column());
            VersionDiff.RowChange added = d.page(null, 0, 10).get(0);
            assertEquals(13L, added.key().get("trade_id"));
            assertTrue(added.changes().contains(new VersionDiff.CellChange("note", null, "desk B")), added.changes().toString());
        }
    }

    @Test
    void optimizeChangesNoRowsAndTheDiffSaysSo() {
        try (VersionDiff d = tt.diff(T, new AsOf.Version(3), new AsOf.Version(4), List.of())) {
            assertTrue(d.summary().identical());
            assertTrue(d.summary().message().contains("hold the same rows"), d.summary().message());
            assertTrue(d.page(null, 0, 10).isEmpty());
        }
    }

    @Test
    void diffOfAVersionWithItselfAndOutOfRangeVersionsAreClearErrors() {
        String before = TestLakes.fingerprint(lake.resolve(T));
        var same = assertThrows(LakeLensException.class, () -> tt.diff(T, new AsOf.Version(3), new AsOf.Version(3), List.of()));
        assertTrue(same.getMessage().contains("Both sides of the diff are version 3"), same.getMessage());
        var range = assertThrows(LakeLensException.class, () -> tt.diff(T, new AsOf.Version(1), new AsOf.Version(42), List.of()));
        assertTrue(range.getMessage().contains("no version 42") && range.getMessage().contains("0 to 5"), range.getMessage());
        var key = assertThrows(LakeLensException.class, () -> tt.diff(T, new AsOf.Version(0), new AsOf.Version(1), List.of("nope")));
        assertTrue(key.getMessage().contains("no column 'nope'") && key.getMessage().contains("trade_id"), key.getMessage());
        assertEquals(before, TestLakes.fingerprint(lake.resolve(T)));
    }

    @Test
    void keyThatIsNotUniqueIsAClearError() {
        var e = assertThrows(LakeLensException.class, () -> tt.diff(T, new AsOf.Version(0), new AsOf.Version(3), List.of("symbol")));
        assertTrue(e.getMessage().contains("does not identify one row"), e.getMessage());
    }

    @Test
    void timestampsBeforeCreationOrInTheFutureAreRefused() {
        var past = assertThrows(LakeLensException.class,
                () -> tt.browse(BrowseRequest.of(T, new AsOf.Timestamp(Instant.parse("2001-01-01T00:00:00Z")))));
        assertTrue(past.getMessage().contains("before table " + T + " existed"), past.getMessage());
        var future = assertThrows(LakeLensException.class,
                () -> tt.browse(BrowseRequest.of(T, new AsOf.Timestamp(Instant.now().plusSeconds(3600)))));
        assertTrue(future.getMessage().contains("in the future"), future.getMessage());
    }

    @Test
    void browseAsOfAVersionFiltersSortsAndPages() {
        BrowseRequest r = new BrowseRequest(T, new AsOf.Version(1),
                List.of(new BrowseRequest.ColumnFilter("symbol", BrowseRequest.FilterOp.EQUALS, "AAPL")),
                List.of(new BrowseRequest.SortKey("price", false)), 1, 2);
        BrowsePage p1 = tt.browse(r);
        assertEquals(1, p1.version());
        assertEquals(5, p1.total());
        assertEquals(3, p1.pageCount());
        int price = p1.columns().indexOf("price");
        assertEquals(List.of(110.0, 108.0), p1.rows().stream().map(row -> row.get(price)).toList());
        BrowsePage p3 = tt.browse(r.withPage(3));
        assertEquals(List.of(102.5), p3.rows().stream().map(row -> row.get(price)).toList());
        BrowsePage clamped = tt.browse(r.withPage(9));
        assertEquals(3, clamped.page());
    }

    @Test
    void browseAsOfATimestampReadsTheVersionCommittedThen() {
        Timeline t = tt.timeline(T);
        Instant afterDelete = t.node(2).orElseThrow().timestamp();
        BrowsePage p = tt.browse(BrowseRequest.of(T, new AsOf.Timestamp(afterDelete)));
        assertEquals(2, p.version());
        assertEquals(9, p.total());
    }

    @Test
    void browseFilterValuesAreTypedNeverSql() {
        BrowseRequest injection = new BrowseRequest(T, AsOf.LATEST,
                List.of(new BrowseRequest.ColumnFilter("symbol", BrowseRequest.FilterOp.EQUALS, "AAPL' OR '1'='1")),
                List.of(), 1, 10);
        assertEquals(0, tt.browse(injection).total());
        var bad = assertThrows(LakeLensException.class, () -> tt.browse(BrowseRequest.of(T, AsOf.LATEST)
                .withFilters(List.of(new BrowseRequest.ColumnFilter("trade_id", BrowseRequest.FilterOp.GREATER, "ten")))));
        assertTrue(bad.getMessage().contains("not a valid bigint for column trade_id"), bad.getMessage());
        BrowsePage contains = tt.browse(BrowseRequest.of(T, AsOf.LATEST)
                .withFilters(List.of(new BrowseRequest.ColumnFilter("symbol", BrowseRequest.FilterOp.CONTAINS, "aap"))));
        assertEquals(6, contains.total());
    }

    @Test
    void rowTrailOfADeletedTradeShowsItsInsertAndItsDeletionWithReason() {
        RowTrail trail = tt.trail(T, "trade_id=5");
        assertEquals(List.of(RowEvent.Kind.INSERTED, RowEvent.Kind.DELETED), trail.events().stream().map(RowEvent::kind).toList());
        RowEvent deleted = trail.events().get(1);
        assertEquals(2, deleted.version());
        assertEquals("compliance: erroneous trade", deleted.reason());
        assertEquals("DELETE", deleted.operation());
        assertEquals(System.getProperty("user.name"), deleted.user());
        assertEquals(105.0, deleted.before().get("price"));
        assertEquals("initial load", trail.events().get(0).reason());
    }

    @Test
    void rowTrailOfAnUpdatedTradeShowsOldAndNewValues() {
        RowTrail trail = tt.trail(T, " TRADE_ID = 2 ");
        assertEquals(List.of(RowEvent.Kind.INSERTED, RowEvent.Kind.UPDATED), trail.events().stream().map(RowEvent::kind).toList());
        RowEvent update = trail.events().get(1);
        assertEquals(List.of(new VersionDiff.CellChange("price", 102.0, 102.5)), update.changes());
        assertEquals(Map.of("trade_id", 2L), update.key());
    }

    @Test
    void rowTrailAcrossTheSchemaChangeFindsTheNewRow() {
        RowTrail trail = tt.trail(T, "trade_id=13");
        assertEquals(1, trail.events().size());
        assertEquals(5, trail.events().get(0).version());
        assertEquals("desk B", trail.events().get(0).after().get("note"));
    }

    @Test
    void rowTrailWithSeveralKeyColumnsMatchesEveryRowTheyName() {
        RowTrail trail = tt.trail(T, "symbol=AAPL,quantity=20");
        assertEquals(List.of(RowEvent.Kind.INSERTED, RowEvent.Kind.UPDATED), trail.events().stream().map(RowEvent::kind).toList());
    }

    @Test
    void aTableWithoutChangeFeedGetsTheSameTrailByComparingVersions() {
        String plain = "trades_without_feed";
        writeTrades(engine, plain, false);
        for (String key : List.of("trade_id=5", "trade_id=2", "trade_id=13", "symbol=AAPL,quantity=20")) {
            assertEquals(events(tt.trail(T, key)), events(tt.trail(plain, key)), key);
        }
        RowTrail trail = tt.trail(plain, "trade_id=5");
        assertEquals(0, trail.fromVersion());
        assertTrue(trail.note().contains("keeps no change data feed") && trail.note().contains("6 versions"), trail.note());
        var none = assertThrows(LakeLensException.class, () -> tt.trail(plain, "trade_id=999"));
        assertTrue(none.getMessage().contains("No row of " + plain + " matches trade_id=999"), none.getMessage());
    }

    private static List<String> events(RowTrail trail) {
        return trail.events().stream().map(e -> e.version() + " " + e.kind() + " " + e.key() + " " + e.changes() + " " + e.reason())
                .toList();
    }

    @Test
    void rowTrailBadKeysAreClearErrors() {
        String before = TestLakes.fingerprint(lake.resolve(T));
        var unknown = assertThrows(LakeLensException.class, () -> tt.trail(T, "tradeid=5"));
        assertTrue(unknown.getMessage().contains("no column 'tradeid'") && unknown.getMessage().contains("trade_id"), unknown.getMessage());
        var none = assertThrows(LakeLensException.class, () -> tt.trail(T, "trade_id=999"));
        assertTrue(none.getMessage().contains("No row of " + T + " matches trade_id=999"), none.getMessage());
        var value = assertThrows(LakeLensException.class, () -> tt.trail(T, "trade_id=abc"));
        assertTrue(value.getMessage().contains("not a valid bigint"), value.getMessage());
        var form = assertThrows(LakeLensException.class, () -> tt.trail(T, "42"));
        assertTrue(form.getMessage().contains("not column=value"), form.getMessage());
        assertThrows(LakeLensException.class, () -> tt.trail(T, " "));
        assertEquals(before, TestLakes.fingerprint(lake.resolve(T)));
    }

    @Test
    void largeDiffPagesInKeyOrderWithoutGapsOrRepeats() {
        String table = "ticks";
        String path = engine.tablePath(table).toString();
        engine.write(table, "load", s -> {
            s.range(0, 3000).selectExpr("id", "CAST(id AS DOUBLE) AS px").write().format("delta").save(path);
            return null;
        });
        engine.write(table, "reprice odd ticks", s -> {
            DeltaTable.forPath(s, path).update(col("id").mod(2).equalTo(1), Map.of("px", col("px").multiply(2)));
            return null;
        });
        try (VersionDiff d = tt.diff(table, new AsOf.Version(0), new AsOf.Version(1), List.of("id"))) {
            assertEquals(1500, d.summary().changed());
            List<Object> seen = new ArrayList<>();
            for (long offset = 0; offset < 1500; offset += 400) {
                d.page(null, offset, 400).forEach(r -> seen.add(r.key().get("id")));
            }
            assertEquals(1500, seen.size());
            Set<Object> unique = new HashSet<>(seen);
            assertEquals(1500, unique.size());
            assertEquals(1L, seen.get(0));
            assertEquals(2999L, seen.get(seen.size() - 1));
            assertTrue(d.page(null, 1500, 10).isEmpty());
        }
    }

    @Test
    void restorePreviewsItsDiffThenRecordsUserAndReason() {
        String table = "restorable";
        String path = engine.tablePath(table).toString();
        engine.write(table, "load", s -> {
            trades(s, 1, 4).write().format("delta").save(path);
            return null;
        });
        engine.write(table, "bad fat-finger update", s -> {
            DeltaTable.forPath(s, path).update(col("trade_id").equalTo(3L), Map.of("quantity", lit(999_999)));
            return null;
        });
        String before = TestLakes.fingerprint(lake.resolve(table));
        try (RestorePlan plan = tt.previewRestore(table, new AsOf.Version(0), List.of("trade_id"))) {
            assertEquals(1, plan.currentVersion());
            assertEquals(1, plan.diff().summary().changed());
            VersionDiff.RowChange row = plan.diff().page(null, 0, 10).get(0);
            assertEquals(List.of(new VersionDiff.CellChange("quantity", 999_999, 30)), row.changes());
            assertTrue(plan.describe().contains("change 1 row"), plan.describe());
            assertEquals(before, TestLakes.fingerprint(lake.resolve(table)), "a preview writes nothing");

            var noReason = assertThrows(LakeLensException.class, () -> tt.restore(plan, " "));
            assertTrue(noReason.getMessage().contains("needs a reason"));
            RestoreResult done = tt.restore(plan, "undo fat-finger");
            assertEquals(2, done.newVersion());
            // RESTORE undoes exactly the update's file changes: it removes the files the update
            // added, brings back the ones it removed, and leaves version 0's files
            Commit update = engine.history(table, 0).stream().filter(c -> c.version() == 1).findFirst().orElseThrow();
            assertTrue(update.metric("numRemovedFiles") >= 1, update.operationMetrics().toString());
            int filesAtV0 = engine.spark().read().format("delta").option("versionAsOf", 0).load(path).inputFiles().length;
            assertEquals(String.valueOf(update.metric("numAddedFiles")), done.metrics().get("num_removed_files"), done.metrics().toString());
            assertEquals(String.valueOf(update.metric("numRemovedFiles")), done.metrics().get("num_restored_files"),
                    done.metrics().toString());
            assertEquals(String.valueOf(filesAtV0), done.metrics().get("num_of_files_after_restore"), done.metrics().toString());
        }
        TimelineNode restore = tt.timeline(table).node(2).orElseThrow();
        assertEquals(OperationKind.RESTORE, restore.kind());
        assertEquals("undo fat-finger", restore.reason());
        assertEquals(System.getProperty("user.name"), restore.user());
        assertEquals(30, tt.trail(table, "trade_id=3").events().get(2).after().get("quantity"));
    }

    @Test
    void restoreIsRefusedWhenTheTableMovedOnSinceThePreview() {
        String table = "moving";
        String path = engine.tablePath(table).toString();
        engine.write(table, "load", s -> {
            trades(s, 1, 3).write().format("delta").save(path);
            return null;
        });
        engine.write(table, "more", s -> {
            trades(s, 4, 5).write().format("delta").mode("append").save(path);
            return null;
        });
        try (RestorePlan plan = tt.previewRestore(table, new AsOf.Version(0), List.of())) {
            engine.write(table, "someone else", s -> {
                trades(s, 6, 6).write().format("delta").mode("append").save(path);
                return null;
            });
            String before = TestLakes.fingerprint(lake.resolve(table));
            var e = assertThrows(LakeLensException.class, () -> tt.restore(plan, "undo"));
            assertTrue(e.getMessage().contains("changed since the preview"), e.getMessage());
            assertEquals(before, TestLakes.fingerprint(lake.resolve(table)));
        }
        var same = assertThrows(LakeLensException.class, () -> tt.previewRestore(table, new AsOf.Version(2), List.of()));
        assertTrue(same.getMessage().contains("already at version 2"), same.getMessage());
    }

    @Test
    void restoreOnAReadOnlyLakeIsRefusedAndWritesNothing() {
        TimeTravel readOnly = new TimeTravel(new LakeEngine(TestLakes.config(lake).withReadOnly(true)));
        String before = TestLakes.fingerprint(lake.resolve(T));
        var e = assertThrows(LakeLensException.class, () -> readOnly.previewRestore(T, new AsOf.Version(1), List.of()));
        assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        assertEquals(before, TestLakes.fingerprint(lake.resolve(T)));
    }
}
