package io.lakelens.ui.analytics;

import io.lakelens.analytics.ConsoleStore;
import io.lakelens.analytics.ExportFormat;
import io.lakelens.analytics.SqlExamples;
import io.lakelens.analytics.SqlText;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.Grids;
import io.lakelens.ui.kit.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

import java.io.File;
import java.nio.file.Files;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import static atlantafx.base.theme.Styles.ACCENT;

/**
 * The SQL console: examples, history and saved queries on the left; the editor (keywords
 * highlighted, Ctrl+Space completes table and column names, Ctrl+Enter runs) with its
 * toolbar; the paged result grid and the plan below.
 */
final class SqlConsoleView extends HBox {
    private final SqlConsoleViewModel model;
    private final CodeArea editor = new CodeArea();
    private final TableView<List<Object>> grid = ResultGrid.plain("resultGrid");
    private final ContextMenu completions = new ContextMenu();
    private final TabPane output = new TabPane();

    SqlConsoleView(SqlConsoleViewModel model) {
        this.model = model;
        getStyleClass().add(AnalyticsStyles.CONSOLE);
        setSpacing(12);
        VBox main = main();
        HBox.setHgrow(main, Priority.ALWAYS);
        getChildren().addAll(sidePanel(), main);
    }

    /** The editor, for tests and focus. */
    CodeArea editor() {
        return editor;
    }

