package io.lakelens.ui.audit;

import io.lakelens.lake.RowEvent;
import io.lakelens.lake.TimelineNode;
import io.lakelens.lake.VersionDiff;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.Formats;
import io.lakelens.ui.kit.Styles;
import javafx.beans.value.ObservableObjectValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

import static io.lakelens.ui.audit.AuditColumns.evCol;
import static io.lakelens.ui.audit.AuditColumns.width;

/** The row-trail section: a key (or the selected commit) and every change to that row. */
final class RowTrailView extends BorderPane {

    RowTrailView(RowTrailViewModel model, ObservableObjectValue<TimelineNode> selected) {
        TextField key = new TextField();
        key.setId("auditKeyField");
        key.setPromptText("Row key, e.g. trade_id=42 or symbol=AAPL,trade_date=2024-03-15");
        key.setPrefColumnCount(34);
        key.textProperty().bindBidirectional(model.keyTextProperty());
        key.setOnAction(e -> model.showTrail());
        Button show = new Button("Show history", AppIcon.SEARCH.node());
        show.setId("auditShowTrail");
        show.setOnAction(e -> model.showTrail());
        Button trace = new Button("Trace a row changed by the selected commit", AppIcon.VERSION.node());
        trace.setId("auditTraceSelected");
        trace.setOnAction(e -> model.traceRowChangedBy(selected.get()));
        HBox controls = new HBox(8, key, show, trace);
        controls.setAlignment(Pos.CENTER_LEFT);

        TableView<RowEvent> events = new TableView<>(model.events());
        events.setId("auditTrailTable");
        events.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        events.getColumns().add(width(evCol("version", RowEvent::version), 64));
        events.getColumns().add(width(evCol("time", e -> Formats.time(e.timestamp())), 170));
        events.getColumns().add(width(evCol("user", RowEvent::user), 80));
        TableColumn<RowEvent, Object> change = evCol("change", e -> e);
        change.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll(Styles.DIFF_ADDED, Styles.DIFF_REMOVED, Styles.DIFF_CHANGED);
                setText(null);
                if (!empty && item instanceof RowEvent ev) {
                    setText(ev.kind().label());
                    switch (ev.kind()) {
                        case INSERTED -> getStyleClass().add(Styles.DIFF_ADDED);
                        case DELETED -> getStyleClass().add(Styles.DIFF_REMOVED);
                        case UPDATED -> getStyleClass().add(Styles.DIFF_CHANGED);
                        default -> {
                        }
                    }
                }
            }
        });
        events.getColumns().add(width(change, 80));
        events.getColumns().add(width(evCol("operation", RowEvent::operation), 90));
        events.getColumns().add(width(evCol("reason", RowEvent::reason), 280));
        events.getColumns().add(evCol("row", e -> e.key().entrySet().stream().map(k -> k.getKey() + "=" + Formats.value(k.getValue()))
                .reduce((a, b) -> a + ", " + b).orElse("")));
        TableColumn<RowEvent, Object> values = evCol("values (old → new)", e -> changes(e));
        events.getColumns().add(width(values, 520));

        events.setPlaceholder(new Label("Name a row by its key, or trace one the selected commit changed."));
        setCenter(events);
        setTop(controls);
        BorderPane.setMargin(controls, new Insets(8, 0, 8, 0));
    }

    static String changes(RowEvent e) {
        if (e.kind() == RowEvent.Kind.PRESENT) {
            return "present when the change feed begins";
        }
        StringBuilder sb = new StringBuilder();
        for (VersionDiff.CellChange c : e.changes()) {
            if (e.kind() != RowEvent.Kind.UPDATED && e.key().containsKey(c.column())) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(c.column()).append(": ").append(c.oldValue() == null ? "∅" : Formats.value(c.oldValue())).append(" → ")
                    .append(c.newValue() == null ? "∅" : Formats.value(c.newValue()));
        }
        return sb.toString();
    }
}
