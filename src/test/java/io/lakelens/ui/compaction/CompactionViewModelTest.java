package io.lakelens.ui.compaction;

import io.lakelens.TestLakes;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.maintenance.CompactionPolicy;
import io.lakelens.lake.maintenance.CompactionRun;
import io.lakelens.lake.maintenance.CompactionScheduler;
import io.lakelens.lake.maintenance.PolicyStore;
import io.lakelens.ui.kit.CurrentThreadTaskExecutor;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.StatusModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Compaction tab's ViewModel on a real lake, with tasks run inline. */
class CompactionViewModelTest {
    @TempDir
    static Path lake;
    static LakeEngine engine;
    static CompactionScheduler scheduler;
    static final AtomicInteger lakeChanges = new AtomicInteger();

    @BeforeAll
    static void lake() {
        engine = TestLakes.engine(lake);
        for (String t : new String[]{"ticks", "other", "scheduled", "kept"}) {
            for (int i = 0; i < 3; i++) {
                long from = i * 10L;
                engine.write(t, "append " + i, s -> {
                    s.range(from, from + 10).selectExpr("id", "concat('S', cast(id % 3 as string)) as symbol")
                            .repartition(2).write().format("delta").mode("append").save(engine.tablePath(t).toString());
                    return null;
                });
            }
        }
        scheduler = new CompactionScheduler(engine, new PolicyStore(lake), Clock.systemDefaultZone(), Duration.ofHours(1));
    }

    @AfterAll
    static void close() {
        scheduler.close();
    }

    static CompactionViewModel model(String table) {
        CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();
        CompactionViewModel m = new CompactionViewModel(engine, scheduler, tasks, new Notifier(Runnable::run),
                new StatusModel(Runnable::run), lakeChanges::incrementAndGet);
        m.tableProperty().set(table);
        return m;
    }

    @Test
    void refreshShowsTheVerdictAndLoadsEditableProperties() {
        CompactionViewModel m = model("ticks");
        m.refreshHealth().join();
        assertEquals(6, m.healthProperty().get().fileCount());
        assertTrue(m.healthProperty().get().verdict().startsWith("6 small files"), m.healthProperty().get().verdict());
        assertTrue(m.propertyRows().stream().anyMatch(r -> r.key().equals("delta.checkpointInterval")));
        m.tableProperty().set("other");
        assertNull(m.healthProperty().get(), "switching tables clears the old table's health");
    }

    @Test
    void propertyEditsArePreviewedAsTheStatementThenApplied() {
        CompactionViewModel m = model("ticks");
        m.refreshHealth().join();
        assertFalse(m.previewProperties(), "nothing edited");
        assertTrue(m.errorProperty().get().contains("No property was changed"));
        PropertyRow interval = m.propertyRows().stream().filter(r -> r.key().equals("delta.checkpointInterval")).findFirst().orElseThrow();
        interval.editProperty().set("banana");
        assertFalse(m.previewProperties());
        assertTrue(m.errorProperty().get().contains("whole number"), m.errorProperty().get());
        assertNull(m.pendingChangeProperty().get());

        interval.editProperty().set("25");
        assertTrue(m.previewProperties());
        assertTrue(m.pendingChangeProperty().get().statement().endsWith("SET TBLPROPERTIES ('delta.checkpointInterval' = '25')"));
        long before = engine.latestVersion("ticks");
        int changes = lakeChanges.get();
        m.propertyReasonProperty().set("fewer checkpoints");
        long after = m.applyProperties().join();
        assertEquals(before + 1, after);
        assertNull(m.pendingChangeProperty().get());
        assertEquals("25", engine.snapshot("ticks", AsOf.LATEST).getTableProperties().get("delta.checkpointInterval"));
        assertEquals("fewer checkpoints", engine.history("ticks", 1).get(0).reason());
        assertEquals(changes + 1, lakeChanges.get(), "other tabs are told the lake changed");
    }

    @Test
    void optimizeFillsTheBeforeAfterPanel() {
        CompactionViewModel m = model("other");
        m.zOrderProperty().set("symbol");
        m.optimizeReasonProperty().set("tidy");
        var r = m.optimize().join();
        assertNotNull(m.optimizeResultProperty().get());
        assertEquals(6, r.before().files());
        assertEquals(1, r.after().files());
        assertEquals("symbol", r.probe().column());
        assertFalse(m.optimizingProperty().get());
        assertEquals(r.summary(), m.optimizeStepProperty().get());
        assertEquals(1, m.healthProperty().get().fileCount(), "health is refreshed after the run");
        m.tableProperty().set(null); // the picker blinks while the lake's table list is re-read
        m.tableProperty().set("other");
        assertNotNull(m.optimizeResultProperty().get(), "the before/after stays for the same table");
    }

    @Test
    void aShortRetentionCannotRunUntilOverridden() {
        CompactionViewModel m = model("kept");
        m.retentionProperty().set("not a duration");
        assertTrue(m.simulateVacuum().isCompletedExceptionally());
        assertTrue(m.errorProperty().get().contains("not a duration"));
        m.retentionProperty().set("0h");
        var plan = m.simulateVacuum().join();
        assertTrue(plan.needsOverride());
        assertFalse(m.canRunVacuumBinding().get());
        m.overrideShortRetentionProperty().set(true);
        assertTrue(m.canRunVacuumBinding().get());
        m.retentionProperty().set("168h");
        assertNull(m.vacuumPlanProperty().get(), "a new retention needs a new simulation");
        assertFalse(m.canRunVacuumBinding().get());
    }

    @Test
    void policiesAreSavedAndRunsListed() throws Exception {
        CompactionViewModel m = model("scheduled");
        m.policyRatioProperty().set(1.5);
        assertFalse(m.savePolicy());
        assertTrue(m.errorProperty().get().contains("between 0 and 1"), m.errorProperty().get());
        m.policyRatioProperty().set(0.9);
        m.policyEveryProperty().set(30);
        assertTrue(m.savePolicy());
        assertTrue(m.policies().stream().anyMatch(p -> p.table().equals("scheduled") && p.everyMinutes() == 30));
        CompactionRun run = m.runPolicyNow(false).get(300, TimeUnit.SECONDS);
        assertEquals("manual", run.trigger());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (m.runs().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(run, m.runs().get(0), "the scheduler's run reaches the list");
        m.removePolicy();
        assertTrue(m.policies().stream().noneMatch(p -> p.table().equals("scheduled")));
        assertTrue(scheduler.policies().stream().map(CompactionPolicy::table).noneMatch("scheduled"::equals));
    }
}