    private TabPane sidePanel() {
        ListView<SqlExamples.SqlExample> examples = new ListView<>(model.examples());
        examples.setId("exampleList");
        examples.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(SqlExamples.SqlExample ex, boolean empty) {
                super.updateItem(ex, empty);
                setText(empty || ex == null ? null : ex.title());
                setWrapText(true);
                setPrefWidth(0);
                setTooltip(empty || ex == null ? null : new Tooltip("From the seed: " + ex.source()));
            }
        });
        examples.setOnMouseClicked(e -> {
            SqlExamples.SqlExample ex = examples.getSelectionModel().getSelectedItem();
            if (ex != null && e.getButton() == MouseButton.PRIMARY) {
                model.load(ex);
            }
        });

        ListView<ConsoleStore.HistoryEntry> history = new ListView<>(model.history());
        history.setId("historyList");
        history.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(ConsoleStore.HistoryEntry h, boolean empty) {
                super.updateItem(h, empty);
                getStyleClass().remove(AnalyticsStyles.HISTORY_FAILED);
                if (empty || h == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                String first = h.sql().lines().filter(s -> !s.isBlank() && !s.strip().startsWith("--")).findFirst().orElse(h.sql());
                setWrapText(true);
                setPrefWidth(0);
                setText(first.strip() + "\n" + (h.failed() ? "failed" : String.format(Locale.ROOT, "%,d rows · %,d ms", h.rows(), h.elapsedMs()))
                        + " · as of " + h.asOf());
                setTooltip(new Tooltip(h.failed() ? h.error() : h.sql()));
                if (h.failed()) {
                    getStyleClass().add(AnalyticsStyles.HISTORY_FAILED);
                }
            }
        });
        history.setOnMouseClicked(e -> {
            ConsoleStore.HistoryEntry h = history.getSelectionModel().getSelectedItem();
            if (h != null && e.getClickCount() == 2) {
                model.load(h);
            }
        });

        ListView<ConsoleStore.SavedQuery> saved = new ListView<>(model.saved());
        saved.setId("savedList");
        saved.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(ConsoleStore.SavedQuery q, boolean empty) {
                super.updateItem(q, empty);
                setText(empty || q == null ? null : q.name() + "  · as of " + q.asOf());
            }
        });
        saved.setOnMouseClicked(e -> {
            ConsoleStore.SavedQuery q = saved.getSelectionModel().getSelectedItem();
            if (q != null && e.getClickCount() == 2) {
                model.load(q);
            }
        });
        MenuItem delete = new MenuItem("Delete");
        delete.setId("deleteSaved");
        delete.setOnAction(e -> {
            ConsoleStore.SavedQuery q = saved.getSelectionModel().getSelectedItem();
            if (q != null) {
                model.delete(q);
            }
        });
        saved.setContextMenu(new ContextMenu(delete));

        Tab ex = new Tab("Examples", examples);
        ex.setId("examplesTab");
        Tab hi = new Tab("History", history);
        hi.setId("historyTab");
        Tab sa = new Tab("Saved", saved);
        sa.setId("savedTab");
        TabPane side = new TabPane(ex, hi, sa);
        side.setId("consoleSide");
        side.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        side.getStyleClass().add(AnalyticsStyles.SIDE_PANEL);
        side.setMinWidth(270);
        side.setPrefWidth(300);
        side.setMaxWidth(340);
        return side;
    }

    private VBox main() {
        Button run = new Button("Run", AppIcon.NEXT_PAGE.node());
        run.setId("runSql");
        run.getStyleClass().add(ACCENT);
        run.setTooltip(new Tooltip("Run (Ctrl+Enter)"));
        run.disableProperty().bind(model.runningProperty());
        run.setOnAction(e -> model.run());
        Button cancel = new Button("Cancel", AppIcon.CANCEL.node());
        cancel.setId("cancelSql");
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setOnAction(e -> model.cancel());
        Button explain = new Button("Explain", AppIcon.INFO.node());
        explain.setId("explainSql");
        explain.setOnAction(e -> model.explain().thenRun(() -> output.getSelectionModel().select(1)));
        Label asOfLabel = new Label("As of");
        TextField asOf = new TextField();
        asOf.setId("consoleAsOf");
        asOf.setPrefColumnCount(14);
        asOf.setPromptText("latest, version or time");
        asOf.textProperty().bindBidirectional(model.asOfProperty());
        asOf.setTooltip(new Tooltip("Every table is read at this version or time by the engine; the SQL is not rewritten."));
        Button save = new Button("Save…", AppIcon.SUCCESS.node());
        save.setId("saveSql");
        save.setOnAction(e -> {
            TextInputDialog d = new TextInputDialog();
            d.setTitle("Save query");
            d.setHeaderText("Name of the saved query");
            d.initOwner(getScene() == null ? null : getScene().getWindow());
            d.showAndWait().ifPresent(model::save);
        });
        Button csv = new Button("Export CSV…", AppIcon.AUDIT.node());
        csv.setId("exportCsv");
        csv.setOnAction(e -> export(ExportFormat.CSV));
        Button parquet = new Button("Export Parquet…", AppIcon.TABLE.node());
        parquet.setId("exportParquet");
        parquet.setOnAction(e -> export(ExportFormat.PARQUET));
        Label summary = new Label();
        summary.setId("sqlSummary");
        summary.getStyleClass().add(Styles.SUMMARY);
        summary.textProperty().bind(model.summaryProperty());
        summary.setMinWidth(0);
        HBox toolbar = new HBox(8, run, cancel, explain, asOfLabel, asOf, save, csv, parquet);
        for (Node n : toolbar.getChildren()) {
            if (n instanceof Region r && n != asOf) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        toolbar.setAlignment(Pos.CENTER_LEFT);

        editor.setId("sqlEditor");
        editor.getStyleClass().add(AnalyticsStyles.EDITOR);
        editor.setParagraphGraphicFactory(LineNumberFactory.get(editor));
        editor.replaceText(model.sqlProperty().get());
        editor.moveTo(0);
        highlight();
        editor.textProperty().addListener((o, a, b) -> {
            if (!b.equals(model.sqlProperty().get())) {
                model.sqlProperty().set(b);
            }
            highlight();
        });
        model.sqlProperty().addListener((o, a, b) -> {
            if (b != null && !b.equals(editor.getText())) {
                editor.replaceText(b);
                // a query put in from the side panel is read from its first line
                editor.moveTo(0);
                editor.showParagraphAtTop(0);
            }
        });
        editor.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN).match(e)) {
                model.run();
                e.consume();
            } else if (new KeyCodeCombination(KeyCode.SPACE, KeyCombination.CONTROL_DOWN).match(e)) {
                complete();
                e.consume();
            }
        });
        completions.setId("sqlCompletions");
        VirtualizedScrollPane<CodeArea> editorPane = new VirtualizedScrollPane<>(editor);

        Label error = new Label();
        error.setId("sqlError");
        error.getStyleClass().addAll(AnalyticsStyles.ERROR, Styles.DOWN);
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty());
        TextArea details = new TextArea();
        details.setId("sqlErrorDetails");
        details.setEditable(false);
        details.getStyleClass().add(AnalyticsStyles.PLAN);
        details.setPrefRowCount(6);
        details.textProperty().bind(model.errorDetailsProperty());
        TitledPane detailsPane = new TitledPane("Details", details);
        detailsPane.setId("sqlErrorDetailsPane");
        detailsPane.setExpanded(false);
        VBox errorBox = new VBox(4, error, detailsPane);
        errorBox.visibleProperty().bind(model.errorProperty().isNotEmpty());
        errorBox.managedProperty().bind(errorBox.visibleProperty());

        model.resultProperty().addListener((o, a, r) -> {
            ResultGrid.columns(grid, r == null ? List.of() : r.columns());
            output.getSelectionModel().select(0);
        });
        grid.setItems(model.pageRows());
        // the grid shows a page; "Export all rows…" re-runs the query into the file
        Grids.fullResult(grid, (file, format) -> model.export(file.getParent(), file.getFileName().toString(), format,
                Files.exists(file)));
        grid.setPlaceholder(new Label("Run a query: Ctrl+Enter"));
        VBox.setVgrow(grid, Priority.ALWAYS);
        HBox pager = pager();
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        pager.getChildren().addAll(gap, summary);
        VBox results = new VBox(6, grid, pager);
        TextArea plan = new TextArea();
        plan.setId("planText");
        plan.setEditable(false);
        plan.getStyleClass().add(AnalyticsStyles.PLAN);
        plan.textProperty().bind(model.planProperty());
        Tab resultsTab = new Tab("Results", results);
        resultsTab.setId("resultsTab");
        Tab planTab = new Tab("Plan (EXPLAIN)", plan);
        planTab.setId("planTab");
        output.getTabs().setAll(resultsTab, planTab);
        output.setId("consoleOutput");
        output.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        SplitPane split = new SplitPane(editorPane, new VBox(6, errorBox, output));
        VBox.setVgrow(output, Priority.ALWAYS);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.42);
        VBox.setVgrow(split, Priority.ALWAYS);
        return new VBox(10, toolbar, split);
    }

    private HBox pager() {
        Button first = new Button("", AppIcon.FIRST_PAGE.node());
        first.setId("firstPage");
        first.setOnAction(e -> model.firstPage());
        Button previous = new Button("", AppIcon.PREVIOUS_PAGE.node());
        previous.setId("previousPage");
        previous.setOnAction(e -> model.previousPage());
        Button next = new Button("", AppIcon.NEXT_PAGE.node());
        next.setId("nextPage");
        next.setOnAction(e -> model.nextPage());
        Button last = new Button("", AppIcon.LAST_PAGE.node());
        last.setId("lastPage");
        last.setOnAction(e -> model.lastPage());
        first.disableProperty().bind(model.pageProperty().lessThanOrEqualTo(1));
        previous.disableProperty().bind(model.pageProperty().lessThanOrEqualTo(1));
        next.disableProperty().bind(model.pageProperty().greaterThanOrEqualTo(model.pageCountProperty()));
        last.disableProperty().bind(model.pageProperty().greaterThanOrEqualTo(model.pageCountProperty()));
        Label page = new Label();
        page.setId("pageLabel");
        page.textProperty().bind(Bindings.format("Page %d of %d", model.pageProperty(), model.pageCountProperty()));
        ChoiceBox<Integer> size = new ChoiceBox<>();
        size.setId("pageSize");
        size.getItems().setAll(SqlConsoleViewModel.PAGE_SIZES);
        size.setValue(model.pageSizeProperty().get());
        size.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                model.pageSizeProperty().set(b);
            }
        });
        // the Preferences' page size applies here too while the console is open
        model.pageSizeProperty().addListener((o, a, b) -> {
            if (!size.getItems().contains(b.intValue())) {
                size.getItems().add(b.intValue());
                size.getItems().sort(null);
            }
            size.setValue(b.intValue());
        });
        HBox pager = new HBox(6, first, previous, page, next, last, new Label("rows per page"), size);
        pager.getStyleClass().add(AnalyticsStyles.PAGER);
        pager.setAlignment(Pos.CENTER_LEFT);
        return pager;
    }

    private void highlight() {
        String text = editor.getText();
        List<SqlText.Span> spans = SqlText.spans(text);
        StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>();
        int at = 0;
        for (SqlText.Span s : spans) {
            b.add(Collections.emptyList(), s.start() - at);
            b.add(Collections.singleton(AnalyticsStyles.TOKEN_PREFIX + s.kind().name().toLowerCase(Locale.ROOT)), s.end() - s.start());
            at = s.end();
        }
        b.add(Collections.emptyList(), text.length() - at);
        StyleSpans<Collection<String>> styles = b.create();
        editor.setStyleSpans(0, styles);
    }

    private void complete() {
        int caret = editor.getCaretPosition();
        List<String> words = model.complete(editor.getText(), caret);
        completions.getItems().clear();
        int start = SqlText.wordStart(editor.getText(), caret);
        for (String w : words) {
            MenuItem item = new MenuItem(w);
            item.setOnAction(e -> editor.replaceText(start, caret, w));
            completions.getItems().add(item);
        }
        if (!words.isEmpty()) {
            editor.getCaretBounds().ifPresent(b -> completions.show(editor, b.getMinX(), b.getMaxY()));
        }
    }

    private void export(ExportFormat format) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export to " + format.label());
        chooser.setInitialFileName("query-result." + format.extension());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.label(), "*." + format.extension()));
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            // the save dialog already asked before replacing an existing file
            model.export(file.toPath().getParent(), file.getName(), format, Files.exists(file.toPath()));
        }
    }
}
