package io.lakelens.lake.change;

import io.lakelens.Config;
import io.lakelens.LakeLensException;
import io.lakelens.TestLakes;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.Commit;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.RestorePlan;
import io.lakelens.lake.TimeTravel;
import io.lakelens.lake.maintenance.OptimizeRequest;
import io.lakelens.lake.maintenance.PropertyChange;
import io.lakelens.lake.maintenance.PropertyEditor;
import io.lakelens.lake.maintenance.VacuumPlanner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of change runs through one runner: the same refusals, the reason in the commit. */
class ChangeRunnerTest {
    @TempDir
    static Path lake;
    static LakeEngine engine;

    @BeforeAll
    static void aTableWithTwoVersions() {
        engine = TestLakes.engine(lake);
        for (int i = 0; i < 2; i++) {
            int n = i;
            engine.write("t", "load " + n, s -> {
                s.sql("SELECT id, 'v" + n + "' AS name FROM range(5)").write().format("delta").mode("append")
                        .save(engine.tablePath("t").toString());
                return null;
            });
        }
    }

    @Test
    void aReadOnlyLakeRefusesEveryKindOfChangeBeforeAnythingRuns() {
        LakeEngine readOnly = new LakeEngine(TestLakes.config(lake).withReadOnly(true));
        ChangeRunner runner = new ChangeRunner(readOnly);
        long before = engine.latestVersion("t");
        PropertyChange props = new PropertyEditor(engine).preview("t", Map.of("delta.checkpointInterval", "20"));
        List<LakeChange<?>> changes = List.of(
                new LakeChange.Optimize(OptimizeRequest.compaction("t")),
                new LakeChange.SetProperties(props, "tune"),
                new LakeChange.Vacuum(new VacuumPlanner(engine).plan("t", Duration.ofDays(7)), false, "tidy"),
                new LakeChange.Convert("t", "convert"));
        for (LakeChange<?> c : changes) {
            String why = runner.refusal(c).orElseThrow();
            assertTrue(why.contains("is open read-only"), why);
            LakeLensException e = assertThrows(LakeLensException.class, () -> runner.run(c, null));
            assertEquals(why, e.getMessage());
        }
        assertEquals(before, engine.latestVersion("t"));
    }

    @Test
    void restoreAndVacuumNeedAReasonAndAShortRetentionNeedsItsOverride() {
        ChangeRunner runner = new ChangeRunner(engine);
        try (RestorePlan plan = new TimeTravel(engine).previewRestore("t", new AsOf.Version(0), List.of())) {
            assertTrue(runner.refusal(new LakeChange.Restore(plan, " ")).orElseThrow().startsWith("A restore needs a reason"));
        }
        var shortPlan = new VacuumPlanner(engine).plan("t", Duration.ZERO);
        assertTrue(runner.refusal(new LakeChange.Vacuum(shortPlan, false, "tidy")).orElseThrow().contains("under the safe minimum"));
        assertTrue(runner.refusal(new LakeChange.Vacuum(shortPlan, true, "")).orElseThrow().startsWith("A vacuum needs a reason"));
        assertTrue(runner.refusal(new LakeChange.Vacuum(shortPlan, true, "tidy")).isEmpty());
    }

    @Test
    void eachChangeCommitsWithItsReasonInTheHistory() {
        ChangeRunner runner = new ChangeRunner(engine);
        PropertyChange props = new PropertyEditor(engine).preview("t", Map.of("delta.checkpointInterval", "20"));
        ChangeResult.PropertiesSet set = runner.run(new LakeChange.SetProperties(props, "fewer checkpoints"), null);
        assertEquals(set.version(), engine.latestVersion("t"));
        assertEquals("fewer checkpoints", latest().reason());

        try (RestorePlan plan = new TimeTravel(engine).previewRestore("t", new AsOf.Version(0), List.of())) {
            ChangeResult.Restored r = runner.run(new LakeChange.Restore(plan, "undo the second load"), null);
            assertEquals(0, r.result().restoredTo());
        }
        assertEquals("RESTORE", latest().operation());
        assertEquals("undo the second load", latest().reason());
        assertEquals(5L, engine.countRows("t", AsOf.LATEST));
    }

    private static Commit latest() {
        return engine.history("t", 1).getFirst();
    }
}
