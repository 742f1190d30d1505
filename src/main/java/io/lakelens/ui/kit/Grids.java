package io.lakelens.ui.kit;

import io.lakelens.analytics.ExportFormat;
import io.lakelens.text.AtomicFile;
import io.lakelens.text.Csv;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TablePosition;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.stage.FileChooser;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What every result grid of the workbench supports, installed once on the window's scene so
 * each tab's {@link TableView} gets it without code of its own: several rows (or cells, where
 * a table selects cells) can be selected, Ctrl+C copies them as tab-separated text with a header
 * (a spreadsheet keeps the columns), and the grid's context menu copies the selection or the
 * visible rows as CSV and exports the visible rows to a CSV file through the one CSV writer
 * (every row, as CSV, Parquet or JSON, where the tab gives a {@link FullResult}); a column
 * header's menu sorts, hides and shows columns and copies values as an SQL IN list.
 * A table that already has a context menu of its own keeps it; Ctrl+C still works there.
 * Call on the FX thread.
 */
public final class Grids {
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
    private static final String INSTALLED = "lakelens.grid";
    private static final String FULL_RESULT = "lakelens.grid.fullResult";

    private Grids() {
    }

    /** Gives every table in {@code scene}, now and later, copy and export; {@code tasks} writes files, {@code notifier} reports. */
    public static void installOn(Scene scene, TaskExecutor tasks, Notifier notifier) {
        scene.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> tableOf(e.getTarget()).ifPresent(Grids::prepare));
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            // A text field being edited inside a cell copies its own text.
            if (COPY.match(e) && !(scene.getFocusOwner() instanceof javafx.scene.control.TextInputControl)) {
                tableOf(scene.getFocusOwner()).ifPresent(t -> {
                    if (!t.getSelectionModel().getSelectedCells().isEmpty()) {
                        toClipboard(tsv(t));
                        e.consume();
                    }
                });
            }
        });
        EventHandler<ContextMenuEvent> menu = e -> tableOf(e.getTarget()).ifPresent(t -> {
            TableColumnHeader header = headerOf(e.getTarget());
            if (header != null && header.getTableColumn() instanceof TableColumn<?, ?> c && c.getContextMenu() == null) {
                prepare(t);
                columnMenu(t, c).show(header, e.getScreenX(), e.getScreenY());
                e.consume();
            } else if (t.getContextMenu() == null) {
                prepare(t);
                contextMenu(t, tasks, notifier).show(t, e.getScreenX(), e.getScreenY());
                e.consume();
            }
        });
        scene.addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, menu);
    }

    /** Lets the table select several rows; done when it is first touched, so the tabs' own set-up stays theirs. */
    public static void prepare(TableView<?> table) {
        if (table.getProperties().putIfAbsent(INSTALLED, Boolean.TRUE) == null
                && table.getSelectionModel() != null && table.getSelectionModel().getSelectionMode() == SelectionMode.SINGLE) {
            table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        }
    }

    /**
     * The grid's menu: copy the selection (TSV, CSV, or one column's values as an SQL IN list),
     * copy the visible rows as CSV, export them to a file, and, where the tab gave the grid a
     * {@link FullResult}, export every row of the result (not only the page shown).
     */
    public static ContextMenu contextMenu(TableView<?> table, TaskExecutor tasks, Notifier notifier) {
        MenuItem copy = new MenuItem("Copy\tCtrl+C");
        copy.setId("gridCopy");
        copy.setOnAction(e -> toClipboard(tsv(table)));
        MenuItem copyCsv = new MenuItem("Copy as CSV");
        copyCsv.setId("gridCopyCsv");
        copyCsv.setOnAction(e -> toClipboard(csv(table, selectedRows(table))));
        MenuItem copyIn = new MenuItem("Copy as SQL IN list");
        copyIn.setId("gridCopySqlIn");
        copyIn.setOnAction(e -> toClipboard(sqlInList(table)));
        MenuItem copyAll = new MenuItem("Copy visible rows as CSV");
        copyAll.setId("gridCopyAllCsv");
        copyAll.setOnAction(e -> toClipboard(csv(table, allRows(table))));
        MenuItem export = new MenuItem("Export visible rows as CSV…");
        export.setId("gridExportCsv");
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export the visible rows as CSV");
            chooser.setInitialFileName((table.getId() == null ? "rows" : table.getId()) + ".csv");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
            var file = chooser.showSaveDialog(table.getScene() == null ? null : table.getScene().getWindow());
            if (file != null) {
                export(table, file.toPath(), tasks, notifier);
            }
        });
        boolean none = table.getSelectionModel().getSelectedCells().isEmpty();
        copy.setDisable(none);
        copyCsv.setDisable(none);
        copyIn.setDisable(none);
        ContextMenu menu = new ContextMenu(copy, copyCsv, copyIn, new SeparatorMenuItem(), copyAll, export);
        if (table.getProperties().get(FULL_RESULT) instanceof FullResult full) {
            MenuItem all = new MenuItem("Export all rows…");
            all.setId("gridExportAll");
            all.setOnAction(e -> {
                FileChooser chooser = new FileChooser();
                chooser.setTitle("Export every row of the result");
                chooser.setInitialFileName(table.getId() == null ? "result" : table.getId());
                for (ExportFormat f : ExportFormat.values()) {
                    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.label(), "*." + f.extension()));
                }
                var file = chooser.showSaveDialog(table.getScene() == null ? null : table.getScene().getWindow());
                if (file != null) {
                    full.export(file.toPath(), formatOf(file.toPath(), chooser.getSelectedExtensionFilter()));
                }
            });
            menu.getItems().add(all);
        }
        return menu;
    }

    /**
     * Exports every row of a grid's result, not only the page it shows: given by the tab whose
     * service can produce all rows (the SQL console re-runs its query into the file).
     */
    @FunctionalInterface
    public interface FullResult {
        /** Starts writing every row to {@code file} in the background; reports through the tab's own notifications. */
        void export(Path file, ExportFormat format);
    }

    /** Gives {@code table} an "Export all rows…" item backed by {@code source}. */
    public static void fullResult(TableView<?> table, FullResult source) {
        table.getProperties().put(FULL_RESULT, source);
    }

    static ExportFormat formatOf(Path file, FileChooser.ExtensionFilter chosen) {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        for (ExportFormat f : ExportFormat.values()) {
            if (n.endsWith("." + f.extension())) {
                return f;
            }
        }
        for (ExportFormat f : ExportFormat.values()) {
            if (chosen != null && chosen.getDescription().equals(f.label())) {
                return f;
            }
        }
        return ExportFormat.CSV;
    }

    /**
     * A column header's menu: sort by it, hide it, show hidden columns again, copy its selected
     * values as an SQL IN list. A column with a menu of its own keeps it.
     */
    public static ContextMenu columnMenu(TableView<?> table, TableColumn<?, ?> column) {
        MenuItem asc = new MenuItem("Sort ascending");
        asc.setId("columnSortAscending");
        asc.setOnAction(e -> sort(table, column, TableColumn.SortType.ASCENDING));
        MenuItem desc = new MenuItem("Sort descending");
        desc.setId("columnSortDescending");
        desc.setOnAction(e -> sort(table, column, TableColumn.SortType.DESCENDING));
        MenuItem unsort = new MenuItem("Clear sort");
        unsort.setId("columnClearSort");
        unsort.setOnAction(e -> table.getSortOrder().clear());
        boolean sortable = column.isSortable() && table.getSortPolicy() != null;
        asc.setDisable(!sortable);
        desc.setDisable(!sortable);
        unsort.setDisable(table.getSortOrder().isEmpty());
        MenuItem hide = new MenuItem("Hide column");
        hide.setId("columnHide");
        hide.setOnAction(e -> column.setVisible(false));
        hide.setDisable(table.getVisibleLeafColumns().size() <= 1);
        Menu show = new Menu("Show columns");
        show.setId("columnShow");
        for (TableColumn<?, ?> c : allLeaves(table)) {
            CheckMenuItem item = new CheckMenuItem(c.getText());
            item.setSelected(c.isVisible());
            item.setOnAction(e -> {
                // the last visible column stays: a grid without columns cannot be right-clicked back
                if (item.isSelected() || table.getVisibleLeafColumns().size() > 1) {
                    c.setVisible(item.isSelected());
                }
            });
            show.getItems().add(item);
        }
        MenuItem showAll = new MenuItem("Show all columns");
        showAll.setId("columnShowAll");
        showAll.setOnAction(e -> allLeaves(table).forEach(c -> c.setVisible(true)));
        MenuItem copyIn = new MenuItem("Copy selected values as SQL IN list");
        copyIn.setId("columnCopySqlIn");
        copyIn.setOnAction(e -> toClipboard(sqlInList(table, column)));
        copyIn.setDisable(table.getSelectionModel().getSelectedCells().isEmpty());
        return new ContextMenu(asc, desc, unsort, new SeparatorMenuItem(), hide, show, showAll, new SeparatorMenuItem(), copyIn);
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // the column belongs to the table; their row types agree
    private static void sort(TableView<?> table, TableColumn<?, ?> column, TableColumn.SortType type) {
        column.setSortType(type);
        javafx.collections.ObservableList order = table.getSortOrder();
        order.setAll(column);
    }

    /**
     * The selected values of one column as an SQL IN list, e.g. {@code ('AAPL', 'O''NEIL', 42)}:
     * distinct, in selection order; numbers and booleans bare, text and dates in single quotes
     * with quotes doubled, empty cells as NULL. The column is the one the selected cells share,
     * else the focused cell's, else the first visible one.
     */
    public static String sqlInList(TableView<?> table) {
        List<TableColumn<?, ?>> leaves = leaves(table);
        TreeSet<Integer> cols = new TreeSet<>();
        selection(table).values().forEach(cols::addAll);
        TableColumn<?, ?> column = null;
        if (cols.size() == 1) {
            column = leaves.get(cols.first());
        } else if (table.getFocusModel() != null && table.getFocusModel().getFocusedCell() != null
                && table.getFocusModel().getFocusedCell().getTableColumn() != null) {
            column = table.getFocusModel().getFocusedCell().getTableColumn();
        } else if (!leaves.isEmpty()) {
            column = leaves.get(0);
        }
        return column == null ? "()" : sqlInList(table, column);
    }

    /** The values of {@code column} in the selected rows as an SQL IN list (see {@link #sqlInList(TableView)}). */
    public static String sqlInList(TableView<?> table, TableColumn<?, ?> column) {
        java.util.LinkedHashSet<String> values = new java.util.LinkedHashSet<>();
        for (int row : selection(table).keySet()) {
            values.add(sqlLiteral(column.getCellData(row)));
        }
        return "(" + String.join(", ", values) + ")";
    }

    static String sqlLiteral(Object v) {
        return switch (v) {
            case null -> "NULL";
            case Double d when d.isNaN() || d.isInfinite() -> "'" + d + "'";
            case Float f when f.isNaN() || f.isInfinite() -> "'" + f + "'";
            case Number n -> text(n);
            case Boolean b -> b ? "TRUE" : "FALSE";
            default -> "'" + String.valueOf(v).replace("'", "''") + "'";
        };
    }

    /**
     * Writes the visible rows and columns to {@code file} as CSV in the background; the rows are
     * taken on the FX thread first, so the grid may change meanwhile.
     */
    public static RunningTask export(TableView<?> table, Path file, TaskExecutor tasks, Notifier notifier) {
        List<String> header = header(table);
        List<List<Object>> rows = values(table, allRows(table));
        return BackgroundTask.wrap(() -> {
                    writeCsv(file, header, rows);
                    return rows.size();
                })
                .withTitle("Export " + file.getFileName())
                .onSuccess(n -> notifier.success("Exported " + n + (n == 1 ? " row" : " rows") + " to " + file))
                .onFailure(notifier::error)
                .executeWith(tasks);
    }

    /** The file written whole, or not at all: beside it first, then moved over. */
    static void writeCsv(Path file, List<String> header, List<List<Object>> rows) throws IOException {
        AtomicFile.write(file, bytes -> {
            BufferedWriter out = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8));
            try {
                Csv.Writer w = Csv.to(out, Csv.LineEnd.CRLF).header(header);
                rows.forEach(w::row);
                w.flush();
                out.flush();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        });
    }

    /**
     * The selection as tab-separated text with a header line: the selected cells' columns (in
     * the grid's order) for each selected row; tabs and line breaks inside a value become spaces.
     */
    public static String tsv(TableView<?> table) {
        Map<Integer, TreeSet<Integer>> byRow = selection(table);
        TreeSet<Integer> colIdx = new TreeSet<>();
        byRow.values().forEach(colIdx::addAll);
        List<TableColumn<?, ?>> cols = new ArrayList<>();
        List<TableColumn<?, ?>> leaves = leaves(table);
        colIdx.forEach(i -> cols.add(leaves.get(i)));
        StringBuilder sb = new StringBuilder();
        sb.append(String.join("\t", cols.stream().map(c -> tsvCell(c.getText())).toList())).append('\n');
        for (int row : byRow.keySet()) {
            List<String> cells = new ArrayList<>();
            for (TableColumn<?, ?> c : cols) {
                cells.add(tsvCell(text(c.getCellData(row))));
            }
            sb.append(String.join("\t", cells)).append('\n');
        }
        return sb.toString();
    }

    /** {@code rows} (indexes into the visible items) with every visible column, as CSV text. */
    public static String csv(TableView<?> table, List<Integer> rows) {
        return Csv.of(header(table), values(table, rows), Csv.LineEnd.CRLF);
    }

    private static List<String> header(TableView<?> table) {
        return leaves(table).stream().map(TableColumn::getText).toList();
    }

    private static List<List<Object>> values(TableView<?> table, List<Integer> rows) {
        List<TableColumn<?, ?>> cols = leaves(table);
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (int r : rows) {
            List<Object> values = new ArrayList<>(cols.size());
            for (TableColumn<?, ?> c : cols) {
                values.add(c.getCellData(r));
            }
            out.add(values);
        }
        return out;
    }

    private static List<Integer> allRows(TableView<?> table) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < table.getItems().size(); i++) {
            rows.add(i);
        }
        return rows;
    }

    private static List<Integer> selectedRows(TableView<?> table) {
        return new ArrayList<>(selection(table).keySet());
    }

    /** Row index to the leaf-column indexes selected in it; a whole row when the table selects rows. */
    private static Map<Integer, TreeSet<Integer>> selection(TableView<?> table) {
        Map<Integer, TreeSet<Integer>> byRow = new TreeMap<>();
        List<TableColumn<?, ?>> leaves = leaves(table);
        List<?> cells = table.getSelectionModel().getSelectedCells();
        for (Object o : cells) {
            TablePosition<?, ?> p = (TablePosition<?, ?>) o;
            if (p.getRow() < 0) {
                continue;
            }
            TreeSet<Integer> cols = byRow.computeIfAbsent(p.getRow(), r -> new TreeSet<>());
            int col = p.getTableColumn() == null ? -1 : leaves.indexOf(p.getTableColumn());
            if (col < 0 || !table.getSelectionModel().isCellSelectionEnabled()) {
                for (int i = 0; i < leaves.size(); i++) {
                    cols.add(i);
                }
            } else {
                cols.add(col);
            }
        }
        return byRow;
    }

    /** Every leaf column, hidden ones included, in the grid's order. */
    private static List<TableColumn<?, ?>> allLeaves(TableView<?> table) {
        List<TableColumn<?, ?>> out = new ArrayList<>();
        java.util.ArrayDeque<TableColumn<?, ?>> todo = new java.util.ArrayDeque<>(table.getColumns());
        while (!todo.isEmpty()) {
            TableColumn<?, ?> c = todo.removeFirst();
            if (c.getColumns().isEmpty()) {
                out.add(c);
            } else {
                List<TableColumn<?, ?>> kids = new ArrayList<>(c.getColumns());
                java.util.Collections.reverse(kids);
                kids.forEach(todo::addFirst);
            }
        }
        return out;
    }

    private static List<TableColumn<?, ?>> leaves(TableView<?> table) {
        List<TableColumn<?, ?>> out = new ArrayList<>();
        for (TableColumn<?, ?> c : table.getVisibleLeafColumns()) {
            out.add(c);
        }
        return out;
    }

    private static String text(Object v) {
        return switch (v) {
            case null -> "";
            case Double d -> Csv.cell(d);
            case Float f -> Csv.cell(f);
            case java.math.BigDecimal b -> b.toPlainString();
            default -> String.valueOf(v);
        };
    }

    private static String tsvCell(String s) {
        return s == null ? "" : s.replace('\t', ' ').replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }

    private static void toClipboard(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** The column header {@code target} is, or is inside; null when it is not in a header. */
    private static TableColumnHeader headerOf(Object target) {
        Node n = target instanceof Node node ? node : null;
        while (n != null && !(n instanceof TableView<?>)) {
            if (n instanceof TableColumnHeader h) {
                return h;
            }
            n = n.getParent();
        }
        return null;
    }

    /** The table {@code target} is, or is inside. */
    private static java.util.Optional<TableView<?>> tableOf(Object target) {
        Node n = target instanceof Node node ? node : null;
        while (n != null) {
            if (n instanceof TableView<?> t) {
                return java.util.Optional.of(t);
            }
            Parent p = n.getParent();
            n = p;
        }
        return java.util.Optional.empty();
    }
}
