package io.lakelens.analytics;

import java.util.List;

/**
 * One series of an analysis chart.
 *
 * @param name   legend text
 * @param role   how it is drawn: {@code bar}, {@code line} or {@code band} (a band's lower and
 *               upper series share the role and are drawn as a pair)
 * @param points category or ISO-date label and value, in drawing order
 */
public record ChartSeries(String name, String role, List<Point> points) {
    public static final String BAR = "bar";
    public static final String LINE = "line";
    public static final String BAND = "band";

    public ChartSeries {
        points = List.copyOf(points);
    }

    public record Point(String label, double value) {
    }
}
