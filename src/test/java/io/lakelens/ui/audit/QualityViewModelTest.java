package io.lakelens.ui.audit;

import io.lakelens.TestLakes;
import io.lakelens.ViewModelTest;
import io.lakelens.analytics.quality.BadTicksLake;
import io.lakelens.analytics.quality.QualityChecker;
import io.lakelens.analytics.quality.QualityReport;
import io.lakelens.analytics.quality.Rule;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.LakeEngine;
import io.lakelens.ui.kit.CurrentThreadTaskExecutor;
import io.lakelens.ui.kit.Notifier;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quality section and the report dialog's state on a hand-made lake with known bad rows
 * (v1 loads them, v2 "price correction" fixes AAA, BBB and CCC, v3 erases the null-symbol row).
 */
@ViewModelTest
class QualityViewModelTest {
    @TempDir
    static Path lake;
    @TempDir
    static Path reports;
    static LakeEngine engine;
    static QualityChecker checker;

    @BeforeAll
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    static void badTicks() {
        engine = TestLakes.engine(lake);
        BadTicksLake.build(engine);
        checker = new QualityChecker(engine);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void findingsNameTheCommitThatFixedThemAndPickingOneShowsItsRows() {
        StringProperty table = new SimpleStringProperty(MarketData.NAME);
        QualityViewModel m = new QualityViewModel(checker, table, new CurrentThreadTaskExecutor());
        QualityReport r = m.check().join();
        assertEquals(0, r.fromVersion());
        assertEquals(3, r.toVersion());
        assertFalse(m.runningProperty().get());
        assertEquals("", m.errorProperty().get());
        assertTrue(m.summaryProperty().get().startsWith("market_data, versions 0 to 3:"), m.summaryProperty().get());
        // open findings first
        assertEquals(QualityReport.Status.OPEN, m.findings().getFirst().status());

        String aaa = "symbol=AAA, trade_date=" + BadTicksLake.D0.plusDays(8);
        QualityReport.TrackedFinding jump = m.findings().stream()
                .filter(f -> f.atVersion().rule() == Rule.PRICE_JUMP && f.atVersion().where().equals(aaa)).findFirst().orElseThrow();
        assertEquals(1, jump.introduced().version());
        assertEquals(2, jump.fixed().version());
        assertEquals("MERGE", jump.fixed().operation());
        assertEquals("price correction", jump.fixed().reason());

        m.selectedProperty().set(jump);
        assertEquals(2, m.commits().size());
        assertEquals("day 8 load", m.commits().get(0).commit().reason());
        assertEquals("price correction", m.commits().get(1).commit().reason());
        QualityReport.TrackedFinding picked = jump;
        assertEquals(picked, m.selectedProperty().get());
        var rows = m.rowsShown().join();
        assertEquals(rows, m.rowsProperty().get());
        int close = rows.columns().indexOf(MarketData.CLOSE);
        // the jump and the day before it, as they were at version 1: the ×10 close is there
        assertEquals(2, rows.rows().size());
        double bad = ((Number) rows.rows().getFirst().get(close)).doubleValue();
        assertEquals(((Number) BadTicksLake.clean("AAA", 8).get(4)).doubleValue() * 10, bad, 1e-9);
        assertTrue(m.rowsTitleProperty().get().endsWith("rows at v1"), m.rowsTitleProperty().get());

        // another table: the findings are not about it
        table.set("other");
        assertTrue(m.findings().isEmpty());
        assertNull(m.reportProperty().get());
        assertNull(m.rowsProperty().get());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void reportIsWrittenWhereAskedWithItsQualityFindingsAndBadInputIsOneLine() throws Exception {
        ReportViewModel m = new ReportViewModel(engine, checker, new SimpleStringProperty(MarketData.NAME),
                new CurrentThreadTaskExecutor(), new Notifier(Runnable::run));
        assertEquals("report-market_data-v0-latest.pdf", m.suggestedFileName());

        m.fileProperty().set(reports.resolve("report.txt").toString());
        assertTrue(m.write().isCompletedExceptionally());
        assertTrue(m.errorProperty().get().contains("does not end in .pdf or .html"), m.errorProperty().get());
        m.fileProperty().set(lake.resolve(MarketData.NAME).resolve("inside.html").toString());
        assertTrue(m.write().isCompletedExceptionally());
        assertTrue(m.errorProperty().get().contains("inside the Delta table folder"), m.errorProperty().get());
        m.fromProperty().set("not a version");
        m.fileProperty().set(reports.resolve("report.html").toString());
        assertTrue(m.write().isCompletedExceptionally());
        assertFalse(m.errorProperty().get().isEmpty());
        assertFalse(Files.exists(reports.resolve("report.html")));

        m.fromProperty().set("0");
        m.toProperty().set("3");
        Path written = m.write().join();
        assertEquals(reports.resolve("report.html"), written);
        assertEquals("Report written to " + written, m.messageProperty().get());
        assertEquals("", m.errorProperty().get());
        String html = Files.readString(written);
        assertTrue(html.contains(MarketData.NAME));
        assertTrue(html.contains("price correction"), "the quality findings name the fixing commit");
    }
}
