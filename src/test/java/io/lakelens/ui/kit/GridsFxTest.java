package io.lakelens.ui.kit;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The grid support every tab's tables get from the window's scene, and the one error dialog. */
@ExtendWith(ApplicationExtension.class)
@Timeout(120)
class GridsFxTest {
    record Quote(String symbol, double price, long volume) {
    }

    static final List<Quote> ROWS = List.of(new Quote("AAA", 123.456789012345, 10), new Quote("B\tB", 0.1 + 0.2, 20),
            new Quote("=CMD()", -2.5, 30));
    static UiTaskExecutor tasks;
    TableView<Quote> table;
    Notifier notifier;

    @AfterAll
    static void stopWorkers() {
        tasks.close();
    }

    @Start
    void start(Stage stage) {
        tasks = new UiTaskExecutor(e -> { });
        notifier = new Notifier(Platform::runLater);
        table = new TableView<>(FXCollections.observableArrayList(ROWS));
        table.setId("quotes");
        table.getColumns().add(column("symbol", Quote::symbol));
        table.getColumns().add(column("price", Quote::price));
        table.getColumns().add(column("volume", Quote::volume));
        Scene scene = new Scene(new StackPane(table), 640, 400);
        Grids.installOn(scene, tasks, notifier);
        stage.setScene(scene);
        stage.show();
    }

    private static <T> TableColumn<Quote, T> column(String title, java.util.function.Function<Quote, T> value) {
        TableColumn<Quote, T> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        return c;
    }

