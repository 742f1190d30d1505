package io.lakelens.lake.maintenance;

import io.lakelens.LakeLensException;
import io.lakelens.TestLakes;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.Commit;
import io.lakelens.lake.LakeEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VacuumPlannerTest {
    @TempDir
    static Path lake;
    static LakeEngine engine;
    static VacuumPlanner planner;

    /**
     * Each test reads or changes its own table, so none depends on another having run first:
     * "history" is only planned on, "vacuumed" is the one a real VACUUM runs on, "guarded" is
     * never changed.
     */
    @BeforeAll
    static void tables() {
        engine = TestLakes.engine(lake);
        planner = new VacuumPlanner(engine);
        withRemovedFiles("history");
        withRemovedFiles("vacuumed");
        SmallTables.appends(engine, "guarded", 2, 20, 2, false);
        engine.write("guarded", "remove bad ticks", s -> {
            io.delta.tables.DeltaTable.forPath(s, engine.tablePath("guarded").toString()).delete("id % 10 = 3");
            return null;
        });
        SmallTables.appends(engine, "guarded", 1, 20, 1, false);
    }

    /** v0 load, v1 append, v2 delete (rewrites files), v3 append, v4 OPTIMIZE (removes all), v5 append. */
    static void withRemovedFiles(String t) {
        SmallTables.appends(engine, t, 2, 20, 2, false);
        engine.write(t, "remove bad ticks", s -> {
            io.delta.tables.DeltaTable.forPath(s, engine.tablePath(t).toString()).delete("id % 10 = 3");
            return null;
        });
        SmallTables.appends(engine, t, 1, 20, 1, false);
        new Optimizer(engine).optimize(OptimizeRequest.compaction(t).withMeasureRead(false), null);
        engine.write(t, "late tick", s -> {
            s.range(1000, 1001).selectExpr("id", "'S9' as sym", "cast(1.0 as double) as price", "'EU' as region")
                    .write().format("delta").mode("append").save(engine.tablePath(t).toString());
            return null;
        });
    }

    @Test
    void theDefaultRetentionDeletesNothingFromAFreshTable() {
        VacuumPlan p = planner.plan("history", Duration.ofDays(7));
        assertEquals(5, engine.latestVersion("history"), "the table as built, never vacuumed");
        assertTrue(p.files().isEmpty(), p.files().toString());
        assertTrue(p.versionsLosingTimeTravel().isEmpty());
        assertFalse(p.needsOverride());
        assertEquals(0, p.earliestReadable());
    }

    @Test
    void dryRunChangesNothing() {
        String before = TestLakes.fingerprint(lake.resolve("guarded"));
        planner.plan("guarded", Duration.ZERO);
        assertEquals(before, TestLakes.fingerprint(lake.resolve("guarded")));
    }

    @Test
    void shortRetentionNeedsTheOverrideAndIsRefusedWithoutIt() {
        String before = TestLakes.fingerprint(lake.resolve("guarded"));
        var e = assertThrows(LakeLensException.class, () -> planner.vacuum("guarded", Duration.ofHours(1), false, "too eager", null));
        assertTrue(e.getMessage().contains("under the safe minimum of 7d"), e.getMessage());
        assertEquals(before, TestLakes.fingerprint(lake.resolve("guarded")));
    }

    @Test
    void simulatedVersionListMatchesWhatARealVacuumDoes() {
        String history = TestLakes.fingerprint(lake.resolve("history"));
        long latest = engine.latestVersion("vacuumed");
        VacuumPlan plan = planner.plan("vacuumed", Duration.ZERO);
        assertTrue(plan.needsOverride());
        List<Long> predicted = plan.versionsLosingTimeTravel().stream().map(VacuumPlan.VersionLoss::version).toList();
        // Every version before the OPTIMIZE needs files that the OPTIMIZE removed; the last two do not.
        assertEquals(List.of(0L, 1L, 2L, 3L), predicted, plan.toString());
        assertEquals(latest - 1, plan.earliestReadableAfter());
        assertTrue(plan.files().stream().anyMatch(f -> f.kind() == VacuumPlan.Kind.REMOVED_DATA));
        assertTrue(plan.files().stream().anyMatch(f -> f.kind() == VacuumPlan.Kind.CHANGE_DATA), "the DELETE wrote change data");
        assertEquals(plan.files().stream().mapToLong(VacuumPlan.FileToDelete::sizeBytes).sum(), plan.totalBytes());
        assertTrue(plan.totalBytes() > 0);

        VacuumResult r = planner.vacuum("vacuumed", Duration.ZERO, true, "reclaim space for the test", null);
        assertEquals(plan.files().size(), r.deletedFiles());

        List<Long> unreadable = new ArrayList<>();
        for (long v = 0; v <= latest; v++) {
            long version = v;
            try {
                // Read every row: a count() alone is answered from the log's statistics without opening files.
                engine.readAction("vacuumed", new AsOf.Version(version),
                        () -> engine.read("vacuumed", new AsOf.Version(version)).collectAsList().size());
            } catch (LakeLensException e) {
                unreadable.add(version);
            }
        }
        assertEquals(predicted, unreadable);
        Commit end = engine.history("vacuumed", 1).get(0);
        assertEquals("VACUUM END", end.operation());
        assertEquals("reclaim space for the test", end.reason());
        assertEquals(System.getProperty("user.name"), end.user());
        assertEquals(history, TestLakes.fingerprint(lake.resolve("history")), "VACUUM touched only its own table");
    }
}
