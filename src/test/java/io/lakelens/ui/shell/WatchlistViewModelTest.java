package io.lakelens.ui.shell;

import io.lakelens.TestLakes;
import io.lakelens.ViewModelTest;
import io.lakelens.cache.CacheConnection;
import io.lakelens.cache.CacheSettings;
import io.lakelens.cache.CacheStatus;
import io.lakelens.cache.EmbeddedRedis;
import io.lakelens.cache.FeedPrices;
import io.lakelens.cache.RedisCache;
import io.lakelens.cache.TableVersions;
import io.lakelens.cache.TtlClass;
import io.lakelens.data.FeedBatch;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.LakeEngine;
import io.lakelens.search.DefaultSearchService;
import io.lakelens.search.MarketDataFixture;
import io.lakelens.search.SearchSettings;
import io.lakelens.ui.kit.CurrentThreadTaskExecutor;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live quotes strip's model against a real lake (Spark, Delta) and a real embedded Redis: the
 * price keys the feed's publisher writes, announced on the invalidation channel, and Delta's
 * closes when Redis is off.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@ViewModelTest
class WatchlistViewModelTest {
    @TempDir
    static Path lake;
    static LakeEngine engine;
    static EmbeddedRedis redis;
    static RedisCache cache;
    static TableVersions versions;
    static DefaultSearchService search;
    /** The feed's side: its own connection, as `lakelens feed` in another process has. */
    static RedisCache feedCache;
    static TableVersions feedVersions;

    /** AAPL's last and previous closes in the fixture (day 29 and day 28). */
    static final double AAPL_CLOSE = 207.75;
    static final double AAPL_PREVIOUS = 206.5;

    @BeforeAll
    static void start() {
        engine = TestLakes.engine(lake);
        MarketDataFixture.create(engine);
        redis = EmbeddedRedis.start(64);
        CacheSettings d = CacheSettings.defaults();
        // price keys live longer than their second here: a busy machine must not expire them before the read
        CacheSettings patient = new CacheSettings(Duration.ofSeconds(30), Duration.ofSeconds(30), d.reconnectMaxDelay(), d.ttls(),
                d.embeddedMaxMemoryMb(), d.sharedIdle()).withTtl(TtlClass.REALTIME, Duration.ofSeconds(60));
        cache = new RedisCache(CacheConnection.connect(redis.url(), CacheStatus.EMBEDDED, "test Redis", null, patient), patient);
        versions = new TableVersions(engine, cache, Duration.ofSeconds(1));
        search = new DefaultSearchService(engine, cache, versions, SearchSettings.defaults());
        feedCache = new RedisCache(CacheConnection.connect(redis.url(), CacheStatus.EMBEDDED, "feed's Redis", null, patient), patient);
        feedVersions = new TableVersions(engine, feedCache, Duration.ofSeconds(1));
    }

    @AfterAll
    static void stop() {
        search.close();
        feedCache.close();
        cache.close();
        redis.close();
    }

    /** Waits until the model's quotes satisfy {@code condition}, woken by each change of the list. */
    private static WatchlistViewModel.Quote await(WatchlistViewModel model, String symbol, Predicate<WatchlistViewModel.Quote> condition)
            throws InterruptedException {
        CountDownLatch seen = new CountDownLatch(1);
        ListChangeListener<WatchlistViewModel.Quote> l = c -> {
            if (find(model, symbol).filter(condition).isPresent()) {
                seen.countDown();
            }
        };
        model.quotes().addListener(l);
        try {
            if (find(model, symbol).filter(condition).isEmpty()) {
                assertTrue(seen.await(60, TimeUnit.SECONDS), "the watchlist never showed the expected quote: " + model.quotes());
            }
            return find(model, symbol).orElseThrow();
        } finally {
            model.quotes().removeListener(l);
        }
    }

    private static Optional<WatchlistViewModel.Quote> find(WatchlistViewModel model, String symbol) {
        // the list is replaced as a whole on the publishing thread: read a copy
        return new ArrayList<>(model.quotes()).stream().filter(q -> q.symbol().equals(symbol)).findFirst();
    }

    private static void feed(long version, Map<String, Double> prices) {
        // what the live feed does after a commit: the price keys, then the new version announced
        new FeedPrices(feedCache, feedVersions).accept(new FeedBatch(MarketData.NAME, version, version, prices.size(), 1, 0, prices,
                Instant.now()));
        feedVersions.committed(MarketData.NAME, version);
    }

