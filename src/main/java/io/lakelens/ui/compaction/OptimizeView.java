package io.lakelens.ui.compaction;

import io.lakelens.lake.maintenance.Bytes;
import io.lakelens.lake.maintenance.OptimizeResult;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.Styles;
import javafx.beans.binding.StringExpression;
import javafx.scene.chart.BarChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;

import static atlantafx.base.theme.Styles.ACCENT;
import static io.lakelens.ui.compaction.CompactionWidgets.column;
import static io.lakelens.ui.compaction.CompactionWidgets.field;
import static io.lakelens.ui.compaction.CompactionWidgets.head;
import static io.lakelens.ui.compaction.CompactionWidgets.histogramChart;
import static io.lakelens.ui.compaction.CompactionWidgets.series;
import static io.lakelens.ui.compaction.CompactionWidgets.wrapping;
import static io.lakelens.ui.kit.Panes.card;
import static io.lakelens.ui.kit.Panes.form;

/** The optimize section: the OPTIMIZE form with progress and cancel, and the before/after. */
final class OptimizeView extends HBox {

    OptimizeView(OptimizeViewModel model, StringExpression table) {
        TextField zorder = field("optimizeZOrder", "e.g. symbol, trade_date", model.zOrderProperty());
        TextField where = field("optimizeWhere", "partitions, e.g. sector = 'Energy'", model.whereProperty());
        TextField reason = field("optimizeReason", "why (recorded in the commit)", model.optimizeReasonProperty());
        CheckBox measure = new CheckBox("Time a selective search before and after");
        measure.setId("optimizeMeasure");
        measure.selectedProperty().bindBidirectional(model.measureReadProperty());
        Button run = new Button("Run OPTIMIZE", AppIcon.COMPACTION.node());
        run.setId("runOptimize");
        run.getStyleClass().add(ACCENT);
        run.disableProperty().bind(model.optimizingProperty().or(table.isEmpty()));
        run.setOnAction(e -> model.optimize());
        Button cancel = new Button("Cancel", AppIcon.CANCEL.node());
        cancel.setId("cancelOptimize");
        cancel.disableProperty().bind(model.optimizingProperty().not());
        cancel.setOnAction(e -> model.cancelOptimize());
        ProgressBar progress = new ProgressBar();
        progress.setId("optimizeProgress");
        progress.progressProperty().bind(model.optimizeProgressProperty());
        progress.visibleProperty().bind(model.optimizingProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        Label step = wrapping(new Label());
        step.setId("optimizeStep");
        step.getStyleClass().add(Styles.MUTED);
        step.textProperty().bind(model.optimizeStepProperty());
        GridPane form = form(new String[]{"ZORDER BY", "WHERE", "Reason"}, zorder, where, reason);
        VBox formCard = card("OPTIMIZE", form, measure, new HBox(8, run, cancel), progress, step);
        formCard.setPrefWidth(420);
        formCard.setMinWidth(360);

        Label summary = wrapping(new Label("Run OPTIMIZE to compare the table before and after."));
        summary.setId("optimizeSummary");
        summary.getStyleClass().add(Styles.SUMMARY);
        HBox.setHgrow(summary, Priority.ALWAYS);
        Label speedup = new Label();
        speedup.setId("optimizeSpeedup");
        speedup.getStyleClass().addAll(Styles.BADGE, CompactionStyles.SPEEDUP);
        speedup.setVisible(false);
        GridPane metrics = new GridPane();
        metrics.setHgap(18);
        metrics.setVgap(6);
        metrics.getStyleClass().add(CompactionStyles.BEFORE_AFTER);
        BarChart<String, Number> chart = histogramChart("beforeAfterChart");
        chart.setLegendVisible(true);
        VBox.setVgrow(chart, Priority.ALWAYS);
        VBox resultCard = card("Before / after", new HBox(10, summary, speedup), metrics, chart);
        HBox.setHgrow(resultCard, Priority.ALWAYS);

        model.optimizeResultProperty().addListener((o, a, r) -> {
            metrics.getChildren().clear();
            chart.getData().clear();
            speedup.setVisible(false);
            if (r == null) {
                summary.setText("Run OPTIMIZE to compare the table before and after.");
                return;
            }
            summary.setText(r.summary());
            fillBeforeAfter(metrics, r);
            chart.getData().setAll(List.of(series("before", r.before().histogram()), series("after", r.after().histogram())));
            if (r.probe() != null && r.committed()) {
                speedup.setText(String.format(Locale.ROOT, "search %.1f× %s", r.probe().speedup() >= 1 ? r.probe().speedup()
                        : 1 / r.probe().speedup(), r.probe().speedup() >= 1 ? "faster" : "slower"));
                speedup.setVisible(true);
            }
        });
        setSpacing(12);
        getChildren().addAll(formCard, resultCard);
    }

    private static void fillBeforeAfter(GridPane g, OptimizeResult r) {
        g.addRow(0, head(""), head("Before"), head("After"));
        int row = 1;
        row = compare(g, row, "Version", Long.toString(r.versionBefore()), Long.toString(r.versionAfter()));
        row = compare(g, row, "Files", String.format(Locale.ROOT, "%,d", r.before().files()),
                String.format(Locale.ROOT, "%,d", r.after().files()));
        row = compare(g, row, "Size", Bytes.human(r.before().bytes()), Bytes.human(r.after().bytes()));
        if (r.probe() != null) {
            OptimizeResult.ReadProbe p = r.probe();
            row = compare(g, row, "Search " + p.column() + " = " + p.value(), String.format(Locale.ROOT, "%.0f ms", p.millisBefore()),
                    String.format(Locale.ROOT, "%.0f ms", p.millisAfter()));
            if (p.filesBefore() >= 0) {
                row = compare(g, row, "Files it reads", String.format(Locale.ROOT, "%,d", p.filesBefore()),
                        String.format(Locale.ROOT, "%,d", p.filesAfter()));
            }
        }
        compare(g, row, "Took", "", String.format(Locale.ROOT, "%.1f s", r.elapsed().toMillis() / 1000.0));
    }

    private static int compare(GridPane g, int row, String name, String before, String after) {
        Label n = new Label(name);
        n.getStyleClass().add(Styles.FORM_LABEL);
        Label b = new Label(before);
        b.getStyleClass().addAll(CompactionStyles.STAT_VALUE, Styles.NUMBER);
        Label a = new Label(after);
        a.getStyleClass().addAll(CompactionStyles.STAT_VALUE, Styles.NUMBER);
        g.addRow(row, n, b, a);
        return row + 1;
    }
}
