package io.lakelens.cli;

import io.lakelens.reliability.ChildJvm;
import io.lakelens.search.StrategyKind;
import io.lakelens.ui.kit.UiServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code lakelens gui} and {@code lakelens screenshots} through the real command line. */
class WindowCommandsTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * A second JVM as a terminal on a server would start it: no DISPLAY, no WAYLAND_DISPLAY and
     * no headless platform chosen (this test JVM renders with Monocle, which needs no display).
     */
    @Test
    void guiWithoutADisplaySaysSoInOneLineAndExitsOne() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ChildJvm.javaExecutable());
        cmd.addAll(ChildJvm.jvmFlags());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "gui", "--lake", dir.resolve("lake").toString(), "--no-redis"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().remove("LAKELENS_JAVA_OPTS");
        Process p = pb.start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "gui returned instead of waiting for a window");
        String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8).strip();
        String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8).strip();
        assertEquals(1, p.exitValue(), err);
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.startsWith("lakelens: no display") && err.contains("xvfb-run") && err.contains("screenshots"), err);
        assertEquals("", out);
        assertFalse(Files.exists(dir.resolve("lake").resolve("market_data")), "nothing was generated");
    }

    /** Kept after the run (under target/) so the pictures can be looked at. */
    private static final Path SHOTS = Path.of("target", "test-screenshots");

    /**
     * The one full screenshot run of the suite, through the command line: it generates a tiny
     * lake, renders every tab's scenes, the dialogs and the compact layout, and exits 0 only if
     * no scene failed.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // generates a tiny lake and renders every tab
    void screenshotsOfATinyLakeWriteEveryExpectedPictureNoneBlankNoneFailed() throws Exception {
        String theme = System.getProperty("lakelens.test.theme", "light");
        Path out = SHOTS.resolve(theme).toAbsolutePath();
        Run r = run("screenshots", "--out", out.toString(), "--dataset", "tiny", "--theme", theme,
                "--lake", dir.resolve("lake").toString(), "--no-redis");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("Generating the Tiny dataset"), r.out());
        Path folder = out.resolve("tiny");
        List<String> expected = new ArrayList<>(List.of("01-overview.png", "02-search-aapl.png",
                "03-financial-analytics.png", "04-market-volatility.png", "05-sector-analysis.png",
                "06-time-travel-query.png", "07-performance-stats.png",
                "08-compact-overview.png", "09-compact-search-results.png",
                "data-versioning-timeline.png", "time-travel-version-query.png", "time-travel-timestamp-query.png",
                "time-travel-diff.png", "time-travel-risk-analysis.png", "time-travel-audit-trail.png",
                "sql-console.png", "compaction-health.png", "compaction-before-after.png", "vacuum-simulator.png",
                "help-about.png", "error-dialog.png", "import-wizard.png", "preferences.png",
                "search-compact.png", "time-travel-compact.png", "audit-compact.png", "analytics-compact.png",
                "compaction-compact.png", "performance-compact.png", "cache.png", "live-quotes.png", "backtest.png", "quality.png"));
        for (StrategyKind k : StrategyKind.values()) {
            expected.add(k.id() + "/search-aapl.png");
            expected.add(k.id() + "/sector-technology.png");
            expected.add(k.id() + "/paged-page-2.png");
        }
        List<Path> written;
        try (Stream<Path> s = Files.walk(folder)) {
            written = s.filter(p -> p.toString().endsWith(".png")).toList();
        }
        assertTrue(r.out().contains("Wrote " + written.size() + " screenshots to " + folder), r.out());
        for (String name : expected) {
            assertTrue(Files.isRegularFile(folder.resolve(name)), name + " missing; wrote " + written);
        }
        for (Path png : written) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertTrue(image != null, png + " is not a PNG");
            assertTrue(image.getWidth() >= 400 && image.getHeight() >= 300, png + " is " + image.getWidth() + "x" + image.getHeight());
            assertTrue(luminanceStdDev(image) > 20, png + " looks blank (almost one colour)");
        }
        BufferedImage compact = ImageIO.read(folder.resolve("08-compact-overview.png").toFile());
        assertTrue(compact.getWidth() < UiServices.COMPACT_WIDTH, "the compact pictures are narrow");
    }

    @Test
    void screenshotsRefuseABadThemeOrSizeInOneLine() {
        for (String[] args : List.of(new String[]{"--theme", "purple"}, new String[]{"--dataset", "gigantic"},
                new String[]{"--dataset", "xlarge"})) {
            List<String> all = new ArrayList<>(List.of("screenshots", "--out", dir.resolve("shots").toString()));
            all.addAll(List.of(args));
            Run r = run(all.toArray(String[]::new));
            String e = r.err().strip();
            assertEquals(1, r.code(), String.join(" ", args) + ": " + e);
            assertEquals(1, e.lines().count(), e);
            assertTrue(e.startsWith("lakelens: "), e);
        }
        assertFalse(Files.exists(dir.resolve("shots")), "nothing written");
    }

    /** Standard deviation of pixel luminance (0..255): a blank or one-colour image is near 0. */
    static double luminanceStdDev(BufferedImage image) {
        double sum = 0;
        double sumSq = 0;
        long n = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                double l = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
                sum += l;
                sumSq += l * l;
                n++;
            }
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, sumSq / n - mean * mean));
    }
}
