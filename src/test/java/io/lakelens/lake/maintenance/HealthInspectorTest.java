package io.lakelens.lake.maintenance;

import io.lakelens.LakeLensException;
import io.lakelens.TestLakes;
import io.lakelens.lake.LakeEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthInspectorTest {
    @TempDir
    static Path lake;
    static LakeEngine engine;

    @BeforeAll
    static void tables() {
        engine = TestLakes.engine(lake);
        SmallTables.appends(engine, "ticks", 4, 40, 3, true);
        SmallTables.appends(engine, "flat", 1, 10, 1, false);
    }

    @Test
    void smallFilesAreCountedPerPartitionWithAnOptimizeEstimate() {
        TableHealth h = new HealthInspector(engine).inspect("ticks");
        long filesOnLog = engine.deltaTable("ticks").detail().collectAsList().get(0).getLong(
                engine.deltaTable("ticks").detail().schema().fieldIndex("numFiles"));
        assertEquals(filesOnLog, h.fileCount());
        assertEquals(160, h.rows());
        assertEquals(h.fileCount(), h.smallFiles(), "every file of a 160-row table is small");
        assertEquals(1.0, h.smallFileRatio());
        assertEquals(2, h.partitions().size());
        assertEquals(2, h.estimatedFilesAfter(), "one file per partition once compacted");
        assertTrue(h.needsOptimize());
        assertTrue(h.verdict().startsWith(h.smallFiles() + " small files in 2 partitions; OPTIMIZE would cut file count ~"),
                h.verdict());
        assertTrue(h.verdict().contains(h.fileCount() + " → ~2 files"), h.verdict());
        assertEquals(h.fileCount(), h.histogram().totalFiles());
        assertEquals(h.fileCount(), h.histogram().buckets().get(0).files(), "all files are under 64 KiB");
    }

    @Test
    void rowsPerFileAndPropertiesComeFromTheLog() {
        TableHealth h = new HealthInspector(engine).inspect("ticks");
        assertTrue(h.minRowsPerFile() >= 1 && h.maxRowsPerFile() <= 40, h.minRowsPerFile() + ".." + h.maxRowsPerFile());
        assertEquals(h.rows() / h.fileCount(), h.avgRowsPerFile());
        assertEquals("true", h.property("delta.enableChangeDataFeed"), "engine default for new tables");
        assertEquals("false", h.property("delta.autoOptimize.autoCompact"));
        assertEquals("32.0 MiB", h.property("target file size"));
        assertEquals(32L * 1024 * 1024, h.targetFileBytes());
    }

    @Test
    void aSingleFileTableIsHealthy() {
        TableHealth h = new HealthInspector(engine).inspect("flat");
        assertEquals(1, h.fileCount());
        assertFalse(h.needsOptimize());
        assertTrue(h.verdict().startsWith("Healthy: 1 file"), h.verdict());
        assertEquals(1.0, h.optimizeFactor());
    }

    @Test
    void thresholdIsConfigurable() {
        TableHealth h = new HealthInspector(engine).inspect("ticks", 1);
        assertEquals(0, h.smallFiles());
        assertEquals(1, h.smallFileThresholdBytes());
        assertThrows(LakeLensException.class, () -> new HealthInspector(engine).inspect("ticks", 0));
    }

    @Test
    void inspectingChangesNothing() {
        String before = TestLakes.fingerprint(lake.resolve("ticks"));
        new HealthInspector(engine).inspect("ticks");
        assertEquals(before, TestLakes.fingerprint(lake.resolve("ticks")));
    }

    @Test
    void deletionVectorsAreCounted() {
        SmallTables.appends(engine, "dv", 1, 20, 2, false);
        new PropertyEditor(engine).apply(new PropertyEditor(engine).preview("dv",
                java.util.Map.of("delta.enableDeletionVectors", "true")), "enable deletion vectors");
        engine.write("dv", "drop three rows", s -> {
            io.delta.tables.DeltaTable.forPath(s, engine.tablePath("dv").toString()).delete("id < 3");
            return null;
        });
        TableHealth h = new HealthInspector(engine).inspect("dv");
        assertEquals(3, h.deletedRows());
        assertTrue(h.deletionVectorFiles() >= 1);
        assertEquals(17, h.rows(), "rows subtract the deleted ones");
        assertTrue(h.findings().stream().anyMatch(f -> f.contains("deletion vectors hiding 3 deleted rows")), h.findings().toString());
    }

    @Test
    void unknownTableIsAClearError() {
        var e = assertThrows(LakeLensException.class, () -> new HealthInspector(engine).inspect("nope"));
        assertTrue(e.getMessage().contains("No table 'nope'"), e.getMessage());
    }
}
