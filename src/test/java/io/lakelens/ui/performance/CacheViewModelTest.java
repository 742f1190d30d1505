package io.lakelens.ui.performance;

import io.lakelens.ViewModelTest;
import io.lakelens.cache.CacheConnection;
import io.lakelens.cache.CacheKey;
import io.lakelens.cache.CacheSettings;
import io.lakelens.cache.CacheStatus;
import io.lakelens.cache.EmbeddedRedis;
import io.lakelens.cache.RedisCache;
import io.lakelens.cache.TtlClass;
import io.lakelens.ui.kit.CurrentThreadTaskExecutor;
import io.lakelens.ui.kit.Notifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Cache panel's model against a real embedded Redis (and without one). */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@ViewModelTest
class CacheViewModelTest {
    static EmbeddedRedis redis;
    static RedisCache cache;

    @BeforeAll
    static void start() {
        redis = EmbeddedRedis.start(64);
        CacheSettings d = CacheSettings.defaults();
        // patient: a busy machine must not turn this into an outage test
        CacheSettings patient = new CacheSettings(Duration.ofSeconds(30), Duration.ofSeconds(30), d.reconnectMaxDelay(), d.ttls(),
                d.embeddedMaxMemoryMb(), d.sharedIdle());
        cache = new RedisCache(CacheConnection.connect(redis.url(), CacheStatus.EMBEDDED, "test Redis", null, patient), patient);
    }

    @AfterAll
    static void stop() {
        cache.close();
        redis.close();
    }

    private static void put(String table, TtlClass c, String hash) throws Exception {
        long version = c == TtlClass.FALLBACK ? CacheKey.ANY_VERSION : 3;
        assertTrue(cache.put(new CacheKey(table, version, c, hash), new byte[]{1, 2}).get(30, TimeUnit.SECONDS));
    }

    private static Map<String, Long> shown(CacheViewModel model) {
        Map<String, Long> m = new LinkedHashMap<>();
        model.tables().forEach(t -> m.put(t.table(), t.keys()));
        return m;
    }

    @Test
    void showsTheServerVersionAndKeysByTableAsWrittenAndFlushingATableRemovesOnlyItsKeys() throws Exception {
        for (int i = 0; i < 4; i++) {
            put("panel_a", TtlClass.QUERIES, "a" + i);
        }
        put("panel_a", TtlClass.FALLBACK, "a9");
        put("panel_b", TtlClass.ANALYTICS, "b1");
        put("panel_b", TtlClass.QUERIES, "b2");
        // a table whose name starts like another's must keep its keys when that one is flushed
        put("panel_a2", TtlClass.QUERIES, "c1");
        CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();
        Notifier notifier = new Notifier(Runnable::run);
        try (CacheViewModel model = new CacheViewModel(() -> cache, null, tasks, notifier)) {
            model.refresh().get(60, TimeUnit.SECONDS);
            assertEquals("", model.offReasonProperty().get());
            assertTrue(model.inspectionProperty().get().redisVersion().matches("\\d+\\.\\d+\\.\\d+"),
                    model.inspectionProperty().get().redisVersion());
            assertTrue(model.facts().stream().anyMatch(f -> f.name().equals("Redis version")
                    && f.value().equals(model.inspectionProperty().get().redisVersion())));
            assertTrue(model.facts().stream().anyMatch(f -> f.name().equals("Server") && f.value().contains("test Redis")));
            Map<String, Long> before = shown(model);
            assertEquals(5L, before.get("panel_a"));
            assertEquals(2L, before.get("panel_b"));
            assertEquals(1L, before.get("panel_a2"));
            assertEquals(1L, model.classes().stream().filter(c -> c.ttlClass() == TtlClass.FALLBACK)
                    .mapToLong(CacheViewModel.ClassKeys::keys).sum());

            assertEquals(5L, model.flush("panel_a").get(60, TimeUnit.SECONDS));
            Map<String, Long> after = shown(model);
            assertFalse(after.containsKey("panel_a"), after.toString());
            assertEquals(2L, after.get("panel_b"));
            assertEquals(1L, after.get("panel_a2"));
            assertTrue(cache.get(new CacheKey("panel_b", 3, TtlClass.QUERIES, "b2")).get(30, TimeUnit.SECONDS).isPresent());
            assertTrue(cache.get(new CacheKey("panel_a", 3, TtlClass.QUERIES, "a0")).get(30, TimeUnit.SECONDS).isEmpty());
            assertTrue(tasks.failures().isEmpty(), tasks.failures().toString());
        }
    }

    @Test
    void theTickOfTheExecutorRereadsRedisUntilStopped() throws Exception {
        CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();
        try (CacheViewModel model = new CacheViewModel(() -> cache, null, tasks, new Notifier(Runnable::run))) {
            model.startRefreshing();
            assertTrue(model.isRefreshing());
            put("panel_tick", TtlClass.QUERIES, "e1");
            assertFalse(shown(model).containsKey("panel_tick"), "not read again before the tick");
            tasks.tick();
            assertEquals(1L, shown(model).get("panel_tick"));
            model.stopRefreshing();
            assertFalse(model.isRefreshing());
        }
    }

    @Test
    void withoutRedisThePanelSaysTheCacheIsOffAndWhyWithoutAnError() throws Exception {
        CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();
        Notifier notifier = new Notifier(Runnable::run);
        try (RedisCache none = new RedisCache(CacheConnection.none("no Redis configured", Optional.of("Redis is not installed")),
                CacheSettings.defaults());
             CacheViewModel model = new CacheViewModel(() -> none, null, tasks, notifier)) {
            model.refresh().get(60, TimeUnit.SECONDS);
            assertNull(model.inspectionProperty().get());
            String why = model.offReasonProperty().get();
            assertTrue(why.startsWith("The cache is off") && why.contains("no Redis configured") && why.contains("Redis is not installed"),
                    why);
            assertTrue(model.tables().isEmpty());
            assertTrue(notifier.notices().isEmpty(), notifier.notices().toString());
            assertTrue(tasks.failures().isEmpty());
        }
        try (CacheViewModel model = new CacheViewModel(() -> {
            throw new AssertionError("a window started with --no-redis never asks for the cache");
        }, "The cache is off: started with --no-redis.", new CurrentThreadTaskExecutor(), notifier)) {
            model.refresh().get(60, TimeUnit.SECONDS);
            assertEquals("The cache is off: started with --no-redis.", model.offReasonProperty().get());
        }
    }
}
