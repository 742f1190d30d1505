package io.lakelens.ui.timetravel;

import io.lakelens.lake.VersionDiff;
import io.lakelens.ui.kit.Formats;
import io.lakelens.ui.kit.Styles;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;

import java.util.List;

/**
 * Changed rows of a diff: the change, the key, then every compared column. A changed cell
 * shows old → new highlighted; an added row's cells are the new values, a removed row's the
 * old ones, each coloured by the change.
 */
public final class DiffTable extends TableView<VersionDiff.RowChange> {

    public DiffTable(String id, ObservableList<VersionDiff.RowChange> rows) {
        setId(id);
        setItems(rows);
        setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        setPlaceholder(new Label("No changed rows to show."));
    }

    /** Rebuilds the columns for a diff's key and value columns. */
    public void columns(List<String> keys, List<String> values) {
        getColumns().clear();
        TableColumn<VersionDiff.RowChange, VersionDiff.RowChange> change = new TableColumn<>("change");
        change.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(r.getValue()));
        change.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(VersionDiff.RowChange item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll(Styles.DIFF_ADDED, Styles.DIFF_REMOVED, Styles.DIFF_CHANGED);
                if (empty || item == null) {
                    setText(null);
                    return;
                }
                setText(item.kind().label());
                getStyleClass().add(styleOf(item.kind()));
            }
        });
        change.setSortable(false);
        getColumns().add(change);
        for (String k : keys) {
            TableColumn<VersionDiff.RowChange, Object> col = new TableColumn<>(k);
            col.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(r.getValue().key().get(k)));
            col.setCellFactory(c -> new TableCell<>() {
                @Override
                protected void updateItem(Object item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty ? null : Formats.value(item));
                }
            });
            col.setSortable(false);
            getColumns().add(col);
        }
        for (String v : values) {
            TableColumn<VersionDiff.RowChange, VersionDiff.RowChange> col = new TableColumn<>(v);
            col.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(r.getValue()));
            col.setCellFactory(c -> new ValueCell(v));
            col.setSortable(false);
            getColumns().add(col);
        }
    }

    static String styleOf(VersionDiff.ChangeKind kind) {
        return switch (kind) {
            case ADDED -> Styles.DIFF_ADDED;
            case REMOVED -> Styles.DIFF_REMOVED;
            case CHANGED -> Styles.DIFF_CHANGED;
        };
    }

    /** A value cell: plain, or old → new when this column changed in this row. */
    static final class ValueCell extends TableCell<VersionDiff.RowChange, VersionDiff.RowChange> {
        private final String column;

        ValueCell(String column) {
            this.column = column;
        }

        @Override
        protected void updateItem(VersionDiff.RowChange row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().removeAll(TimeTravelStyles.DIFF_CELL, Styles.DIFF_ADDED, Styles.DIFF_REMOVED);
            setGraphic(null);
            setText(null);
            if (empty || row == null) {
                return;
            }
            switch (row.kind()) {
                case ADDED -> {
                    setText(Formats.value(row.newRow().get(column)));
                    getStyleClass().add(Styles.DIFF_ADDED);
                }
                case REMOVED -> {
                    setText(Formats.value(row.oldRow().get(column)));
                    getStyleClass().add(Styles.DIFF_REMOVED);
                }
                case CHANGED -> {
                    VersionDiff.CellChange change = row.changes().stream().filter(c -> c.column().equals(column)).findFirst().orElse(null);
                    if (change == null) {
                        setText(Formats.value(row.newRow().get(column)));
                        return;
                    }
                    Label old = new Label(Formats.value(change.oldValue()));
                    old.getStyleClass().add(TimeTravelStyles.DIFF_OLD);
                    Label arrow = new Label("→");
                    arrow.getStyleClass().add(TimeTravelStyles.DIFF_ARROW);
                    Label now = new Label(Formats.value(change.newValue()));
                    now.getStyleClass().add(TimeTravelStyles.DIFF_NEW);
                    HBox box = new HBox(4, old, arrow, now);
                    box.setAlignment(Pos.CENTER_LEFT);
                    setGraphic(box);
                    getStyleClass().add(TimeTravelStyles.DIFF_CELL);
                }
            }
        }
    }
}
