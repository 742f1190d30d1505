package io.lakelens.ui.performance;

import io.lakelens.cache.FeedPrices;
import io.lakelens.data.MarketFeed;
import io.lakelens.lake.ingest.StreamJournal;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.ScreenshotScene;
import io.lakelens.ui.kit.UiServices;
import io.lakelens.ui.kit.WorkbenchTab;
import javafx.scene.Node;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The Performance tab: live charts of searches, cache, feed, heap and Spark jobs, a load
 * generator and the live feed's Start/Stop, the Redis cache, and the lake's streams. Sampling runs while the tab is shown and stops when
 * the analyst leaves it (the charts keep what they have); a running load or feed goes on until
 * stopped, and its searches are counted in the first sample after the analyst returns.
 */
public final class PerformanceTab implements WorkbenchTab {
    private final PerformanceViewModel model;
    private final CacheViewModel cache;
    private final StreamsViewModel streams;
    private final PerformanceView view;

    private final UiServices services;

    public PerformanceTab(UiServices services) {
        this.services = services;
        var ctx = services.context();
        // The context's search service (and its Redis) is built on first use: only ever from the
        // sampler or a task thread, never here on the FX thread.
        this.model = ctx.own(new PerformanceViewModel(services.engine(), services.search(), () -> ctx.search().metrics(),
                services.tasks(), services.notifier(), rate -> {
                    MarketFeed feed = new MarketFeed(services.engine(), rate);
                    if (!services.config().noRedis()) {
                        feed.onBatch(new FeedPrices(ctx.cache(), ctx.tableVersions()));
                    }
                    feed.onBatch(b -> services.tasks().ui(() -> services.lake().versionPublished(b.table(), b.version())));
                    return feed;
                }));
        this.cache = ctx.own(new CacheViewModel(ctx::cache,
                services.config().noRedis() ? "The cache is off: the window was started with --no-redis, so every search reads Delta." : null,
                services.tasks(), services.notifier()));
        this.streams = ctx.own(new StreamsViewModel(
                () -> StreamJournal.read(services.engine(), StreamsViewModel.BATCHES), services.tasks()));
        this.view = new PerformanceView(model, cache, streams);
    }

    PerformanceViewModel model() {
        return model;
    }

    @Override
    public String id() {
        return "performance";
    }

    @Override
    public String title() {
        return "Performance";
    }

    @Override
    public AppIcon icon() {
        return AppIcon.PERFORMANCE;
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public void onShown() {
        model.startSampling();
        cache.startRefreshing(); // F5 comes here too: it reads Redis at once
        streams.startRefreshing();
    }

    @Override
    public void onHidden() {
        model.stopSampling();
        cache.stopRefreshing();
        streams.stopRefreshing();
    }

    CacheViewModel cache() {
        return cache;
    }

    @Override
    public List<ScreenshotScene> screenshotScenes() {
        return List.of(new ScreenshotScene("07-performance-stats.png", this::liveStats),
                new ScreenshotScene("cache.png", this::cachePanel));
    }

    /** The Cache section, read afresh (the load of the scene before has filled the cache). */
    private CompletionStage<?> cachePanel() {
        view.showCache(true);
        return cache.refresh();
    }

    /** Load on all four strategies and the feed running, charts filled for 20 seconds; both stop after. */
    private CompletionStage<?> liveStats() {
        view.showCache(false);
        model.startSampling();
        model.windowMinutesProperty().set(1);
        model.loadRateProperty().set(5);
        model.feedRateProperty().set(500);
        CompletableFuture<Void> started = model.startLoad().thenCompose(x -> model.startFeed());
        return started.thenCompose(x -> {
            CompletableFuture<Void> filled = new CompletableFuture<>();
            CompletableFuture.delayedExecutor(20, TimeUnit.SECONDS).execute(() -> filled.complete(null));
            filled.thenRun(() -> CompletableFuture.delayedExecutor(3, TimeUnit.SECONDS).execute(() -> services.tasks().ui(() -> {
                model.stopLoad();
                model.stopFeed();
            })));
            return filled;
        });
    }
}
