package io.lakelens.ui.timetravel;

import io.lakelens.lake.BrowsePage;
import io.lakelens.lake.BrowseRequest;
import io.lakelens.lake.OperationKind;
import io.lakelens.lake.SchemaChange;
import io.lakelens.lake.TimelineNode;
import io.lakelens.lake.VersionDiff;
import io.lakelens.lake.maintenance.Bytes;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.Styles;
import io.lakelens.ui.kit.Formats;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Slider;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.util.StringConverter;

import java.util.List;

/**
 * The Time Travel tab's layout: toolbar (jump, zoom), the timeline strip with its legend and
 * the selected commit's details, then panes to browse as of a version, compare two versions,
 * read the schema timeline and restore (absent on a read-only lake). Binds to
 * {@link TimeTravelViewModel} and forwards events; no logic of its own.
 */
final class TimeTravelView extends BorderPane {
    private final TimeTravelViewModel model;
    private final TimelineStrip strip;
    private final TabPane panes = new TabPane();
    final Tab browseTab = new Tab("Browse as of");
    final Tab compareTab = new Tab("Compare versions");
    final Tab schemaTab = new Tab("Schema timeline");
    final Tab restoreTab = new Tab("Restore");

    TimeTravelView(TimeTravelViewModel model) {
        this.model = model;
        this.strip = new TimelineStrip(model);
        getStyleClass().add(TimeTravelStyles.TAB);
        setId("timeTravelTab");
        setPadding(new Insets(12));

        VBox top = new VBox(8, toolbar(), strip, legend(), details());
        setTop(top);
        BorderPane.setMargin(top, new Insets(0, 0, 10, 0));

        panes.setId("ttPanes");
        panes.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        browseTab.setId("ttBrowseTab");
        compareTab.setId("ttCompareTab");
        schemaTab.setId("ttSchemaTab");
        restoreTab.setId("ttRestoreTab");
        browseTab.setContent(browsePane());
        compareTab.setContent(comparePane());
        schemaTab.setContent(schemaPane());
        panes.getTabs().addAll(browseTab, compareTab, schemaTab);
        if (!model.isReadOnly()) {
            restoreTab.setContent(restorePane());
            restoreTab.setGraphic(AppIcon.RESTORE.node());
            panes.getTabs().add(restoreTab);
        }
        setCenter(panes);
    }

    void show(Tab tab) {
        panes.getSelectionModel().select(tab);
    }

    TimelineStrip strip() {
        return strip;
    }

