package io.lakelens.reliability;

import io.lakelens.TestLakes;
import io.lakelens.lake.LakeEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConcurrentWritersTest {
    @TempDir
    Path lake;

    @Test
    void everyAcknowledgedWriteIsPresentAfterConcurrentAppendsMergesDeletesAndOptimize() {
        LakeEngine engine = TestLakes.engine(lake);
        ScenarioResult r = ReliabilitySuite.record(ConcurrentWriters.run(engine, "contested",
                new ConcurrentWriters.Params(2, 4, 10, 4, 42)));
        assertEquals(0, r.lostRows(), r.detail());
        assertEquals(0, r.failures(), r.detail());
    }
}
