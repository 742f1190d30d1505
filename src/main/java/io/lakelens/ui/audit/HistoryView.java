package io.lakelens.ui.audit;

import io.lakelens.lake.OperationKind;
import io.lakelens.lake.TimelineNode;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.Formats;
import io.lakelens.ui.kit.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringExpression;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import static io.lakelens.ui.audit.AuditColumns.col;
import static io.lakelens.ui.audit.AuditColumns.width;

/** The history section: the filter bar, the commits table and the selected commit's JSON. */
final class HistoryView extends SplitPane {
    private final HistoryViewModel model;
    private final StringExpression table;
    private final HBox filters;

    /**
     * @param table the picked table, for the title
     * @param busy  true while any section of the tab works
     */
    HistoryView(HistoryViewModel model, StringExpression table, ReadOnlyBooleanProperty busy) {
        this.model = model;
        this.table = table;
        this.filters = filters(busy);
        getItems().addAll(historyTable(), detailsPane());
        setDividerPositions(0.64);
    }

    /** The title and filter bar, which the tab shows above everything else. */
    HBox filters() {
        return filters;
    }

    private HBox filters(ReadOnlyBooleanProperty busy) {
        Label title = new Label();
        title.setGraphic(AppIcon.AUDIT.node());
        title.getStyleClass().add(Styles.SECTION_TITLE);
        title.textProperty().bind(Bindings.createStringBinding(() -> table.get() + " · "
                + model.history().size() + " of " + model.commits().size() + " commits", table, model.history(),
                model.commits()));

        ComboBox<OperationKind> op = new ComboBox<>(FXCollections.observableArrayList(OperationKind.values()));
        op.getItems().add(0, null);
        op.setId("auditOperationFilter");
        op.setPromptText("All operations");
        op.setConverter(new StringConverter<>() {
            @Override
            public String toString(OperationKind k) {
                return k == null ? "All operations" : k.label();
            }

            @Override
            public OperationKind fromString(String s) {
                return null;
            }
        });
        op.valueProperty().bindBidirectional(model.operationFilterProperty());

        ComboBox<String> user = new ComboBox<>();
        user.setId("auditUserFilter");
        user.setPromptText("All users");
        Runnable fillUsers = () -> {
            String keep = model.userFilterProperty().get();
            user.getItems().setAll(model.users());
            user.getItems().add(0, null);
            user.setValue(keep);
        };
        model.users().addListener((ListChangeListener<String>) c -> fillUsers.run());
        fillUsers.run();
        user.setConverter(new StringConverter<>() {
            @Override
            public String toString(String u) {
                return u == null ? "All users" : u;
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        user.valueProperty().bindBidirectional(model.userFilterProperty());

        DatePicker from = new DatePicker();
        from.setId("auditFromDate");
        from.setPromptText("From date");
        from.setPrefWidth(130);
        from.valueProperty().bindBidirectional(model.fromDateProperty());
        DatePicker to = new DatePicker();
        to.setId("auditToDate");
        to.setPromptText("To date");
        to.setPrefWidth(130);
        to.valueProperty().bindBidirectional(model.toDateProperty());
        TextField reason = new TextField();
        reason.setId("auditReasonFilter");
        reason.setPromptText("Reason contains…");
        reason.textProperty().bindBidirectional(model.reasonFilterProperty());
        Button clear = new Button(null, AppIcon.CLEAR_FILTERS.node());
        clear.setId("auditClearFilters");
        clear.setOnAction(e -> model.clearFilters());
        Button reload = new Button("Reload", AppIcon.REFRESH.node());
        reload.setId("auditReload");
        reload.setOnAction(e -> model.load());
        ProgressIndicator busyMark = new ProgressIndicator();
        busyMark.setPrefSize(18, 18);
        busyMark.visibleProperty().bind(busy);

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, title, spacer, op, user, from, to, reason, clear, reload, busyMark);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private TableView<TimelineNode> historyTable() {
        TableView<TimelineNode> table = new TableView<>(model.history());
        table.setId("auditHistoryTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(width(col("version", TimelineNode::version), 64));
        table.getColumns().add(width(col("time", n -> Formats.time(n.timestamp())), 170));
        table.getColumns().add(width(col("user", TimelineNode::user), 80));
        TableColumn<TimelineNode, Object> op = col("operation", n -> n);
        op.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                setGraphic(null);
                if (!empty && item instanceof TimelineNode n) {
                    Label badge = new Label(n.operation());
                    badge.getStyleClass().addAll(Styles.BADGE, n.kind().styleClass());
                    setGraphic(badge);
                }
            }
        });
        table.getColumns().add(width(op, 110));
        table.getColumns().add(col("rows +/~/−", n -> Formats.count(n.rowsAdded()) + " / " + Formats.count(n.rowsUpdated())
                + " / " + Formats.count(n.rowsRemoved())));
        table.getColumns().add(col("files +/−", n -> n.filesAdded() + " / " + n.filesRemoved()));
        table.getColumns().add(col("readable", n -> n.readable() ? "yes" : n.status().label()
                + (n.removedBy() >= 0 ? " (v" + n.removedBy() + ")" : "")));
        table.getColumns().add(col("reason", TimelineNode::reason));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(TimelineNode n, boolean empty) {
                super.updateItem(n, empty);
                getStyleClass().remove(AuditStyles.UNREADABLE_ROW);
                if (!empty && n != null && !n.readable()) {
                    getStyleClass().add(AuditStyles.UNREADABLE_ROW);
                }
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                model.selectedProperty().set(b);
            }
        });
        model.selectedProperty().addListener((o, a, b) -> {
            if (b != null && table.getSelectionModel().getSelectedItem() != b) {
                table.getSelectionModel().select(b);
            }
        });
        table.setPlaceholder(new Label("No commit matches the filters."));
        return table;
    }

    private VBox detailsPane() {
        Label title = new Label("Commit details");
        title.getStyleClass().add(Styles.SECTION_TITLE);
        TextArea json = new TextArea();
        json.setId("auditDetails");
        json.setEditable(false);
        json.getStyleClass().add(AuditStyles.JSON);
        json.textProperty().bind(model.detailsProperty());
        VBox.setVgrow(json, Priority.ALWAYS);
        VBox box = new VBox(6, title, json);
        box.setPadding(new Insets(0, 0, 0, 8));
        return box;
    }
}