    private static String clipboard() throws Exception {
        AtomicReference<String> text = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> text.set(Clipboard.getSystemClipboard().getString())).get(10, TimeUnit.SECONDS);
        return text.get();
    }

    @Test
    void ctrlCCopiesTheSelectedRowsAsTabSeparatedTextWithAHeaderAtFullPrecision(FxRobot robot) throws Exception {
        robot.clickOn("AAA");
        robot.press(KeyCode.CONTROL).clickOn("=CMD()").release(KeyCode.CONTROL);
        assertEquals(2, table.getSelectionModel().getSelectedItems().size(), "the grid selects several rows once touched");
        robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("symbol\tprice\tvolume\nAAA\t123.456789012345\t10\n=CMD()\t-2.5\t30\n", clipboard());
    }

    @Test
    void aTabInsideAValueDoesNotSplitTheColumnsAndCellSelectionCopiesOnlyThoseCells() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            table.getSelectionModel().setCellSelectionEnabled(true);
            Grids.prepare(table);
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().select(1, table.getColumns().get(0));
            table.getSelectionModel().select(1, table.getColumns().get(1));
        }).get(10, TimeUnit.SECONDS);
        AtomicReference<String> tsv = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> tsv.set(Grids.tsv(table))).get(10, TimeUnit.SECONDS);
        assertEquals("symbol\tprice\nB B\t0.30000000000000004\n", tsv.get());
    }

    @Test
    void exportWritesEveryVisibleRowAsCsvThatReadsBackToTheSameValues(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("quotes.csv");
        AtomicReference<RunningTask> task = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> task.set(Grids.export(table, file, tasks, notifier))).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> task.get().isDone());
        assertTrue(Files.exists(file), "the export finished and wrote the file");
        List<CSVRecord> records;
        try (Reader in = Files.newBufferedReader(file)) {
            records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
        assertEquals(ROWS.size(), records.size());
        for (int i = 0; i < ROWS.size(); i++) {
            Quote q = ROWS.get(i);
            assertEquals(q.price(), Double.parseDouble(records.get(i).get("price")), 0.0);
            assertEquals(q.volume(), Long.parseLong(records.get(i).get("volume")));
        }
        assertEquals("B\tB", records.get(1).get("symbol"), "a tab stays inside its quoted cell");
        assertEquals("'=CMD()", records.get(2).get("symbol"), "a formula is defused");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no partial file is left beside it");
        }
    }

    @Test
    void theErrorDialogShowsOneLineFoldsTheDetailsAndCopiesThem() throws Exception {
        Exception failure = new IllegalStateException("outer wrapper",
                new io.lakelens.LakeLensException("Table 'prices' has no column 'cost'.", new IOException("disk said no")));
        AtomicReference<Alert> dialog = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> {
            Alert a = ErrorDialog.build(null, "Search", failure, Path.of("/tmp/logs"), notifier);
            a.show();
            dialog.set(a);
        }).get(10, TimeUnit.SECONDS);
        Alert a = dialog.get();
        assertEquals("Table 'prices' has no column 'cost'.", a.getHeaderText());
        assertFalse(a.getDialogPane().isExpanded(), "no details (and no stack trace) until asked for");
        TextArea details = (TextArea) a.getDialogPane().getExpandableContent();
        assertTrue(details.getText().contains("java.io.IOException: disk said no"), details.getText());
        assertTrue(details.getText().contains("Stack trace:"), details.getText());
        WaitForAsyncUtils.asyncFx(() -> ((javafx.scene.control.Button) a.getDialogPane().lookupButton(ErrorDialog.COPY)).fire())
                .get(10, TimeUnit.SECONDS);
        assertTrue(a.isShowing(), "copying keeps the dialog open");
        assertEquals(details.getText(), clipboard());
        WaitForAsyncUtils.asyncFx(a::close).get(10, TimeUnit.SECONDS);
    }

    private static void fire(javafx.scene.control.ContextMenu menu, String id) {
        menu.getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow().fire();
    }

    @Test
    void theColumnMenuHidesAColumnThatCopyThenLeavesOutAndShowsItAgain() throws Exception {
        AtomicReference<String> tsv = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> {
            Grids.prepare(table);
            table.getSelectionModel().setCellSelectionEnabled(false);
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().select(0);
            fire(Grids.columnMenu(table, table.getColumns().get(1)), "columnHide");
            tsv.set(Grids.tsv(table));
        }).get(10, TimeUnit.SECONDS);
        assertFalse(table.getColumns().get(1).isVisible());
        assertEquals("symbol\tvolume\nAAA\t10\n", tsv.get());
        WaitForAsyncUtils.asyncFx(() -> fire(Grids.columnMenu(table, table.getColumns().get(0)), "columnShowAll")).get(10, TimeUnit.SECONDS);
        assertTrue(table.getColumns().get(1).isVisible());
    }

    @Test
    void theColumnMenuSortsByItsColumn() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> fire(Grids.columnMenu(table, table.getColumns().get(1)), "columnSortDescending"))
                .get(10, TimeUnit.SECONDS);
        assertEquals(List.of(123.456789012345, 0.1 + 0.2, -2.5), table.getItems().stream().map(Quote::price).toList());
        WaitForAsyncUtils.asyncFx(() -> {
            fire(Grids.columnMenu(table, table.getColumns().get(1)), "columnClearSort");
            table.getItems().setAll(ROWS);
        }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void copyAsCsvAndAsAnSqlInListPutTheSelectedValuesOnTheClipboard() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            Grids.prepare(table);
            table.getSelectionModel().setCellSelectionEnabled(false);
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().selectIndices(0, 2);
            fire(Grids.contextMenu(table, tasks, notifier), "gridCopyCsv");
        }).get(10, TimeUnit.SECONDS);
        assertEquals("symbol,price,volume\r\nAAA,123.456789012345,10\r\n'=CMD(),-2.5,30\r\n", clipboard());

        WaitForAsyncUtils.asyncFx(() -> {
            table.getSelectionModel().setCellSelectionEnabled(true);
            table.getSelectionModel().clearSelection();
            table.getItems().set(1, new Quote("O'NEIL", 1, 20));
            table.getSelectionModel().select(0, table.getColumns().get(0));
            table.getSelectionModel().select(1, table.getColumns().get(0));
            table.getSelectionModel().select(2, table.getColumns().get(0));
            fire(Grids.contextMenu(table, tasks, notifier), "gridCopySqlIn");
        }).get(10, TimeUnit.SECONDS);
        assertEquals("('AAA', 'O''NEIL', '=CMD()')", clipboard(), "text quoted, quotes doubled");

        WaitForAsyncUtils.asyncFx(() -> {
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().select(0, table.getColumns().get(2));
            table.getSelectionModel().select(2, table.getColumns().get(2));
            fire(Grids.contextMenu(table, tasks, notifier), "gridCopySqlIn");
            table.getItems().setAll(ROWS);
            table.getSelectionModel().setCellSelectionEnabled(false);
        }).get(10, TimeUnit.SECONDS);
        assertEquals("(10, 30)", clipboard(), "numbers bare");
    }
}
