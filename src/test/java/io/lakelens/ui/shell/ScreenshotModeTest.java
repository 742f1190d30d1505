package io.lakelens.ui.shell;

import io.lakelens.Config;
import io.lakelens.TestLakes;
import io.lakelens.data.DatasetSize;
import io.lakelens.search.StrategyKind;
import io.lakelens.ui.WorkbenchTabs;
import io.lakelens.ui.kit.UiServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScreenshotModeTest {
    /** Kept after the run (under target/) so the pictures can be looked at. */
    private static final Path SHOTS = Path.of("target", "test-screenshots");

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void screenshotModeGeneratesTheDatasetAndWritesEveryTabsPicturesNoneBlankNoneFailed(@TempDir Path tmp) throws Exception {
        Path lake = tmp.resolve("lake");
        Config config = TestLakes.config(lake);
        StringWriter log = new StringWriter();
        String theme = System.getProperty("lakelens.test.theme", "light");

        ScreenshotRun.Outcome outcome = ScreenshotRun.run(config,
                new ScreenshotRun.Options(SHOTS.resolve(theme), DatasetSize.TINY, Themes.parse(theme), Optional.of(lake)),
                WorkbenchTabs.all(), new PrintWriter(log, true));

        assertTrue(log.toString().contains("Generating the Tiny dataset"), log.toString());
        List<String> expected = new ArrayList<>(List.of("01-overview.png", "02-search-aapl.png",
                "03-financial-analytics.png", "04-market-volatility.png", "05-sector-analysis.png",
                "06-time-travel-query.png", "07-performance-stats.png",
                "08-compact-overview.png", "09-compact-search-results.png",
                "data-versioning-timeline.png", "time-travel-version-query.png", "time-travel-timestamp-query.png",
                "time-travel-diff.png", "time-travel-risk-analysis.png", "time-travel-audit-trail.png",
                "sql-console.png", "compaction-health.png", "compaction-before-after.png", "vacuum-simulator.png"));
        expected.addAll(List.of("search-compact.png", "time-travel-compact.png", "audit-compact.png", "analytics-compact.png",
                "compaction-compact.png", "performance-compact.png"));
        for (StrategyKind k : StrategyKind.values()) {
            expected.add(k.id() + "/search-aapl.png");
            expected.add(k.id() + "/sector-technology.png");
            expected.add(k.id() + "/paged-page-2.png");
        }
        // Every tab's scenes must be captured: a scene that fails in any tab fails the run.
        assertEquals(List.of(), outcome.failures(), log.toString());
        for (String name : expected) {
            Path file = outcome.folder().resolve(name);
            assertTrue(Files.isRegularFile(file), name + " was not written; log:\n" + log);
            BufferedImage image = ImageIO.read(file.toFile());
            assertTrue(image.getWidth() >= 700 && image.getHeight() >= 600, name + " is " + image.getWidth() + "x" + image.getHeight());
            assertTrue(luminanceStdDev(image) > 20, name + " looks blank (almost one colour)");
        }
        for (String dialog : List.of("import-wizard.png", "preferences.png")) {
            BufferedImage image = ImageIO.read(outcome.folder().resolve(dialog).toFile());
            assertTrue(luminanceStdDev(image) > 20, dialog + " looks blank (almost one colour)");
        }
        BufferedImage compact = ImageIO.read(outcome.folder().resolve("08-compact-overview.png").toFile());
        assertTrue(compact.getWidth() < UiServices.COMPACT_WIDTH, "the compact pictures are narrow");
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
