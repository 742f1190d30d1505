package io.lakelens.ui.kit;

import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.util.StringConverter;

import java.time.LocalDate;
import java.util.function.Function;

/** The line charts of the tabs: their axes and the settings every one of them shares. */
public final class Charts {
    private Charts() {
    }

    /** An axis of epoch days labelled as ISO dates, ranging over the data only. */
    public static NumberAxis days() {
        return labelled(n -> LocalDate.ofEpochDay(Math.round(n.doubleValue())).toString());
    }

    /** An axis whose ticks read as {@code label} says (a clock, a date), ranging over the data only. */
    public static NumberAxis labelled(Function<Number, String> label) {
        NumberAxis x = new NumberAxis();
        x.setForceZeroInRange(false);
        x.setMinorTickVisible(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return label.apply(n);
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException("tick labels are only shown");
            }
        });
        return x;
    }

    /** A value axis named {@code label} (none when null); from zero, or over the data only. */
    public static NumberAxis values(String label, boolean fromZero) {
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(fromZero);
        y.setMinorTickVisible(false);
        if (label != null) {
            y.setLabel(label);
        }
        return y;
    }

    /**
     * A line chart of many points, drawn without a symbol on each and without animation (live
     * charts redraw every second), with its id and style class.
     */
    public static LineChart<Number, Number> lines(String id, String styleClass, NumberAxis x, NumberAxis y) {
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId(id);
        chart.getStyleClass().add(styleClass);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        return chart;
    }
}
