package io.lakelens.ui.analytics;

import io.lakelens.analytics.ResultTable;
import io.lakelens.analytics.RiskAssessment;
import io.lakelens.ui.kit.Styles;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.List;
import java.util.function.BiFunction;

/** A grid over rows of values, its columns made from a header; cells formatted by column. */
final class ResultGrid {
    private ResultGrid() {
    }

    /** A grid for an analysis table: values formatted by column meaning, rises and falls coloured. */
    static TableView<List<Object>> analysis(ResultTable table, String id) {
        TableView<List<Object>> grid = grid(table.columns(), id, Cells::format, true);
        grid.setItems(FXCollections.observableArrayList(table.rows()));
        // wide enough for the header and the values of the first rows
        for (int i = 0; i < table.columns().size(); i++) {
            String name = table.columns().get(i);
            int chars = name.length();
            for (List<Object> row : table.rows().subList(0, Math.min(100, table.rows().size()))) {
                chars = Math.max(chars, Cells.format(name, i < row.size() ? row.get(i) : null).length());
            }
            grid.getColumns().get(i).setPrefWidth(Math.min(320, 8.5 * chars + 36));
        }
        return grid;
    }

    /** A grid for SQL results: plain values, no colouring. */
    static TableView<List<Object>> plain(String id) {
        TableView<List<Object>> grid = new TableView<>();
        grid.setId(id);
        grid.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        return grid;
    }

    static void columns(TableView<List<Object>> grid, List<String> names) {
        grid.getColumns().setAll(grid(names, grid.getId(), (c, v) -> Cells.grid(v), false).getColumns());
    }

    private static TableView<List<Object>> grid(List<String> names, String id, BiFunction<String, Object, String> format,
                                                boolean colour) {
        TableView<List<Object>> grid = new TableView<>();
        grid.setId(id);
        grid.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        for (int i = 0; i < names.size(); i++) {
            int index = i;
            String name = names.get(i);
            TableColumn<List<Object>, Object> col = new TableColumn<>(name);
            col.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(index < row.getValue().size() ? row.getValue().get(index) : null));
            col.setCellFactory(c -> new TableCell<>() {
                @Override
                protected void updateItem(Object item, boolean empty) {
                    super.updateItem(item, empty);
                    getStyleClass().removeAll(Styles.NUMBER, Styles.UP, Styles.DOWN);
                    getStyleClass().removeIf(s -> s.startsWith("risk-"));
                    if (empty) {
                        setText(null);
                        return;
                    }
                    setText(format.apply(name, item));
                    if (Cells.numeric(item)) {
                        getStyleClass().add(Styles.NUMBER);
                    }
                    if (colour) {
                        int d = Cells.direction(name, item);
                        if (d != 0) {
                            getStyleClass().add(d > 0 ? Styles.UP : Styles.DOWN);
                        }
                        if (name.equals("risk_assessment") && item instanceof String s) {
                            try {
                                getStyleClass().add(RiskAssessment.valueOf(s).styleClass());
                            } catch (IllegalArgumentException ignored) {
                                // not an assessment name: shown as text only
                            }
                        }
                    }
                }
            });
            col.setSortable(true);
            // wide enough for the header; a grid wider than the view scrolls sideways
            col.setPrefWidth(Math.max(110, 8.5 * name.length() + 36));
            grid.getColumns().add(col);
        }
        return grid;
    }
}