    @Test
    void showsThePricePublishedByTheFeedAndUpdatesWhenANewOneIsPublished() throws Exception {
        List<List<String>> remembered = new ArrayList<>();
        try (WatchlistViewModel model = new WatchlistViewModel(() -> cache, () -> versions, search, List::of, List.of("AAPL", "MSFT"),
                remembered::add, new CurrentThreadTaskExecutor())) {
            model.start().get(120, TimeUnit.SECONDS);
            WatchlistViewModel.Quote delta = await(model, "AAPL", q -> q.source() == WatchlistViewModel.Source.DELTA);
            assertEquals(AAPL_CLOSE, delta.price(), 1e-9);

            long v = engine.latestVersion(MarketData.NAME) + 100;
            feed(v, Map.of("AAPL", 211.25, "MSFT", 401.5));
            WatchlistViewModel.Quote live = await(model, "AAPL", q -> q.source() == WatchlistViewModel.Source.LIVE && q.price() == 211.25);
            assertEquals(v, live.version());
            assertEquals(211.25 - AAPL_PREVIOUS, live.change(), 1e-9, "change against the previous trading day's close");
            assertEquals(211.25, live.history().get(live.history().size() - 1), 1e-9);
            await(model, "MSFT", q -> q.source() == WatchlistViewModel.Source.LIVE && q.price() == 401.5);

            feed(v + 1, Map.of("AAPL", 209.0));
            WatchlistViewModel.Quote next = await(model, "AAPL", q -> q.price() == 209.0);
            assertEquals(v + 1, next.version());
            List<Double> h = next.history();
            assertEquals(List.of(211.25, 209.0), h.subList(h.size() - 2, h.size()), "the sparkline gains each live price");
            assertEquals(401.5, find(model, "MSFT").orElseThrow().price(), 1e-9, "a symbol the batch did not tick keeps its price");
            assertTrue(h.size() <= WatchlistViewModel.POINTS);
            assertTrue(remembered.isEmpty());
        }
    }

    @Test
    void withRedisOffItShowsTheLatestCloseFromDelta() throws Exception {
        try (WatchlistViewModel model = new WatchlistViewModel(null, () -> versions, search, () -> List.of("AAPL", "JPM", "MSFT", "PFE",
                "TSLA", "XOM"), List.of(), x -> { }, new CurrentThreadTaskExecutor())) {
            model.start().get(120, TimeUnit.SECONDS);
            WatchlistViewModel.Quote q = await(model, "AAPL", x -> x.source() == WatchlistViewModel.Source.DELTA);
            assertEquals(AAPL_CLOSE, q.price(), 1e-9);
            assertEquals(AAPL_CLOSE - AAPL_PREVIOUS, q.change(), 1e-9);
            assertEquals(MarketDataFixture.DAYS, q.history().size(), "the sparkline shows the latest closes");
            assertEquals(WatchlistViewModel.DEFAULT_SYMBOLS, new ArrayList<>(model.quotes()).size(), "no choice shows the first five symbols");
            assertEquals("Delta", model.statusProperty().get(), "the strip says its prices are Delta's closes");
        }
    }

    @Test
    void closingStopsListeningToTheFeed() throws Exception {
        WatchlistViewModel model = new WatchlistViewModel(() -> cache, () -> versions, search, List::of, List.of("PFE"), x -> { },
                new CurrentThreadTaskExecutor());
        model.start().get(120, TimeUnit.SECONDS);
        await(model, "PFE", q -> q.source() == WatchlistViewModel.Source.DELTA);
        model.close();
        CountDownLatch changed = new CountDownLatch(1);
        model.quotes().addListener((ListChangeListener<WatchlistViewModel.Quote>) c -> changed.countDown());
        long v = engine.latestVersion(MarketData.NAME) + 200;
        feed(v, Map.of("PFE", 33.0));
        // a model still listening would show this within its coalescing period; give it many of them
        assertTrue(!changed.await(WatchlistViewModel.COALESCE_MS * 8, TimeUnit.MILLISECONDS), "a closed watchlist changed");
    }

    @Test
    void theChosenSymbolsAreParsedAndRemembered() throws Exception {
        assertEquals(List.of("AAPL", "BRK.B", "MSFT"), WatchlistViewModel.parse(" aapl, brk.b  MSFT,aapl "));
        assertEquals(List.of(), WatchlistViewModel.parse("  "));
        assertThrows(io.lakelens.LakeLensException.class, () -> WatchlistViewModel.parse("AAPL, DROP TABLE;x'"));
        List<List<String>> remembered = new ArrayList<>();
        try (WatchlistViewModel model = new WatchlistViewModel(null, () -> versions, search, List::of, List.of(), remembered::add,
                new CurrentThreadTaskExecutor())) {
            model.choose(List.of("XOM")).get(120, TimeUnit.SECONDS);
            assertEquals(List.of(List.of("XOM")), remembered);
            assertEquals(List.of("XOM"), model.chosen());
            assertEquals(100.0 + 29 * 0.75 + 1.0, await(model, "XOM", q -> !Double.isNaN(q.price())).price(), 1e-9);
        }
    }
}
