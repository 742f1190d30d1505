package io.lakelens.ui.compaction;

import io.lakelens.lake.maintenance.Bytes;
import io.lakelens.lake.maintenance.TableHealth;
import io.lakelens.ui.kit.Styles;
import javafx.scene.chart.BarChart;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;

import static io.lakelens.ui.compaction.CompactionWidgets.column;
import static io.lakelens.ui.compaction.CompactionWidgets.histogramChart;
import static io.lakelens.ui.compaction.CompactionWidgets.number;
import static io.lakelens.ui.compaction.CompactionWidgets.series;
import static io.lakelens.ui.compaction.CompactionWidgets.wrapping;
import static io.lakelens.ui.kit.Panes.card;

/** The health section: verdict and findings, file statistics, the size histogram, partitions. */
final class HealthView extends ScrollPane {

    HealthView(HealthViewModel model) {
        Label verdict = wrapping(new Label("Pick a table to see its health."));
        verdict.getStyleClass().add(CompactionStyles.VERDICT);
        verdict.setId("healthVerdict");
        VBox findings = new VBox(4);
        VBox verdictCard = card("Verdict", verdict, findings);

        GridPane stats = statsGrid();
        VBox statsCard = card("Files", stats);

        BarChart<String, Number> histogram = histogramChart("sizeHistogram");
        VBox histogramCard = card("File sizes", histogram);
        VBox.setVgrow(histogram, Priority.ALWAYS);

        TableView<TableHealth.PartitionStat> partitions = new TableView<>();
        partitions.setId("partitionsTable");
        partitions.getColumns().setAll(List.of(
                column("Partition", p -> p.key(), 220),
                number("Files", p -> String.format(Locale.ROOT, "%,d", p.files())),
                number("Size", p -> Bytes.human(p.bytes())),
                number("Rows", p -> p.rows() < 0 ? "?" : String.format(Locale.ROOT, "%,d", p.rows())),
                number("Small", p -> String.format(Locale.ROOT, "%,d", p.smallFiles()))));
        partitions.setPlaceholder(new Label("Not partitioned"));
        partitions.setPrefHeight(180);
        VBox partitionsCard = card("Partitions", partitions);

        model.healthProperty().addListener((o, a, h) -> {
            verdict.getStyleClass().removeAll(CompactionStyles.VERDICT_NEEDS, CompactionStyles.VERDICT_OK);
            findings.getChildren().clear();
            stats.getChildren().clear();
            if (h == null) {
                verdict.setText("…");
                histogram.getData().clear();
                partitions.getItems().clear();
                return;
            }
            verdict.setText(h.verdict());
            verdict.getStyleClass().add(h.needsOptimize() ? CompactionStyles.VERDICT_NEEDS : CompactionStyles.VERDICT_OK);
            for (String f : h.findings()) {
                Label l = wrapping(new Label("• " + f));
                l.getStyleClass().add(CompactionStyles.FINDING);
                findings.getChildren().add(l);
            }
            fillStats(stats, h);
            histogram.getData().setAll(List.of(series("files", h.histogram())));
            partitions.getItems().setAll(h.partitionColumns().isEmpty() ? List.of() : h.partitions().stream()
                    .sorted((x, y) -> Long.compare(y.bytes(), x.bytes())).limit(200).toList());
        });
        VBox left = new VBox(10, verdictCard, statsCard);
        left.setPrefWidth(460);
        VBox right = new VBox(10, histogramCard, partitionsCard);
        HBox.setHgrow(right, Priority.ALWAYS);
        setContent(new HBox(12, left, right));
        setFitToWidth(true);
    }

    private static GridPane statsGrid() {
        GridPane g = new GridPane();
        g.setHgap(14);
        g.setVgap(6);
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(130);
        g.getColumnConstraints().add(names);
        return g;
    }

    private static void fillStats(GridPane g, TableHealth h) {
        int row = 0;
        row = stat(g, row, "Version", Long.toString(h.version()));
        row = stat(g, row, "Files", String.format(Locale.ROOT, "%,d  (%s)", h.fileCount(), Bytes.human(h.totalBytes())));
        row = stat(g, row, "Small files", String.format(Locale.ROOT, "%,d  (%.0f%% under %s)", h.smallFiles(),
                h.smallFileRatio() * 100, Bytes.human(h.smallFileThresholdBytes())));
        row = stat(g, row, "Rows", h.rows() < 0 ? "unknown (no statistics)" : String.format(Locale.ROOT, "%,d", h.rows()));
        if (h.rows() >= 0 && h.fileCount() > 0) {
            row = stat(g, row, "Rows per file", String.format(Locale.ROOT, "min %,d · avg %,d · max %,d",
                    h.minRowsPerFile(), h.avgRowsPerFile(), h.maxRowsPerFile()));
        }
        row = stat(g, row, "Partitions", h.partitionColumns().isEmpty() ? "none"
                : String.format(Locale.ROOT, "%,d by %s (skew %.1f×)", h.partitions().size(),
                String.join(", ", h.partitionColumns()), h.partitionSkew()));
        row = stat(g, row, "Z-order", h.zOrderColumns().isEmpty() ? "none" : String.join(", ", h.zOrderColumns())
                + " (v" + h.zOrderVersion() + ", " + h.commitsSinceZOrder() + " commits since)");
        row = stat(g, row, "Clustering", h.clusteringColumns().isEmpty() ? "none" : String.join(", ", h.clusteringColumns()));
        row = stat(g, row, "Deletion vectors", String.format(Locale.ROOT, "%,d files · %,d deleted rows",
                h.deletionVectorFiles(), h.deletedRows()));
        row = stat(g, row, "After OPTIMIZE", String.format(Locale.ROOT, "~%,d file%s (%.1f× fewer), target %s",
                h.estimatedFilesAfter(), h.estimatedFilesAfter() == 1 ? "" : "s", h.optimizeFactor(), Bytes.human(h.targetFileBytes())));
        for (TableHealth.PropertyValue p : h.properties()) {
            String name = p.key().replace("delta.", "").replace("autoOptimize.", "");
            row = stat(g, row, name, p.value() + ("default".equals(p.source()) ? "  (default)" : ""));
        }
    }

    private static int stat(GridPane g, int row, String name, String value) {
        Label n = new Label(name);
        n.getStyleClass().add(Styles.FORM_LABEL);
        Label v = wrapping(new Label(value));
        v.getStyleClass().add(CompactionStyles.STAT_VALUE);
        g.addRow(row, n, v);
        return row + 1;
    }
}
