package io.lakelens.ui.shell;

import io.lakelens.UserHome;
import io.lakelens.Config;
import io.lakelens.LakeLensException;
import io.lakelens.cache.FeedPrices;
import io.lakelens.data.DatasetSize;
import io.lakelens.data.MarketFeed;
import io.lakelens.data.LakeGenerator;
import io.lakelens.data.Tables;
import io.lakelens.ui.kit.LakeState;
import io.lakelens.ui.kit.RunningTask;
import io.lakelens.ui.kit.ScreenshotScene;
import io.lakelens.ui.kit.TaskContext;
import io.lakelens.ui.kit.ErrorDialog;
import io.lakelens.ui.kit.UiErrors;
import javafx.scene.control.Alert;
import javafx.scene.control.Dialog;
import io.lakelens.ui.kit.UiServices;
import io.lakelens.ui.kit.WorkbenchTab;
import javafx.stage.Stage;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * {@code lakelens screenshots}: the real window, off-screen, driven through every tab's
 * {@link ScreenshotScene}s, each written as a PNG stamped with dataset, version, strategy and time.
 */
public final class ScreenshotRun {
    /** Window size of the normal pictures. */
    public static final double WIDTH = 1440;
    public static final double HEIGHT = 900;
    /** Window size of the compact (narrow) pictures: under {@link UiServices#COMPACT_WIDTH}. */
    public static final double COMPACT_WIDTH = 760;
    public static final double COMPACT_HEIGHT = 1000;
    /** Scenes taken again in the compact layout, and the names they get there. */
    static final Map<String, String> COMPACT = Map.of(
            "01-overview.png", "08-compact-overview.png",
            "02-search-aapl.png", "09-compact-search-results.png");
    /** Long enough for the scenes that train a model or check every version's data quality on a busy machine. */
    private static final long SCENE_TIMEOUT_S = 420;

    /**
     * @param out   the output folder; pictures go to {@code out/{size}/}
     * @param size  the dataset to show (generated when its lake is empty)
     * @param theme light or dark
     * @param lake  a lake to use instead of {@code ~/.lakelens/screenshot-lakes/{size}}
     */
    public record Options(Path out, DatasetSize size, Themes theme, Optional<Path> lake) {
    }

    /** What a run wrote and what it could not. */
    public record Outcome(Path folder, List<Path> written, List<String> failures) {
    }

    private ScreenshotRun() {
    }

    public static Path screenshotLakes() {
        return Path.of(System.getProperty("user.home"), ".lakelens", "screenshot-lakes");
    }

    public static Path lakeFor(DatasetSize size) {
        return screenshotLakes().resolve(size.name().toLowerCase(Locale.ROOT));
    }

