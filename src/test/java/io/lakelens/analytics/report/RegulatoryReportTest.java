package io.lakelens.analytics.report;

import io.lakelens.TestLakes;
import io.lakelens.analytics.quality.BadTicksLake;
import io.lakelens.cli.Main;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.Integrity;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.TimeTravel;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lakelens report} on {@link BadTicksLake} plus a recorded checksum, a restore and a
 * schema change: the PDF (read back with PDFBox) and the HTML carry every part an examiner needs.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class RegulatoryReportTest {
    @TempDir
    static Path lake;
    @TempDir
    static Path out;
    static LakeEngine engine;

    @BeforeAll
    static void build() {
        engine = TestLakes.engine(lake);
        BadTicksLake.build(engine);                                          // v0–v3
        new Integrity(engine).record(MarketData.NAME, 3);
        TimeTravel tt = new TimeTravel(engine);
        tt.restore(tt.previewRestore(MarketData.NAME, new AsOf.Version(2), List.of()), "examiner asked for the state before the erasure"); // v4
        engine.write(MarketData.NAME, "vendor adds vwap", s -> {                // v5
            s.createDataFrame(List.of(BadTicksLake.clean("AAA", 9)), BadTicksLake.SCHEMA).withColumn("vwap", lit(101.0))
                    .write().format("delta").mode("append").option("mergeSchema", "true").save(engine.tablePath(MarketData.NAME).toString());
            return null;
        });
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        String[] all = new String[args.length + 3];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--lake";
        all[args.length + 1] = lake.toString();
        all[args.length + 2] = "--no-redis";
        int code = Main.execute(all, new PrintWriter(o, true), new PrintWriter(e, true));
        return new Run(code, o.toString(), e.toString());
    }

    @Test
    void thePdfAndTheHtmlCarryEveryPartOfTheReport() throws Exception {
        String before = TestLakes.fingerprint(lake);
        Path pdf = out.resolve("r.pdf");
        Run r = run("report", MarketData.NAME, "--from", "0", "--to", "5", "--out", pdf.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("6 commits, integrity verified, "), r.out());
        String text;
        int pages;
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            pages = doc.getNumberOfPages();
            text = new PDFTextStripper().getText(doc);
        }
        assertTrue(pages >= 3, "cover, body and appendix: " + pages);
        String flat = text.replaceAll("\\s+", "");  // table cells wrap anywhere
        for (String expected : List.of(
                "Regulatory report", "Table market_data", "Period: versions 0 to 5", "Lake: " + lake.toAbsolutePath().normalize(),
                "Commits by operation, user and reason", "Commits by operation",            // section and chart title
                "MERGE", "RESTORE", "DELETE", "price correction", "erase junk row",
                "Rows added, changed and deleted", "Restores and erasures", "version 2", "examiner asked for the state before the erasure",
                "Schema changes", "vwap", "vendor adds vwap",
                "Integrity verification", "Every recorded checksum in the period was recomputed from the data and matches.",
                "Data quality", "Negative volume", "symbol=CCC, trade_date=" + BadTicksLake.D0.plusDays(8), "v2 MERGE: price correction",
                "Data-quality findings per version",
                "Appendix: commit list", "day 8 load", "page 1")) {
            assertTrue(flat.contains(expected.replaceAll("\\s+", "")), "the PDF lacks '" + expected + "':\n" + text);
        }

        Path html = out.resolve("r.html");
        assertEquals(0, run("report", MarketData.NAME, "--from", "0", "--to", "5", "--out", html.toString()).code());
        String page = Files.readString(html);
        for (String expected : List.of("Period: versions 0 to 5", "examiner asked for the state before the erasure", "vendor adds vwap",
                "Negative volume", "v2 MERGE: price correction", "Appendix: commit list", "<svg")) {
            assertTrue(page.contains(expected), "the HTML lacks '" + expected + "'");
        }
        assertFalse(page.contains("<script"), "the page runs nothing");
        assertEquals(before, TestLakes.fingerprint(lake), "writing a report leaves the lake untouched");
    }

    @Test
    void aBadTargetIsOneClearLineAndWritesNothing() throws Exception {
        Run txt = run("report", MarketData.NAME, "--out", out.resolve("r.txt").toString(), "--no-quality");
        assertEquals(1, txt.code());
        assertEquals(1, txt.err().strip().lines().count(), txt.err());
        assertTrue(txt.err().contains(".pdf or .html"), txt.err());

        Path inside = engine.tablePath(MarketData.NAME).resolve("r.pdf");
        Run intoTable = run("report", MarketData.NAME, "--out", inside.toString(), "--no-quality");
        assertEquals(1, intoTable.code());
        assertFalse(Files.exists(inside));

        Run range = run("report", MarketData.NAME, "--from", "4", "--to", "1", "--out", out.resolve("x.pdf").toString(), "--no-quality");
        assertEquals(1, range.code(), range.err());
        assertEquals(1, range.err().lines().filter(l -> l.startsWith("lakelens: ")).count(), range.err());
        assertTrue(range.err().lines().allMatch(l -> l.startsWith("lakelens: ") || l.startsWith("… ")), "no stack trace: " + range.err());
        assertFalse(Files.exists(out.resolve("x.pdf")));
    }
}
