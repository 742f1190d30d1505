package io.lakelens.ui.compaction;

import io.lakelens.lake.maintenance.SizeHistogram;
import io.lakelens.ui.kit.Columns;
import io.lakelens.ui.kit.Styles;
import javafx.beans.property.StringProperty;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/** Controls the Compaction sections build alike: wrapping labels, size histograms, bound fields, table columns. */
final class CompactionWidgets {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private CompactionWidgets() {
    }

    /** A label that wraps: it must be allowed its full preferred height inside boxes. */
    static Label wrapping(Label l) {
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    static BarChart<String, Number> histogramChart(String id) {
        CategoryAxis x = new CategoryAxis();
        x.setLabel("file size");
        NumberAxis y = new NumberAxis();
        y.setLabel("files");
        y.setMinorTickVisible(false);
        BarChart<String, Number> chart = new BarChart<>(x, y);
        chart.setId(id);
        chart.getStyleClass().add(CompactionStyles.HISTOGRAM);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setCategoryGap(6);
        chart.setBarGap(2);
        chart.setMinHeight(240);
        return chart;
    }

    static XYChart.Series<String, Number> series(String name, SizeHistogram h) {
        XYChart.Series<String, Number> s = new XYChart.Series<>();
        s.setName(name);
        for (SizeHistogram.Bucket b : h.buckets()) {
            s.getData().add(new XYChart.Data<>(b.label(), b.files()));
        }
        return s;
    }

    static TextField field(String id, String prompt, StringProperty p) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(p);
        return f;
    }

    static <S> TableColumn<S, String> column(String title, Function<S, String> value, double width) {
        return Columns.text(title, value, width);
    }

    static <S> TableColumn<S, String> number(String title, Function<S, String> value) {
        return Columns.number(title, value, 90);
    }

    static Label head(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.SECTION_TITLE);
        return l;
    }
}
