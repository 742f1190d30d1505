package io.lakelens.ui.search;

import io.lakelens.Config;
import io.lakelens.TestLakes;
import io.lakelens.search.StrategyKind;
import io.lakelens.ui.UiTestLakes;
import io.lakelens.ui.WorkbenchTabs;
import io.lakelens.ui.shell.Themes;
import io.lakelens.ui.shell.WorkbenchSettings;
import io.lakelens.ui.shell.WorkbenchWindow;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.service.query.NodeQuery;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Search tab driven like an analyst would, in the real window, headless. */
@ExtendWith(ApplicationExtension.class)
class SearchTabRobotTest {
    private static final long WAIT_S = 180;
    @TempDir
    static Path lake;
    private static Config config;
    private static String orders;
    private WorkbenchWindow window;

    @BeforeAll
    static void lake() {
        config = TestLakes.config(lake);
        UiTestLakes.marketData(TestLakes.engine(lake));
        orders = io.lakelens.search.OrdersFixture.create(TestLakes.engine(lake));
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

    @Test
    void typingAQueryShowsItsResultsAndTheFoundText(FxRobot robot) {
        waitUntil(() -> !summary(robot).isEmpty());

        robot.clickOn("#searchField").eraseText(text(robot, "#searchField").length()).write("MSFT").type(KeyCode.ENTER);

        waitUntil(() -> summary(robot).equals("Found 45 results (Page 1 of 3)"));
        TableView<?> table = robot.lookup("#resultsTable").queryTableView();
        assertEquals(20, table.getItems().size());
        assertTrue(table.getItems().stream().allMatch(r -> ((ResultRow) r).text("symbol").equals("MSFT")));
    }

    @Test
    void pagingForwardToTheEndDisablesNext(FxRobot robot) {
        waitUntil(() -> !summary(robot).isEmpty());
        ComboBox<Integer> pageSize = inSearch(robot, "#pageSize").queryComboBox();
        robot.interact(() -> pageSize.setValue(100));
        waitUntil(() -> summary(robot).equals("Found 270 results (Page 1 of 3)"));
        assertTrue(button(robot, "#previousPage").isDisabled(), "no previous page on page 1");

        robot.clickOn(inSearch(robot, "#nextPage").queryButton());
        waitUntil(() -> summary(robot).endsWith("(Page 2 of 3)"));
        robot.press(KeyCode.ALT, KeyCode.RIGHT).release(KeyCode.RIGHT, KeyCode.ALT);
        waitUntil(() -> summary(robot).endsWith("(Page 3 of 3)"));

        waitUntil(() -> button(robot, "#nextPage").isDisabled() && !button(robot, "#previousPage").isDisabled());
        assertTrue(button(robot, "#lastPage").isDisabled());
        assertEquals(70, robot.lookup("#resultsTable").queryTableView().getItems().size());
    }

    @Test
    void switchingStrategyKeepsThePage(FxRobot robot) {
        waitUntil(() -> !summary(robot).isEmpty());
        robot.clickOn(inSearch(robot, "#nextPage").queryButton());
        waitUntil(() -> summary(robot).endsWith("(Page 2 of 14)"));

        robot.clickOn("#strategy-" + StrategyKind.HYBRID.id());

        waitUntil(() -> robot.lookup("#answerStrategy").tryQueryAs(Label.class)
                .map(l -> l.getText().equals(StrategyKind.HYBRID.displayName())).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Found 270 results (Page 2 of 14)", summary(robot));
        waitUntil(() -> !button(robot, "#previousPage").isDisabled());
    }

    @Test
    void pickingAnotherTableShowsItsColumnsFiltersAndSortsByAnyColumn(FxRobot robot) {
        waitUntil(() -> !summary(robot).isEmpty());
        ComboBox<String> tables = inSearch(robot, "#searchTable").queryComboBox();
        waitUntil(() -> tables.getItems().contains(orders));
        robot.interact(() -> tables.getSelectionModel().select(orders));
        robot.interact(() -> tables.getOnAction().handle(new javafx.event.ActionEvent()));

        waitUntil(() -> summary(robot).equals("Found 38 results (Page 1 of 2)"));
        TableView<?> table = robot.lookup("#resultsTable").queryTableView();
        waitUntil(() -> table.getColumns().size() == 10 && table.getColumns().get(1).getText().equals("Customer Name"));
        // the region pick list is built from the table's values
        waitUntil(() -> inSearch(robot, "#" + SearchView.idOf("Region")).tryQuery().isPresent());
        ComboBox<String> region = inSearch(robot, "#" + SearchView.idOf("Region")).queryComboBox();
        assertTrue(region.getItems().contains("North"), region.getItems().toString());

        robot.interact(() -> {
            javafx.scene.control.TableColumn<?, ?> qty = table.getColumns().get(5);
            qty.setSortType(javafx.scene.control.TableColumn.SortType.DESCENDING);
            ((TableView) table).getSortOrder().setAll(java.util.List.of(qty));
        });
        waitUntil(() -> table.getItems().size() == 20 && ((ResultRow) table.getItems().get(0)).get("qty") instanceof Integer q && q == 3);

        robot.clickOn("#searchField").write("zzz").type(KeyCode.ENTER);
        waitUntil(() -> summary(robot).equals("Found 0 results (Page 1 of 1)"));
        waitUntil(() -> robot.lookup("#resultNotice").queryAs(Label.class).getText().contains("The word \"zzz\" matched nothing."));
    }

    @Test
    void ctrlLPutsTheCursorInTheSearchField(FxRobot robot) {
        waitUntil(() -> !summary(robot).isEmpty());
        robot.clickOn(inSearch(robot, "#nextPage").queryButton());

        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);

        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#searchField").query().isFocused());
    }

    @Test
    void exportAllRowsFromTheResultsGridWritesEveryPage(FxRobot robot, @TempDir Path out) throws Exception {
        waitUntil(() -> summary(robot).equals("Found 270 results (Page 1 of 14)"));
        TableView<?> table = robot.lookup("#resultsTable").queryTableView();
        var menu = WaitForAsyncUtils.asyncFx(() -> io.lakelens.ui.kit.Grids.contextMenu(table, null, null)).get();
        assertTrue(menu.getItems().stream().anyMatch(i -> "gridExportAll".equals(i.getId())), "the grid offers Export all rows…");
        // what the menu item calls once the file chooser has a file
        var full = (io.lakelens.ui.kit.Grids.FullResult) table.getProperties().get("lakelens.grid.fullResult");
        Path file = out.resolve("market.csv");

        robot.interact(() -> full.export(file, io.lakelens.analytics.ExportFormat.CSV));

        waitUntil(() -> java.nio.file.Files.exists(file));
        assertEquals(1 + 270, java.nio.file.Files.readAllLines(file).size(), "a header and every row, not the 20 shown");
    }

    private static String summary(FxRobot robot) {
        return robot.lookup("#resultSummary").tryQueryAs(Label.class).map(Label::getText).orElse("");
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TextField.class).getText();
    }

    private static Button button(FxRobot robot, String id) {
        return inSearch(robot, id).queryButton();
    }

    /** Ids like #nextPage recur in other tabs (the SQL console pages too): look inside the Search tab. */
    private static NodeQuery inSearch(FxRobot robot, String id) {
        return robot.from(robot.lookup("#searchView").queryAs(Node.class)).lookup(id);
    }

    /** Polls the condition on the FX thread, so it never reads a list the toolkit is changing. */
    private static void waitUntil(Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        } catch (TimeoutException e) {
            throw new AssertionError("condition not met within " + WAIT_S + " s", e);
        }
    }
}
