package io.lakelens.ui.search;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.search.SearchColumns;
import io.lakelens.search.SearchFields;
import io.lakelens.search.SearchRequest;
import io.lakelens.search.SearchResult;
import io.lakelens.search.StrategyKind;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.Formats;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.textfield.AutoCompletionBinding;
import org.controlsfx.control.textfield.TextFields;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import static io.lakelens.ui.kit.Styles.BADGE;
import static io.lakelens.ui.kit.Styles.CARD;
import static io.lakelens.ui.kit.Styles.DOWN;
import static io.lakelens.ui.kit.Styles.FALLBACK;
import static io.lakelens.ui.kit.Styles.MUTED;
import static io.lakelens.ui.kit.Styles.NUMBER;
import static io.lakelens.ui.kit.Styles.SECTION_TITLE;
import static io.lakelens.ui.kit.Styles.STRATEGY_BADGE;
import static io.lakelens.ui.kit.Styles.STRATEGY_TOGGLE;
import static io.lakelens.ui.kit.Styles.SUMMARY;
import static io.lakelens.ui.kit.Styles.UP;

/** The Search tab's nodes. Binds to {@link SearchViewModel} and forwards events; holds no state of its own. */
final class SearchView extends VBox {
    /** A column of the results table: its data column, title, and whether the compact layout keeps it. */
    private record ColumnSpec(String column, String title, boolean key, double width) {
    }

    private static final List<ColumnSpec> COLUMNS = List.of(
            new ColumnSpec(MarketData.SYMBOL, "Symbol", true, 76),
            new ColumnSpec(MarketData.COMPANY, "Company", false, 180),
            new ColumnSpec(MarketData.SECTOR, "Sector", false, 130),
            new ColumnSpec(MarketData.EXCHANGE, "Exch.", false, 80),
            new ColumnSpec(MarketData.TRADE_DATE, "Date", true, 98),
            new ColumnSpec(MarketData.OPEN, "Open", false, 86),
            new ColumnSpec(MarketData.HIGH, "High", false, 86),
            new ColumnSpec(MarketData.LOW, "Low", false, 86),
            new ColumnSpec(MarketData.CLOSE, "Close", true, 88),
            new ColumnSpec(MarketData.CHANGE_PCT, "Change", true, 78),
            new ColumnSpec(MarketData.VOLUME, "Volume", false, 104),
            new ColumnSpec(MarketData.MARKET_CAP, "Mkt cap", false, 84));

    private final SearchViewModel model;
    private final CustomTextField queryField = new CustomTextField();
    private final TableView<ResultRow> table = new TableView<>();
    private final Map<StrategyKind, ToggleButton> toggles = new EnumMap<>(StrategyKind.class);
    private final List<TableColumn<ResultRow, Object>> columns = new ArrayList<>();
    private final VBox sidebar;
    private final VBox filters;
    private final VBox comparisonCard;
    private final HBox strategyRow;
    private final Label placeholder = new Label();
    private boolean updatingSort;
    private boolean compact;

    SearchView(SearchViewModel model, BooleanProperty compactMode) {
        this.model = model;
        setId("searchView");
        getStyleClass().add("ll-search");
        setSpacing(10);
        setPadding(new Insets(12, 14, 10, 14));

        Button filterToggle = new Button("Filters", AppIcon.FILTER.node());
        filterToggle.setId("filtersToggle");
        filterToggle.setOnAction(e -> model.filtersShownProperty().set(!model.filtersShownProperty().get()));

        HBox searchRow = new HBox(8, tablePicker(), queryField(), searchButton(), filterToggle, spinner());
        searchRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(queryField, Priority.ALWAYS);

        strategyRow = new HBox(8);
        strategyRow.setAlignment(Pos.CENTER_LEFT);
        Label strategyLabel = new Label("Strategy");
        strategyLabel.getStyleClass().add(MUTED);
        strategyRow.getChildren().add(strategyLabel);
        strategyRow.getChildren().addAll(strategyToggles());
        strategyRow.getChildren().addAll(new Spacer(), answerBadge());

        filters = filtersCard();
        comparisonCard = comparisonCard();
        sidebar = new VBox(10, filters, comparisonCard);
        sidebar.setId("searchSidebar");
        sidebar.setMinWidth(312);
        sidebar.setPrefWidth(312);
        sidebar.setMaxWidth(312);

        VBox results = resultsArea();
        HBox.setHgrow(results, Priority.ALWAYS);
        HBox body = new HBox(12, sidebar, results);
        VBox.setVgrow(body, Priority.ALWAYS);

        getChildren().addAll(searchRow, strategyRow, body);

        filterToggle.visibleProperty().bind(compactMode);
        filterToggle.managedProperty().bind(compactMode);
        compactMode.addListener((o, a, b) -> layoutFor(b));
        model.filtersShownProperty().addListener((o, a, b) -> layoutFor(compact));
        layoutFor(compactMode.get());
    }

