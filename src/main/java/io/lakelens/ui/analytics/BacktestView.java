package io.lakelens.ui.analytics;

import io.lakelens.analytics.model.BacktestResult;
import io.lakelens.analytics.model.ModelInfo;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.Charts;
import io.lakelens.ui.kit.Columns;
import io.lakelens.ui.kit.Styles;
import javafx.beans.property.IntegerProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.time.LocalDate;
import java.util.Locale;

import static atlantafx.base.theme.Styles.ACCENT;

/**
 * The backtest card: the model (picked or trained) and the backtest's parameters on the left;
 * the model's errors beside the naive forecast's, both equity curves, the metrics table and
 * the rebalances on the right.
 */
final class BacktestView extends HBox {
    private final BacktestViewModel model;
    private final LineChart<Number, Number> chart;
    private final XYChart.Series<Number, Number> strategy = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> benchmark = new XYChart.Series<>();

    BacktestView(BacktestViewModel model) {
        this.model = model;
        getStyleClass().addAll(AnalyticsStyles.TAB, AnalyticsStyles.BACKTEST);
        setSpacing(12);
        this.chart = equityChart();
        VBox results = results();
        HBox.setHgrow(results, Priority.ALWAYS);
        getChildren().addAll(parameters(), results);
        model.resultProperty().addListener((o, a, r) -> showCurves(r));
    }

