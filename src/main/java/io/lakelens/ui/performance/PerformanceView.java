package io.lakelens.ui.performance;

import io.lakelens.LakeLensException;
import io.lakelens.search.BreakerState;
import io.lakelens.search.StrategyKind;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.Charts;
import io.lakelens.ui.kit.Columns;
import io.lakelens.ui.kit.Styles;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

import static io.lakelens.ui.kit.Panes.card;

/**
 * Live charts of the last minutes (one point a second per series), the load generator with its
 * results, and the feed control. Appends one point per series per sample and drops points that
 * leave the window, so a redraw costs the same after 15 minutes as after one.
 */
final class PerformanceView extends BorderPane {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final PerformanceViewModel model;
    private final List<Plot> plots = new ArrayList<>();
    private final Map<StrategyKind, XYChart.Series<Number, Number>> p50 = new EnumMap<>(StrategyKind.class);
    private final Map<StrategyKind, XYChart.Series<Number, Number>> p95 = new EnumMap<>(StrategyKind.class);
    private final GridPane charts = new GridPane();
    private final Label breaker = new Label();
    /** Held so the combo box's two-way binding to the model's window is not collected. */
    private final ObjectProperty<Integer> windowMinutes;

    /** One chart: its axes and the series it plots with how each reads a sample. */
    private record Plot(LineChart<Number, Number> chart, NumberAxis x, List<Line> lines) {
    }

    private record Line(XYChart.Series<Number, Number> series, Function<PerformanceSample, Double> value) {
    }

    private final TabPane sections = new TabPane();
    private final Tab cacheSection;

    PerformanceView(PerformanceViewModel model) {
        this(model, null);
    }

    PerformanceView(PerformanceViewModel model, CacheViewModel cache) {
        this(model, cache, null);
    }

    /**
     * {@code cache} adds the Cache section beside the charts (null: charts only), {@code streams}
     * the Streams section (null: none).
     */
    PerformanceView(PerformanceViewModel model, CacheViewModel cache, StreamsViewModel streams) {
        this.model = model;
        this.windowMinutes = model.windowMinutesProperty().asObject();
        getStyleClass().add(PerformanceStyles.TAB);
        setId("performanceTab");
        setPadding(new Insets(12));

        buildCharts();
        setTop(controls());
        setRight(sidePanel());
        if (cache == null) {
            cacheSection = null;
            setCenter(charts);
            BorderPane.setMargin(charts, new Insets(10, 10, 0, 0));
        } else {
            Tab chartsSection = new Tab("Live charts", charts);
            chartsSection.setId("chartsSection");
            cacheSection = new Tab("Cache", new CachePanel(cache));
            cacheSection.setId("cacheSection");
            cacheSection.setGraphic(AppIcon.REDIS.node());
            sections.setId("performanceSections");
            sections.getStyleClass().add(PerformanceStyles.SUBTABS);
            sections.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
            sections.getTabs().setAll(chartsSection, cacheSection);
            if (streams != null) {
                Tab streamsSection = new Tab("Streams", new StreamsPanel(streams));
                streamsSection.setId("streamsSection");
                streamsSection.setGraphic(AppIcon.PERFORMANCE.node());
                sections.getTabs().add(streamsSection);
            }
            charts.setPadding(new Insets(10, 10, 0, 0));
            setCenter(sections);
        }
        BorderPane.setMargin(getTop(), new Insets(0, 0, 4, 0));

        model.samples().addListener((ListChangeListener<PerformanceSample>) c -> {
            if (model.pausedProperty().get()) {
                return;
            }
            while (c.next()) {
                if (c.wasAdded()) {
                    for (PerformanceSample s : c.getAddedSubList()) {
                        append(s);
                    }
                }
            }
            trim();
        });
        model.pausedProperty().addListener((o, a, p) -> {
            if (!p) {
                redraw();
            }
        });
        model.windowMinutesProperty().addListener((o, a, b) -> redraw());
    }

    /** Shows the Cache section (true) or the charts. */
    void showCache(boolean cache) {
        if (cacheSection != null) {
            sections.getSelectionModel().select(cache ? 1 : 0);
        }
    }

    // ---- charts -------------------------------------------------------------------------

