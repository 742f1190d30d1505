package io.lakelens.search;

import io.lakelens.Config;
import io.lakelens.TestLakes;
import io.lakelens.cache.CacheConnection;
import io.lakelens.cache.CacheSettings;
import io.lakelens.cache.CacheStatus;
import io.lakelens.cache.EmbeddedRedis;
import io.lakelens.cache.RedisCache;
import io.lakelens.cache.RedisProvider;
import io.lakelens.cache.TableVersions;
import io.lakelens.data.Tables.MarketData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cache failing in every way a real Redis can: killed, restarted, wrong password, nothing listening. */
class CacheOutageTest {
    @TempDir
    static Path lake;
    static SearchHarness h;

    @BeforeAll
    static void start() {
        h = new SearchHarness(lake, SearchSettings.defaults().withWarmNextPage(false).withTermIndexMinBytes(0)
                .withHybridSlowCacheMs(60_000));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 300 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    @Test
    void redisKilledMidRunEveryStrategyAnswersFromDeltaAndTheCacheComesBackByItself() throws Exception {
        List<CacheStatus> seen = new CopyOnWriteArrayList<>();
        h.cache.addStatusListener(seen::add);
        SearchRequest r = SearchRequest.of("AAPL");
        long version = h.engine.latestVersion(MarketData.NAME);
        // what every answer must be: a plain Spark read of the same version, not the service's own word
        SqlTruth.Answer truth = SqlTruth.of(h.engine, r, version);
        assertEquals(30, truth.total());
        assertEquals(truth, SqlTruth.of(h.search(r, StrategyKind.CACHE_FIRST)));
        SearchResult hit = h.search(r, StrategyKind.CACHE_FIRST);
        assertTrue(hit.cacheHit());
        assertEquals(truth, SqlTruth.of(hit), "the cached page is the same page");

        h.redis.kill();
        await("the cache is reported down", () -> h.cache.status() == CacheStatus.DOWN);
        for (StrategyKind k : StrategyKind.values()) {
            SearchResult during = h.search(r, k);
            assertEquals(truth, SqlTruth.of(during), k.id());
            assertEquals(version, during.version(), k.id());
            assertFalse(during.fallback(), k.id() + ": Delta answers, so nothing is a fallback");
            assertEquals(SearchResult.Source.DELTA, during.source(), k.id());
            assertFalse(during.cacheHit(), k.id());
        }
        assertTrue(h.search(r, StrategyKind.CACHE_FIRST).reason().orElseThrow().startsWith("cache down"));
        assertTrue(h.search(r, StrategyKind.HYBRID).reason().orElseThrow().startsWith("cache down"));

        h.redis.startProcess(); // same port, same password: what a restarted server looks like
        await("the connection comes back by itself", () -> h.cache.status() == CacheStatus.EMBEDDED);
        SearchResult refill = h.search(r, StrategyKind.CACHE_FIRST);
        assertFalse(refill.cacheHit()); // a restarted Redis is empty
        assertEquals(truth, SqlTruth.of(refill));
        SearchResult again = h.search(r, StrategyKind.CACHE_FIRST);
        assertTrue(again.cacheHit());
        assertEquals(truth, SqlTruth.of(again));
        await("listeners heard both changes", () -> seen.contains(CacheStatus.DOWN) && seen.contains(CacheStatus.EMBEDDED));
        assertTrue(seen.indexOf(CacheStatus.DOWN) < seen.lastIndexOf(CacheStatus.EMBEDDED), seen.toString());
    }

    @Test
    void wrongPasswordOrNothingListeningAtStartUpRunsWithoutCacheAndSaysWhy() throws IOException {
        Config base = TestLakes.config(lake).withRedis(Optional.empty(), false);
        CacheSettings settings = CacheSettings.defaults();

        String wrong = "redis://:not-the-password@127.0.0.1:" + h.redis.port() + "/0";
        try (CacheConnection c = RedisProvider.connect(base.withRedis(Optional.of(wrong), false), settings,
                RedisProvider.EmbeddedLifetime.PROCESS)) {
            assertEquals(CacheStatus.NONE, c.status());
            String w = c.warning().orElseThrow();
            assertTrue(w.contains("refused the credentials") && w.endsWith("running without a cache."), w);
            assertFalse(w.contains("not-the-password"), "a warning must never show the password: " + w);
            assertEquals(1, w.lines().count());
        }

        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (CacheConnection c = RedisProvider.connect(base.withRedis(Optional.of("redis://127.0.0.1:" + closed), false),
                settings, RedisProvider.EmbeddedLifetime.PROCESS)) {
            assertEquals(CacheStatus.NONE, c.status());
            assertTrue(c.warning().orElseThrow().contains("cannot be reached"), c.warning().orElseThrow());
            // and search still works, through Delta
            try (RedisCache none = new RedisCache(c, settings);
                 DefaultSearchService s = new DefaultSearchService(h.engine, none,
                         new TableVersions(h.engine, none, java.time.Duration.ofSeconds(1)), SearchSettings.defaults().withTermIndexMinBytes(0))) {
                SearchResult r = s.searchNow(SearchRequest.of("apple"), StrategyKind.CACHE_FIRST);
                SqlTruth.Answer truth = SqlTruth.of(h.engine, SearchRequest.of("apple"), h.engine.latestVersion(MarketData.NAME));
                assertEquals(30, truth.total());
                assertEquals(truth, SqlTruth.of(r));
                assertFalse(r.fallback());
                assertTrue(r.reason().orElseThrow().startsWith("cache none: read Delta (kernel, 1 of 3 files"), r.reason().orElseThrow());
                assertFalse(s.searchNow(SearchRequest.of("apple"), StrategyKind.CACHE_FIRST).cacheHit());
            }
        }

        try (CacheConnection c = RedisProvider.connect(base.withRedis(Optional.of("http://example.com"), false), settings,
                RedisProvider.EmbeddedLifetime.PROCESS)) {
            assertEquals(CacheStatus.NONE, c.status());
            assertTrue(c.warning().orElseThrow().contains("is not a Redis URL"), c.warning().orElseThrow());
        }
    }

    @Test
    void anEmbeddedRedisListensOnLoopbackOnlyWantsItsPasswordAndStopsOnClose() throws IOException {
        Path emptyLake = lake.resolve("no-shared-redis-here");
        Config cfg = TestLakes.config(emptyLake).withRedis(Optional.empty(), false);
        EmbeddedRedis redis;
        try (CacheConnection c = RedisProvider.connect(cfg, CacheSettings.defaults(), RedisProvider.EmbeddedLifetime.PROCESS)) {
            assertEquals(CacheStatus.EMBEDDED, c.status());
            assertTrue(c.description().startsWith("embedded Redis"), c.description());
            redis = c.embedded().orElseThrow();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), redis.port())) {
                s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] reply = new byte[64];
                int n = s.getInputStream().read(reply);
                assertTrue(new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("-NOAUTH"), "a password is required");
            }
            assertTrue(redis.isAlive());
        }
        assertFalse(redis.isAlive());
        assertFalse(emptyLake.resolve(".lakelens").resolve("redis.json").toFile().exists());
    }

    @Test
    void hybridBypassesACacheSlowerThanItsThresholdAndSaysSo() {
        SearchSettings strict = SearchSettings.defaults().withWarmNextPage(false).withHybridSlowCacheMs(1e-6);
        try (DefaultSearchService s = new DefaultSearchService(h.engine, h.cache, h.versions, strict)) {
            SearchRequest r = SearchRequest.of("TSLA");
            s.searchNow(r, StrategyKind.CACHE_FIRST);
            assertTrue(s.searchNow(r, StrategyKind.CACHE_FIRST).cacheHit());
            SearchResult hybrid = s.searchNow(r, StrategyKind.HYBRID);
            assertFalse(hybrid.cacheHit());
            assertEquals(SqlTruth.of(h.engine, r, h.engine.latestVersion(MarketData.NAME)), SqlTruth.of(hybrid));
            assertEquals(SearchResult.Source.DELTA, hybrid.source());
            assertTrue(hybrid.reason().orElseThrow().startsWith("cache slow (GET ≈ "), hybrid.reason().orElseThrow());
        }
    }

    @Test
    void cacheKeysNameTheTableAndVersion() {
        SearchColumns defaults = new SearchColumns(MarketData.NAME, List.of(), false);
        SearchCore.Resolved v = new SearchCore.Resolved(MarketData.NAME, 7, "abc", defaults);
        String key = io.lakelens.cache.CacheKeys.search(v.table(), v.identity(), v.version(),
                SearchPlan.normalised(SearchRequest.of("AAPL"), defaults, false)).text();
        assertTrue(key.matches("lakelens:market_data:v7:search:[0-9a-f]{64}"), key);
        String same = io.lakelens.cache.CacheKeys.search(v.table(), v.identity(), v.version(),
                SearchPlan.normalised(SearchRequest.of("aapl"), defaults, false)).text();
        assertEquals(key, same, "ASCII queries differing only in case share an entry");
    }
}