    private VBox parameters() {
        ComboBox<String> name = new ComboBox<>();
        name.setId("backtestModel");
        name.setEditable(true);
        name.setPromptText("risk-gbt");
        name.valueProperty().bindBidirectional(model.modelNameProperty());
        model.savedModels().addListener((ListChangeListener<ModelInfo>) c -> {
            // new items clear an editable combo box's value; the typed or picked name stays
            String keep = model.modelNameProperty().get();
            name.getItems().setAll(model.savedModels().stream().map(ModelInfo::name).toList());
            name.setValue(keep);
        });

        Label modelText = new Label();
        modelText.setId("backtestModelInfo");
        modelText.getStyleClass().addAll(AnalyticsStyles.METHOD, Styles.MUTED);
        modelText.setWrapText(true);
        modelText.textProperty().bind(model.modelTextProperty());

        javafx.scene.control.TextField asOf = new javafx.scene.control.TextField();
        asOf.setId("backtestAsOf");
        asOf.setPromptText("latest, a version or 2024-03-15T10:00:00Z");
        asOf.textProperty().bindBidirectional(model.asOfProperty());

        GridPane ranges = grid();
        ranges.addRow(0, small("Training from"), small("to"));
        ranges.addRow(1, date("backtestTrainFrom", "first date", model.trainFromProperty()),
                date("backtestTrainTo", "auto", model.trainToProperty()));
        ranges.addRow(2, small("Held out from"), small("to"));
        ranges.addRow(3, date("backtestTestFrom", "last 30 %", model.testFromProperty()),
                date("backtestTestTo", "last date", model.testToProperty()));

        GridPane knobs = grid();
        knobs.addRow(0, small("Horizon (days)"), small("Seed"));
        knobs.addRow(1, spinner("backtestHorizon", 2, 250, model.horizonProperty()),
                spinner("backtestSeed", 0, Integer.MAX_VALUE, model.seedProperty()));
        knobs.addRow(2, small("Trees"), small("Tree depth"));
        knobs.addRow(3, spinner("backtestTrees", 1, 500, model.treesProperty()),
                spinner("backtestDepth", 1, 12, model.depthProperty()));

        Button train = new Button("Train model", AppIcon.SPARK.node());
        train.setId("trainModel");
        train.disableProperty().bind(model.runningProperty());
        train.setOnAction(e -> model.train());
        train.setMaxWidth(Double.MAX_VALUE);

        GridPane span = grid();
        span.addRow(0, small("Rebalance from"), small("to"));
        span.addRow(1, date("backtestFrom", "held-out start", model.fromProperty()),
                date("backtestTo", "last date", model.toProperty()));
        span.addRow(2, small("Every (trading days)"), small("Symbols held"));
        span.addRow(3, spinner("backtestEvery", 1, 250, model.everyProperty()),
                spinner("backtestHold", 0, 10_000, model.holdProperty()));
        Label holdHint = new Label("Hold 0 = a fifth of the symbols, lowest predicted risk first.");
        holdHint.getStyleClass().add(Styles.MUTED);
        holdHint.setWrapText(true);

        Button run = new Button("Run backtest", AppIcon.PERFORMANCE.node());
        run.setId("runBacktest");
        run.setDefaultButton(true);
        run.getStyleClass().add(ACCENT);
        run.disableProperty().bind(model.runningProperty().or(model.modelProperty().isNull()));
        run.setOnAction(e -> model.backtest());
        Button cancel = new Button("Cancel", AppIcon.CANCEL.node());
        cancel.setId("cancelBacktest");
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setOnAction(e -> model.cancel());
        HBox buttons = new HBox(8, run, cancel);

        ProgressBar bar = new ProgressBar();
        bar.setId("backtestProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(model.progressProperty());
        bar.visibleProperty().bind(model.runningProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        Label step = new Label();
        step.setId("backtestStep");
        step.getStyleClass().add(Styles.MUTED);
        step.setWrapText(true);
        step.textProperty().bind(model.stepProperty());

        VBox box = new VBox(8,
                section("Model"), field("Name", name), modelText, field("Train as of", asOf), ranges, knobs, train,
                section("Backtest"), span, holdHint);
        box.getStyleClass().addAll(Styles.CARD, AnalyticsStyles.PARAMETERS);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setId("backtestParameters");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        // Run, Cancel and the progress stay in sight below the parameters, however short the window.
        VBox actions = new VBox(8, buttons, bar, step);
        actions.getStyleClass().add(Styles.CARD);
        VBox column = new VBox(8, scroll, actions);
        column.setMinWidth(300);
        column.setPrefWidth(330);
        column.setMaxWidth(350);
        return column;
    }

    private VBox results() {
        Label title = new Label();
        title.setId("backtestTitle");
        title.getStyleClass().add(AnalyticsStyles.RESULT_TITLE);
        title.setWrapText(true);
        title.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> model.titleProperty().get().isEmpty()
                ? "Pick or train a model, then run a backtest" : model.titleProperty().get(), model.titleProperty()));
        Label details = new Label();
        details.setId("backtestSummary");
        details.getStyleClass().add(Styles.MUTED);
        details.setWrapText(true);
        details.textProperty().bind(model.summaryProperty());

        Label modelErrors = new Label("", AppIcon.ANALYTICS.node());
        modelErrors.setId("backtestModelMetrics");
        modelErrors.getStyleClass().add(AnalyticsStyles.MODEL_METRIC);
        Label naive = new Label();
        naive.setId("backtestNaiveMetrics");
        naive.getStyleClass().addAll(AnalyticsStyles.MODEL_METRIC, Styles.MUTED);
        model.modelProperty().addListener((o, a, m) -> metricsBadges(m, modelErrors, naive));
        metricsBadges(model.modelProperty().get(), modelErrors, naive);
        HBox badges = new HBox(8, modelErrors, naive);
        badges.setAlignment(Pos.CENTER_LEFT);

        Label error = new Label();
        error.setId("backtestError");
        error.getStyleClass().addAll(AnalyticsStyles.ERROR, Styles.DOWN);
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        TableView<BacktestViewModel.MetricRow> metrics = new TableView<>(model.metrics());
        metrics.setId("backtestMetrics");
        metrics.getColumns().add(Columns.text("portfolio", BacktestViewModel.MetricRow::portfolio, 110));
        metrics.getColumns().add(Columns.number("return %", r -> pct(r.returnPct()), 80));
        metrics.getColumns().add(Columns.number("annualised %", r -> pct(r.annualisedPct()), 95));
        metrics.getColumns().add(Columns.number("volatility %", r -> pct(r.volatilityPct()), 90));
        metrics.getColumns().add(Columns.number("Sharpe", r -> String.format(Locale.ROOT, "%.2f", r.sharpe()), 65));
        metrics.getColumns().add(Columns.number("max drawdown %", r -> pct(r.maxDrawdownPct()), 110));
        metrics.getColumns().add(Columns.number("days", r -> Integer.toString(r.days()), 50));
        metrics.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        metrics.setPlaceholder(new Label("No backtest yet."));
        metrics.setFixedCellSize(28);
        metrics.setMinHeight(100);
        metrics.setPrefHeight(100);
        metrics.setMaxHeight(100);

        TableView<BacktestResult.Rebalance> rebalances = new TableView<>(model.rebalances());
        rebalances.setId("backtestRebalances");
        rebalances.getColumns().add(Columns.text("date", r -> r.date().toString(), 95));
        rebalances.getColumns().add(Columns.number("version read", r -> "v" + r.version(), 90));
        rebalances.getColumns().add(Columns.text("held (lowest predicted risk first)", r -> String.join(" ", r.held()), 360));
        rebalances.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        rebalances.setPlaceholder(new Label("The rebalances appear here."));

        VBox tables = new VBox(8, metrics, rebalances);
        VBox.setVgrow(rebalances, Priority.ALWAYS);
        SplitPane split = new SplitPane(chart, tables);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        VBox.setVgrow(split, Priority.ALWAYS);
        return new VBox(8, title, details, badges, error, split);
    }

