package io.lakelens.ui;

import io.lakelens.LakeLensException;
import io.lakelens.ui.shell.Toolkits;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.image.WritablePixelFormat;
import javafx.util.StringConverter;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bench's chart: latency against dataset size, one line per strategy or engine, both axes
 * logarithmic (plotted as log10, labelled in plain units), rendered off-screen to a PNG.
 */
final class BenchChart {
    private static final int WIDTH = 1100;
    private static final int HEIGHT = 700;

    private BenchChart() {
    }

    /** @param series name → points of (rows, milliseconds) */
    static void write(Path png, String title, Map<String, List<double[]>> series) {
        Toolkits.headless();
        Toolkits.start();
        BufferedImage image = Toolkits.onFx(() -> render(title, series));
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", png.toFile())) {
                throw new LakeLensException("No PNG writer is available in this Java runtime.");
            }
        } catch (IOException e) {
            throw new LakeLensException("Cannot write " + png + ": " + e.getMessage(), e);
        }
    }

    private static BufferedImage render(String title, Map<String, List<double[]>> series) {
        double[] xr = range(series, 0);
        double[] yr = range(series, 1);
        NumberAxis x = logAxis("market_data rows", xr, " rows");
        NumberAxis y = logAxis("p50 latency", yr, " ms");
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        for (var e : series.entrySet()) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(e.getKey());
            e.getValue().stream().filter(p -> p[0] > 0 && p[1] > 0)
                    .sorted((a, b) -> Double.compare(a[0], b[0]))
                    .forEach(p -> s.getData().add(new XYChart.Data<>(Math.log10(p[0]), Math.log10(p[1]))));
            chart.getData().add(s);
        }
        Scene scene = new Scene(chart, WIDTH, HEIGHT);
        chart.applyCss();
        chart.layout();
        WritableImage shot = scene.snapshot(null);
        int w = (int) shot.getWidth();
        int h = (int) shot.getHeight();
        int[] argb = new int[w * h];
        PixelReader reader = shot.getPixelReader();
        reader.getPixels(0, 0, w, h, WritablePixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        return out;
    }

    /** Whole decades around the values of coordinate {@code i}. */
    private static double[] range(Map<String, List<double[]>> series, int i) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (List<double[]> points : series.values()) {
            for (double[] p : points) {
                if (p[i] > 0) {
                    lo = Math.min(lo, Math.log10(p[i]));
                    hi = Math.max(hi, Math.log10(p[i]));
                }
            }
        }
        if (lo > hi) {
            return new double[]{0, 1};
        }
        return new double[]{Math.floor(lo), Math.max(Math.floor(lo) + 1, Math.ceil(hi))};
    }

    private static NumberAxis logAxis(String label, double[] range, String unit) {
        NumberAxis a = new NumberAxis(label, range[0], range[1], 1);
        a.setMinorTickCount(0);
        a.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                double v = Math.pow(10, n.doubleValue());
                return (v >= 1e6 ? String.format(Locale.ROOT, "%.0fM", v / 1e6) : v >= 1e3 ? String.format(Locale.ROOT, "%.0fK", v / 1e3)
                        : v >= 1 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v)) + unit;
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        return a;
    }
}
