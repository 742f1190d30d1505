package io.lakelens.ui.analytics;

import io.lakelens.TestLakes;
import io.lakelens.analytics.AnalyticsService;
import io.lakelens.analytics.ConsoleStore;
import io.lakelens.analytics.HandMadeLake;
import io.lakelens.analytics.QueryService;
import io.lakelens.analytics.SqlConsole;
import io.lakelens.analytics.model.RiskModels;
import io.lakelens.lake.LakeEngine;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.StatusModel;
import io.lakelens.ui.kit.UiTaskExecutor;
import io.lakelens.ui.shell.Themes;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class AnalyticsTabFxTest {
    @TempDir
    static Path lake;
    @TempDir
    static Path home;
    static LakeEngine engine;
    static UiTaskExecutor tasks;

    @BeforeAll
    static void handMadeLake() {
        engine = TestLakes.engine(lake);
        HandMadeLake.build(engine);
    }

    @AfterAll
    static void stopWorkers() {
        tasks.close();
    }

    @Start
    void start(Stage stage) {
        tasks = new UiTaskExecutor(e -> { });
        Notifier notifier = new Notifier(Platform::runLater);
        StatusModel status = new StatusModel(Platform::runLater);
        AnalyticsTab tab = new AnalyticsTab(new AnalyticsViewModel(new AnalyticsService(engine), tasks, status),
                new SqlConsoleViewModel(new SqlConsole(new QueryService(engine), new ConsoleStore(home.resolve("console.json"))),
                        tasks, status, notifier), new BacktestViewModel(new RiskModels(engine), tasks, status));
        Scene scene = new Scene(new StackPane(tab.view()), 1280, 800);
        Themes.LIGHT.apply(scene);
        stage.setScene(scene);
        stage.show();
        tab.onShown();
    }

    @Test
    void typedQueryRunsWithCtrlEnterAndFillsTheGrid(FxRobot robot) throws Exception {
        robot.clickOn("#consoleToggle");
        robot.clickOn("#sqlEditor");
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("SELECT sector, count(*) AS n FROM market_data GROUP BY sector ORDER BY sector");
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        TableView<List<Object>> grid = robot.lookup("#resultGrid").queryTableView();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> grid.getItems().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("Energy", 10L), grid.getItems().get(0));
        assertEquals(List.of("sector", "n"), grid.getColumns().stream().map(c -> c.getText()).toList());
        assertTrue(robot.lookup("#sqlSummary").queryLabeled().getText().startsWith("2 rows"));
        assertTrue(robot.lookup("#historyList").queryListView().getItems().size() >= 1);
    }
}
