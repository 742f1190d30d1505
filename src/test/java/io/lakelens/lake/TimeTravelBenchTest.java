package io.lakelens.lake;

import io.lakelens.LakeLensException;
import io.lakelens.TestLakes;
import io.lakelens.data.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeTravelBenchTest {
    @TempDir
    Path lake;

    @Test
    void benchReportsCountFilterAndDiffFiguresWithTheirResults() {
        LakeEngine engine = TestLakes.engine(lake);
        TimeTravelTest.writeTrades(engine, Tables.Transactions.NAME, true);
        String before = TestLakes.fingerprint(lake);
        List<TimeTravelBench.Figure> figures = new TimeTravelBench(engine).run(Tables.Transactions.NAME);
        assertEquals(List.of("count as of an old version", "filtered query as of an old version", "diff of two versions",
                "diff of two versions"), figures.stream().map(TimeTravelBench.Figure::operation).toList());
        assertEquals(10, figures.get(0).rows(), "version 0 holds ten trades");
        assertEquals(1, figures.get(1).rows(), "a trade_id matches one row");
        assertEquals("v1 → v2", figures.get(2).versions(), "the last edit is the compliance delete");
        assertEquals(1, figures.get(2).rows());
        assertEquals("v0 → v5", figures.get(3).versions());
        assertEquals(6, figures.get(3).rows(), "2 changed, 1 removed, 3 added");
        assertTrue(figures.stream().allMatch(f -> f.firstMs() > 0 && f.warmMedianMs() > 0));
        assertEquals(before, TestLakes.fingerprint(lake), "the bench only reads");
        LakeEngine empty = TestLakes.engine(lake.resolve("other"));
        empty.write("one", "load", s -> {
            s.range(0, 3).write().format("delta").save(empty.tablePath("one").toString());
            return null;
        });
        assertThrows(LakeLensException.class, () -> new TimeTravelBench(empty).run("one"));
    }
}
