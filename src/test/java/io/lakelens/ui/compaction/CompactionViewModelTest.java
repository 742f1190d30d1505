package io.lakelens.ui.compaction;

import io.lakelens.TestLakes;
import io.lakelens.ViewModelTest;
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
import org.junit.jupiter.api.Timeout;
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
@ViewModelTest
@Timeout(300)
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
        CompactionViewModel m = CompactionTab.model(engine, scheduler, tasks, new Notifier(Runnable::run),
                new StatusModel(Runnable::run), lakeChanges::incrementAndGet);
        m.tableProperty().set(table);
        return m;
    }

    @Test
    void refreshShowsTheVerdictAndLoadsEditableProperties() {
        CompactionViewModel m = model("ticks");
        m.healthModel().refreshHealth().join();
        assertEquals(6, m.healthModel().healthProperty().get().fileCount());
        assertTrue(m.healthModel().healthProperty().get().verdict().startsWith("6 small files"), m.healthModel().healthProperty().get().verdict());
        assertTrue(m.propertiesModel().propertyRows().stream().anyMatch(r -> r.key().equals("delta.checkpointInterval")));
        m.tableProperty().set("other");
        assertNull(m.healthModel().healthProperty().get(), "switching tables clears the old table's health");
    }

    @Test
    void propertyEditsArePreviewedAsTheStatementThenApplied() {
        CompactionViewModel m = model("ticks");
        m.healthModel().refreshHealth().join();
        assertFalse(m.propertiesModel().previewProperties(), "nothing edited");
        assertTrue(m.errorProperty().get().contains("No property was changed"));
        PropertyRow interval = m.propertiesModel().propertyRows().stream().filter(r -> r.key().equals("delta.checkpointInterval")).findFirst().orElseThrow();
        interval.editProperty().set("banana");
        assertFalse(m.propertiesModel().previewProperties());
        assertTrue(m.errorProperty().get().contains("whole number"), m.errorProperty().get());
        assertNull(m.propertiesModel().pendingChangeProperty().get());

        interval.editProperty().set("25");
        assertTrue(m.propertiesModel().previewProperties());
        assertTrue(m.propertiesModel().pendingChangeProperty().get().statement().endsWith("SET TBLPROPERTIES ('delta.checkpointInterval' = '25')"));
        long before = engine.latestVersion("ticks");
        int changes = lakeChanges.get();
        m.propertiesModel().propertyReasonProperty().set("fewer checkpoints");
        long after = m.propertiesModel().applyProperties().join();
        assertEquals(before + 1, after);
        assertNull(m.propertiesModel().pendingChangeProperty().get());
        assertEquals("25", engine.snapshot("ticks", AsOf.LATEST).getTableProperties().get("delta.checkpointInterval"));
        assertEquals("fewer checkpoints", engine.history("ticks", 1).get(0).reason());
        assertEquals(changes + 1, lakeChanges.get(), "other tabs are told the lake changed");
    }

    @Test
    void optimizeFillsTheBeforeAfterPanel() {
        CompactionViewModel m = model("other");
        m.optimizeModel().zOrderProperty().set("symbol");
        m.optimizeModel().optimizeReasonProperty().set("tidy");
        var r = m.optimizeModel().optimize().join();
        assertNotNull(m.optimizeModel().optimizeResultProperty().get());
        assertEquals(6, r.before().files());
        assertEquals(1, r.after().files());
        assertEquals("symbol", r.probe().column());
        assertFalse(m.optimizeModel().optimizingProperty().get());
        assertEquals(r.summary(), m.optimizeModel().optimizeStepProperty().get());
        assertEquals(1, m.healthModel().healthProperty().get().fileCount(), "health is refreshed after the run");
        m.tableProperty().set(null); // the picker blinks while the lake's table list is re-read
        m.tableProperty().set("other");
        assertNotNull(m.optimizeModel().optimizeResultProperty().get(), "the before/after stays for the same table");
    }

    @Test
    void aShortRetentionCannotRunUntilOverridden() {
        CompactionViewModel m = model("kept");
        m.vacuumModel().retentionProperty().set("not a duration");
        assertTrue(m.vacuumModel().simulateVacuum().isCompletedExceptionally());
        assertTrue(m.errorProperty().get().contains("not a duration"));
        m.vacuumModel().retentionProperty().set("0h");
        var plan = m.vacuumModel().simulateVacuum().join();
        assertTrue(plan.needsOverride());
        assertFalse(m.vacuumModel().canRunVacuumBinding().get());
        m.vacuumModel().overrideShortRetentionProperty().set(true);
        assertTrue(m.vacuumModel().canRunVacuumBinding().get());
        m.vacuumModel().retentionProperty().set("168h");
        assertNull(m.vacuumModel().vacuumPlanProperty().get(), "a new retention needs a new simulation");
        assertFalse(m.vacuumModel().canRunVacuumBinding().get());
    }

    @Test
    void policiesAreSavedAndRunsListed() throws Exception {
        CompactionViewModel m = model("scheduled");
        m.schedulerModel().policyRatioProperty().set(1.5);
        assertFalse(m.schedulerModel().savePolicy());
        assertTrue(m.errorProperty().get().contains("between 0 and 1"), m.errorProperty().get());
        m.schedulerModel().policyRatioProperty().set(0.9);
        m.schedulerModel().policyEveryProperty().set(30);
        assertTrue(m.schedulerModel().savePolicy());
        assertTrue(m.schedulerModel().policies().stream().anyMatch(p -> p.table().equals("scheduled") && p.everyMinutes() == 30));
        CompactionRun run = m.schedulerModel().runPolicyNow(false).get(300, TimeUnit.SECONDS);
        assertEquals("manual", run.trigger());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (m.schedulerModel().runs().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(run, m.schedulerModel().runs().get(0), "the scheduler's run reaches the list");
        m.schedulerModel().removePolicy();
        assertTrue(m.schedulerModel().policies().stream().noneMatch(p -> p.table().equals("scheduled")));
        assertTrue(scheduler.policies().stream().map(CompactionPolicy::table).noneMatch("scheduled"::equals));
    }
}