    private static void metricsBadges(ModelInfo m, Label modelErrors, Label naive) {
        boolean on = m != null;
        modelErrors.setVisible(on);
        naive.setVisible(on);
        if (on) {
            modelErrors.setText(String.format(Locale.ROOT, "Model RMSE %.4f · R² %.3f", m.metrics().rmse(), m.metrics().r2()));
            naive.setText(String.format(Locale.ROOT, "Naive (future = trailing) RMSE %.4f · R² %.3f", m.metrics().baselineRmse(),
                    m.metrics().baselineR2()));
        }
    }

    private LineChart<Number, Number> equityChart() {
        LineChart<Number, Number> c = Charts.lines("equityChart", AnalyticsStyles.EQUITY_CHART, Charts.days(),
                Charts.values("Growth of 1", false));
        c.setMinHeight(200);
        strategy.setName("Lowest risk");
        benchmark.setName("Equal weight");
        c.getData().add(strategy);
        c.getData().add(benchmark);
        return c;
    }

    private void showCurves(BacktestResult r) {
        strategy.getData().clear();
        benchmark.getData().clear();
        if (r == null) {
            return;
        }
        var s = new java.util.ArrayList<XYChart.Data<Number, Number>>();
        var b = new java.util.ArrayList<XYChart.Data<Number, Number>>();
        for (BacktestResult.EquityPoint p : r.curve()) {
            long day = p.date().toEpochDay();
            s.add(new XYChart.Data<>(day, p.strategy()));
            b.add(new XYChart.Data<>(day, p.benchmark()));
        }
        strategy.getData().setAll(s);
        benchmark.getData().setAll(b);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static DatePicker date(String id, String prompt, javafx.beans.property.ObjectProperty<LocalDate> value) {
        DatePicker d = new DatePicker();
        d.setId(id);
        d.setPromptText(prompt);
        d.valueProperty().bindBidirectional(value);
        d.setMaxWidth(Double.MAX_VALUE);
        return d;
    }

    private static Spinner<Integer> spinner(String id, int min, int max, IntegerProperty value) {
        Spinner<Integer> s = new Spinner<>(min, max, Math.max(min, Math.min(max, value.get())));
        s.setId(id);
        s.setEditable(true);
        s.setMaxWidth(Double.MAX_VALUE);
        s.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                value.set(b);
            }
        });
        value.addListener((o, a, b) -> s.getValueFactory().setValue(b.intValue()));
        return s;
    }

    /** Two equal columns: labels above their fields. */
    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(3);
        for (int i = 0; i < 2; i++) {
            javafx.scene.layout.ColumnConstraints c = new javafx.scene.layout.ColumnConstraints();
            c.setPercentWidth(50);
            c.setFillWidth(true);
            g.getColumnConstraints().add(c);
        }
        return g;
    }

    private static Label small(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(AnalyticsStyles.FIELD_LABEL);
        return l;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.SECTION_TITLE);
        return l;
    }

    private static VBox field(String label, Node control) {
        if (control instanceof Region r) {
            r.setMaxWidth(Double.MAX_VALUE);
        }
        return new VBox(4, small(label), control);
    }
}
