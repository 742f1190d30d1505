package io.lakelens.ui.analytics;

import io.lakelens.analytics.AnalysisKind;
import io.lakelens.analytics.AnalysisRequest;
import io.lakelens.analytics.AnalysisResult;
import io.lakelens.analytics.MoversReport;
import io.lakelens.analytics.ResultTable;
import io.lakelens.analytics.RiskAssessment;
import io.lakelens.analytics.RiskReport;
import io.lakelens.analytics.SectorReport;
import io.lakelens.analytics.VolatilityReport;
import io.lakelens.search.StrategyKind;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.Charts;
import io.lakelens.ui.kit.Styles;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import static atlantafx.base.theme.Styles.ACCENT;

/** The analyses: parameters on the left; chart, tables, badges and the Spark plan on the right. */
final class AnalyticsView extends HBox {
    private final AnalyticsViewModel model;
    private final StackPane chartPane = new StackPane();
    private final TabPane tables = new TabPane();
    private final FlowPane assessments = new FlowPane();
    private final Label title = new Label();
    private final Label sourceBadge = new Label();

    AnalyticsView(AnalyticsViewModel model) {
        this.model = model;
        getStyleClass().add(AnalyticsStyles.TAB);
        setSpacing(12);
        var parameters = parameters();
        VBox results = results();
        HBox.setHgrow(results, Priority.ALWAYS);
        getChildren().addAll(parameters, results);
        model.resultProperty().addListener((o, a, r) -> show(r));
    }

