package io.lakelens.data;

import io.lakelens.TestLakes;
import io.lakelens.cache.CacheConnection;
import io.lakelens.cache.CacheKey;
import io.lakelens.cache.CacheKeys;
import io.lakelens.cache.CacheSettings;
import io.lakelens.cache.CacheStatus;
import io.lakelens.cache.EmbeddedRedis;
import io.lakelens.cache.FeedPrices;
import io.lakelens.cache.RedisCache;
import io.lakelens.cache.TableVersions;
import io.lakelens.cache.TtlClass;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lakelens.lake.LakeEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The feed against a real Redis: one LakeLens feeds, a second one (another client) hears about it. */
class FeedCacheTest {
    @TempDir
    static Path lake;
    static LakeEngine engine;
    static EmbeddedRedis redis;
    static RedisCache feeding;
    static RedisCache watching;

    @BeforeAll
    static void start() {
        engine = TestLakes.engine(lake);
        MarketTables.create(engine, 4, 3);
        redis = EmbeddedRedis.start(64);
        CacheSettings cs = CacheSettings.defaults().withReconnectMaxDelay(Duration.ofMillis(200));
        // Price keys live a second by default; a minute here, so a busy machine cannot expire them
        // between the batch and the check. Their TTL is read from Redis instead of waited out.
        CacheSettings feedSettings = cs.withTtl(TtlClass.REALTIME, PRICE_TTL);
        feeding = new RedisCache(CacheConnection.connect(redis.url(), CacheStatus.EMBEDDED, "feeding", null, feedSettings),
                feedSettings);
        watching = new RedisCache(CacheConnection.connect(redis.url(), CacheStatus.EMBEDDED, "watching", null, cs), cs);
    }

    @AfterAll
    static void stop() {
        watching.close();
        feeding.close();
        redis.close();
    }

    static final Duration PRICE_TTL = Duration.ofMinutes(1);

    @Test
    void eachBatchVersionReachesASecondClientAndItsPricesAreCached() throws Exception {
        TableVersions versions = new TableVersions(engine, feeding, Duration.ofSeconds(5));
        List<Long> heard = new CopyOnWriteArrayList<>();
        LinkedBlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
        watching.onInvalidation((table, version) -> {
            if (table.equals("market_data")) {
                heard.add(version);
                arrivals.add(version);
            }
        });
        Map<Long, Optional<byte[]>> pricesSeenByWatcher = new ConcurrentHashMap<>();
        MarketFeed feed = new MarketFeed(engine, "market_data", 8, Duration.ofMillis(500));
        feed.onBatch(new FeedPrices(feeding, versions));
        feed.onBatch(b -> {
            String symbol = b.lastPrices().keySet().iterator().next();
            var key = CacheKeys.price("market_data", versions.identity("market_data"), b.version(), symbol);
            pricesSeenByWatcher.put(b.version(), watching.get(key).join());
        });
        FeedStats s = feed.runFor(Duration.ofSeconds(2));
        assertTrue(s.batches() >= 1, s.summary());

        // wait for the announcement of the last batch (a condition, not a fixed sleep)
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!heard.contains(s.lastVersion()) && System.nanoTime() < deadline) {
            arrivals.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        assertTrue(heard.contains(s.lastVersion()), "the second client heard " + heard + ", last batch was " + s.lastVersion());
        assertTrue(heard.contains(s.firstVersion()));
        assertEquals(s.batches(), pricesSeenByWatcher.size());
        for (Optional<byte[]> v : pricesSeenByWatcher.values()) {
            assertTrue(v.isPresent(), "the price key is readable by the other client right after the batch");
            assertTrue(new String(v.get(), StandardCharsets.UTF_8).contains("\"price\":"));
        }
        // the price keys carry the realtime TTL class: set on write, counting down, never longer
        CacheKey key = CacheKeys.price("market_data", versions.identity("market_data"), s.lastVersion(), "SYM0");
        assertEquals(TtlClass.REALTIME, key.ttlClass());
        RedisClient admin = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> c = admin.connect()) {
            long pttl = c.sync().pttl(key.text());
            assertTrue(pttl > 0 && pttl <= PRICE_TTL.toMillis(), "TTL of " + key + " is " + pttl + " ms");
        } finally {
            admin.shutdown();
        }
    }
}
