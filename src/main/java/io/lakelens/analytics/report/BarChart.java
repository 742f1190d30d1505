package io.lakelens.analytics.report;

import java.util.List;
import java.util.Locale;

/**
 * A bar chart of the report, drawn the same way as SVG (HTML) and as PDF vector graphics:
 * one group of bars per category, one bar per series. Colours are named by the report
 * stylesheet's variables ({@code --accent}, {@code --bad}, …), never written here.
 *
 * @param log true for a log10(1 + value) scale, so a one-row fix shows beside a large load
 */
record BarChart(String title, String note, List<String> categories, List<Series> series, boolean stacked, boolean log) {
    static final double WIDTH = 700;
    static final double HEIGHT = 210;
    static final double LEFT = 46;
    static final double RIGHT = 12;
    static final double TOP = 14;
    static final double BOTTOM = 46;

    /** @param color the stylesheet variable (without {@code --}) that paints it */
    record Series(String name, String color, double[] values) {
    }

    /** One bar to draw, in chart coordinates (origin top left). */
    record Bar(double x, double y, double width, double height, String color, String tooltip) {
    }

    /** One text label, anchored at its middle (or its end, for the axis). */
    record Label(double x, double y, String text, boolean end) {
    }

    double max() {
        double m = 0;
        for (Series s : series) {
            for (double v : s.values) {
                m = Math.max(m, scale(v));
            }
        }
        return m <= 0 ? 1 : m;
    }

    double scale(double v) {
        return log ? Math.log10(1 + Math.max(0, v)) : Math.max(0, v);
    }

    List<Bar> bars() {
        int n = Math.max(1, categories.size());
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        double group = plotW / n;
        double inner = Math.min(48, group * 0.8);
        double barW = inner / series.size();
        double max = max();
        List<Bar> out = new java.util.ArrayList<>();
        for (int c = 0; c < categories.size(); c++) {
            double gx = LEFT + group * c + (group - inner) / 2;
            for (int s = 0; s < series.size(); s++) {
                double v = series.get(s).values()[c];
                double h = scale(v) / max * plotH;
                out.add(new Bar(gx + barW * s, TOP + plotH - h, Math.max(0.5, barW - 1), h, series.get(s).color(),
                        categories.get(c) + " · " + series.get(s).name() + ": " + fmt(v)));
            }
        }
        return out;
    }

    /** Category labels (thinned so they never overlap) and the axis labels. */
    List<Label> labels() {
        int n = Math.max(1, categories.size());
        double plotW = WIDTH - LEFT - RIGHT;
        double group = plotW / n;
        int every = (int) Math.ceil(48 / group);
        List<Label> out = new java.util.ArrayList<>();
        for (int c = 0; c < categories.size(); c++) {
            if (c % every == 0 || c == categories.size() - 1 && every == 1) {
                String t = categories.get(c);
                out.add(new Label(LEFT + group * c + group / 2, HEIGHT - BOTTOM + 14, t.length() > 14 ? t.substring(0, 13) + "…" : t, false));
            }
        }
        double max = max();
        double top = log ? Math.round(Math.pow(10, max) - 1) : max;
        out.add(new Label(LEFT - 4, TOP + 4, fmt(top), true));
        out.add(new Label(LEFT - 4, HEIGHT - BOTTOM, "0", true));
        return out;
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%,.2f", v);
    }

    /** The chart as inline SVG; bars carry the series' CSS class and a tooltip. */
    String svg() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                + "viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"%s\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT, ReportWriter.esc(title)));
        double base = HEIGHT - BOTTOM;
        s.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\"/>%n", LEFT, base,
                WIDTH - RIGHT, base));
        s.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.1f\"/>%n", LEFT, TOP, LEFT, base));
        for (Bar b : bars()) {
            s.append(String.format(Locale.ROOT, "<rect class=\"bar %s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s</title></rect>%n",
                    b.color(), b.x(), b.y(), b.width(), b.height(), ReportWriter.esc(b.tooltip())));
        }
        for (Label l : labels()) {
            s.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>%n", l.x(), l.y(),
                    l.end() ? "end" : "middle", ReportWriter.esc(l.text())));
        }
        double lx = LEFT;
        for (Series se : series) {
            s.append(String.format(Locale.ROOT, "<rect class=\"bar %s\" x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\"/>", se.color(), lx,
                    HEIGHT - 16));
            s.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%.1f\" y=\"%.1f\">%s</text>%n", lx + 14, HEIGHT - 7,
                    ReportWriter.esc(se.name())));
            lx += 24 + se.name().length() * 7;
        }
        if (!note.isEmpty()) {
            s.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    WIDTH - RIGHT, HEIGHT - 7, ReportWriter.esc(note)));
        }
        s.append("</svg>\n");
        return s.toString();
    }
}