    private Node tablePicker() {
        ComboBox<String> picker = new ComboBox<>(model.tables());
        picker.setId("searchTable");
        picker.setTooltip(new Tooltip("The table to search"));
        picker.setValue(model.tableProperty().get());
        picker.setOnAction(e -> {
            String t = picker.getValue();
            if (t != null && !t.equals(model.tableProperty().get())) {
                model.useTable(t);
            }
        });
        model.tableProperty().addListener((o, a, b) -> picker.setValue(b));
        return picker;
    }

    private static String promptFor(String table, SearchFields fields) {
        if (MarketData.NAME.equals(table)) {
            return "Symbol, company or sector — e.g. AAPL technology, \"Apple Inc\", sector:energy";
        }
        List<String> searched = fields == null ? List.of()
                : fields.searched().columns().stream().map(SearchColumns.SearchColumn::name).toList();
        return searched.isEmpty() ? "Words to find in " + table + " — column:value for one column"
                : "Words in " + String.join(", ", searched) + " — column:value for one column";
    }

    private Node queryField() {
        queryField.setId("searchField");
        queryField.setPromptText(promptFor(model.tableProperty().get(), null));
        model.fieldsProperty().addListener((o, a, b) -> queryField.setPromptText(promptFor(model.tableProperty().get(), b)));
        model.tableProperty().addListener((o, a, b) -> queryField.setPromptText(promptFor(b, model.fieldsProperty().get())));
        queryField.setLeft(AppIcon.SEARCH.node());
        queryField.textProperty().bindBidirectional(model.queryProperty());
        queryField.setOnAction(e -> model.search());
        StringConverter<Suggestion> converter = new StringConverter<>() {
            @Override
            public String toString(Suggestion s) {
                return s == null ? "" : s.toString();
            }

            @Override
            public Suggestion fromString(String text) {
                return null;
            }
        };
        AutoCompletionBinding<Suggestion> completion = TextFields.bindAutoCompletion(queryField,
                request -> model.suggest(request.getUserText(), 12), converter);
        completion.setVisibleRowCount(10);
        completion.setOnAutoCompleted(e -> {
            Suggestion chosen = e.getCompletion();
            Platform.runLater(() -> {
                model.queryProperty().set(chosen.symbol());
                completion.getAutoCompletionPopup().hide();
                queryField.positionCaret(queryField.getText().length());
                model.search();
            });
        });
        return queryField;
    }

    private Node searchButton() {
        Button search = new Button("Search");
        search.setId("searchButton");
        search.getStyleClass().add(Styles.ACCENT);
        search.setDefaultButton(false);
        search.setOnAction(e -> model.search());
        return search;
    }

    private Node spinner() {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setId("searchSpinner");
        spinner.setPrefSize(22, 22);
        spinner.setMaxSize(22, 22);
        spinner.visibleProperty().bind(model.busyProperty());
        return spinner;
    }

