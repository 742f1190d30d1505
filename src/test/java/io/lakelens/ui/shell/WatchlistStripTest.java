package io.lakelens.ui.shell;

import io.lakelens.TestLakes;
import io.lakelens.cache.CacheConnection;
import io.lakelens.cache.CacheSettings;
import io.lakelens.cache.RedisCache;
import io.lakelens.cache.TableVersions;
import io.lakelens.lake.LakeEngine;
import io.lakelens.search.DefaultSearchService;
import io.lakelens.search.MarketDataFixture;
import io.lakelens.search.SearchSettings;
import io.lakelens.ui.kit.Notifier;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The watchlist strip on the headless toolkit: a real lake, no Redis, so Delta's closes. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WatchlistStripTest {
    @TempDir
    static Path lake;

    @Test
    void withRedisOffTheStripShowsEachSymbolsLatestCloseAndItsChange() throws Exception {
        LakeEngine engine = TestLakes.engine(lake);
        MarketDataFixture.create(engine);
        Toolkits.headless();
        Toolkits.start();
        try (io.lakelens.ui.kit.UiTaskExecutor tasks = new io.lakelens.ui.kit.UiTaskExecutor(e -> { });
             RedisCache none = new RedisCache(CacheConnection.none("no cache", Optional.empty()), CacheSettings.defaults());
             DefaultSearchService search = new DefaultSearchService(engine, none, new TableVersions(engine, none, Duration.ofSeconds(1)),
                     SearchSettings.defaults());
             WatchlistViewModel model = new WatchlistViewModel(null, () -> new TableVersions(engine, none, Duration.ofSeconds(1)), search,
                     List::of, List.of("AAPL", "TSLA"), x -> { }, tasks)) {
            WatchlistStrip strip = Toolkits.onFx(() -> {
                WatchlistStrip s = new WatchlistStrip(model, new Notifier(Runnable::run));
                new Scene(s, 1200, 40);
                return s;
            });
            CountDownLatch shown = new CountDownLatch(1);
            Toolkits.onFx(() -> model.quotes().addListener((ListChangeListener<WatchlistViewModel.Quote>) c -> {
                if (model.quotes().size() == 2) {
                    shown.countDown();
                }
            }));
            model.start();
            assertTrue(shown.await(120, TimeUnit.SECONDS), "the strip never got its quotes");
            List<String> texts = Toolkits.onFx(() -> {
                strip.applyCss();
                strip.layout();
                return List.of(((Label) strip.lookup("#quote-AAPL")).getText(), ((Label) strip.lookup("#change-AAPL")).getText(),
                        ((Label) strip.lookup("#quote-TSLA")).getText(), ((Label) strip.lookup("#watchlistStatus")).getText());
            });
            assertEquals("207.75", texts.get(0));
            assertEquals("+0.61%", texts.get(1), "change against the previous close, 206.50");
            assertEquals(String.format(java.util.Locale.ROOT, "%,.2f", 240.0 + 29 * 0.75 + 1.0), texts.get(2));
            assertTrue(texts.get(3).contains("Delta"), texts.get(3));
        }
    }
}
