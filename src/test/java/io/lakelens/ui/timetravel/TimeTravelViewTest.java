package io.lakelens.ui.timetravel;

import io.lakelens.TestLakes;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.OperationKind;
import io.lakelens.lake.TimeTravel;
import io.lakelens.lake.change.ChangeRunner;
import io.lakelens.lake.TimelineNode;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.StatusModel;
import io.lakelens.ui.kit.UiTaskExecutor;
import io.lakelens.ui.shell.Themes;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.shape.Circle;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Time Travel view driven by a robot: timeline selection, a diff and the restore confirmation. */
@ExtendWith(ApplicationExtension.class)
class TimeTravelViewTest {
    @TempDir
    static Path lake;
    static LakeEngine engine;
    private UiTaskExecutor tasks;
    private TimeTravelViewModel model;
    private TimeTravelTab tab;
    private final AtomicInteger lakeChanges = new AtomicInteger();

    @BeforeAll
    static void trades() {
        engine = TestLakes.engine(lake);
        TradesFixture.write(engine);
    }

    @Start
    void start(Stage stage) throws Exception {
        tasks = new UiTaskExecutor(Throwable::printStackTrace);
        model = new TimeTravelViewModel(new TimeTravel(engine), new ChangeRunner(engine), null, tasks, new Notifier(Runnable::run),
                new StatusModel(Runnable::run), false, lakeChanges::incrementAndGet);
        model.tableProperty().set(TradesFixture.TABLE);
        tab = new TimeTravelTab(model);
        Scene scene = new Scene((Parent) tab.view(), 1280, 800);
        Themes.LIGHT.apply(scene);
        stage.setScene(scene);
        stage.show();
        tab.onShown();
    }

    @AfterEach
    void stop() {
        tasks.close();
    }

    private void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void clickingANodeSelectsItsVersionAndShowsWhoAndWhy(FxRobot robot) throws Exception {
        waitFor(() -> model.timelineModel().nodes().size() == 4);
        robot.clickOn("#ttNode-2");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, model.timelineModel().selectedProperty().get().version());
        Circle node = robot.lookup("#ttNode-2").queryAs(Circle.class);
        assertTrue(node.getStyleClass().containsAll(List.of("ll-tt-selected", OperationKind.DELETE.styleClass())));
        assertFalse(robot.lookup("#ttNode-3").queryAs(Circle.class).getStyleClass().contains("ll-tt-selected"));
        String details = robot.lookup("#ttDetails").queryAs(Label.class).getText();
        assertTrue(details.contains("v2 · DELETE") && details.contains("compliance: erroneous trade"), details);
        robot.clickOn("#ttTimeline").type(KeyCode.LEFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, model.timelineModel().selectedProperty().get().version());
    }

    @Test
    void comparingHighlightsEachChangedCellOldToNew(FxRobot robot) throws Exception {
        waitFor(() -> model.timelineModel().nodes().size() == 4);
        robot.clickOn("#ttNode-1");
        robot.interact(() -> tab.timeTravelView().show(tab.timeTravelView().compareTab));
        robot.clickOn("#ttCompare");
        waitFor(() -> model.compareModel().diffRows().size() == 2);
        Label summary = robot.lookup("#ttDiffSummary").queryAs(Label.class);
        assertTrue(summary.getText().contains("2 changed"), summary.getText());
        waitFor(() -> !robot.lookup(".ll-diff-old").queryAll().isEmpty());
        List<String> olds = robot.lookup(".ll-diff-old").queryAllAs(Label.class).stream().map(Label::getText).toList();
        List<String> news = robot.lookup(".ll-diff-new").queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertTrue(olds.contains("102") && olds.contains("103"), olds.toString());
        assertTrue(news.contains("102.5") && news.contains("103.5"), news.toString());
    }

    @Test
    void restoreIsEnabledOnlyAfterPreviewAcknowledgementAndReason(FxRobot robot) throws Exception {
        waitFor(() -> model.timelineModel().nodes().size() == 4);
        robot.clickOn("#ttNode-0");
        robot.interact(() -> tab.timeTravelView().show(tab.timeTravelView().restoreTab));
        String before = TestLakes.fingerprint(lake.resolve(TradesFixture.TABLE));
        Button confirm = robot.lookup("#ttRestoreConfirm").queryAs(Button.class);
        robot.clickOn("#ttRestorePreview");
        waitFor(() -> model.restoreModel().restorePlanProperty().get() != null);
        String message = robot.lookup("#ttRestoreMessage").queryAs(Label.class).getText();
        assertTrue(message.contains("from version 3 to version 0") && message.contains("add 1 row, remove 2 rows and change 2 rows"),
                message);
        assertEquals(5, model.restoreModel().previewRows().size());
        assertTrue(confirm.isDisabled());
        robot.clickOn("#ttRestoreAcknowledge");
        assertTrue(confirm.isDisabled(), "still needs a reason");
        robot.clickOn("#ttRestoreReason").write("audit asked for the original load");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(confirm.isDisabled());
        assertEquals(before, TestLakes.fingerprint(lake.resolve(TradesFixture.TABLE)), "preview and confirmation write nothing");
        robot.clickOn("#ttRestoreConfirm");
        waitFor(() -> model.timelineModel().nodes().size() == 5);
        TimelineNode restore = model.timelineModel().nodes().get(4);
        assertEquals(OperationKind.RESTORE, restore.kind());
        assertEquals("audit asked for the original load", restore.reason());
        assertEquals(1, lakeChanges.get());
    }

    @Test
    void aReadOnlyLakeHasNoRestorePane() throws Exception {
        TimeTravelViewModel readOnly = new TimeTravelViewModel(new TimeTravel(engine), new ChangeRunner(engine), null, tasks, new Notifier(Runnable::run),
                new StatusModel(Runnable::run), true, () -> { });
        TimeTravelView view = FxToolkit.setupFixture(() -> new TimeTravelView(readOnly));
        TabPane panes = (TabPane) view.getCenter();
        assertTrue(panes.getTabs().stream().noneMatch(t -> "ttRestoreTab".equals(t.getId())));
        assertEquals(3, panes.getTabs().size());
        assertTrue(view.lookup("#ttReadOnly") != null);
    }
}
