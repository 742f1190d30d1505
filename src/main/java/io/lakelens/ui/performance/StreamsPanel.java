package io.lakelens.ui.performance;

import io.lakelens.lake.ingest.StreamJournal;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.Charts;
import io.lakelens.ui.kit.Columns;
import io.lakelens.ui.kit.Styles;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import static io.lakelens.ui.kit.Panes.card;

/**
 * The lake's streams: one row each (state, rows, rows/s, last batch time, lag, quarantined
 * files) and, for the selected one, rows/s and batch time against lag per batch.
 */
final class StreamsPanel extends BorderPane {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final StreamsViewModel model;
    private final XYChart.Series<Number, Number> rate = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> latency = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> lag = new XYChart.Series<>();

    StreamsPanel(StreamsViewModel model) {
        this.model = model;
        setId("streamsPanel");
        setPadding(new Insets(10, 10, 0, 0));

        Label title = new Label("Streams into this lake");
        title.getStyleClass().add(Styles.SECTION_TITLE);
        Label updated = new Label();
        updated.setId("streamsUpdated");
        updated.getStyleClass().add(Styles.MUTED);
        updated.textProperty().bind(model.updatedProperty());
        Button refresh = new Button("Refresh", AppIcon.REFRESH.node());
        refresh.setId("refreshStreams");
        refresh.setOnAction(e -> model.refresh());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, title, spacer, updated, refresh);
        top.setAlignment(Pos.CENTER_LEFT);

        TableView<StreamsViewModel.StreamRow> table = new TableView<>(model.streams());
        table.setId("streamsTable");
        table.getColumns().setAll(List.of(
                Columns.text("Table", StreamsViewModel.StreamRow::table, 140),
                Columns.text("From", r -> r.source() + " (" + r.format() + ")", 260),
                Columns.text("State", StreamsViewModel.StreamRow::state, 70),
                Columns.number("Batches", r -> String.format(Locale.ROOT, "%,d", r.batches()), 70),
                Columns.number("Rows", r -> String.format(Locale.ROOT, "%,d", r.rows()), 90),
                Columns.number("Rows/s", r -> StreamsViewModel.rate(r.rowsPerSecond()), 80),
                Columns.number("Last batch (ms)", r -> String.format(Locale.ROOT, "%,d", r.lastBatchMillis()), 100),
                Columns.number("Lag (s)", r -> String.format(Locale.ROOT, "%.1f", r.lagSeconds()), 70),
                Columns.number("Quarantined", r -> Integer.toString(r.quarantined()), 80),
                Columns.text("Last batch at", r -> r.lastBatchAt() == null ? "" : AT.format(r.lastBatchAt()), 90)));
        table.setPlaceholder(new Label("No stream has run on this lake. Start one with: "
                + "lakelens stream --from FOLDER --table TABLE"));
        table.getStyleClass().add("ll-dense-table");
        table.setPrefHeight(150);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        model.selectedProperty().addListener((o, a, s) -> {
            if (s != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(s);
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> {
            if (s != null) {
                model.selectedProperty().set(s);
            }
        });

        rate.setName("rows/s");
        latency.setName("batch time (ms)");
        lag.setName("lag (ms)");
        LineChart<Number, Number> rateChart = chart("streamRateChart", "Rows per second, by batch", List.of(rate));
        LineChart<Number, Number> timeChart = chart("streamLatencyChart", "Batch time and lag (ms), by batch", List.of(latency, lag));
        model.batches().addListener((ListChangeListener<StreamJournal.Entry>) c -> plot());
        plot();
        HBox charts = new HBox(10, rateChart, timeChart);
        HBox.setHgrow(rateChart, Priority.ALWAYS);
        HBox.setHgrow(timeChart, Priority.ALWAYS);
        VBox.setVgrow(charts, Priority.ALWAYS);

        VBox body = new VBox(10, card("Streams", table), charts);
        setTop(top);
        setCenter(body);
        BorderPane.setMargin(top, new Insets(0, 0, 8, 0));
    }

    private void plot() {
        rate.getData().clear();
        latency.getData().clear();
        lag.getData().clear();
        for (StreamJournal.Entry e : model.batches()) {
            rate.getData().add(new XYChart.Data<>(e.batchId(), e.rowsPerSecond()));
            latency.getData().add(new XYChart.Data<>(e.batchId(), e.millis()));
            lag.getData().add(new XYChart.Data<>(e.batchId(), e.lagMillis()));
        }
    }

    private static LineChart<Number, Number> chart(String id, String title, List<XYChart.Series<Number, Number>> series) {
        NumberAxis x = Charts.values("batch", false);
        LineChart<Number, Number> chart = Charts.lines(id, PerformanceStyles.CHART, x, Charts.values(null, true));
        chart.setCreateSymbols(true); // a point per batch, and few of them
        chart.setTitle(title);
        chart.setLegendVisible(series.size() > 1);
        chart.setMinHeight(150);
        chart.getData().setAll(series);
        return chart;
    }
}