    private void buildCharts() {
        Plot latency = plot("latencyChart", "Search latency (ms): p50 solid, p95 dashed");
        for (StrategyKind k : StrategyKind.values()) {
            XYChart.Series<Number, Number> a = new XYChart.Series<>();
            a.setName(k.displayName() + " p50");
            XYChart.Series<Number, Number> b = new XYChart.Series<>();
            b.setName(k.displayName() + " p95");
            p50.put(k, a);
            p95.put(k, b);
            latency.lines().add(new Line(a, s -> at(s, k, 0)));
            latency.lines().add(new Line(b, s -> at(s, k, 1)));
        }
        Plot qps = plot("qpsChart", "Searches per second and errors");
        qps.lines().add(line("queries/s", PerformanceSample::qps));
        qps.lines().add(line("errors", s -> (double) s.errors()));
        Plot hits = plot("hitRatioChart", "Cache hit ratio (%)");
        hits.lines().add(new Line(series("hit ratio"), s -> s.hitRatio() < 0 ? null : s.hitRatio() * 100));
        Plot ingest = plot("ingestChart", "Feed ingest (rows/s)");
        ingest.lines().add(line("rows/s", PerformanceSample::ingestRowsPerS));
        Plot heap = plot("heapChart", "JVM heap used (MiB)");
        heap.lines().add(line("heap", PerformanceSample::heapUsedMb));
        Plot jobs = plot("sparkJobsChart", "Spark jobs: longest ending each second (ms)");
        jobs.lines().add(new Line(series("longest job"), s -> s.sparkJobs() == 0 ? null : s.sparkJobMaxMs()));

        for (Plot p : plots) {
            for (Line l : p.lines()) {
                p.chart().getData().add(l.series());
            }
        }
        // Strategy colours come from the theme: tag each latency series' line with its strategy.
        for (StrategyKind k : StrategyKind.values()) {
            p50.get(k).getNode().getStyleClass().addAll(PerformanceStyles.SERIES, k.styleClass());
            p95.get(k).getNode().getStyleClass().addAll(PerformanceStyles.SERIES, k.styleClass(), PerformanceStyles.P95);
        }
        charts.setHgap(10);
        charts.setVgap(10);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            charts.getColumnConstraints().add(c);
        }
        for (int i = 0; i < 3; i++) {
            RowConstraints r = new RowConstraints();
            r.setPercentHeight(100 / 3.0);
            charts.getRowConstraints().add(r);
        }
        VBox latencyBox = new VBox(4, legend(), latency.chart());
        VBox.setVgrow(latency.chart(), Priority.ALWAYS);
        charts.add(latencyBox, 0, 0);
        charts.add(qps.chart(), 1, 0);
        charts.add(hits.chart(), 0, 1);
        charts.add(ingest.chart(), 1, 1);
        charts.add(heap.chart(), 0, 2);
        charts.add(jobs.chart(), 1, 2);
        charts.setId("performanceCharts");
    }

    private static Double at(PerformanceSample s, StrategyKind k, int i) {
        double[] l = s.latency().get(k);
        return l == null ? null : l[i];
    }

    private Plot plot(String id, String title) {
        NumberAxis x = Charts.labelled(n -> CLOCK.format(Instant.ofEpochSecond(n.longValue())));
        x.setAutoRanging(false);
        LineChart<Number, Number> chart = Charts.lines(id, PerformanceStyles.CHART, x, Charts.values(null, true));
        chart.setTitle(title);
        chart.setLegendVisible(false);
        chart.setMinHeight(150);
        Plot p = new Plot(chart, x, new ArrayList<>());
        plots.add(p);
        return p;
    }

    private static XYChart.Series<Number, Number> series(String name) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        return s;
    }

    private static Line line(String name, ToDoubleFunction<PerformanceSample> value) {
        return new Line(series(name), s -> value.applyAsDouble(s));
    }

    private Node legend() {
        FlowPane legend = new FlowPane(8, 4);
        legend.getStyleClass().add(PerformanceStyles.LEGEND);
        for (StrategyKind k : StrategyKind.values()) {
            Label l = new Label(k.displayName());
            l.getStyleClass().addAll(Styles.BADGE, k.styleClass());
            legend.getChildren().add(l);
        }
        breaker.setId("breakerState");
        breaker.getStyleClass().addAll(Styles.BADGE, PerformanceStyles.BREAKER);
        breaker.setText("breaker closed");
        legend.getChildren().add(breaker);
        return legend;
    }

    private void append(PerformanceSample s) {
        long t = s.at().getEpochSecond();
        for (Plot p : plots) {
            for (Line l : p.lines()) {
                Double v = l.value().apply(s);
                if (v != null && Double.isFinite(v)) {
                    l.series().getData().add(new XYChart.Data<>(t, v));
                }
            }
            p.x().setLowerBound(t - model.windowMinutesProperty().get() * 60L);
            p.x().setUpperBound(t);
            p.x().setTickUnit(Math.max(10, model.windowMinutesProperty().get() * 60 / 6));
        }
        breaker.setText("breaker " + s.breaker().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        breaker.getStyleClass().remove(PerformanceStyles.BREAKER_OPEN);
        if (s.breaker() != BreakerState.CLOSED) {
            breaker.getStyleClass().add(PerformanceStyles.BREAKER_OPEN);
        }
    }

    private void trim() {
        for (Plot p : plots) {
            double lower = p.x().getLowerBound();
            for (Line l : p.lines()) {
                var data = l.series().getData();
                int drop = 0;
                while (drop < data.size() && data.get(drop).getXValue().doubleValue() < lower) {
                    drop++;
                }
                if (drop > 0) {
                    data.remove(0, drop);
                }
            }
        }
    }

    private void redraw() {
        for (Plot p : plots) {
            for (Line l : p.lines()) {
                l.series().getData().clear();
            }
        }
        List<PerformanceSample> all = model.samples();
        if (all.isEmpty()) {
            return;
        }
        long last = all.get(all.size() - 1).at().getEpochSecond();
        long from = last - model.windowMinutesProperty().get() * 60L;
        for (PerformanceSample s : all) {
            if (s.at().getEpochSecond() >= from) {
                append(s);
            }
        }
    }

    // ---- controls -----------------------------------------------------------------------

    private Node controls() {
        ToggleButton pause = new ToggleButton("Pause", AppIcon.TIMER.node());
        pause.setId("pauseCharts");
        pause.selectedProperty().bindBidirectional(model.pausedProperty());
        ComboBox<Integer> window = new ComboBox<>();
        window.setId("chartWindow");
        window.getItems().setAll(1, 5, 15);
        window.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer m) {
                return m == null ? "" : "last " + m + " min";
            }

            @Override
            public Integer fromString(String s) {
                return 5;
            }
        });
        window.valueProperty().bindBidirectional(windowMinutes);
        Button csv = new Button("Export CSV", AppIcon.AUDIT.node());
        csv.setId("exportCsv");
        csv.setOnAction(e -> choose("performance.csv", "CSV", "*.csv").ifPresent(model::exportCsv));
        Button png = new Button("Export PNG", AppIcon.CAMERA.node());
        png.setId("exportPng");
        png.setOnAction(e -> choose("performance.png", "PNG", "*.png").ifPresent(this::exportPng));
        Label title = new Label("Live performance");
        title.getStyleClass().add(Styles.SECTION_TITLE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox row = new HBox(8, title, spacer, pause, window, csv, png);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Optional<Path> choose(String name, String kind, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        return Optional.ofNullable(f).map(File::toPath);
    }

    /** Writes the charts as they are on screen to a PNG file. */
    void exportPng(Path file) {
        WritableImage image = charts.snapshot(null, null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        try {
            ImageIO.write(out, "png", file.toFile());
        } catch (IOException e) {
            throw new LakeLensException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private Node sidePanel() {
        Spinner<Integer> rate = new Spinner<>(1, 200, model.loadRateProperty().get(), 5);
        rate.setId("loadRate");
        rate.setEditable(true);
        rate.valueProperty().addListener((o, a, b) -> model.loadRateProperty().set(b == null ? 10 : b));
        follow(rate, model.loadRateProperty());
        ComboBox<LoadGenerator.Mix> mix = new ComboBox<>();
        mix.setId("loadMix");
        mix.getItems().setAll(LoadGenerator.Mix.values());
        mix.valueProperty().bindBidirectional(model.mixProperty());
        mix.setConverter(new StringConverter<>() {
            @Override
            public String toString(LoadGenerator.Mix m) {
                return m == null ? "" : m.label();
            }

            @Override
            public LoadGenerator.Mix fromString(String s) {
                return LoadGenerator.Mix.MIXED;
            }
        });
        FlowPane strategies = new FlowPane(8, 6);
        for (StrategyKind k : StrategyKind.values()) {
            CheckBox c = new CheckBox(k.displayName());
            c.setId("loadStrategy-" + k.id());
            c.selectedProperty().bindBidirectional(model.strategyProperty(k));
            strategies.getChildren().add(c);
        }
        Button start = new Button("Start load", AppIcon.SPEED.node());
        start.setId("startLoad");
        start.disableProperty().bind(model.loadRunningProperty());
        start.setOnAction(e -> model.startLoad());
        Button stop = new Button("Stop", AppIcon.CANCEL.node());
        stop.setId("stopLoad");
        stop.disableProperty().bind(model.loadRunningProperty().not());
        stop.setOnAction(e -> model.stopLoad());
        Label loadStatus = new Label();
        loadStatus.setWrapText(true);
        loadStatus.getStyleClass().add(Styles.MUTED);
        loadStatus.textProperty().bind(model.loadStatusProperty());
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, new Label("Searches/s"), rate);
        form.addRow(1, new Label("Query mix"), mix);
        VBox load = card("Load generator", form, strategies, new HBox(8, start, stop), loadStatus);

        TableView<StrategyResult> results = new TableView<>(model.results());
        results.setId("loadResults");
        results.getColumns().setAll(List.of(
                column("Strategy", r -> r.strategy().displayName(), 100),
                number("n", r -> String.format(Locale.ROOT, "%,d", r.searches())),
                number("p50", r -> ms(r.p50Ms())),
                number("p95", r -> ms(r.p95Ms())),
                number("p99", r -> ms(r.p99Ms())),
                number("hits", r -> String.format(Locale.ROOT, "%.0f%%", r.hitRatio() * 100)),
                number("err", r -> Long.toString(r.errors()))));
        results.setPlaceholder(new Label("Start the load to see results"));
        results.setPrefHeight(200);
        results.getStyleClass().add("ll-dense-table");
        results.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        VBox resultsCard = card("Results since the load started", results);

        Spinner<Integer> feedRate = new Spinner<>(1, 200_000, model.feedRateProperty().get(), 500);
        feedRate.setId("feedRate");
        feedRate.setEditable(true);
        feedRate.valueProperty().addListener((o, a, b) -> model.feedRateProperty().set(b == null ? 1000 : b));
        follow(feedRate, model.feedRateProperty());
        Button feedStart = new Button("Start feed", AppIcon.UP.node());
        feedStart.setId("startFeed");
        feedStart.disableProperty().bind(model.feedRunningProperty());
        feedStart.setOnAction(e -> model.startFeed());
        Button feedStop = new Button("Stop", AppIcon.CANCEL.node());
        feedStop.setId("stopFeed");
        feedStop.disableProperty().bind(model.feedRunningProperty().not());
        feedStop.setOnAction(e -> model.stopFeed());
        Label feedStatus = new Label();
        feedStatus.setWrapText(true);
        feedStatus.getStyleClass().add(Styles.MUTED);
        feedStatus.textProperty().bind(model.feedStatusProperty());
        VBox feed = card("Live market feed", new HBox(8, new Label("Ticks/s"), feedRate), new HBox(8, feedStart, feedStop), feedStatus);

        VBox side = new VBox(10, load, resultsCard, feed);
        side.setPrefWidth(380);
        side.setMinWidth(340);
        return side;
    }

    private static String ms(double v) {
        return v < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v);
    }

    /** The spinner shows the model's value when the model changes it (a preset, the screenshot scenes). */
    private static void follow(Spinner<Integer> spinner, IntegerProperty value) {
        value.addListener((o, a, b) -> {
            if (!b.equals(spinner.getValue())) {
                spinner.getValueFactory().setValue(b.intValue());
            }
        });
    }

    private static <S> TableColumn<S, String> column(String title, Function<S, String> value, double width) {
        return Columns.text(title, value, width);
    }

    private static <S> TableColumn<S, String> number(String title, Function<S, String> value) {
        return Columns.number(title, value, 44);
    }
}
