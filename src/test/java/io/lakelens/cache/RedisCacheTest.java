package io.lakelens.cache;

import io.lakelens.LakeLensException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link RedisCache} against a real Redis: the TTL of each class, a value in another format
 * read as a miss, the counters, and clearing one table's keys.
 */
class RedisCacheTest {
    static EmbeddedRedis redis;

    @BeforeAll
    static void start() {
        redis = EmbeddedRedis.start(64);
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    /** Patient commands: a busy machine must not turn these puts into timeouts (those are CacheOutageTest's subject). */
    static RedisCache cache(CacheSettings settings) {
        CacheSettings patient = settings.withCommandTimeout(Duration.ofSeconds(30));
        return new RedisCache(CacheConnection.connect(redis.url(), CacheStatus.EMBEDDED, "test Redis", null, patient), patient);
    }

    static RespClient admin() throws IOException {
        return RespClient.open("127.0.0.1", redis.port(), redis.password(), 5_000);
    }

    static CacheKey key(String table, TtlClass c, String hash) {
        return c == TtlClass.FALLBACK ? new CacheKey(table, CacheKey.ANY_VERSION, c, hash) : new CacheKey(table, 3, c, hash);
    }

    @Test
    void eachTtlClassHasItsKeySegmentAndTheSeedsLifetime() {
        Map<TtlClass, String> segments = new EnumMap<>(Map.of(TtlClass.REALTIME, "price", TtlClass.QUERIES, "search",
                TtlClass.ANALYTICS, "analytics", TtlClass.FALLBACK, "last"));
        Map<TtlClass, Duration> ttls = new EnumMap<>(Map.of(TtlClass.REALTIME, Duration.ofSeconds(1), TtlClass.QUERIES,
                Duration.ofMinutes(5), TtlClass.ANALYTICS, Duration.ofHours(1), TtlClass.FALLBACK, Duration.ofHours(24)));
        for (TtlClass c : TtlClass.values()) {
            assertEquals(segments.get(c), c.keyClass(), c.name());
            assertEquals(ttls.get(c), c.defaultTtl(), c.name());
            assertEquals(ttls.get(c), CacheSettings.defaults().ttl(c), c.name());
        }
        assertEquals("lakelens:trades:v3:price:ab12", key("trades", TtlClass.REALTIME, "ab12").text());
        assertEquals("lakelens:trades:v3:analytics:ab12", key("trades", TtlClass.ANALYTICS, "ab12").text());
        assertEquals("lakelens:trades:last:search:ab12", key("trades", TtlClass.FALLBACK, "ab12").text());

        CacheSettings env = CacheSettings.fromEnvironment(Map.of("LAKELENS_TTL_REALTIME", "7", "LAKELENS_TTL_FALLBACK", "60"));
        assertEquals(Duration.ofSeconds(7), env.ttl(TtlClass.REALTIME));
        assertEquals(Duration.ofMinutes(1), env.ttl(TtlClass.FALLBACK));
        assertEquals(Duration.ofMinutes(5), env.ttl(TtlClass.QUERIES), "classes not named keep their default");
        for (String bad : List.of("0", "-5", "soon", "1.5")) {
            LakeLensException e = assertThrows(LakeLensException.class,
                    () -> CacheSettings.fromEnvironment(Map.of("LAKELENS_TTL_QUERIES", bad)));
            assertEquals(1, e.getMessage().lines().count());
        }
    }

    @Test
    void eachValueIsStoredWithTheTtlOfItsClass() throws Exception {
        // far apart, so the check needs no clock: each TTL lies between its class's and the one below
        CacheSettings s = CacheSettings.defaults();
        Map<TtlClass, Duration> ttls = new EnumMap<>(TtlClass.class);
        int i = 1;
        for (TtlClass c : TtlClass.values()) {
            ttls.put(c, Duration.ofSeconds(1000L * i++));
            s = s.withTtl(c, ttls.get(c));
        }
        try (RedisCache cache = cache(s); RespClient admin = admin()) {
            for (TtlClass c : TtlClass.values()) {
                CacheKey k = key("ttl_table", c, "h" + c.ordinal());
                assertTrue(cache.put(k, new byte[]{1, 2, 3}).join(), c.name());
                long pttl = (Long) admin.call("PTTL", k.text());
                long ms = ttls.get(c).toMillis();
                assertTrue(pttl > ms - 1000_000 && pttl <= ms, c + ": " + k + " has PTTL " + pttl + ", its class " + ms);
            }
        }
    }

    /** Strings with a format tag, as a real codec has: bytes of another tag are refused. */
    record TaggedCodec(String tag) implements ValueCodec<String> {
        public byte[] encode(String value) {
            return (tag + ":" + value).getBytes(StandardCharsets.UTF_8);
        }

        public String decode(byte[] bytes) {
            String s = new String(bytes, StandardCharsets.UTF_8);
            if (!s.startsWith(tag + ":")) {
                throw new IllegalArgumentException("not " + tag);
            }
            return s.substring(tag.length() + 1);
        }
    }

    @Test
    void aValueInAnotherFormatIsAMissThatIsRecomputedAndOverwritten() {
        try (RedisCache cache = cache(CacheSettings.defaults())) {
            CacheKey k = key("codec_table", TtlClass.QUERIES, "c1");
            cache.put(k, new TaggedCodec("v1").encode("old answer")).join();
            AtomicInteger loads = new AtomicInteger();
            long errorsBefore = cache.counters().errors();
            Lookup<String> first = cache.getOrCompute(k, new TaggedCodec("v2"), () -> "new answer #" + loads.incrementAndGet(),
                    Runnable::run).join();
            assertEquals(Lookup.Outcome.MISS, first.outcome());
            assertEquals("new answer #1", first.value());
            assertEquals(errorsBefore + 1, cache.counters().errors(), "the unreadable value is counted");
            assertArrayEquals(new TaggedCodec("v2").encode("new answer #1"), cache.get(k).join().orElseThrow(), "overwritten");
            Lookup<String> second = cache.getOrCompute(k, new TaggedCodec("v2"), () -> "new answer #" + loads.incrementAndGet(),
                    Runnable::run).join();
            assertEquals(Lookup.Outcome.HIT, second.outcome());
            assertEquals("new answer #1", second.value());
            assertEquals(1, loads.get(), "the loader ran once");
        }
    }

    @Test
    void countersAddUpWhatTheCacheDid() {
        CacheCounters none = new CacheCounters(0, 0, 0, 0, 0, 0, 0);
        assertEquals(0, none.hitRatio());
        assertEquals(0, none.misses());
        CacheCounters some = new CacheCounters(8, 6, 1, 3, 100, 50, 0.4);
        assertEquals(2, some.misses());
        assertEquals(0.75, some.hitRatio());

        try (RedisCache cache = cache(CacheSettings.defaults())) {
            cache.put(key("count_table", TtlClass.QUERIES, "a"), new byte[10]).join();
            cache.put(key("count_table", TtlClass.QUERIES, "b"), new byte[20]).join();
            cache.put(key("count_table", TtlClass.ANALYTICS, "c"), new byte[30]).join();
            cache.get(key("count_table", TtlClass.QUERIES, "a")).join();
            cache.get(key("count_table", TtlClass.ANALYTICS, "c")).join();
            cache.get(key("count_table", TtlClass.QUERIES, "missing")).join();
            CacheCounters c = cache.counters();
            assertEquals(3, c.puts());
            assertEquals(60, c.bytesWritten());
            assertEquals(3, c.gets());
            assertEquals(2, c.hits());
            assertEquals(1, c.misses());
            assertEquals(40, c.bytesRead());
            assertEquals(0, c.errors());
            assertTrue(c.getEwmaMs() > 0, "GET latency is measured");
        }
    }

    @Test
    void clearingATableRemovesEveryKeyOfItAndNoKeyOfAnother() throws Exception {
        // price keys live a second by default: long enough here that none expires before the count
        try (RedisCache cache = cache(CacheSettings.defaults().withTtl(TtlClass.REALTIME, Duration.ofHours(1)));
             RespClient admin = admin()) {
            List<CompletableFuture<Boolean>> puts = new ArrayList<>();
            // more than one SCAN page (1,000), in every class
            for (int n = 0; n < 1203; n++) {
                puts.add(cache.put(key("alpha", TtlClass.values()[n % 4], "k" + n), new byte[]{(byte) n}));
            }
            for (String other : List.of("alphabet", "beta")) {
                for (TtlClass c : TtlClass.values()) {
                    puts.add(cache.put(key(other, c, "k"), new byte[]{7}));
                }
            }
            puts.forEach(CompletableFuture::join);
            assertEquals(1203, ((List<?>) admin.call("KEYS", "lakelens:alpha:*")).size());

            assertEquals(1203, cache.clear("alpha"));
            assertEquals(0, ((List<?>) admin.call("KEYS", "lakelens:alpha:*")).size());
            assertEquals(4, ((List<?>) admin.call("KEYS", "lakelens:alphabet:*")).size(), "a table whose name starts alike keeps its keys");
            assertEquals(4, ((List<?>) admin.call("KEYS", "lakelens:beta:*")).size());
            assertEquals(0, cache.clear("alpha"), "nothing left to clear");
        }
        try (RedisCache down = new RedisCache(CacheConnection.none("no cache", Optional.empty()), CacheSettings.defaults())) {
            assertEquals(0, down.clear("beta"));
            assertFalse(down.get(key("beta", TtlClass.QUERIES, "k")).join().isPresent());
        }
    }
}
