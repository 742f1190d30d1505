package io.lakelens.ui.analytics;

import io.lakelens.TestLakes;
import io.lakelens.analytics.CancelHandle;
import io.lakelens.analytics.model.ModelParams;
import io.lakelens.analytics.model.ModelProgress;
import io.lakelens.analytics.model.RiskModels;
import io.lakelens.analytics.model.TrainRequest;
import io.lakelens.lake.LakeEngine;
import io.lakelens.ui.kit.StatusModel;
import io.lakelens.ui.kit.UiTaskExecutor;
import io.lakelens.ui.shell.Themes;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
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

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backtest card in the Analytics tab, driven with the robot on a tiny lake (real Spark and MLlib). */
@ExtendWith(ApplicationExtension.class)
class BacktestViewTest {
    static final String MODEL = "card-fx";
    @TempDir
    static Path lake;
    @TempDir
    static Path home;
    static LakeEngine engine;
    static RiskModels models;
    static UiTaskExecutor tasks;
    BacktestViewModel backtest;

    @BeforeAll
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    static void trainedModel() {
        engine = TestLakes.engine(lake);
        BacktestLake.build(engine);
        models = new RiskModels(engine);
        models.train(TrainRequest.of(MODEL).withParams(ModelParams.DEFAULTS.withTrees(6, 3).withSeed(7)), new CancelHandle(),
                ModelProgress.Listener.NONE);
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
        StatusModel status = new StatusModel(Platform::runLater);
        backtest = new BacktestViewModel(models, tasks, status);
        AnalyticsTab tab = new AnalyticsTab(
                new AnalyticsViewModel(new io.lakelens.analytics.AnalyticsService(engine), tasks, status),
                new SqlConsoleViewModel(new io.lakelens.analytics.SqlConsole(new io.lakelens.analytics.QueryService(engine),
                        new io.lakelens.analytics.ConsoleStore(home.resolve("console.json"))), tasks, status,
                        new io.lakelens.ui.kit.Notifier(Platform::runLater)),
                backtest);
        Scene scene = new Scene(new StackPane(tab.view()), 1400, 900);
        Themes.LIGHT.apply(scene);
        stage.setScene(scene);
        stage.show();
        tab.onShown();
    }

    /** Opens the card and picks the trained model by name once the saved models are read. */
    private void openWithModel(FxRobot robot) throws Exception {
        robot.clickOn("#backtestToggle");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !backtest.savedModels().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        // reading the saved models keeps the name in the box (the default, which nothing is saved under here)
        assertEquals(TrainRequest.DEFAULT_NAME, backtest.modelNameProperty().get());
        assertEquals(TrainRequest.DEFAULT_NAME, robot.lookup("#backtestModel").queryComboBox().getValue());
        assertTrue(robot.lookup("#runBacktest").queryButton().isDisabled(), "no model to backtest yet");
        robot.interact(() -> backtest.modelNameProperty().set(MODEL));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> backtest.modelProperty().get() != null);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void runningABacktestDrawsBothEquityCurvesAndFillsTheMetricsAndRebalances(FxRobot robot) throws Exception {
        openWithModel(robot);
        assertTrue(robot.lookup("#backtestModelMetrics").queryLabeled().getText().startsWith("Model RMSE"));
        assertTrue(robot.lookup("#backtestNaiveMetrics").queryLabeled().getText().startsWith("Naive"));
        robot.clickOn("#runBacktest");
        WaitForAsyncUtils.waitFor(5, TimeUnit.MINUTES, () -> backtest.resultProperty().get() != null
                && !backtest.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        LineChart<?, ?> chart = robot.lookup("#equityChart").query();
        int points = backtest.resultProperty().get().curve().size();
        assertTrue(points > 5);
        assertEquals(2, chart.getData().size());
        assertEquals("Lowest risk", chart.getData().get(0).getName());
        assertEquals("Equal weight", chart.getData().get(1).getName());
        assertEquals(points, chart.getData().get(0).getData().size());
        assertEquals(points, chart.getData().get(1).getData().size());

        TableView<BacktestViewModel.MetricRow> metrics = robot.lookup("#backtestMetrics").queryTableView();
        assertEquals(2, metrics.getItems().size());
        assertEquals("lowest risk", metrics.getColumns().get(0).getCellData(0));
        assertEquals("equal weight", metrics.getColumns().get(0).getCellData(1));
        assertEquals(java.util.List.of("portfolio", "return %", "annualised %", "volatility %", "Sharpe", "max drawdown %", "days"),
                metrics.getColumns().stream().map(c -> c.getText()).toList());
        TableView<?> rebalances = robot.lookup("#backtestRebalances").queryTableView();
        assertEquals(backtest.resultProperty().get().rebalances().size(), rebalances.getItems().size());
        assertTrue(rebalances.getColumns().get(1).getCellData(0).toString().startsWith("v"));
        assertTrue(((Labeled) robot.lookup("#backtestTitle").query()).getText().contains(MODEL));
        assertEquals("", backtest.errorProperty().get());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void cancelStopsARunningBacktest(FxRobot robot) throws Exception {
        openWithModel(robot);
        // a rebalance every day: many Spark reads, so the run is still going when Cancel is pressed
        robot.interact(() -> backtest.everyProperty().set(1));
        robot.clickOn("#runBacktest");
        WaitForAsyncUtils.waitFor(2, TimeUnit.MINUTES, () -> backtest.stepProperty().get().startsWith("Rebalance"));
        Button cancel = robot.lookup("#cancelBacktest").queryButton();
        assertFalse(cancel.isDisabled());
        robot.clickOn(cancel);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !backtest.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(backtest.resultProperty().get());
        assertTrue(backtest.stepProperty().get().endsWith("cancelled."), backtest.stepProperty().get());
        assertTrue(backtest.metrics().isEmpty());
        assertEquals("", backtest.errorProperty().get());
        assertTrue(robot.lookup("#runBacktest").queryButton().isDisabled() == false);
    }
}
