package io.lakelens.ui.audit;

import io.lakelens.TestLakes;
import io.lakelens.analytics.quality.QualityChecker;
import io.lakelens.analytics.quality.QualityReport;
import io.lakelens.data.DatasetSize;
import io.lakelens.data.GenerationPlan;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.Integrity;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.TimeTravel;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.UiTaskExecutor;
import io.lakelens.ui.shell.Themes;
import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.Scene;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Audit tab's Quality view and "Export report…" dialog, driven with the robot on a generated
 * tiny lake (whose plan injects bad ticks and corrects them in a later commit).
 */
@ExtendWith(ApplicationExtension.class)
class AuditQualityRobotTest {
    static final long SEED = TestLakes.TINY_SEED;
    @TempDir
    static Path lake;
    @TempDir
    static Path reports;
    static LakeEngine engine;
    static GenerationPlan plan;
    static UiTaskExecutor tasks;
    AuditViewModel model;

    @BeforeAll
    @Timeout(value = 20, unit = TimeUnit.MINUTES)  // generating takes minutes on a busy machine
    static void generate() {
        TestLakes.generatedTiny(lake);
        engine = TestLakes.engine(lake);
        plan = GenerationPlan.of(DatasetSize.TINY, SEED);
    }

    @AfterAll
    static void stopWorkers() {
        tasks.close();
    }

    @Start
    void start(Stage stage) {
        if (tasks == null) {
            tasks = new UiTaskExecutor(e -> { });
        }
        model = new AuditViewModel(engine, new TimeTravel(engine), new Integrity(engine), new QualityChecker(engine), tasks,
                new Notifier(Platform::runLater));
        AuditTab tab = new AuditTab(model, new SimpleStringProperty(MarketData.NAME), List.of(MarketData.NAME));
        Scene scene = new Scene(new StackPane(tab.view()), 1400, 900);
        Themes.LIGHT.apply(scene);
        stage.setScene(scene);
        stage.show();
        tab.onShown();
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void qualityViewListsTheInjectedBadTicksWithTheCommitThatCorrectedThem(FxRobot robot) throws Exception {
        String before = TestLakes.fingerprint(lake.resolve(MarketData.NAME));
        robot.clickOn("#auditQualityTab");
        robot.clickOn("#qualityCheck");
        QualityViewModel quality = model.qualityModel();
        WaitForAsyncUtils.waitFor(12, TimeUnit.MINUTES, () -> quality.reportProperty().get() != null && !quality.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", quality.errorProperty().get());

        TableView<QualityReport.TrackedFinding> grid = robot.lookup("#qualityFindings").queryTableView();
        String correction = "Price correction: vendor re-sent " + plan.badTicks().size() + " bad ticks of "
                + plan.badTicks().getFirst().tradeDate();
        int firstBadTick = -1;
        for (GenerationPlan.BadTick t : plan.badTicks()) {
            String where = "symbol=" + t.symbol() + ", trade_date=" + t.tradeDate();
            List<Integer> rows = java.util.stream.IntStream.range(0, grid.getItems().size())
                    .filter(i -> grid.getItems().get(i).atVersion().where().equals(where)).boxed().toList();
            assertFalse(rows.isEmpty(), "the grid lists " + where);
            for (int i : rows) {
                // columns: status, rule, rows, introduced by, fixed by, detail
                assertEquals("fixed", grid.getColumns().get(0).getCellData(i));
                assertTrue(String.valueOf(grid.getColumns().get(3).getCellData(i)).contains("EOD load " + t.tradeDate()),
                        String.valueOf(grid.getColumns().get(3).getCellData(i)));
                assertTrue(String.valueOf(grid.getColumns().get(4).getCellData(i)).contains("MERGE: " + correction),
                        String.valueOf(grid.getColumns().get(4).getCellData(i)));
                firstBadTick = firstBadTick < 0 ? i : Math.min(firstBadTick, i);
            }
        }
        StackedBarChart<?, ?> trend = robot.lookup("#qualityTrend").query();
        assertTrue(trend.getData().size() >= 2, "a series per rule that found something");
        assertEquals(quality.reportProperty().get().trend().size(), trend.getData().getFirst().getData().size(), "a bar per version");

        // clicking a finding shows its rows and the commits behind it
        QualityReport.TrackedFinding picked = grid.getItems().get(firstBadTick);
        int row = firstBadTick;
        robot.interact(() -> grid.scrollTo(row));
        robot.clickOn(robot.lookup("#qualityFindings .table-row-cell").match(
                (javafx.scene.control.TableRow<?> r) -> r.getItem() == picked).queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitFor(2, TimeUnit.MINUTES, () -> quality.rowsProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(picked, quality.selectedProperty().get());
        TableView<List<Object>> rows = robot.lookup("#qualityRows").queryTableView();
        assertFalse(rows.getItems().isEmpty());
        int symbolColumn = rows.getColumns().stream().map(c -> c.getText()).toList().indexOf(MarketData.SYMBOL);
        String symbol = picked.atVersion().key().get(MarketData.SYMBOL);
        assertTrue(rows.getItems().stream().allMatch(r -> symbol.equals(String.valueOf(r.get(symbolColumn)))), rows.getItems().toString());
        TableView<QualityViewModel.CommitRow> commits = robot.lookup("#qualityCommits").queryTableView();
        assertEquals(2, commits.getItems().size());
        assertEquals("introduced by", commits.getItems().get(0).role());
        assertEquals("fixed by", commits.getItems().get(1).role());
        assertEquals("MERGE", commits.getItems().get(1).commit().operation());
        assertTrue(commits.getItems().get(1).commit().reason().startsWith(correction));
        assertEquals(commits.getItems().get(0).commit().version() + 1, commits.getItems().get(1).commit().version());
        assertEquals(before, TestLakes.fingerprint(lake.resolve(MarketData.NAME)), "checking quality only reads");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void exportReportWritesAPdfThatNamesTheTable(FxRobot robot) throws Exception {
        robot.clickOn("#auditExportTab");
        robot.clickOn("#auditExportReport");
        WaitForAsyncUtils.waitForFxEvents();
        ReportViewModel report = model.reportModel();

        // a file that is neither PDF nor HTML is refused in one line, and nothing runs
        robot.clickOn("#reportFile").write(reports.resolve("report.txt").toString());
        robot.clickOn("#reportWrite");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#reportError").queryLabeled().getText().contains("does not end in .pdf or .html"),
                robot.lookup("#reportError").queryLabeled().getText());
        assertFalse(report.runningProperty().get());

        Path pdf = reports.resolve("market-report.pdf");
        robot.interact(() -> report.fileProperty().set(pdf.toString()));
        CheckBox quality = robot.lookup("#reportQuality").query();
        robot.clickOn(quality);  // leave the data-quality check out: the other test covers it
        assertFalse(report.qualityProperty().get());
        robot.clickOn("#reportWrite");
        WaitForAsyncUtils.waitFor(8, TimeUnit.MINUTES, () -> !report.runningProperty().get()
                && report.messageProperty().get().startsWith("Report written to"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Report written to " + pdf, robot.lookup("#reportMessage").queryLabeled().getText());
        assertFalse(robot.lookup("#reportError").queryLabeled().isVisible());
        assertTrue(Files.size(pdf) > 1000);
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            text = new PDFTextStripper().getText(doc);
        }
        assertTrue(text.contains(MarketData.NAME), text);
    }
}
