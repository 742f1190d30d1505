package io.lakelens.ui.shell;

import io.lakelens.Config;
import io.lakelens.TestLakes;
import io.lakelens.ui.UiTestLakes;
import io.lakelens.ui.WorkbenchTabs;
import io.lakelens.ui.kit.BackgroundTask;
import io.lakelens.ui.kit.Grids;
import io.lakelens.ui.kit.RunningTask;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The desktop conventions of the real window, headless: grids, About, shortcuts, Esc, screen check. */
@ExtendWith(ApplicationExtension.class)
@Timeout(300)
class WindowConventionsFxTest {
    @TempDir
    static Path lake;
    private static Config config;
    private WorkbenchWindow window;

    @BeforeAll
    static void lake() {
        config = TestLakes.config(lake);
        UiTestLakes.marketData(TestLakes.engine(lake));
    }

    @Start
    void start(Stage stage) {
        window = new WorkbenchWindow(stage, config, WorkbenchTabs.all(), WorkbenchSettings.inMemory(), Themes.LIGHT);
        window.show();
    }

    @AfterEach
    void close() {
        window.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        // Polled on the FX thread, so it never reads a list the toolkit is changing.
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }

    private static String clipboard(FxRobot robot) {
        AtomicReference<String> text = new AtomicReference<>();
        robot.interact(() -> text.set(Clipboard.getSystemClipboard().getString()));
        return text.get();
    }

    @Test
    void searchResultsCopyWithCtrlCAndExportToCsvThatReadsBack(FxRobot robot, @TempDir Path out) throws Exception {
        TableView<?> table = robot.from(robot.lookup("#searchView").queryAs(javafx.scene.Node.class)).lookup("#resultsTable").queryTableView();
        waitUntil(() -> table.getItems().size() == 20);
        robot.interact(() -> {
            table.requestFocus();
            Grids.prepare(table);
            table.getSelectionModel().selectRange(0, 3);
        });
        robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> lines = clipboard(robot).lines().toList();
        assertEquals(4, lines.size(), "a header and the three selected rows: " + lines);
        List<String> titles = table.getVisibleLeafColumns().stream().map(c -> c.getText()).toList();
        assertEquals(String.join("\t", titles), lines.get(0));
        assertEquals(titles.size(), lines.get(1).split("\t", -1).length, "one cell per column");

        Path file = out.resolve("results.csv");
        AtomicReference<RunningTask> task = new AtomicReference<>();
        robot.interact(() -> task.set(Grids.export(table, file, window.workbench().services().tasks(),
                window.workbench().services().notifier())));
        waitUntil(() -> task.get().isDone());
        List<CSVRecord> records;
        try (Reader in = Files.newBufferedReader(file)) {
            records = CSVFormat.RFC4180.parse(in).getRecords();
        }
        assertEquals(titles, records.get(0).toList());
        assertEquals(table.getItems().size() + 1, records.size(), "every visible row, not only the selection");
        for (int i = 0; i < table.getItems().size(); i++) {
            Object first = table.getVisibleLeafColumns().get(0).getCellData(i);
            assertEquals(String.valueOf(first), records.get(i + 1).get(0));
        }
    }

    @Test
    void aboutShowsTheVersionsTheLakeTheLogFolderAndTheLicences(FxRobot robot) throws Exception {
        robot.interact(window::showAbout);
        waitUntil(() -> robot.lookup("#aboutVersions").tryQuery().isPresent());
        GridPane facts = robot.lookup("#aboutVersions").queryAs(GridPane.class);
        List<String> texts = facts.getChildren().stream().map(n -> ((Label) n).getText()).toList();
        for (String name : List.of("LakeLens", "Spark", "Delta", "Delta Kernel", "Java", "JavaFX", "Redis", "Lake", "Log folder")) {
            assertTrue(texts.contains(name), name + " in " + texts);
        }
        assertTrue(texts.contains(lake.toAbsolutePath().normalize().toString()) || texts.contains(lake.toString()), texts.toString());
        assertTrue(texts.contains("4.2.0") || texts.stream().anyMatch(t -> t.startsWith("4.")), "Spark's version: " + texts);
        String licences = robot.lookup("#aboutLicences").queryAs(TextArea.class).getText();
        assertTrue(licences.contains("Apache Spark — Apache License 2.0"), licences);
        assertTrue(licences.contains("OpenJFX"), licences);
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#aboutVersions").tryQuery().isEmpty());
    }

    @Test
    void f1ListsEveryShortcutIncludingTheGridsAndTheSqlConsole(FxRobot robot) throws Exception {
        robot.clickOn("#tabs");
        robot.press(KeyCode.F1).release(KeyCode.F1);
        waitUntil(() -> robot.lookup("#shortcutsList").tryQuery().isPresent());
        String text = robot.lookup("#shortcutsList").queryAs(Labeled.class).getText();
        for (String key : List.of("F5", "Ctrl+W", "Ctrl+Q", "Esc", "Ctrl+C", "Ctrl+Enter", "Ctrl+L")) {
            assertTrue(text.contains(key), key + " missing from " + text);
        }
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
    }

    @Test
    void escCancelsTheRunningJob(FxRobot robot) throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AtomicReference<RunningTask> task = new AtomicReference<>();
        robot.interact(() -> task.set(BackgroundTask.wrap(() -> {
            never.await(5, TimeUnit.MINUTES);
            return null;
        }).withTitle("A long job").executeWith(window.workbench().services().tasks())));
        // The window's own start-up reads finish first, so the job is the only one running.
        waitUntil(() -> window.workbench().services().tasks().running().equals(List.of(task.get())));
        robot.clickOn("#tabs");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil(() -> task.get().isCancelled());
        never.countDown();
    }

    @Test
    void aSavedPositionCountsOnlyWhenItsTitleBarIsOnAScreenThatIsThere() {
        List<Rectangle2D> laptop = List.of(new Rectangle2D(0, 0, 1920, 1080));
        assertTrue(WorkbenchWindow.onAScreen(100, 100, 1440, laptop));
        assertTrue(WorkbenchWindow.onAScreen(1800, 500, 1440, laptop), "partly off the right edge but grabbable");
        assertFalse(WorkbenchWindow.onAScreen(2500, 100, 1440, laptop), "on the external screen that is gone");
        assertFalse(WorkbenchWindow.onAScreen(100, -500, 1440, laptop), "title bar above every screen");
        assertFalse(WorkbenchWindow.onAScreen(100, 1075, 1440, laptop), "title bar below the bottom");
        List<Rectangle2D> docked = List.of(new Rectangle2D(0, 0, 1920, 1080), new Rectangle2D(1920, 0, 2560, 1440));
        assertTrue(WorkbenchWindow.onAScreen(2500, 100, 1440, docked));
    }
}
