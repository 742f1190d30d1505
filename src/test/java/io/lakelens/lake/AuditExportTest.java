package io.lakelens.lake;

import io.delta.tables.DeltaTable;
import io.lakelens.LakeLensException;
import io.lakelens.TestLakes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditExportTest {
    static final String T = "orders";
    @TempDir
    static Path lake;
    @TempDir
    static Path out;
    static LakeEngine engine;
    static AuditReport report;

    @BeforeAll
    static void orders() {
        engine = TestLakes.engine(lake);
        String path = engine.tablePath(T).toString();
        engine.write(T, "load, desk \"A\"", s -> {
            s.range(1, 6).selectExpr("id AS order_id", "CAST(id * 3 AS INT) AS qty").write().format("delta").save(path);
            return null;
        });
        engine.write(T, "=HYPERLINK(\"http://evil\") <script>alert(1)</script>", s -> {
            DeltaTable.forPath(s, path).delete(col("order_id").equalTo(4L));
            return null;
        });
        new Integrity(engine).verify(T, 1, true);
        report = AuditReport.build(engine, T, new AsOf.Version(0), AsOf.LATEST, "order_id=4", true);
    }

    @Test
    void reportHoldsCommitsChecksumsAndTheChosenRowsTrail() {
        assertEquals(List.of(0L, 1L), report.commits().stream().map(TimelineNode::version).toList());
        assertEquals(1, report.checksums().size());
        assertEquals("passed", report.checksums().get(0).status());
        assertEquals(List.of(RowEvent.Kind.INSERTED, RowEvent.Kind.DELETED),
                report.trail().events().stream().map(RowEvent::kind).toList());
    }

    @Test
    void htmlIsSelfContainedAndEscapesWhatUsersTyped() throws Exception {
        Path file = AuditExport.write(report, out.resolve("orders-audit.html"), lake);
        String html = Files.readString(file);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<style>") && html.contains("--op-delete"), "the stylesheet is inline");
        assertTrue(html.contains("<svg class=\"timeline\"") && html.contains("<circle class=\"op-delete\""), "timeline picture inline");
        assertFalse(html.contains("<script>"), "a reason cannot inject markup");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertFalse(html.contains("<link") || html.contains(" src=") || html.contains("href="), "nothing is fetched from elsewhere");
        assertTrue(html.contains("order_id=4") && html.contains("deleted"), "the row trail is there");
        assertTrue(html.contains("passed"), "checksum status is there");
        try (Stream<Path> files = Files.list(out)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".part")), "no partial file is left behind");
        }
    }

    @Test
    void csvQuotesTextAndDefusesFormulas() throws Exception {
        Path file = AuditExport.write(report, out.resolve("orders-audit.csv"), lake);
        List<String> lines = Files.readAllLines(file);
        assertEquals(String.join(",", AuditExport.CSV_HEADER), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("commit,0,") && l.contains("\"load, desk \"\"A\"\"\"")), lines.toString());
        String delete = lines.stream().filter(l -> l.startsWith("commit,1,")).findFirst().orElseThrow();
        assertTrue(delete.contains("\"'=HYPERLINK("), delete);
        assertEquals(2, lines.stream().filter(l -> l.startsWith("row_change,")).count());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("checksum,1,")).count());
    }

    @Test
    void exportPathsThatEscapeTheChosenPlaceAreRefusedAndWriteNothing() throws Exception {
        String before = TestLakes.fingerprint(out);
        String lakeBefore = TestLakes.fingerprint(lake);
        var dots = assertThrows(LakeLensException.class, () -> AuditExport.write(report, out.resolve("../escape.html"), lake));
        assertTrue(dots.getMessage().contains("'..'"), dots.getMessage());
        assertThrows(LakeLensException.class, () -> AuditExport.fileIn(out, "../escape.html", lake));
        assertThrows(LakeLensException.class, () -> AuditExport.fileIn(out, "sub/escape.html", lake));
        assertThrows(LakeLensException.class, () -> AuditExport.fileIn(out, "..", lake));
        var ext = assertThrows(LakeLensException.class, () -> AuditExport.write(report, out.resolve("report.exe"), lake));
        assertTrue(ext.getMessage().contains(".html or .csv"), ext.getMessage());
        var missing = assertThrows(LakeLensException.class, () -> AuditExport.write(report, out.resolve("nope/report.html"), lake));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        var inTable = assertThrows(LakeLensException.class, () -> AuditExport.write(report, lake.resolve(T).resolve("r.html"), lake));
        assertTrue(inTable.getMessage().contains("inside the Delta table folder"), inTable.getMessage());
        assertEquals(before, TestLakes.fingerprint(out));
        assertEquals(lakeBefore, TestLakes.fingerprint(lake));
        assertEquals(out.resolve("fine.html"), AuditExport.fileIn(out, "fine.html", lake));
    }

    @Test
    void backwardsRangeIsAClearError() {
        var e = assertThrows(LakeLensException.class, () -> AuditReport.build(engine, T, new AsOf.Version(1), new AsOf.Version(0), null, false));
        assertTrue(e.getMessage().contains("runs backwards"), e.getMessage());
    }
}