    private ScrollPane parameters() {
        ComboBox<AnalysisKind> picker = new ComboBox<>();
        picker.setId("analysisPicker");
        picker.getItems().setAll(AnalysisKind.values());
        picker.valueProperty().bindBidirectional(model.kindProperty());
        picker.setMaxWidth(Double.MAX_VALUE);
        StringConverter<AnalysisKind> names = new StringConverter<>() {
            @Override
            public String toString(AnalysisKind k) {
                return k == null ? "" : k.title();
            }

            @Override
            public AnalysisKind fromString(String s) {
                return AnalysisKind.parse(s);
            }
        };
        picker.setConverter(names);
        picker.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(AnalysisKind k, boolean empty) {
                super.updateItem(k, empty);
                setText(empty || k == null ? null : k.title());
            }
        });

        DatePicker from = new DatePicker();
        from.setId("fromDate");
        from.setPromptText("first date");
        from.valueProperty().bindBidirectional(model.fromProperty());
        DatePicker to = new DatePicker();
        to.setId("toDate");
        to.setPromptText("last date");
        to.valueProperty().bindBidirectional(model.toProperty());

        TextField asOf = new TextField();
        asOf.setId("analysisAsOf");
        asOf.setPromptText("latest, a version or 2024-03-15T10:00:00Z");
        asOf.textProperty().bindBidirectional(model.asOfProperty());

        TextField compareTo = new TextField();
        compareTo.setId("compareTo");
        compareTo.setPromptText("previous version");
        compareTo.textProperty().bindBidirectional(model.compareToProperty());
        VBox compareBox = field("Compare with (then)", compareTo);

        TextField symbol = new TextField();
        symbol.setId("symbolField");
        symbol.setPromptText("most volatile");
        symbol.textProperty().bindBidirectional(model.symbolProperty());
        VBox symbolBox = field("Band of symbol", symbol);

        Spinner<Integer> top = new Spinner<>(1, AnalysisRequest.MAX_TOP, model.topProperty().get());
        top.setId("topSpinner");
        top.setEditable(true);
        top.valueProperty().addListener((o, a, b) -> model.topProperty().set(b));
        top.setMaxWidth(Double.MAX_VALUE);

        Runnable visibility = () -> {
            AnalysisKind k = model.kindProperty().get();
            show(compareBox, k == AnalysisKind.RISK);
            show(symbolBox, k == AnalysisKind.VOLATILITY);
        };
        model.kindProperty().addListener((o, a, b) -> visibility.run());
        visibility.run();

        Button run = new Button("Run analysis", AppIcon.ANALYTICS.node());
        run.setId("runAnalysis");
        run.setDefaultButton(true);
        run.getStyleClass().add(ACCENT);
        run.disableProperty().bind(model.runningProperty());
        run.setOnAction(e -> model.run());
        Button cancel = new Button("Cancel", AppIcon.CANCEL.node());
        cancel.setId("cancelAnalysis");
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setOnAction(e -> model.cancel());
        HBox buttons = new HBox(8, run, cancel);

        ToggleGroup strategies = new ToggleGroup();
        FlowPane strategyBox = new FlowPane(6, 6);
        for (StrategyKind k : StrategyKind.values()) {
            ToggleButton b = new ToggleButton(k.displayName(), AppIcon.of(k).node());
            b.setId("analysisStrategy-" + k.id());
            b.getStyleClass().addAll(Styles.STRATEGY_TOGGLE, k.styleClass());
            b.setToggleGroup(strategies);
            b.setUserData(k);
            Tooltip tip = new Tooltip(k.displayName() + " · " + k.whenToUse());
            tip.setWrapText(true);
            tip.setMaxWidth(320);
            b.setTooltip(tip);
            b.setSelected(k == model.strategyProperty().get());
            strategyBox.getChildren().add(b);
        }
        strategies.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
            } else {
                model.strategyProperty().set((StrategyKind) b.getUserData());
            }
        });
        model.strategyProperty().addListener((o, a, b) -> strategies.getToggles().forEach(t -> t.setSelected(t.getUserData() == b)));

        Label method = new Label();
        method.setId("analysisMethod");
        method.getStyleClass().addAll(AnalyticsStyles.METHOD, Styles.MUTED);
        method.setWrapText(true);
        method.textProperty().bind(model.methodProperty());

        VBox box = new VBox(10, field("Analysis", picker), field("From", from), field("To", to), field("As of (now)", asOf),
                compareBox, symbolBox, field("Top", top), field("Strategy", strategyBox), buttons, method);
        box.getStyleClass().addAll(Styles.CARD, AnalyticsStyles.PARAMETERS);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setId("analysisParameters");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setMinWidth(280);
        scroll.setPrefWidth(300);
        scroll.setMaxWidth(320);
        return scroll;
    }

    private VBox results() {
        title.getStyleClass().add(AnalyticsStyles.RESULT_TITLE);
        title.setText("Pick an analysis and run it");
        Label version = badge("analysisVersion", AppIcon.VERSION);
        version.textProperty().bind(model.versionTextProperty());
        Label latency = badge("analysisLatency", AppIcon.TIMER);
        latency.textProperty().bind(model.latencyTextProperty());
        sourceBadge.setId("analysisSource");
        sourceBadge.getStyleClass().add(Styles.BADGE);
        sourceBadge.textProperty().bind(model.sourceTextProperty());
        sourceBadge.visibleProperty().bind(model.sourceTextProperty().isNotEmpty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, title, spacer, version, latency, sourceBadge);
        header.setAlignment(Pos.CENTER_LEFT);

        Label error = new Label();
        error.setId("analysisError");
        error.getStyleClass().addAll(AnalyticsStyles.ERROR, Styles.DOWN);
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        assessments.setId("riskAssessments");
        assessments.getStyleClass().add(AnalyticsStyles.ASSESSMENTS);
        assessments.setHgap(8);
        assessments.setVgap(6);

        tables.setId("analysisTables");
        tables.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        chartPane.setMinHeight(220);
        SplitPane split = new SplitPane(chartPane, tables);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        VBox.setVgrow(split, Priority.ALWAYS);

        TextArea plan = new TextArea();
        plan.setId("analysisPlan");
        plan.setEditable(false);
        plan.getStyleClass().add(AnalyticsStyles.PLAN);
        plan.setPrefRowCount(10);
        model.resultProperty().addListener((o, a, r) -> plan.setText(r == null ? "" : r.plan()));
        TitledPane planPane = new TitledPane("Spark plan", plan);
        planPane.setId("analysisPlanPane");
        planPane.expandedProperty().bindBidirectional(model.showPlanProperty());

        Label reason = new Label();
        reason.setId("analysisReason");
        reason.getStyleClass().add(Styles.MUTED);
        reason.textProperty().bind(model.reasonProperty());

        VBox box = new VBox(10, header, reason, error, assessments, split, planPane);
        return box;
    }

    private void show(AnalysisResult r) {
        chartPane.getChildren().clear();
        tables.getTabs().clear();
        assessments.getChildren().clear();
        sourceBadge.getStyleClass().removeIf(s -> s.startsWith("strategy-"));
        if (r == null) {
            title.setText("Pick an analysis and run it");
            return;
        }
        sourceBadge.getStyleClass().add(r.strategy().styleClass());
        sourceBadge.getStyleClass().remove(Styles.FALLBACK);
        if (r.fallback()) {
            sourceBadge.getStyleClass().add(Styles.FALLBACK);
        }
        title.setText(titleOf(r));
        chartPane.getChildren().add(chart(r));
        for (ResultTable t : r.tables()) {
            Tab tab = new Tab(t.name() + " (" + t.rows().size() + ")",
                    ResultGrid.analysis(t, "grid-" + t.name().replace(' ', '-')));
            tab.setId("tab-" + t.name().replace(' ', '-'));
            tables.getTabs().add(tab);
        }
        if (r.data() instanceof RiskReport risk) {
            // A badge per portfolio whose risk moved; the stable ones are counted in one badge.
            long stable = 0;
            for (RiskReport.PortfolioRisk p : risk.portfolios()) {
                if (p.assessment() == RiskAssessment.STABLE) {
                    stable++;
                    continue;
                }
                Label l = new Label(String.format(Locale.ROOT, "%s  %s  %+.3f", p.portfolio(), p.assessment().name(), p.change()));
                l.getStyleClass().addAll(Styles.BADGE, AnalyticsStyles.ASSESSMENT, p.assessment().styleClass());
                assessments.getChildren().add(l);
            }
            if (stable > 0) {
                Label l = new Label(String.format(Locale.ROOT, "%d portfolio%s STABLE (|change| ≤ %.2f)", stable,
                        stable == 1 ? "" : "s", RiskAssessment.MODERATE));
                l.getStyleClass().addAll(Styles.BADGE, AnalyticsStyles.ASSESSMENT, RiskAssessment.STABLE.styleClass());
                assessments.getChildren().add(l);
            }
        }
    }

    private static String titleOf(AnalysisResult r) {
        return switch (r.data()) {
            case SectorReport s -> "Sector analysis · " + range(s.from(), s.to());
            case VolatilityReport v -> "Market volatility · " + (v.symbol() == null ? "" : v.symbol() + " · ") + range(v.from(), v.to());
            case MoversReport m -> "Top movers · " + range(m.from(), m.to());
            case RiskReport k -> "Portfolio risk · then " + k.then().label() + " vs now " + k.now().label();
        };
    }

    private static String range(LocalDate from, LocalDate to) {
        return from == null ? "no data in range" : from + " → " + to;
    }

    private Node chart(AnalysisResult r) {
        return switch (r.data()) {
            case SectorReport s -> sectorChart(s);
            case VolatilityReport v -> volatilityChart(v);
            case MoversReport m -> moversChart(m);
            case RiskReport k -> riskChart(k);
        };
    }

    private static BarChart<String, Number> barChart(String id, String styleClass, String yLabel) {
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        y.setLabel(yLabel);
        BarChart<String, Number> chart = new BarChart<>(x, y);
        chart.setId(id);
        chart.getStyleClass().add(styleClass);
        chart.setAnimated(false);
        return chart;
    }

    private Node sectorChart(SectorReport s) {
        // Horizontal bars: sector names read left to right, best return on top.
        NumberAxis x = new NumberAxis();
        x.setLabel("Return %");
        CategoryAxis y = new CategoryAxis();
        BarChart<Number, String> chart = new BarChart<>(x, y);
        chart.setId("sectorChart");
        chart.getStyleClass().add(AnalyticsStyles.SECTOR_CHART);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        XYChart.Series<Number, String> series = new XYChart.Series<>();
        series.setName("Return %");
        for (int i = s.sectors().size() - 1; i >= 0; i--) {
            SectorReport.Sector sector = s.sectors().get(i);
            series.getData().add(new XYChart.Data<>(sector.returnPct(), sector.sector()));
        }
        chart.getData().add(series);
        for (XYChart.Data<Number, String> d : series.getData()) {
            colourBySign(d, d.getXValue().doubleValue());
        }
        return chart;
    }

    private Node moversChart(MoversReport m) {
        BarChart<String, Number> chart = barChart("moversChart", AnalyticsStyles.MOVERS_CHART, "Change %");
        chart.setLegendVisible(false);
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        series.setName("Change %");
        for (MoversReport.Mover g : m.gainers()) {
            series.getData().add(new XYChart.Data<>(g.symbol(), g.changePct()));
        }
        for (int i = m.losers().size() - 1; i >= 0; i--) {
            MoversReport.Mover l = m.losers().get(i);
            series.getData().add(new XYChart.Data<>(l.symbol(), l.changePct()));
        }
        chart.getData().add(series);
        for (XYChart.Data<String, Number> d : series.getData()) {
            colourBySign(d, d.getYValue().doubleValue());
        }
        return chart;
    }

    private Node riskChart(RiskReport k) {
        // Horizontal bars: portfolio names read left to right, biggest risk increase on top.
        NumberAxis x = new NumberAxis();
        x.setLabel("Risk score (Σ weight × volatility_30d)");
        CategoryAxis y = new CategoryAxis();
        BarChart<Number, String> chart = new BarChart<>(x, y);
        chart.setId("riskChart");
        chart.getStyleClass().add(AnalyticsStyles.RISK_CHART);
        chart.setAnimated(false);
        chart.setBarGap(1);
        chart.setCategoryGap(6);
        XYChart.Series<Number, String> then = new XYChart.Series<>();
        then.setName("Then · " + k.then().label());
        XYChart.Series<Number, String> now = new XYChart.Series<>();
        now.setName("Now · " + k.now().label());
        // The portfolios whose risk moved most, as many as the request's top; the table lists all.
        List<RiskReport.PortfolioRisk> shown = k.portfolios().stream()
                .sorted(Comparator.comparingDouble((RiskReport.PortfolioRisk p) -> -Math.abs(p.change())))
                .limit(model.topProperty().get()).toList();
        if (shown.size() < k.portfolios().size()) {
            x.setLabel(x.getLabel() + " · " + shown.size() + " of " + k.portfolios().size() + " portfolios, biggest changes");
        }
        for (int i = shown.size() - 1; i >= 0; i--) {
            RiskReport.PortfolioRisk p = shown.get(i);
            then.getData().add(new XYChart.Data<>(p.riskThen(), p.portfolio()));
            now.getData().add(new XYChart.Data<>(p.riskNow(), p.portfolio()));
        }
        chart.getData().add(then);
        chart.getData().add(now);
        return chart;
    }

    private Node volatilityChart(VolatilityReport v) {
        LineChart<Number, Number> chart = Charts.lines("volatilityChart", AnalyticsStyles.VOLATILITY_CHART, Charts.days(),
                Charts.values("Close", false));
        XYChart.Series<Number, Number> close = new XYChart.Series<>();
        close.setName((v.symbol() == null ? "" : v.symbol() + " ") + "close");
        XYChart.Series<Number, Number> lower = new XYChart.Series<>();
        lower.setName("lower band (−2σ)");
        XYChart.Series<Number, Number> upper = new XYChart.Series<>();
        upper.setName("upper band (+2σ)");
        for (VolatilityReport.BandPoint p : v.band()) {
            long day = p.date().toEpochDay();
            close.getData().add(new XYChart.Data<>(day, p.close()));
            if (p.lower() != null && p.upper() != null) {
                lower.getData().add(new XYChart.Data<>(day, p.lower()));
                upper.getData().add(new XYChart.Data<>(day, p.upper()));
            }
        }
        chart.getData().add(close);
        chart.getData().add(lower);
        chart.getData().add(upper);
        return chart;
    }

    /** Call once the series is in its chart: the chart resets a bar's style classes while adding it. */
    private static void colourBySign(XYChart.Data<?, ?> d, double value) {
        if (d.getNode() != null) {
            d.getNode().getStyleClass().add(value >= 0 ? AnalyticsStyles.BAR_UP : AnalyticsStyles.BAR_DOWN);
        }
    }

    private static Label badge(String id, AppIcon icon) {
        Label l = new Label("", icon.node());
        l.setId(id);
        l.getStyleClass().add(Styles.STATUS_ITEM);
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        return l;
    }

    private static VBox field(String label, Node control) {
        Label l = new Label(label);
        l.getStyleClass().add(AnalyticsStyles.FIELD_LABEL);
        if (control instanceof Region r) {
            r.setMaxWidth(Double.MAX_VALUE);
        }
        return new VBox(4, l, control);
    }

    private static void show(Node node, boolean on) {
        node.setVisible(on);
        node.setManaged(on);
    }
}
