package io.lakelens.ui.compaction;

import io.lakelens.ui.kit.AppIcon;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;

import static atlantafx.base.theme.Styles.ACCENT;
import static io.lakelens.ui.compaction.CompactionWidgets.column;
import static io.lakelens.ui.compaction.CompactionWidgets.field;
import static io.lakelens.ui.kit.Panes.card;

/** The properties section: editable maintenance properties and the statement to confirm. */
final class PropertiesView extends VBox {

    PropertiesView(PropertiesViewModel model) {
        TableView<PropertyRow> table = new TableView<>(model.propertyRows());
        table.setId("propertiesTable");
        table.setEditable(true);
        TableColumn<PropertyRow, String> edit = new TableColumn<>("New value");
        edit.setCellValueFactory(c -> c.getValue().editProperty());
        edit.setCellFactory(TextFieldTableCell.forTableColumn());
        edit.setEditable(true);
        edit.setPrefWidth(170);
        table.getColumns().setAll(List.of(
                column("Property", PropertyRow::key, 280),
                column("Now", r -> r.current() + (r.isDefault() ? " (default)" : ""), 170),
                edit,
                column("What it does", PropertyRow::description, 420)));
        table.setPlaceholder(new Label("Refresh the table's health to load its properties"));
        VBox.setVgrow(table, Priority.ALWAYS);
        TextField reason = field("propertiesReason", "why (recorded in the commit)", model.propertyReasonProperty());
        Button preview = new Button("Preview statement", AppIcon.SEARCH.node());
        preview.setId("previewProperties");
        preview.setOnAction(e -> model.previewProperties());
        HBox actions = new HBox(8, new Label("Reason"), reason, preview);
        actions.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(reason, Priority.ALWAYS);

        TextArea statement = new TextArea();
        statement.setId("propertiesStatement");
        statement.getStyleClass().add(CompactionStyles.STATEMENT);
        statement.setEditable(false);
        statement.setWrapText(true);
        statement.setPrefRowCount(3);
        VBox warnings = new VBox(4);
        Button apply = new Button("Apply", AppIcon.SUCCESS.node());
        apply.setId("applyProperties");
        apply.getStyleClass().add(ACCENT);
        apply.setOnAction(e -> model.applyProperties());
        Button discard = new Button("Discard", AppIcon.CANCEL.node());
        discard.setId("discardProperties");
        discard.setOnAction(e -> model.discardPropertyChange());
        VBox confirm = card("Confirm: this statement will run", statement, warnings, new HBox(8, apply, discard));
        confirm.visibleProperty().bind(model.pendingChangeProperty().isNotNull());
        confirm.managedProperty().bind(confirm.visibleProperty());
        model.pendingChangeProperty().addListener((o, a, c) -> {
            statement.setText(c == null ? "" : c.statement());
            warnings.getChildren().clear();
            if (c != null) {
                for (String w : c.warnings()) {
                    Label l = new Label("⚠ " + w);
                    l.setWrapText(true);
                    l.getStyleClass().add(CompactionStyles.WARNING);
                    warnings.getChildren().add(l);
                }
            }
        });
        setSpacing(10);
        getChildren().addAll(card("Maintenance properties", table, actions), confirm);
    }
}
