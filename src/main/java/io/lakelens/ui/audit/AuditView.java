package io.lakelens.ui.audit;

import io.lakelens.lake.AuditExport;
import io.lakelens.lake.Integrity;
import io.lakelens.lake.OperationKind;
import io.lakelens.lake.RowEvent;
import io.lakelens.lake.TimelineNode;
import io.lakelens.lake.VersionDiff;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.Styles;
import io.lakelens.ui.kit.Formats;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;

import java.io.File;
import java.util.function.Function;

/**
 * The Audit tab's layout: history filters, the history table beside the selected commit's
 * JSON, then panes for a row's trail, integrity checks and the report export. Binds to
 * {@link AuditViewModel}; the only thing it does itself is ask for an export folder.
 */
final class AuditView extends BorderPane {
    private final AuditViewModel model;
    private final TabPane panes = new TabPane();
    final Tab trailTab = new Tab("Row history");
    final Tab integrityTab = new Tab("Integrity");
    final Tab exportTab = new Tab("Export");

    AuditView(AuditViewModel model) {
        this.model = model;
        setId("auditTab");
        getStyleClass().add(AuditStyles.TAB);
        setPadding(new Insets(12));
        setTop(filters());
        BorderPane.setMargin(getTop(), new Insets(0, 0, 10, 0));

        SplitPane upper = new SplitPane(historyTable(), detailsPane());
        upper.setDividerPositions(0.64);
        panes.setId("auditPanes");
        panes.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        trailTab.setId("auditTrailTab");
        integrityTab.setId("auditIntegrityTab");
        exportTab.setId("auditExportTab");
        trailTab.setContent(trailPane());
        integrityTab.setContent(integrityPane());
        exportTab.setContent(exportPane());
        panes.getTabs().addAll(trailTab, integrityTab, exportTab);
        SplitPane split = new SplitPane(upper, panes);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        setCenter(split);

        Label message = new Label();
        message.setId("auditMessage");
        message.getStyleClass().add(Styles.MUTED);
        message.textProperty().bind(model.messageProperty());
        message.setWrapText(true);
        Label error = new Label();
        error.setId("auditError");
        error.getStyleClass().add(Styles.ERROR_BANNER);
        error.textProperty().bind(model.errorProperty());
        error.setWrapText(true);
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        VBox bottom = new VBox(4, error, message);
        setBottom(bottom);
        BorderPane.setMargin(bottom, new Insets(8, 0, 0, 0));
    }

    void show(Tab tab) {
        panes.getSelectionModel().select(tab);
    }

