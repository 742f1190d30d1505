package io.lakelens.reliability;

import io.lakelens.TestLakes;
import io.lakelens.lake.LakeEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * kill -9 of a second LakeLens process in the middle of a write; this process then recovers.
 * The kill lands at a random point of the operation (seeded per run and printed in the
 * summary), before or after its commit.
 */
class CrashSafetyTest {
    @TempDir
    static Path dir;
    static LakeEngine engine;
    static final long SEED = Long.getLong("lakelens.test.seed", System.currentTimeMillis());

    @BeforeAll
    static void engine() {
        engine = TestLakes.engine(dir.resolve("lake"));
    }

    private static void check(ScenarioResult r) {
        ReliabilitySuite.record(new ScenarioResult(r.scenario(), r.operations(), r.failures(), r.lostRows(),
                r.detail() + " (seed " + SEED + ")"));
        assertEquals(0, r.failures(), r.detail());
        assertEquals(0, r.lostRows(), r.detail());
    }

    @Test
    void killedAppendLeavesEveryCommittedVersionReadableAndTheNextWriterUnblocked() {
        check(CrashRecovery.run(engine, "appended", CrashRecovery.Kind.APPEND, 50, new Random(SEED), dir.resolve("logs"),
                t -> List.of()));
    }

    @Test
    void killedOptimizeLosesNoRowAndRunsAgain() {
        check(CrashRecovery.run(engine, "compacted", CrashRecovery.Kind.OPTIMIZE, 25, new Random(SEED + 1), dir.resolve("logs"),
                t -> List.of()));
    }

    @Test
    void killedRestoreLeavesTheOldOrTheRestoredStateAndRunsAgain() {
        check(CrashRecovery.run(engine, "restored", CrashRecovery.Kind.RESTORE, 40, new Random(SEED + 2), dir.resolve("logs"),
                t -> List.of()));
    }

    @Test
    void killedChecksumRecordLeavesTheSidecarReadableAndVerifyPassing() {
        check(CrashRecovery.run(engine, "checksummed", CrashRecovery.Kind.INTEGRITY_SIDECAR, 25, new Random(SEED + 3),
                dir.resolve("logs"), t -> List.of()));
    }
}