    private List<Node> strategyToggles() {
        ToggleGroup group = new ToggleGroup();
        List<Node> nodes = new ArrayList<>();
        for (StrategyKind k : StrategyKind.values()) {
            ToggleButton b = new ToggleButton(k.displayName(), AppIcon.of(k).node());
            b.setId("strategy-" + k.id());
            b.getStyleClass().addAll(STRATEGY_TOGGLE, k.styleClass());
            b.setToggleGroup(group);
            b.setUserData(k);
            Tooltip tip = new Tooltip(k.displayName() + " · expected " + k.latencyBand() + "\n" + k.whenToUse());
            tip.setWrapText(true);
            tip.setMaxWidth(340);
            b.setTooltip(tip);
            toggles.put(k, b);
            nodes.add(b);
        }
        toggles.get(model.strategyProperty().get()).setSelected(true);
        group.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
                return;
            }
            StrategyKind k = (StrategyKind) b.getUserData();
            if (k != model.strategyProperty().get()) {
                model.useStrategy(k);
            }
        });
        model.strategyProperty().addListener((o, a, b) -> toggles.get(b).setSelected(true));
        return nodes;
    }

    private Node answerBadge() {
        HBox badge = new HBox(8);
        badge.setId("answerBadge");
        badge.getStyleClass().add(STRATEGY_BADGE);
        badge.setAlignment(Pos.CENTER_LEFT);
        Consumer<SearchResult> show = r -> {
            for (StrategyKind k : StrategyKind.values()) {
                badge.getStyleClass().remove(k.styleClass());
            }
            badge.getChildren().clear();
            badge.setVisible(r != null);
            if (r == null) {
                return;
            }
            StrategyKind k = r.strategy();
            badge.getStyleClass().add(k.styleClass());
            Label name = new Label(k.displayName(), AppIcon.of(k).node());
            name.getStyleClass().add("ll-strategy-name");
            name.setId("answerStrategy");
            Label source = new Label(sourceText(r), (r.source() == SearchResult.Source.CACHE ? AppIcon.CACHE : AppIcon.DATABASE_ONLY).node());
            source.setId("answerSource");
            Label latency = new Label(Formats.latency(r.latencyMs()), AppIcon.TIMER.node());
            latency.setId("answerLatency");
            Label version = new Label("v" + r.version(), AppIcon.VERSION.node());
            version.setId("answerVersion");
            badge.getChildren().addAll(name, dot(), source, dot(), latency, dot(), version);
            if (r.fallback()) {
                Label fb = new Label("FALLBACK", AppIcon.WARNING.node());
                fb.setId("answerFallback");
                fb.getStyleClass().addAll(BADGE, FALLBACK);
                fb.setTooltip(new Tooltip("Delta did not answer in time; this is the cached answer from version " + r.version()));
                badge.getChildren().add(fb);
            }
            String why = r.reason().orElse("");
            Tooltip.install(badge, new Tooltip(k.displayName() + " answered from " + sourceText(r) + " in "
                    + Formats.latency(r.latencyMs()) + ", Delta version " + r.version()
                    + (r.cacheHit() ? " (cache hit)" : "") + (why.isBlank() ? "" : "\n" + why)));
        };
        model.resultProperty().addListener((o, a, b) -> show.accept(b));
        show.accept(model.resultProperty().get());
        return badge;
    }

    private static String sourceText(SearchResult r) {
        return r.source() == SearchResult.Source.CACHE ? "Redis cache"
                : "Delta" + r.route().map(route -> " · " + route).orElse("");
    }

    private static Label dot() {
        Label l = new Label("·");
        l.getStyleClass().add(MUTED);
        return l;
    }

    // ---- filters ----

    private VBox filtersCard() {
        Label title = new Label("Filters", AppIcon.FILTER.node());
        title.getStyleClass().add(SECTION_TITLE);

        GridPane grid = new GridPane();
        grid.setId("filtersGrid");
        grid.setHgap(8);
        grid.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        labels.setMaxWidth(110);
        ColumnConstraints inputs = new ColumnConstraints();
        inputs.setHgrow(Priority.ALWAYS);
        inputs.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, inputs);
        Label loading = new Label("Reading the table's columns…");
        loading.getStyleClass().add(MUTED);
        Runnable fill = () -> {
            grid.getChildren().clear();
            int row = 0;
            for (FilterField f : model.filterFields()) {
                grid.addRow(row++, fieldLabel(label(f)), filterInput(f));
            }
            if (row == 0) {
                loading.setText(model.fieldsProperty().get() == null ? "Reading the table's columns…"
                        : "This table has no columns to filter by.");
                grid.addRow(0, loading);
            }
        };
        model.filterFields().addListener((ListChangeListener<FilterField>) c -> fill.run());
        fill.run();
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.setMaxHeight(360);
        scroll.getStyleClass().add(atlantafx.base.theme.Tweaks.EDGE_TO_EDGE);

        Button apply = new Button("Apply", AppIcon.SEARCH.node());
        apply.setId("applyFilters");
        apply.getStyleClass().add(Styles.ACCENT);
        apply.setOnAction(e -> model.search());
        Button clear = new Button("Clear", AppIcon.CLEAR_FILTERS.node());
        clear.setId("clearFilters");
        clear.setOnAction(e -> {
            model.clearFilters();
            model.search();
        });
        HBox buttons = new HBox(8, apply, clear);

        VBox card = new VBox(10, title, scroll, buttons);
        card.setId("filtersPanel");
        card.getStyleClass().add(CARD);
        return card;
    }

    /** market_data keeps its short labels; other tables show the column names. */
    private String label(FilterField f) {
        if (MarketData.NAME.equals(model.tableProperty().get())) {
            switch (f.column()) {
                case MarketData.SECTOR -> { return "Sector"; }
                case MarketData.EXCHANGE -> { return "Exchange"; }
                case MarketData.TRADE_DATE -> { return "Dates"; }
                case MarketData.CLOSE -> { return "Close"; }
                case MarketData.VOLUME -> { return "Volume"; }
                default -> { }
            }
        }
        return f.column();
    }

    /** Control ids: letters, digits and dashes from the column name. */
    static String idOf(String column) {
        return "filter-" + column.replaceAll("[^A-Za-z0-9]+", "_");
    }

    private Node filterInput(FilterField f) {
        String id = idOf(f.column());
        if (f.pickList()) {
            ComboBox<String> box = choice(id, "Any " + label(f).toLowerCase(Locale.ROOT), f.choiceProperty());
            box.getItems().setAll(f.choices());
            return box;
        }
        Node lo;
        Node hi;
        if (f.kind() == SearchFields.Kind.DATE || f.kind() == SearchFields.Kind.TIMESTAMP) {
            lo = datePicker(id + "-min", "From", f.minProperty(), f.lowest());
            hi = datePicker(id + "-max", "To", f.maxProperty(), f.highest());
        } else {
            lo = rangeField(id + "-min", f.lowest().map(v -> "≥ " + v).orElse("Min"), f.minProperty());
            hi = rangeField(id + "-max", f.highest().map(v -> "≤ " + v).orElse("Max"), f.maxProperty());
        }
        HBox range = new HBox(6, lo, new Label("–"), hi);
        range.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(lo, Priority.ALWAYS);
        HBox.setHgrow(hi, Priority.ALWAYS);
        return range;
    }

    private static DatePicker datePicker(String id, String prompt, StringProperty target,
                                         java.util.Optional<String> hint) {
        DatePicker picker = new DatePicker();
        picker.setId(id);
        picker.setPromptText(prompt);
        picker.setMaxWidth(Double.MAX_VALUE);
        hint.ifPresent(h -> picker.setTooltip(new Tooltip(prompt + " (the table has " + h.substring(0, Math.min(10, h.length())) + ")")));
        Consumer<String> show = text -> {
            java.time.LocalDate d = null;
            try {
                d = text == null || text.isBlank() ? null : java.time.LocalDate.parse(text.strip());
            } catch (java.time.format.DateTimeParseException ignored) {
                // not a whole day: the field shows nothing, the text stays as typed
            }
            if (!java.util.Objects.equals(picker.getValue(), d)) {
                picker.setValue(d);
            }
        };
        show.accept(target.get());
        target.addListener((o, a, b) -> show.accept(b));
        picker.valueProperty().addListener((o, a, b) -> target.set(b == null ? "" : b.toString()));
        return picker;
    }

    private static TextField rangeField(String id, String prompt, StringProperty target) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(6);
        field.getStyleClass().add(NUMBER);
        field.setTextFormatter(new TextFormatter<>(change -> change.getControlNewText().matches("-?[0-9]*([.][0-9]*)?([eE][-+]?[0-9]*)?")
                ? change : null));
        field.textProperty().bindBidirectional(target);
        return field;
    }

    private static Label fieldLabel(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.getStyleClass().add(MUTED);
        return l;
    }

    private ComboBox<String> choice(String id, String any, ObjectProperty<String> target) {
        ComboBox<String> box = new ComboBox<>();
        box.setId(id);
        box.setPromptText(any);
        box.setMaxWidth(Double.MAX_VALUE);
        box.valueProperty().bindBidirectional(target);
        box.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? any : item);
            }
        });
        // Choosing "any" again: a context item would hide among values, so Escape/Delete clears.
        box.setOnKeyPressed(e -> {
            switch (e.getCode()) {
                case DELETE, BACK_SPACE, ESCAPE -> box.setValue(null);
                default -> {
                }
            }
        });
        box.setTooltip(new Tooltip("Delete clears the choice"));
        return box;
    }

    // ---- comparison ----

    private VBox comparisonCard() {
        Label title = new Label("Strategy comparison", AppIcon.COMPARE.node());
        title.getStyleClass().add(SECTION_TITLE);
        Label hint = new Label("This request, through each strategy");
        hint.getStyleClass().add(MUTED);
        hint.setWrapText(true);
        GridPane grid = new GridPane();
        grid.setId("comparisonGrid");
        grid.setHgap(6);
        grid.setVgap(6);
        Button all = new Button("Compare all strategies", AppIcon.COMPARE.node());
        all.setId("compareAll");
        all.setMaxWidth(Double.MAX_VALUE);
        all.setOnAction(e -> model.compareAll());
        all.disableProperty().bind(model.requestProperty().isNull());
        Runnable refresh = () -> fillComparison(grid);
        model.comparison().addListener((MapChangeListener<StrategyKind, SearchResult>) c -> refresh.run());
        refresh.run();
        VBox card = new VBox(8, title, hint, grid, all);
        card.setId("comparisonPanel");
        card.getStyleClass().add(CARD);
        return card;
    }

    private void fillComparison(GridPane grid) {
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        ColumnConstraints nameColumn = new ColumnConstraints();
        nameColumn.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(nameColumn, new ColumnConstraints(),
                new ColumnConstraints(), new ColumnConstraints());
        double slowest = model.comparison().values().stream().mapToDouble(SearchResult::latencyMs).max().orElse(0);
        int row = 0;
        for (StrategyKind k : StrategyKind.values()) {
            SearchResult r = model.comparison().get(k);
            Label name = new Label(k.displayName(), AppIcon.of(k).node());
            name.getStyleClass().addAll("ll-compare-name", k.styleClass());
            name.setMinWidth(Region.USE_PREF_SIZE);
            Region bar = new Region();
            bar.getStyleClass().addAll("ll-latency-bar", k.styleClass());
            bar.setPrefWidth(0);
            Label latency = new Label(r == null ? "—" : Formats.latency(r.latencyMs()));
            latency.getStyleClass().add(NUMBER);
            latency.setId("compare-latency-" + k.id());
            latency.setMinWidth(Region.USE_PREF_SIZE);
            latency.setAlignment(Pos.CENTER_RIGHT);
            Label source = new Label();
            source.setId("compare-source-" + k.id());
            source.setMinWidth(18);
            if (r == null) {
                latency.setText("not run");
                latency.getStyleClass().add(MUTED);
            } else {
                boolean cached = r.source() == SearchResult.Source.CACHE;
                source.setGraphic((cached ? AppIcon.CACHE : AppIcon.DATABASE_ONLY).node());
                source.setAccessibleText(cached ? "cache" : "Delta");
                bar.setPrefWidth(slowest <= 0 ? 2 : Math.max(3, 34 * r.latencyMs() / slowest));
                Tooltip.install(source, new Tooltip((cached ? "From the Redis cache" : "From Delta" + r.route().map(x -> " (" + x + ")").orElse(""))
                        + " · " + (r.cacheHit() ? "cache hit" : "cache miss") + " · v" + r.version()
                        + r.reason().map(x -> "\n" + x).orElse("")));
            }
            bar.setMaxWidth(Region.USE_PREF_SIZE);
            StackPane barBox = new StackPane(bar);
            barBox.setAlignment(Pos.CENTER_LEFT);
            barBox.setMinWidth(36);
            barBox.setPrefWidth(36);
            grid.addRow(row++, name, barBox, latency, source);
        }
    }

    // ---- results ----

    private VBox resultsArea() {
        Label summary = new Label();
        summary.setId("resultSummary");
        summary.getStyleClass().add(SUMMARY);
        summary.textProperty().bind(model.summaryProperty());
        Label notice = new Label();
        notice.setId("resultNotice");
        notice.getStyleClass().add(FALLBACK);
        notice.textProperty().bind(model.noticeProperty());
        notice.setWrapText(true);
        Label error = new Label();
        error.setId("searchError");
        error.getStyleClass().add(DOWN);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(Bindings.isNotEmpty(model.errorProperty()));
        error.managedProperty().bind(error.visibleProperty());
        error.setWrapText(true);
        HBox summaryRow = new HBox(12, summary, notice);
        summaryRow.setAlignment(Pos.CENTER_LEFT);

        table.setId("resultsTable");
        table.setItems(model.rows());
        // the grid shows a page; "Export all rows…" reads every page of the search into the file
        io.lakelens.ui.kit.Grids.fullResult(table, (file, format) -> model.exportAll(file.getParent(),
                file.getFileName().toString(), format, java.nio.file.Files.exists(file)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE);
        placeholder.getStyleClass().add(MUTED);
        placeholder.setText("Type a symbol, company or sector and press Enter.");
        table.setPlaceholder(placeholder);
        model.resultProperty().addListener((o, a, b) -> placeholder.setText(
                b != null && b.totalMatches() == 0 ? b.emptyReason().orElse("No rows match this search.") : placeholder.getText()));
        columnsFor(MarketData.NAME, COLUMNS.stream().map(ColumnSpec::column).toList());
        model.resultProperty().addListener((o, a, b) -> {
            if (b != null && model.requestProperty().get() != null) {
                columnsFor(model.requestProperty().get().table(), b.columns());
            }
        });
        table.setSortPolicy(t -> true);
        table.getSortOrder().addListener((ListChangeListener<TableColumn<ResultRow, ?>>) c -> sortChanged());
        model.sortProperty().addListener((o, a, b) -> showSort(b));
        model.fieldsProperty().addListener((o, a, b) -> showSort(model.sortProperty().get()));
        showSort(model.sortProperty().get());
        VBox.setVgrow(table, Priority.ALWAYS);

        VBox area = new VBox(8, summaryRow, error, filtersInline(), table, pagingBar());
        area.setId("resultsArea");
        return area;
    }

    /** In the compact layout the filters card moves here, above the table, when opened. */
    private final VBox inlineFilters = new VBox();

    private Node filtersInline() {
        inlineFilters.setId("inlineFilters");
        return inlineFilters;
    }

    private String shownTable = "";
    private List<String> shownColumns = List.of();

    /** market_data's tuned columns, or every column of another table, rebuilt only when they change. */
    private void columnsFor(String tableName, List<String> resultColumns) {
        List<ColumnSpec> specs;
        if (MarketData.NAME.equals(tableName)) {
            specs = COLUMNS;
        } else {
            specs = new ArrayList<>();
            SearchFields f = model.fieldsProperty().get();
            for (int i = 0; i < resultColumns.size(); i++) {
                String c = resultColumns.get(i);
                SearchFields.Kind kind = f == null ? null
                        : f.field(c).map(SearchFields.Field::kind).orElse(null);
                double width = kind == null ? 120 : switch (kind) {
                    case NUMBER -> 96;
                    case DATE -> 100;
                    case TIMESTAMP -> 176;
                    case BOOLEAN -> 64;
                    case TEXT -> 140;
                };
                specs.add(new ColumnSpec(c, c, i < 3, width));
            }
        }
        List<String> names = specs.stream().map(ColumnSpec::column).toList();
        if (tableName.equals(shownTable) && names.equals(shownColumns)) {
            return;
        }
        shownTable = tableName;
        shownColumns = names;
        updatingSort = true;
        try {
            columns.clear();
            for (ColumnSpec spec : specs) {
                columns.add(column(spec));
            }
            table.getSortOrder().clear();
            table.getColumns().setAll(columns);
        } finally {
            updatingSort = false;
        }
        showSort(model.sortProperty().get());
        for (TableColumn<ResultRow, Object> c : columns) {
            c.setVisible(!compact || ((ColumnSpec) c.getUserData()).key());
        }
    }

    private TableColumn<ResultRow, Object> column(ColumnSpec spec) {
        TableColumn<ResultRow, Object> c = new TableColumn<>(spec.title());
        c.setId("col-" + spec.column().replaceAll("[^A-Za-z0-9_]+", "_"));
        c.setUserData(spec);
        c.setPrefWidth(spec.width());
        // Short columns keep their width; Company and Sector give way first.
        boolean elastic = spec.column().equals(MarketData.COMPANY) || spec.column().equals(MarketData.SECTOR);
        c.setMinWidth(elastic ? 90 : spec.width());
        c.setSortable(true);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue().get(spec.column())));
        boolean numeric = model.isNumeric(spec.column());
        boolean market = MarketData.NAME.equals(shownTable);
        boolean change = spec.column().equals(MarketData.CHANGE_PCT);
        if (numeric) {
            c.getStyleClass().add(NUMBER);
        }
        c.sortTypeProperty().addListener((o, a, b) -> sortChanged());
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll(UP, DOWN);
                if (empty || item == null) {
                    setText(null);
                    return;
                }
                setText(market ? Formats.cell(spec.column(), item) : Formats.value(item));
                if (numeric) {
                    if (!getStyleClass().contains(NUMBER)) {
                        getStyleClass().add(NUMBER);
                    }
                }
                if (change && item instanceof Number n && n.doubleValue() != 0) {
                    getStyleClass().add(n.doubleValue() > 0 ? UP : DOWN);
                }
            }
        });
        return c;
    }

    private void sortChanged() {
        if (updatingSort) {
            return;
        }
        if (table.getSortOrder().isEmpty()) {
            model.sortBy(SearchRequest.Sort.DEFAULT.column(), SearchRequest.Sort.DEFAULT.descending());
            return;
        }
        TableColumn<ResultRow, ?> c = table.getSortOrder().get(0);
        String column = ((ColumnSpec) c.getUserData()).column();
        boolean descending = c.getSortType() == TableColumn.SortType.DESCENDING;
        SearchRequest.Sort current = model.sortProperty().get();
        SearchFields f = model.fieldsProperty().get();
        if (current.isDefault() && f != null && f.table().equals(shownTable)) {
            current = f.defaultSort();
        } else if (current.isDefault() && MarketData.NAME.equals(shownTable)) {
            current = new SearchRequest.Sort(MarketData.TRADE_DATE, true);
        }
        if (!column.equals(current.column()) || descending != current.descending()) {
            model.sortBy(column, descending);
        }
    }

    private void showSort(SearchRequest.Sort requested) {
        SearchFields f = model.fieldsProperty().get();
        SearchRequest.Sort sort = requested.isDefault() && f != null && f.table().equals(shownTable) ? f.defaultSort()
                : requested.isDefault() && MarketData.NAME.equals(shownTable) ? new SearchRequest.Sort(MarketData.TRADE_DATE, true)
                : requested;
        updatingSort = true;
        try {
            for (TableColumn<ResultRow, Object> c : columns) {
                if (((ColumnSpec) c.getUserData()).column().equals(sort.column())) {
                    c.setSortType(sort.descending() ? TableColumn.SortType.DESCENDING : TableColumn.SortType.ASCENDING);
                    table.getSortOrder().setAll(List.of(c));
                }
            }
        } finally {
            updatingSort = false;
        }
    }

    private Node pagingBar() {
        Button first = pageButton("firstPage", AppIcon.FIRST_PAGE, "First page", model::firstPage);
        Button prev = pageButton("previousPage", AppIcon.PREVIOUS_PAGE, "Previous page (Alt+←)", model::previousPage);
        Button next = pageButton("nextPage", AppIcon.NEXT_PAGE, "Next page (Alt+→)", model::nextPage);
        Button last = pageButton("lastPage", AppIcon.LAST_PAGE, "Last page", model::lastPage);
        first.disableProperty().bind(model.canGoBackProperty().not().or(model.busyProperty()));
        prev.disableProperty().bind(model.canGoBackProperty().not().or(model.busyProperty()));
        next.disableProperty().bind(model.canGoForwardProperty().not().or(model.busyProperty()));
        last.disableProperty().bind(model.canGoForwardProperty().not().or(model.busyProperty()));

        Label pageLabel = new Label();
        pageLabel.setId("pageLabel");
        pageLabel.textProperty().bind(Bindings.createStringBinding(() -> model.pageCountProperty().get() == 0 ? ""
                        : String.format(Locale.ROOT, "Page %,d of %,d", model.pageProperty().get(), model.pageCountProperty().get()),
                model.pageProperty(), model.pageCountProperty()));
        pageLabel.setMinWidth(Region.USE_PREF_SIZE);

        ComboBox<Integer> size = new ComboBox<>();
        size.setId("pageSize");
        size.getItems().setAll(SearchRequest.PAGE_SIZES);
        size.setValue(model.pageSizeProperty().get());
        size.setOnAction(e -> {
            Integer v = size.getValue();
            if (v != null && v != model.pageSizeProperty().get()) {
                model.changePageSize(v);
            }
        });
        model.pageSizeProperty().addListener((o, a, b) -> size.setValue(b.intValue()));
        Label rowsLabel = new Label("Rows per page");
        rowsLabel.getStyleClass().add(MUTED);
        rowsLabel.setMinWidth(Region.USE_PREF_SIZE);

        HBox bar = new HBox(6, first, prev, pageLabel, next, last, new Spacer(), rowsLabel, size);
        bar.setId("pagingBar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static Button pageButton(String id, AppIcon icon, String tip, Runnable action) {
        Button b = new Button(null, icon.node());
        b.setId(id);
        b.getStyleClass().add(Styles.BUTTON_ICON);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    // ---- compact ----

    private void layoutFor(boolean compactLayout) {
        compact = compactLayout;
        sidebar.setVisible(!compactLayout);
        sidebar.setManaged(!compactLayout);
        boolean inline = compactLayout && model.filtersShownProperty().get();
        if (compactLayout) {
            sidebar.getChildren().remove(filters);
            inlineFilters.getChildren().setAll(inline ? List.of(filters) : List.of());
        } else {
            inlineFilters.getChildren().clear();
            if (!sidebar.getChildren().contains(filters)) {
                sidebar.getChildren().add(0, filters);
            }
        }
        inlineFilters.setVisible(inline);
        inlineFilters.setManaged(inline);
        for (TableColumn<ResultRow, Object> c : columns) {
            c.setVisible(!compactLayout || ((ColumnSpec) c.getUserData()).key());
        }
        for (ToggleButton t : toggles.values()) {
            t.setContentDisplay(compactLayout ? ContentDisplay.GRAPHIC_ONLY : ContentDisplay.LEFT);
        }
    }

    void focusQuery() {
        queryField.requestFocus();
    }
}
