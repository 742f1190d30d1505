package io.lakelens.lake.maintenance;

import io.lakelens.LakeLensException;
import io.lakelens.TestLakes;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.Commit;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.SparkJobs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptimizerTest {
    @TempDir
    static Path lake;
    static LakeEngine engine;
    static Optimizer optimizer;

    @BeforeAll
    static void tables() {
        engine = TestLakes.engine(lake);
        optimizer = new Optimizer(engine);
        SmallTables.appends(engine, "flat", 3, 30, 3, false);
        SmallTables.appends(engine, "regions", 3, 30, 2, true);
        SmallTables.appends(engine, "zorder", 3, 30, 3, false);
    }

    static long idSum(String table, AsOf at) {
        return engine.read(table, at).selectExpr("sum(id)").collectAsList().get(0).getLong(0);
    }

    @Test
    void compactionCutsFilesKeepsDataAndTimesTheSameSearchBeforeAndAfter() {
        long sumBefore = idSum("flat", AsOf.LATEST);
        List<SparkJobs.Progress> progress = Collections.synchronizedList(new ArrayList<>());
        OptimizeResult r = optimizer.optimize(OptimizeRequest.compaction("flat").withReason("tidy up"),
                new SparkJobs.Control(progress::add));
        assertTrue(r.committed());
        assertEquals(9, r.before().files());
        assertEquals(1, r.after().files());
        assertEquals(r.versionBefore() + 1, r.versionAfter());
        assertEquals(1, r.after().histogram().totalFiles());
        assertEquals(sumBefore, idSum("flat", AsOf.LATEST), "OPTIMIZE changes no data");
        assertNotNull(r.probe());
        assertEquals("id", r.probe().column(), "the first column with statistics");
        assertTrue(r.probe().millisBefore() > 0 && r.probe().millisAfter() > 0);
        assertTrue(r.probe().filesBefore() > r.probe().filesAfter(), r.probe().toString());
        assertEquals(1, r.probe().filesAfter());
        assertEquals("done", progress.get(progress.size() - 1).stage());
        Commit c = engine.history("flat", 1).get(0);
        assertEquals("OPTIMIZE", c.operation());
        assertEquals("tidy up", c.reason());
        assertTrue(r.summary().contains("9 → 1 files"), r.summary());
    }

    @Test
    void partitionPredicateLimitsTheRewriteToThatPartition() {
        TableHealth before = new HealthInspector(engine).inspect("regions");
        OptimizeResult r = optimizer.optimize(OptimizeRequest.compaction("regions").withWhere("region = 'EU'")
                .withMeasureRead(false), null);
        TableHealth after = new HealthInspector(engine).inspect("regions");
        var eu = after.partitions().stream().filter(p -> p.key().equals("region=EU")).findFirst().orElseThrow();
        var us = after.partitions().stream().filter(p -> p.key().equals("region=US")).findFirst().orElseThrow();
        var usBefore = before.partitions().stream().filter(p -> p.key().equals("region=US")).findFirst().orElseThrow();
        assertEquals(1, eu.files());
        assertEquals(usBefore.files(), us.files(), "US untouched");
        assertEquals("region = 'EU'", r.where());
    }

    @Test
    void predicatesOutsidePartitionComparisonsAreRefusedAndChangeNothing() {
        String before = TestLakes.fingerprint(lake.resolve("regions"));
        for (String bad : List.of("price > 3", "region = 'EU' OR 1 = 1", "region = EU", "region = 'EU'; DROP TABLE x",
                "upper(region) = 'EU'", "region = 'EU' AND", "nosuch = 1")) {
            assertThrows(LakeLensException.class,
                    () -> optimizer.optimize(OptimizeRequest.compaction("regions").withWhere(bad), null), bad);
        }
        assertThrows(LakeLensException.class, () -> optimizer.optimize(OptimizeRequest.compaction("flat").withWhere("id = 1"), null));
        assertEquals(before, TestLakes.fingerprint(lake.resolve("regions")));
    }

    @Test
    void partitionValuesWithQuotesAreRenderedSafely() {
        var snap = engine.snapshot("regions", AsOf.LATEST);
        PartitionFilter f = PartitionFilter.parse(engine.spark(), "region IN ('EU', 'it''s') AND region != 'x'", snap.getSchema(),
                snap.getPartitionColumnNames());
        assertEquals("region IN ('EU', 'it''s') AND region != 'x'", f.toString());
        assertFalse(f.sql().contains("it''s"), "Spark renders its own escaped literal: " + f.sql());
        assertEquals(engine.read("regions", AsOf.LATEST).where(f.column()).count(),
                engine.read("regions", AsOf.LATEST).where(f.sql()).count(), "the SQL text means the same as the Column");
    }

    @Test
    void zOrderIsValidatedThenRecordedForHealth() {
        var noColumn = assertThrows(LakeLensException.class,
                () -> optimizer.optimize(OptimizeRequest.compaction("zorder").withZOrder(List.of("nope")), null));
        assertTrue(noColumn.getMessage().contains("No column 'nope'"), noColumn.getMessage());
        var partition = assertThrows(LakeLensException.class,
                () -> optimizer.optimize(OptimizeRequest.compaction("regions").withZOrder(List.of("region")), null));
        assertTrue(partition.getMessage().contains("partition column"), partition.getMessage());

        OptimizeResult r = optimizer.optimize(OptimizeRequest.compaction("zorder").withZOrder(List.of("PRICE")), null);
        assertEquals(List.of("price"), r.zOrderBy());
        assertEquals("price", r.probe().column());
        TableHealth h = new HealthInspector(engine).inspect("zorder");
        assertEquals(List.of("price"), h.zOrderColumns());
        assertEquals(r.versionAfter(), h.zOrderVersion());
        assertEquals(0, h.commitsSinceZOrder());
    }

    @Test
    void aCancelledRunCommitsNothing() {
        long v = engine.latestVersion("regions");
        SparkJobs.Control ctl = new SparkJobs.Control();
        ctl.cancel();
        assertThrows(SparkJobs.CancelledException.class,
                () -> optimizer.optimize(OptimizeRequest.compaction("regions").withMeasureRead(false), ctl));
        assertEquals(v, engine.latestVersion("regions"));
    }

    @Test
    void cancellingWhileSparkRunsStopsBeforeTheCommit() {
        SmallTables.appends(engine, "slow", 2, 50, 4, false);
        long v = engine.latestVersion("slow");
        SparkJobs.Control ctl = new SparkJobs.Control();
        ctl.onProgress(p -> {
            if (p.jobsRunning() > 0 || p.jobsDone() > 0) {
                ctl.cancel();
            }
        });
        try {
            optimizer.optimize(OptimizeRequest.compaction("slow").withMeasureRead(false), ctl);
            // The run may finish its last job before the poller sees it; then it must have committed whole.
            assertEquals(1, new HealthInspector(engine).inspect("slow").fileCount());
        } catch (SparkJobs.CancelledException e) {
            assertEquals(v, engine.latestVersion("slow"), "nothing committed");
            assertEquals(8, new HealthInspector(engine).inspect("slow").fileCount());
        }
    }
}