    /** Runs the capture; the toolkit must have been started headless (see {@link Toolkits#headless()}). */
    public static Outcome run(Config base, Options options, List<WorkbenchTab.Factory> tabFactories, PrintWriter out) {
        Path lake = options.lake().orElseGet(() -> lakeFor(options.size())).toAbsolutePath().normalize();
        try {
            Files.createDirectories(lake);
        } catch (IOException e) {
            throw new LakeLensException("Cannot create the lake folder " + lake + ": " + e.getMessage(), e);
        }
        Path folder = options.out().toAbsolutePath().normalize().resolve(options.size().name().toLowerCase(Locale.ROOT));
        Config config = base.withLake(lake);
        Toolkits.start();
        WorkbenchWindow window = Toolkits.onFx(() -> {
            Stage stage = new Stage();
            WorkbenchWindow w = new WorkbenchWindow(stage, config, tabFactories, WorkbenchSettings.inMemory(), options.theme());
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(WIDTH);
            stage.setHeight(HEIGHT);
            w.show();
            return w;
        });
        List<Path> written = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Shots shots = new Shots(written, failures, out);
        try {
            UiServices services = window.workbench().services();
            LakeState state = services.lake();
            waitUntil("the lake to be read", () -> Toolkits.onFx(() -> state.loadedProperty().get()), 120);
            if (Toolkits.onFx(state::isEmpty)) {
                generate(window, options.size(), lake, out);
            }
            boolean hasMarketData = Toolkits.onFx(() -> state.tables().contains(Tables.MarketData.NAME));
            if (!hasMarketData) {
                throw new LakeLensException("The lake " + lake + " has no " + Tables.MarketData.NAME
                        + " table; point --lake at a generated lake or at an empty folder.");
            }
            waitUntil("Spark and the record count", () -> Toolkits.onFx(() -> state.rowsProperty().get() >= 0
                    && state.tableVersionProperty().get() >= 0), 600);
            out.printf(Locale.ROOT, "Capturing %s (%,d records) from %s%n", Toolkits.onFx(() -> state.datasetProperty().get()),
                    Toolkits.onFx(() -> state.rowsProperty().get()), lake);
            out.flush();

            List<WorkbenchTab> tabs = window.workbench().tabs();
            for (int i = 0; i < tabs.size(); i++) {
                int index = i;
                Toolkits.onFx(() -> window.view().select(index));
                for (ScreenshotScene scene : Toolkits.onFx(() -> tabs.get(index).screenshotScenes())) {
                    capture(window, scene, folder.resolve(scene.fileName()), shots);
                }
            }
            captureLiveQuotes(window, folder.resolve("live-quotes.png"), shots);
            captureDialog(() -> About.dialog(window.stage(), services), folder.resolve("help-about.png"), shots);
            captureDialog(() -> {
                Alert a = ErrorDialog.build(window.stage(), "Search", new LakeLensException(
                        "Table 'market_dta' is not in the lake; its tables are market_data, trading_transactions.",
                        new java.io.FileNotFoundException("market_dta/_delta_log")), UserHome.logFolder(), services.notifier());
                a.getDialogPane().setExpanded(true);
                return a;
            }, folder.resolve("error-dialog.png"), shots);
            captureDialog(() -> PreferencesDialog.build(window.stage(), window.preferences()), folder.resolve("preferences.png"),
                    shots);
            captureImportWizard(window, folder.resolve("import-wizard.png"), shots);
            Toolkits.onFx(() -> {
                window.stage().setWidth(COMPACT_WIDTH);
                window.stage().setHeight(COMPACT_HEIGHT);
            });
            for (int i = 0; i < tabs.size(); i++) {
                int index = i;
                for (ScreenshotScene scene : Toolkits.onFx(() -> tabs.get(index).screenshotScenes())) {
                    String compactName = COMPACT.get(scene.fileName());
                    if (compactName != null) {
                        Toolkits.onFx(() -> window.view().select(index));
                        capture(window, scene, folder.resolve(compactName), shots);
                    }
                }
            }
            // every tab in the compact layout, as the tab's own scenes left it
            for (int i = 0; i < tabs.size(); i++) {
                int index = i;
                Toolkits.onFx(() -> window.view().select(index));
                String name = Toolkits.onFx(() -> tabs.get(index).id()) + "-compact.png";
                capture(window, new ScreenshotScene(name, () -> CompletableFuture.completedFuture(null)), folder.resolve(name), shots);
            }
        } finally {
            Toolkits.onFx(() -> window.stage().close());
            window.close();
        }
        return new Outcome(folder, written, failures);
    }

