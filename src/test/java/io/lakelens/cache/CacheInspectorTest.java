package io.lakelens.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakelens.LakeLensException;
import io.lakelens.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link CacheInspector} and {@code lakelens stats --cache} against a real embedded Redis. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CacheInspectorTest {
    static EmbeddedRedis redis;
    static RedisCache cache;

    @BeforeAll
    static void start() {
        redis = EmbeddedRedis.start(64);
        // patient connect and commands: a busy machine must not turn this test into an outage test
        CacheSettings d = CacheSettings.defaults();
        CacheSettings patient = new CacheSettings(Duration.ofSeconds(30), Duration.ofSeconds(30), d.reconnectMaxDelay(), d.ttls(),
                d.embeddedMaxMemoryMb(), d.sharedIdle());
        cache = new RedisCache(CacheConnection.connect(redis.url(), CacheStatus.EMBEDDED, "test Redis", null, patient), patient);
    }

    @AfterAll
    static void stop() {
        cache.close();
        redis.close();
    }

    static RespClient admin() throws IOException {
        return RespClient.open("127.0.0.1", redis.port(), redis.password(), 5_000);
    }

    @Test
    void countsKeysByClassAndTableAndReadsTheServersOwnFigures() throws Exception {
        byte[] v = {1, 2, 3};
        for (int i = 0; i < 3; i++) {
            cache.put(new CacheKey("market_data", 7, TtlClass.QUERIES, "a" + i), v).get(10, TimeUnit.SECONDS);
        }
        cache.put(new CacheKey("market_data", 7, TtlClass.ANALYTICS, "b1"), v).get(10, TimeUnit.SECONDS);
        cache.put(new CacheKey("market_data", CacheKey.ANY_VERSION, TtlClass.FALLBACK, "c1"), v).get(10, TimeUnit.SECONDS);
        cache.put(new CacheKey("trading_transactions", 2, TtlClass.QUERIES, "d1"), v).get(10, TimeUnit.SECONDS);
        cache.put(new CacheKey("trading_transactions", 2, TtlClass.QUERIES, "d2"), v).get(10, TimeUnit.SECONDS);
        CacheKey quote = new CacheKey("market_data", 7, TtlClass.REALTIME, "e1");
        try (RespClient a = admin()) {
            a.callText("SET", "someone-else:key", "x");
            a.callText("CONFIG", "SET", "slowlog-log-slower-than", "0");  // log every command
        }
        assertEquals(Optional.of(v).map(String::new), cache.get(new CacheKey("market_data", 7, TtlClass.QUERIES, "a0"))
                .get(10, TimeUnit.SECONDS).map(String::new));
        assertTrue(cache.get(new CacheKey("market_data", 7, TtlClass.QUERIES, "missing")).get(10, TimeUnit.SECONDS).isEmpty());
        // a quote lives one second; wait until Redis has expired it (EXISTS expires a due key itself)
        cache.put(quote, v).get(10, TimeUnit.SECONDS);
        try (RespClient a = admin()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!a.callText("EXISTS", quote.text()).equals("0") && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }

        CacheInspection c = CacheInspector.inspect(cache);
        assertTrue(c.redisVersion().matches("\\d+\\.\\d+\\.\\d+"), c.redisVersion());
        assertEquals(64L * 1024 * 1024, c.maxMemory());
        assertEquals("allkeys-lru", c.evictionPolicy());
        assertTrue(c.usedMemory() > 0 && c.usedMemory() < c.maxMemory());
        assertEquals(0, c.evictedKeys());
        assertTrue(c.expiredKeys() >= 1, "the quote expired");
        assertEquals(Map.of(TtlClass.REALTIME, 0L, TtlClass.QUERIES, 5L, TtlClass.ANALYTICS, 1L, TtlClass.FALLBACK, 1L),
                c.keysByClass());
        assertEquals(Map.of("market_data", 5L, "trading_transactions", 2L), c.keysByTable());
        assertEquals("market_data", c.keysByTable().keySet().iterator().next(), "most keys first");
        assertEquals(1, c.otherKeys());
        assertTrue(c.hits() >= 1 && c.misses() >= 1, c.hits() + "/" + c.misses());
        assertTrue(c.hitRatio() > 0 && c.hitRatio() < 1);
        assertTrue(c.slowLog().stream().anyMatch(e -> e.command().contains("lakelens:market_data")), c.slowLog().toString());
        assertTrue(c.slowLog().size() <= CacheInspector.SLOW_ENTRIES);
    }

    @Test
    void theCommandPrintsRedisFiguresAndACacheThatIsOffIsOneLine(@TempDir Path lake) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[]{"stats", "--cache", "--format", "json", "--lake", lake.toString(), "--redis", redis.url()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        JsonNode n = new ObjectMapper().readTree(out.toString());
        assertEquals("allkeys-lru", n.get("evictionPolicy").asText());
        assertEquals(64L * 1024 * 1024, n.get("maxMemory").asLong());
        assertTrue(n.get("keysByClass").has("QUERIES"), n.toString());

        StringWriter text = new StringWriter();
        assertEquals(0, Main.execute(new String[]{"stats", "--cache", "--lake", lake.toString(), "--redis", redis.url()},
                new PrintWriter(text, true), new PrintWriter(new StringWriter(), true)));
        assertTrue(text.toString().contains("eviction policy") && text.toString().contains("Slow log"), text.toString());

        StringWriter off = new StringWriter();
        assertEquals(1, Main.execute(new String[]{"stats", "--cache", "--lake", lake.toString(), "--no-redis"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(off, true)));
        assertEquals(1, off.toString().strip().lines().count(), off.toString());
        assertTrue(off.toString().startsWith("lakelens: No Redis to inspect"), off.toString());
        assertThrows(LakeLensException.class, () -> CacheInspector.inspect(new RedisCache(
                CacheConnection.none("off", Optional.empty()), CacheSettings.defaults())));
    }
}