    private HBox filters() {
        Label title = new Label();
        title.setGraphic(AppIcon.AUDIT.node());
        title.getStyleClass().add(Styles.SECTION_TITLE);
        title.textProperty().bind(Bindings.createStringBinding(() -> model.tableProperty().get() + " · "
                + model.history().size() + " of " + model.commits().size() + " commits", model.tableProperty(), model.history(),
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
        model.users().addListener((javafx.collections.ListChangeListener<String>) c -> fillUsers.run());
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
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(model.busyProperty());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, title, spacer, op, user, from, to, reason, clear, reload, busy);
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

    private BorderPane trailPane() {
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
        trace.setOnAction(e -> model.traceRowChangedBy(model.selectedProperty().get()));
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
        BorderPane pane = new BorderPane(events, controls, null, null, null);
        BorderPane.setMargin(controls, new Insets(8, 0, 8, 0));
        return pane;
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

    private BorderPane integrityPane() {
        Button selected = new Button("Verify selected version", AppIcon.SHIELD.node());
        selected.setId("auditVerifySelected");
        selected.setOnAction(e -> model.verifySelected());
        Button all = new Button("Verify all recorded versions", AppIcon.SHIELD.node());
        all.setId("auditVerifyAll");
        all.setOnAction(e -> model.verifyAll());
        Label hint = new Label("A version with no stored checksum gets one recorded; later checks compare against it.");
        hint.getStyleClass().add(Styles.MUTED);
        HBox controls = new HBox(8, selected, all, hint);
        controls.setAlignment(Pos.CENTER_LEFT);

        TableView<Integrity.Verification> table = new TableView<>(model.checks());
        table.setId("auditIntegrityTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(vCol("version", Integrity.Verification::version));
        TableColumn<Integrity.Verification, Object> status = vCol("status", v -> v);
        status.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll(AuditStyles.CHECK_OK, AuditStyles.CHECK_FAILED);
                setText(null);
                if (!empty && item instanceof Integrity.Verification v) {
                    setText(v.status().label());
                    getStyleClass().add(v.status().failed() ? AuditStyles.CHECK_FAILED : AuditStyles.CHECK_OK);
                }
            }
        });
        table.getColumns().add(status);
        table.getColumns().add(vCol("rows", v -> v.actual() != null ? Formats.count(v.actual().rowCount())
                : v.expected() != null ? Formats.count(v.expected().rowCount()) : ""));
        table.getColumns().add(vCol("checksum", v -> v.actual() != null ? v.actual().fingerprint()
                : v.expected() != null ? v.expected().fingerprint() : ""));
        table.getColumns().add(vCol("recorded", v -> Formats.time(v.recordedAt())));
        table.getColumns().add(vCol("detail", Integrity.Verification::message));
        table.setPlaceholder(new Label("No version checked yet."));
        BorderPane pane = new BorderPane(table, controls, null, null, null);
        BorderPane.setMargin(controls, new Insets(8, 0, 8, 0));
        return pane;
    }

    private VBox exportPane() {
        TextField from = new TextField();
        from.setId("auditExportFrom");
        from.setPrefColumnCount(8);
        from.textProperty().bindBidirectional(model.exportFromProperty());
        TextField to = new TextField();
        to.setId("auditExportTo");
        to.setPrefColumnCount(8);
        to.textProperty().bindBidirectional(model.exportToProperty());
        CheckBox trail = new CheckBox("Include the traced row's history");
        trail.setId("auditExportTrail");
        trail.selectedProperty().bindBidirectional(model.exportTrailProperty());
        Button html = new Button("Export HTML…", AppIcon.AUDIT.node());
        html.setId("auditExportHtml");
        html.setOnAction(e -> chooseFolderAndExport(AuditExport.Format.HTML));
        Button csv = new Button("Export CSV…", AppIcon.TABLE.node());
        csv.setId("auditExportCsv");
        csv.setOnAction(e -> chooseFolderAndExport(AuditExport.Format.CSV));
        HBox controls = new HBox(8, new Label("Versions"), from, new Label("to"), to, trail, html, csv);
        controls.setAlignment(Pos.CENTER_LEFT);
        Label hint = new Label("The HTML report is one self-contained page (timeline picture, commits, checksums, row history) "
                + "that opens in any browser; the CSV holds the same rows for a spreadsheet.");
        hint.getStyleClass().add(Styles.MUTED);
        hint.setWrapText(true);
        VBox box = new VBox(10, controls, hint);
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }

    private void chooseFolderAndExport(AuditExport.Format format) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Folder for " + model.exportFileName(format));
        File folder = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (folder != null) {
            model.export(folder.toPath(), format);
        }
    }

    private static <S> TableColumn<S, Object> width(TableColumn<S, Object> c, double pref) {
        c.setPrefWidth(pref);
        return c;
    }

    private static TableColumn<TimelineNode, Object> col(String name, Function<TimelineNode, Object> value) {
        TableColumn<TimelineNode, Object> c = new TableColumn<>(name);
        c.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(value.apply(r.getValue())));
        return c;
    }

    private static TableColumn<RowEvent, Object> evCol(String name, Function<RowEvent, Object> value) {
        TableColumn<RowEvent, Object> c = new TableColumn<>(name);
        c.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(value.apply(r.getValue())));
        return c;
    }

    private static TableColumn<Integrity.Verification, Object> vCol(String name, Function<Integrity.Verification, Object> value) {
        TableColumn<Integrity.Verification, Object> c = new TableColumn<>(name);
        c.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(value.apply(r.getValue())));
        return c;
    }
}