    private static void generate(WorkbenchWindow window, DatasetSize size, Path lake, PrintWriter out) {
        out.printf(Locale.ROOT, "Generating the %s dataset (%,d market-data rows) into %s%n", size.label(), size.rows(), lake);
        out.flush();
        UiServices services = window.workbench().services();
        long t0 = System.nanoTime();
        DatasetGeneration.generate(new LakeGenerator(services.engine()), size, DatasetGeneration.DEFAULT_SEED, new ConsoleProgress(out));
        out.printf(Locale.ROOT, "Generated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        out.flush();
        RunningTask refresh = Toolkits.onFx(() -> services.lake().refresh());
        waitUntil("the lake to be re-read", () -> Toolkits.onFx(refresh::isDone), 120);
    }

    /** The pictures of one run: each written, or its failure noted, and said on the console as it goes. */
    private record Shots(List<Path> written, List<String> failures, PrintWriter out) {
        @FunctionalInterface
        interface Picture {
            BufferedImage take() throws Exception;
        }

        void take(Path file, Picture picture) {
            try {
                Png.write(picture.take(), file);
                written.add(file);
                out.println("  wrote " + file);
            } catch (TimeoutException e) {
                failures.add(file.getFileName() + ": not ready within " + SCENE_TIMEOUT_S + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(file.getFileName() + ": interrupted");
            } catch (Exception e) {
                failures.add(file.getFileName() + ": " + UiErrors.message(e));
            }
            out.flush();
        }
    }

    private static void capture(WorkbenchWindow window, ScreenshotScene scene, Path file, Shots shots) {
        shots.take(file, () -> {
            CompletableFuture<?> ready = Toolkits.onFx(() -> scene.prepare().get().toCompletableFuture());
            ready.get(SCENE_TIMEOUT_S, TimeUnit.SECONDS);
            settle();
            return Toolkits.onFx(() -> window.snapshot(null));
        });
    }

    /**
     * The window with the watchlist strip after a few batches of a live feed run in this process
     * (its prices reach the strip through Redis as another process's would); without Redis, the
     * strip's Delta closes.
     */
    private static void captureLiveQuotes(WorkbenchWindow window, Path file, Shots shots) {
        UiServices services = window.workbench().services();
        WatchlistViewModel watchlist = window.view().watchlist();
        shots.take(file, () -> {
            MarketFeed feed = null;
            try {
                Toolkits.onFx(() -> window.view().select(0));
                waitUntil("the watchlist's quotes", () -> Toolkits.onFx(() -> !watchlist.quotes().isEmpty()), 120);
                var ctx = services.context();
                if (!services.config().noRedis() && ctx.cache().status().isUp()) {
                    feed = new MarketFeed(services.engine(), Tables.MarketData.NAME, 200, java.time.Duration.ofMillis(500));
                    feed.onBatch(new FeedPrices(ctx.cache(), ctx.tableVersions()));
                    feed.onBatch(b -> services.tasks().ui(() -> services.lake().versionPublished(b.table(), b.version())));
                    MarketFeed running = feed;
                    running.start();
                    // a few ticks: every symbol of the strip live, with some history of live prices
                    try {
                        waitUntil("live prices in the watchlist", () -> running.stats().batches() >= 3 && Toolkits.onFx(() ->
                                watchlist.quotes().stream().allMatch(q -> q.source() == WatchlistViewModel.Source.LIVE)), 60);
                    } catch (LakeLensException notAll) {
                        // a symbol the feed does not tick keeps its Delta close: the picture shows that
                    }
                }
                settle();
                Thread.sleep(WatchlistViewModel.COALESCE_MS * 2);
                return Toolkits.onFx(() -> window.snapshot(null));
            } finally {
                if (feed != null) {
                    feed.stop();
                }
            }
        });
    }

    /** Shows a dialog of the window, snapshots its pane, and closes it. */
    private static void captureDialog(java.util.function.Supplier<? extends Dialog<?>> dialog, Path file, Shots shots) {
        shots.take(file, () -> dialogPicture(dialog));
    }

    private static BufferedImage dialogPicture(java.util.function.Supplier<? extends Dialog<?>> dialog) throws InterruptedException {
        Dialog<?> alert = Toolkits.onFx(() -> {
            Dialog<?> a = dialog.get();
            a.show();
            return a;
        });
        settle();
        BufferedImage image = Toolkits.onFx(() -> {
            alert.getDialogPane().applyCss();
            alert.getDialogPane().layout();
            return Png.toBuffered(alert.getDialogPane().getScene().snapshot(null));
        });
        Toolkits.onFx(() -> {
            alert.close();
            return null;
        });
        return image;
    }

    /**
     * The import wizard over a small CSV written for it (one row that does not fit once a column
     * is given a number type), after the type change, so the preview and the bad rows both show.
     */
    private static void captureImportWizard(WorkbenchWindow window, Path file, Shots shots) {
        shots.take(file, () -> {
            Path dir = Files.createTempDirectory("lakelens-import-shot");
            try {
                Path csv = dir.resolve("desk_fills.csv");
                Files.writeString(csv, """
                        fill_id,symbol,venue,qty,price,filled_at
                        1,AAPL,XNAS,100,189.95,2024-03-01 14:30:00
                        2,MSFT,XNAS,250,415.10,2024-03-01 14:31:12
                        3,SAP,XETR,ten,176.40,2024-03-01 14:32:40
                        4,ASML,XAMS,40,905.00,2024-03-01 14:35:05
                        5,NESN,XSWX,300,96.12,2024-03-01 14:36:51
                        """);
                ImportWizard wizard = Toolkits.onFx(() -> {
                    ImportWizard w = ImportWizard.create(csv, window.workbench().services(), window.stage());
                    w.dialog().show();
                    return w;
                });
                Toolkits.onFx(() -> wizard.model().analyse()).get(SCENE_TIMEOUT_S, TimeUnit.SECONDS);
                Toolkits.onFx(() -> wizard.model().setType("qty", "int")).get(SCENE_TIMEOUT_S, TimeUnit.SECONDS);
                return dialogPicture(wizard::dialog);
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.deleteIfExists(p);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a temporary file left in the temp folder
                }
            }
        });
    }

    /** Lets queued UI updates and a layout pass happen before the snapshot. */
    private static void settle() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            Toolkits.onFx(() -> null);
            Thread.sleep(50);
        }
    }

    private static void waitUntil(String what, BooleanSupplier condition, long timeoutSeconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new LakeLensException("Gave up waiting for " + what + " after " + timeoutSeconds + " s.");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LakeLensException("Interrupted while waiting for " + what + ".");
            }
        }
    }

    /** Generation progress as lines on the console, one per step. */
    private static final class ConsoleProgress implements TaskContext {
        private final PrintWriter out;
        private String lastStep = "";

        ConsoleProgress(PrintWriter out) {
            this.out = out;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public synchronized void progress(double fraction, String step) {
            if (!step.equals(lastStep)) {
                lastStep = step;
                out.printf(Locale.ROOT, "  %3.0f%%  %s%n", Math.max(0, fraction) * 100, step);
                out.flush();
            }
        }

        @Override
        public void onCancel(Runnable hook) {
            // a console run is not cancelled from inside; Ctrl+C ends the process
        }
    }
}
