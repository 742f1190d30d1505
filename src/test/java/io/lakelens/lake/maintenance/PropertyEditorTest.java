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
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PropertyEditorTest {
    @TempDir
    static Path lake;
    static LakeEngine engine;
    static PropertyEditor editor;

    @BeforeAll
    static void table() {
        engine = TestLakes.engine(lake);
        SmallTables.appends(engine, "t", 1, 10, 1, false);
        editor = new PropertyEditor(engine);
    }

    @Test
    void previewShowsTheStatementWithCanonicalValuesAndChangesNothing() {
        String before = TestLakes.fingerprint(lake.resolve("t"));
        Map<String, String> edits = new LinkedHashMap<>();
        edits.put("delta.checkpointInterval", " 20 ");
        edits.put("DELTA.autoOptimize.autoCompact", "TRUE");
        edits.put("delta.deletedFileRetentionDuration", "14d");
        PropertyChange c = editor.preview("t", edits);
        assertEquals("ALTER TABLE delta.`" + lake.resolve("t").toAbsolutePath() + "` SET TBLPROPERTIES ("
                + "'delta.checkpointInterval' = '20', 'delta.autoOptimize.autoCompact' = 'true', "
                + "'delta.deletedFileRetentionDuration' = 'interval 14 days')", c.statement());
        assertEquals("10", c.changes().get(0).currentValue());
        assertEquals("false", c.changes().get(1).currentValue());
        assertTrue(c.changes().get(1).currentIsDefault());
        assertEquals(before, TestLakes.fingerprint(lake.resolve("t")));
    }

    @Test
    void applyCommitsOnceWithUserAndReason() {
        long v = engine.latestVersion("t");
        long after = editor.apply(editor.preview("t", Map.of("delta.logRetentionDuration", "60 days")), "keep two months");
        assertEquals(v + 1, after);
        assertEquals("interval 60 days", engine.snapshot("t", AsOf.LATEST).getTableProperties().get("delta.logRetentionDuration"));
        Commit c = engine.history("t", 1).get(0);
        assertEquals("keep two months", c.reason());
        assertEquals(System.getProperty("user.name"), c.user());
        assertEquals("SET TBLPROPERTIES", c.operation());
    }

    @Test
    void badKeysAndValuesAreRefusedBeforeAnythingRuns() {
        String before = TestLakes.fingerprint(lake.resolve("t"));
        var unknown = assertThrows(LakeLensException.class, () -> editor.preview("t", Map.of("delta.targetFileSize", "1")));
        assertTrue(unknown.getMessage().contains("not a property LakeLens edits"), unknown.getMessage());
        var bool = assertThrows(LakeLensException.class, () -> editor.preview("t", Map.of("delta.appendOnly", "yes")));
        assertTrue(bool.getMessage().contains("must be true or false"), bool.getMessage());
        assertThrows(LakeLensException.class, () -> editor.preview("t", Map.of("delta.checkpointInterval", "0")));
        assertThrows(LakeLensException.class, () -> editor.preview("t", Map.of("delta.checkpointInterval", "5'), ('x' = 'y")));
        assertThrows(LakeLensException.class, () -> editor.preview("t", Map.of("delta.logRetentionDuration", "30 days'); DROP TABLE t; --")));
        assertThrows(LakeLensException.class, () -> editor.preview("t", Map.of()));
        assertEquals(before, TestLakes.fingerprint(lake.resolve("t")));
    }

    @Test
    void shortDeletedFileRetentionWarns() {
        PropertyChange c = editor.preview("t", Map.of("delta.deletedFileRetentionDuration", "1 day"));
        assertTrue(c.warnings().stream().anyMatch(w -> w.contains("less than 7 days")), c.warnings().toString());
    }

    @Test
    void applyRefusesWhenTheTableChangedUnderThePreview() {
        PropertyChange c = editor.preview("t", Map.of("delta.checkpointInterval", "7"));
        editor.apply(editor.preview("t", Map.of("delta.checkpointInterval", "8")), "someone else");
        var e = assertThrows(LakeLensException.class, () -> editor.apply(c, "stale"));
        assertTrue(e.getMessage().contains("changed since the preview"), e.getMessage());
    }
}