    private HBox toolbar() {
        Label title = new Label();
        title.getStyleClass().add(Styles.SECTION_TITLE);
        title.setGraphic(AppIcon.TIME_TRAVEL.node());
        title.textProperty().bind(Bindings.createStringBinding(() -> {
            String t = model.tableProperty().get();
            int n = model.nodes().size();
            return (t == null ? "" : t) + (n == 0 ? "" : " · " + n + " version" + (n == 1 ? "" : "s"));
        }, model.tableProperty(), model.nodes()));

        TextField jump = new TextField();
        jump.setId("ttJumpField");
        jump.setPromptText("Version or date-time, e.g. 12 or 2024-03-15T10:00:00Z");
        jump.setPrefColumnCount(24);
        jump.textProperty().bindBidirectional(model.jumpTextProperty());
        jump.setOnAction(e -> model.jump());
        Button go = new Button("Jump", AppIcon.CALENDAR.node());
        go.setId("ttJumpButton");
        go.setOnAction(e -> model.jump());

        Slider zoom = new Slider(0.1, 4, 1);
        zoom.setId("ttZoom");
        zoom.setPrefWidth(140);
        zoom.valueProperty().bindBidirectional(model.zoomProperty());
        Label zoomLabel = new Label("Zoom");
        zoomLabel.getStyleClass().add(Styles.MUTED);

        Button reload = new Button("Reload", AppIcon.REFRESH.node());
        reload.setId("ttReload");
        reload.setOnAction(e -> model.load());

        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(model.loadingProperty().or(model.browsingProperty()).or(model.comparingProperty())
                .or(model.restoringProperty()));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10, title, spacer, jump, go, zoomLabel, zoom, reload, busy);
        if (model.isReadOnly()) {
            Label ro = new Label("Read-only lake: restore is hidden");
            ro.setId("ttReadOnly");
            ro.getStyleClass().add(Styles.MUTED);
            bar.getChildren().add(1, ro);
        }
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add(TimeTravelStyles.TOOLBAR);
        return bar;
    }

    private HBox legend() {
        HBox legend = new HBox(12);
        legend.getStyleClass().add(TimeTravelStyles.LEGEND);
        for (OperationKind k : OperationKind.values()) {
            Circle dot = new Circle(5);
            dot.getStyleClass().addAll(TimeTravelStyles.LEGEND_DOT, TimeTravelStyles.NODE, k.styleClass());
            Label l = new Label(k.label(), dot);
            l.getStyleClass().add(Styles.MUTED);
            legend.getChildren().add(l);
        }
        Circle grey = new Circle(5);
        grey.getStyleClass().addAll(TimeTravelStyles.LEGEND_DOT, TimeTravelStyles.NODE, TimeTravelStyles.NODE_UNREADABLE);
        Label unreadable = new Label("no longer readable", grey);
        unreadable.getStyleClass().add(Styles.MUTED);
        Label size = new Label("size = rows changed · Ctrl+wheel zooms · ←/→ step");
        size.getStyleClass().add(Styles.MUTED);
        legend.getChildren().addAll(unreadable, size);
        legend.setAlignment(Pos.CENTER_LEFT);
        return legend;
    }

    private VBox details() {
        Label details = new Label();
        details.setId("ttDetails");
        details.getStyleClass().add(TimeTravelStyles.DETAILS);
        details.textProperty().bind(Bindings.createStringBinding(() -> TimeTravelViewModel.describe(model.selectedProperty().get()),
                model.selectedProperty()));
        Label unreadable = new Label();
        unreadable.setId("ttUnreadable");
        unreadable.getStyleClass().add(TimeTravelStyles.WARNING);
        unreadable.textProperty().bind(Bindings.createStringBinding(() -> model.unreadableReason(model.selectedProperty().get()),
                model.selectedProperty()));
        unreadable.visibleProperty().bind(unreadable.textProperty().isNotEmpty());
        unreadable.managedProperty().bind(unreadable.visibleProperty());
        unreadable.setWrapText(true);
        Label error = new Label();
        error.setId("ttError");
        error.getStyleClass().add(Styles.ERROR_BANNER);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        error.setWrapText(true);
        return new VBox(4, details, unreadable, error);
    }

    // ------------------------------------------------------------------ browse

    private BorderPane browsePane() {
        TextField asOf = new TextField();
        asOf.setId("ttAsOf");
        asOf.setPromptText("latest, a version or a date-time");
        asOf.setPrefColumnCount(16);
        asOf.textProperty().bindBidirectional(model.asOfTextProperty());
        asOf.setOnAction(e -> model.browse());

        ComboBox<String> filterColumn = new ComboBox<>(model.columns());
        filterColumn.setId("ttFilterColumn");
        filterColumn.setPromptText("Filter column");
        filterColumn.valueProperty().bindBidirectional(model.filterColumnProperty());
        ComboBox<BrowseRequest.FilterOp> op = new ComboBox<>(FXCollections.observableArrayList(BrowseRequest.FilterOp.values()));
        op.setId("ttFilterOp");
        op.setConverter(new StringConverter<>() {
            @Override
            public String toString(BrowseRequest.FilterOp o) {
                return o == null ? "" : o.symbol();
            }

            @Override
            public BrowseRequest.FilterOp fromString(String s) {
                return null;
            }
        });
        op.valueProperty().bindBidirectional(model.filterOpProperty());
        TextField value = new TextField();
        value.setId("ttFilterValue");
        value.setPromptText("value");
        value.setPrefColumnCount(10);
        value.textProperty().bindBidirectional(model.filterValueProperty());
        value.setOnAction(e -> model.browse());

        ComboBox<String> sort = new ComboBox<>(model.columns());
        sort.setId("ttSortColumn");
        sort.setPromptText("Sort by (key order)");
        sort.valueProperty().bindBidirectional(model.sortColumnProperty());
        CheckBox ascending = new CheckBox("ascending");
        ascending.setId("ttSortAscending");
        ascending.selectedProperty().bindBidirectional(model.sortAscendingProperty());

        Button browse = new Button("Browse", AppIcon.SEARCH.node());
        browse.setId("ttBrowse");
        browse.setDefaultButton(false);
        browse.setOnAction(e -> model.browse());

        HBox controls = new HBox(8, new Label("As of"), asOf, filterColumn, op, value, sort, ascending, browse);
        controls.setAlignment(Pos.CENTER_LEFT);
        VBox head = new VBox(6, controls);
        if (model.canSearch()) {
            TextField text = new TextField();
            text.setId("ttSearchText");
            text.setPromptText("Search symbol, company or sector as of this version");
            text.setPrefColumnCount(28);
            text.textProperty().bindBidirectional(model.searchTextProperty());
            text.setOnAction(e -> model.searchAsOf());
            Button search = new Button("Search as of", AppIcon.DATABASE_ONLY.node());
            search.setId("ttSearch");
            search.setOnAction(e -> model.searchAsOf());
            Label route = new Label("Database-only: historical answers never come from the cache");
            route.getStyleClass().add(Styles.MUTED);
            HBox searchRow = new HBox(8, text, search, route);
            searchRow.setAlignment(Pos.CENTER_LEFT);
            head.getChildren().add(searchRow);
        }

        TableView<List<Object>> grid = new TableView<>();
        grid.setId("ttBrowseTable");
        grid.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        grid.setPlaceholder(new Label("Pick a version on the timeline and press Browse."));
        model.pageProperty().addListener((o, a, p) -> showPage(grid, a, p));

        Button prev = new Button(null, AppIcon.PREVIOUS_PAGE.node());
        prev.setId("ttPrevPage");
        prev.setOnAction(e -> model.previousPage());
        Button next = new Button(null, AppIcon.NEXT_PAGE.node());
        next.setId("ttNextPage");
        next.setOnAction(e -> model.nextPage());
        Label summary = new Label();
        summary.setId("ttPageSummary");
        summary.getStyleClass().add(Styles.SUMMARY);
        summary.textProperty().bind(model.sourceProperty());
        prev.disableProperty().bind(Bindings.createBooleanBinding(() -> model.pageProperty().get() == null
                || model.pageProperty().get().page() <= 1, model.pageProperty()).or(model.browsingProperty()));
        next.disableProperty().bind(Bindings.createBooleanBinding(() -> model.pageProperty().get() == null
                || model.pageProperty().get().page() >= model.pageProperty().get().pageCount(), model.pageProperty())
                .or(model.browsingProperty()));
        HBox pager = new HBox(8, prev, summary, next);
        pager.setAlignment(Pos.CENTER_LEFT);
        pager.getStyleClass().add(TimeTravelStyles.PAGER);

        BorderPane pane = new BorderPane(grid, head, null, pager, null);
        BorderPane.setMargin(head, new Insets(8, 0, 8, 0));
        BorderPane.setMargin(pager, new Insets(8, 0, 0, 0));
        return pane;
    }

    private static void showPage(TableView<List<Object>> grid, BrowsePage before, BrowsePage page) {
        if (page == null) {
            grid.getItems().clear();
            return;
        }
        if (before == null || !before.columns().equals(page.columns())) {
            grid.getColumns().clear();
            for (int i = 0; i < page.columns().size(); i++) {
                int index = i;
                TableColumn<List<Object>, Object> col = new TableColumn<>(page.columns().get(i));
                col.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(r.getValue().get(index)));
                col.setCellFactory(c -> new TableCell<>() {
                    @Override
                    protected void updateItem(Object item, boolean empty) {
                        super.updateItem(item, empty);
                        setText(empty ? null : Formats.value(item));
                        getStyleClass().remove(Styles.NUMBER);
                        if (!empty && item instanceof Number) {
                            getStyleClass().add(Styles.NUMBER);
                        }
                    }
                });
                col.setSortable(false);
                grid.getColumns().add(col);
            }
        }
        grid.setItems(FXCollections.observableArrayList(page.rows()));
    }

    // ------------------------------------------------------------------ compare

    private BorderPane comparePane() {
        TextField from = new TextField();
        from.setId("ttFrom");
        from.setPrefColumnCount(10);
        from.textProperty().bindBidirectional(model.fromTextProperty());
        TextField to = new TextField();
        to.setId("ttTo");
        to.setPrefColumnCount(10);
        to.textProperty().bindBidirectional(model.toTextProperty());
        TextField key = new TextField();
        key.setId("ttKey");
        key.setPromptText("key columns (default: the table's key)");
        key.setPrefColumnCount(18);
        key.textProperty().bindBidirectional(model.keyTextProperty());
        ComboBox<VersionDiff.ChangeKind> kind = new ComboBox<>(FXCollections.observableArrayList(
                null, VersionDiff.ChangeKind.ADDED, VersionDiff.ChangeKind.REMOVED, VersionDiff.ChangeKind.CHANGED));
        kind.setId("ttDiffKind");
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(VersionDiff.ChangeKind k) {
                return k == null ? "all changes" : k.label() + " only";
            }

            @Override
            public VersionDiff.ChangeKind fromString(String s) {
                return null;
            }
        });
        kind.valueProperty().bindBidirectional(model.diffKindProperty());
        Button compare = new Button("Compare", AppIcon.COMPARE.node());
        compare.setId("ttCompare");
        compare.setOnAction(e -> model.compare());
        compare.disableProperty().bind(model.comparingProperty());
        HBox controls = new HBox(8, new Label("From"), from, new Label("to"), to, key, kind, compare);
        controls.setAlignment(Pos.CENTER_LEFT);

        Label summary = new Label();
        summary.setId("ttDiffSummary");
        summary.getStyleClass().add(Styles.SUMMARY);
        summary.setWrapText(true);
        Label facts = new Label();
        facts.setId("ttDiffFacts");
        facts.getStyleClass().add(Styles.MUTED);
        facts.setWrapText(true);
        model.diffSummaryProperty().addListener((o, a, s) -> {
            summary.setText(s == null ? "" : s.message());
            facts.setText(s == null ? "" : facts(s));
        });

        DiffTable table = new DiffTable("ttDiffTable", model.diffRows());
        model.diffValueColumns().addListener((ListChangeListener<String>) c ->
                table.columns(List.copyOf(model.diffKeyColumns()), List.copyOf(model.diffValueColumns())));

        Button prev = new Button(null, AppIcon.PREVIOUS_PAGE.node());
        prev.setId("ttDiffPrev");
        prev.setOnAction(e -> model.previousDiffPage());
        Button next = new Button(null, AppIcon.NEXT_PAGE.node());
        next.setId("ttDiffNext");
        next.setOnAction(e -> model.nextDiffPage());
        Label position = new Label();
        position.setId("ttDiffPage");
        position.textProperty().bind(Bindings.createStringBinding(() -> {
            VersionDiff.Summary s = model.diffSummaryProperty().get();
            if (s == null) {
                return "";
            }
            long total = TimeTravelViewModel.total(s, model.diffKindProperty().get());
            long first = Math.min(total, model.diffOffsetProperty().get() + 1);
            long last = Math.min(total, model.diffOffsetProperty().get() + model.diffRows().size());
            return "Rows " + Formats.count(first) + "–" + Formats.count(last) + " of " + Formats.count(total);
        }, model.diffSummaryProperty(), model.diffOffsetProperty(), model.diffRows(), model.diffKindProperty()));
        HBox pager = new HBox(8, prev, position, next);
        pager.setAlignment(Pos.CENTER_LEFT);
        pager.getStyleClass().add(TimeTravelStyles.PAGER);

        VBox head = new VBox(6, controls, summary, facts);
        BorderPane pane = new BorderPane(table, head, null, pager, null);
        BorderPane.setMargin(head, new Insets(8, 0, 8, 0));
        BorderPane.setMargin(pager, new Insets(8, 0, 0, 0));
        return pane;
    }

    static String facts(VersionDiff.Summary s) {
        StringBuilder sb = new StringBuilder();
        sb.append("Rows ").append(Formats.count(s.rowsFrom())).append(" → ").append(Formats.count(s.rowsTo()))
                .append(" · size ").append(Bytes.human(s.bytesFrom())).append(" → ")
                .append(Bytes.human(s.bytesTo()))
                .append(" · files ").append(s.filesFrom()).append(" → ").append(s.filesTo())
                .append(" · ").append(s.keyIsWholeRow() ? "no key: whole rows compared" : "key " + String.join(", ", s.key()));
        if (!s.note().isEmpty()) {
            sb.append(" · snapshots compared because ").append(s.note());
        }
        for (SchemaChange c : s.schemaChanges()) {
            sb.append(" · schema v").append(c.version()).append(": ").append(c.describe());
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ schema

    private TableView<SchemaChange> schemaPane() {
        TableView<SchemaChange> table = new TableView<>(model.schemaChanges());
        table.setId("ttSchemaTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("version", c -> c.version()));
        table.getColumns().add(column("time", c -> Formats.time(c.timestamp())));
        table.getColumns().add(column("column", SchemaChange::column));
        table.getColumns().add(column("change", c -> c.kind().label()));
        table.getColumns().add(column("detail", SchemaChange::describe));
        table.setPlaceholder(new Label("No schema yet."));
        return table;
    }

    private static <T> TableColumn<T, Object> column(String name, java.util.function.Function<T, Object> value) {
        TableColumn<T, Object> col = new TableColumn<>(name);
        col.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(value.apply(r.getValue())));
        return col;
    }

    // ------------------------------------------------------------------ restore

    private BorderPane restorePane() {
        TextField target = new TextField();
        target.setId("ttRestoreTarget");
        target.setPrefColumnCount(10);
        target.textProperty().bindBidirectional(model.restoreTargetProperty());
        TextField key = new TextField();
        key.setId("ttRestoreKey");
        key.setPromptText("key columns (default: the table's key)");
        key.setPrefColumnCount(18);
        key.textProperty().bindBidirectional(model.keyTextProperty());
        Button preview = new Button("Preview", AppIcon.COMPARE.node());
        preview.setId("ttRestorePreview");
        preview.setOnAction(e -> model.previewRestore());
        preview.disableProperty().bind(model.restoringProperty());
        HBox controls = new HBox(8, new Label("Restore to version"), target, key, preview);
        controls.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("ttRestoreMessage");
        message.getStyleClass().add(Styles.SUMMARY);
        message.setWrapText(true);
        message.textProperty().bind(model.restoreMessageProperty());

        DiffTable rows = new DiffTable("ttRestorePreviewTable", model.previewRows());
        model.previewValueColumns().addListener((ListChangeListener<String>) c ->
                rows.columns(List.copyOf(model.previewKeyColumns()), List.copyOf(model.previewValueColumns())));

        CheckBox acknowledge = new CheckBox("I have checked the rows above that this restore will change");
        acknowledge.setId("ttRestoreAcknowledge");
        acknowledge.selectedProperty().bindBidirectional(model.acknowledgedProperty());
        TextField reason = new TextField();
        reason.setId("ttRestoreReason");
        reason.setPromptText("Reason (recorded in the commit)");
        reason.setPrefColumnCount(30);
        reason.textProperty().bindBidirectional(model.restoreReasonProperty());
        Button confirm = new Button("Restore", AppIcon.RESTORE.node());
        confirm.setId("ttRestoreConfirm");
        confirm.getStyleClass().add(atlantafx.base.theme.Styles.DANGER);
        confirm.disableProperty().bind(model.canRestoreProperty().not());
        confirm.setOnAction(e -> model.restore());
        HBox confirmBox = new HBox(10, acknowledge, reason, confirm);
        confirmBox.setAlignment(Pos.CENTER_LEFT);
        confirmBox.getStyleClass().add(TimeTravelStyles.CONFIRM);
        confirmBox.visibleProperty().bind(model.restorePlanProperty().isNotNull());
        confirmBox.managedProperty().bind(confirmBox.visibleProperty());

        VBox head = new VBox(6, controls, message);
        BorderPane pane = new BorderPane(rows, head, null, confirmBox, null);
        BorderPane.setMargin(head, new Insets(8, 0, 8, 0));
        BorderPane.setMargin(confirmBox, new Insets(8, 0, 0, 0));
        return pane;
    }

    /** The selected node's circle, or null; for tests. */
    Circle circleOf(TimelineNode n) {
        return n == null ? null : strip.circle(n.version());
    }
}
