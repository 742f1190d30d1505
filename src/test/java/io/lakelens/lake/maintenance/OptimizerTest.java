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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
    void aCorruptDataFileIsNamedAndNothingIsCommitted() throws Exception {
        SmallTables.appends(engine, "broken", 2, 30, 2, false);
        long version = engine.latestVersion("broken");
        Path file;
        try (var files = java.nio.file.Files.list(lake.resolve("broken"))) {
            file = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
        }
        java.nio.file.Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
        byte[] junk = new byte[300];
        new java.util.Random(7).nextBytes(junk);
        java.nio.file.Files.write(file, junk);
        LakeLensException e = assertThrows(LakeLensException.class,
                () -> optimizer.optimize(OptimizeRequest.compaction("broken").withMeasureRead(false), null));
        // the table-aware line the read commands give, not Spark's words for a failed job
        assertTrue(e.getMessage().contains(file.getFileName().toString()) && e.getMessage().contains("corrupt"), e.getMessage());
        assertFalse(e.getMessage().contains("OPTIMIZE broken failed"), e.getMessage());
        assertEquals(version, engine.latestVersion("broken"), "nothing committed");
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

    /** Holds every task slot of the shared Spark while a test needs OPTIMIZE's jobs to wait. */
    static final CountDownLatch SLOTS_HELD = new CountDownLatch(1);

    @Test
    void cancellingWhileSparkRunsStopsBeforeTheCommit() throws Exception {
        SmallTables.appends(engine, "slow", 2, 50, 4, false);
        long v = engine.latestVersion("slow");
        String files = TestLakes.fingerprint(lake.resolve("slow"));
        var spark = engine.spark();
        int slots = spark.sparkContext().defaultParallelism();
        // Occupy every task slot, so OPTIMIZE's Spark job is submitted (running) but cannot finish
        // before the cancel: without this the job may complete first and the test learn nothing.
        Thread holder = Thread.ofPlatform().name("slot-holder").start(() -> {
            spark.sparkContext().setJobGroup("hold-slots", "hold every task slot", true);
            spark.range(0, slots, 1, slots).foreach((org.apache.spark.api.java.function.ForeachFunction<Long>) x ->
                    SLOTS_HELD.await(5, TimeUnit.MINUTES));
        });
        try {
            var tracker = spark.sparkContext().statusTracker();
            awaitCondition("every slot is held", () -> java.util.Arrays.stream(tracker.getActiveStageIds())
                    .mapToObj(tracker::getStageInfo).filter(o -> o.isDefined())
                    .mapToInt(o -> o.get().numActiveTasks()).sum() >= slots);
            SparkJobs.Control ctl = new SparkJobs.Control();
            List<SparkJobs.Progress> seen = Collections.synchronizedList(new ArrayList<>());
            ctl.onProgress(p -> {
                seen.add(p);
                if (p.jobsRunning() > 0) {
                    ctl.cancel();
                }
            });
            SparkJobs.CancelledException e = assertThrows(SparkJobs.CancelledException.class,
                    () -> optimizer.optimize(OptimizeRequest.compaction("slow").withMeasureRead(false), ctl));
            assertTrue(e.getMessage().contains("nothing was committed"), e.getMessage());
            assertTrue(seen.stream().anyMatch(p -> p.jobsRunning() > 0), "cancelled while a Spark job ran: " + seen);
        } finally {
            SLOTS_HELD.countDown();
            holder.join();
        }
        assertEquals(v, engine.latestVersion("slow"), "nothing committed");
        assertEquals(8, new HealthInspector(engine).inspect("slow").fileCount());
        assertEquals(files, TestLakes.fingerprint(lake.resolve("slow")), "no file written or removed");
        // and the same OPTIMIZE, not cancelled, runs through afterwards
        assertTrue(optimizer.optimize(OptimizeRequest.compaction("slow").withMeasureRead(false), null).committed());
        assertEquals(1, new HealthInspector(engine).inspect("slow").fileCount());
    }

    static void awaitCondition(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(20);
        }
    }
}
