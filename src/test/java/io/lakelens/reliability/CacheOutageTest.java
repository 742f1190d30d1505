package io.lakelens.reliability;

import io.lakelens.TestLakes;
import io.lakelens.cache.CacheConnection;
import io.lakelens.cache.CacheSettings;
import io.lakelens.cache.CacheStatus;
import io.lakelens.cache.EmbeddedRedis;
import io.lakelens.cache.RedisCache;
import io.lakelens.cache.TableVersions;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.LakeEngine;
import io.lakelens.search.DefaultSearchService;
import io.lakelens.search.MarketDataFixture;
import io.lakelens.search.SearchRequest;
import io.lakelens.search.SearchResult;
import io.lakelens.search.SearchSettings;
import io.lakelens.search.SqlTruth;
import io.lakelens.search.StrategyKind;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A load of mixed searches while Redis is stopped, paused, restarted empty and out of memory.
 * Every search must be answered, from the table's current version (or be marked as a
 * fallback), with the same rows Delta gives; and the cache must come back by itself.
 */
class CacheOutageTest {
    @TempDir
    static Path lake;
    static LakeEngine engine;
    static EmbeddedRedis redis;
    static RedisCache cache;
    static DefaultSearchService search;

    @BeforeAll
    static void start() {
        engine = TestLakes.engine(lake);
        MarketDataFixture.create(engine);
        redis = EmbeddedRedis.start(64);
        CacheSettings cs = CacheSettings.defaults().withReconnectMaxDelay(Duration.ofMillis(200));
        cache = new RedisCache(CacheConnection.connect(redis.url(), CacheStatus.EMBEDDED, "test Redis", null, cs), cs);
        search = new DefaultSearchService(engine, cache, new TableVersions(engine, cache, Duration.ofMillis(200)),
                SearchSettings.defaults());
    }

    @AfterAll
    static void stop() {
        search.close();
        cache.close();
        redis.close();
    }

    static final List<SearchRequest> MIX = List.of(SearchRequest.of(""), SearchRequest.of("AAPL"),
            SearchRequest.of("technology"), SearchRequest.of("").withPage(3),
            SearchRequest.of("").withFilters(SearchRequest.Filters.NONE.withSector("Energy")),
            SearchRequest.of("").withPageSize(50));

    String paused = "";
    int answered;
    int wrong;
    int failed;
    int hits;
    int fallbacks;
    final List<String> problems = new ArrayList<>();
    final Map<String, SqlTruth.Answer> truth = new HashMap<>();

    /**
     * What every strategy must answer at a version: a plain Spark read of the table folder at
     * that version, filtered and paged without the search service.
     */
    SqlTruth.Answer truth(SearchRequest r, long version) {
        return truth.computeIfAbsent(r + "@" + version, k -> SqlTruth.of(engine, r, version));
    }

    void load(String phase, int rounds) {
        load(phase, rounds, search, List.of(StrategyKind.values()));
    }

    /**
     * Runs the mix through the strategies. An answer must come from the latest version with its
     * rows, or be marked as a fallback: then it must be an older or equal version and hold exactly
     * that version's rows.
     */
    void load(String phase, int rounds, DefaultSearchService service, List<StrategyKind> kinds) {
        for (int i = 0; i < rounds; i++) {
            for (SearchRequest r : MIX) {
                for (StrategyKind k : kinds) {
                    long version = engine.latestVersion(MarketData.NAME);
                    try {
                        SearchResult res = service.searchNow(r, k);
                        answered++;
                        hits += res.cacheHit() ? 1 : 0;
                        SqlTruth.Answer got = SqlTruth.of(res);
                        if (res.fallback()) {
                            fallbacks++;
                            if (res.version() < 0 || res.version() > version || !got.equals(truth(r, res.version()))) {
                                wrong++;
                                problems.add(phase + " " + k + " fallback v" + res.version() + ": " + got + " but v" + res.version()
                                        + " holds " + (res.version() < 0 ? "nothing" : truth(r, res.version())));
                            }
                        } else if (res.version() != version || !got.equals(truth(r, version))) {
                            wrong++;
                            problems.add(phase + " " + k + " v" + res.version() + " (expected v" + version + "): " + got
                                    + " instead of " + truth(r, version));
                        }
                    } catch (RuntimeException e) {
                        failed++;
                        problems.add(phase + " " + k + ": " + e.getMessage());
                    }
                }
            }
        }
    }

    @Test
    void everySearchIsAnsweredFromTheRightVersionThroughEveryKindOfOutage() throws Exception {
        load("warm", 1);
        redis.kill();
        load("stopped", 1);
        MarketDataFixture.appendDay(engine, "AAPL", MarketDataFixture.FIRST_DAY.plusDays(60), 199.0); // a new version meanwhile
        load("stopped, new version", 1);
        redis.startProcess(); // same port and password, empty: nothing is persisted
        int hitsBefore = hits;
        load("restarted empty", 3);
        assertTrue(hits > hitsBefore, "the cache serves hits again after the restart without any help");

        RedisClient admin = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> c = admin.connect()) {
            c.setTimeout(Duration.ofSeconds(10));
            // DEBUG is off by default since Redis 7 (enable-debug-command); CLIENT PAUSE freezes clients the same way
            String pause;
            try {
                debugSleep(c, "0").get();
                pause = "DEBUG SLEEP 3";
                var sleeping = debugSleep(c, "3");
                load("paused (" + pause + ")", 1);
                sleeping.get();
            } catch (java.util.concurrent.ExecutionException debugOff) {
                pause = "CLIENT PAUSE 3000";
                c.sync().clientPause(3000);
                load("paused (" + pause + ")", 1);
            }
            paused = pause;
            c.sync().flushall();
            c.sync().configSet("maxmemory-policy", "noeviction");
            c.sync().configSet("maxmemory", "1");
            load("out of memory (noeviction)", 1);
            c.sync().configSet("maxmemory", "64mb");
            c.sync().configSet("maxmemory-policy", "allkeys-lru");
        } finally {
            admin.shutdown();
        }
        MarketDataFixture.appendDay(engine, "MSFT", LocalDate.of(2024, 4, 1), 400.0);
        hitsBefore = hits;
        load("recovered, new version", 2);
        assertTrue(hits > hitsBefore, "hits again once memory is back");

        // Delta slower than the breaker allows: every circuit-breaker answer is a fallback, the
        // newest cached answer to the same search, which must hold exactly its version's rows
        int fallbacksBefore = fallbacks;
        SearchSettings impatient = SearchSettings.defaults().withBreaker(50, 100, Duration.ofSeconds(1), Duration.ofNanos(1));
        try (DefaultSearchService slowDelta = new DefaultSearchService(engine, cache,
                new TableVersions(engine, cache, Duration.ofMillis(200)), impatient)) {
            load("Delta too slow (breaker)", 1, slowDelta, List.of(StrategyKind.CIRCUIT_BREAKER));
        }
        assertEquals(MIX.size(), fallbacks - fallbacksBefore, "each search of the mix fell back: " + problems);

        ReliabilitySuite.record(new ScenarioResult("cache outages during searches", answered + failed, failed + wrong, 0,
                "Redis stopped, restarted empty, " + paused + ", maxmemory 1 B noeviction, 2 commits, Delta slower than "
                        + "the breaker's timeout; " + answered
                        + " answered, " + hits + " cache hits, " + fallbacks + " fallbacks; every answer compared with a plain "
                        + "Spark read of its version: " + wrong + " wrong"
                        + (problems.isEmpty() ? "" : "; " + problems.subList(0, Math.min(5, problems.size())))));
        assertEquals(0, failed, problems.toString());
        assertEquals(0, wrong, problems.toString());
    }

    static io.lettuce.core.RedisFuture<String> debugSleep(StatefulRedisConnection<String, String> c, String seconds) {
        var codec = io.lettuce.core.codec.StringCodec.UTF8;
        return c.async().dispatch(io.lettuce.core.protocol.CommandType.DEBUG, new io.lettuce.core.output.StatusOutput<>(codec),
                new io.lettuce.core.protocol.CommandArgs<>(codec).add("SLEEP").add(seconds));
    }

    @Test
    void embeddedRedisListensOnLoopbackOnlyAndRequiresItsPassword() throws IOException {
        String hexPort = String.format("%04X", redis.port());
        List<String> listening = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.exists(p)) {
                continue;
            }
            List<String> lines = Files.readAllLines(p); // read once: the table changes between two reads
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[1].endsWith(":" + hexPort) && f[3].equals("0A")) {
                    listening.add(f[1].substring(0, f[1].indexOf(':')));
                }
            }
        }
        assertTrue(!listening.isEmpty(), "Redis listens on its port");
        for (String addr : listening) {
            assertTrue(addr.equals("0100007F") || addr.equals("00000000000000000000000001000000"),
                    "listens on loopback only, not " + addr);
        }
        try (var socket = new java.net.Socket("127.0.0.1", redis.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("PING\r\n".getBytes());
            String reply = new String(socket.getInputStream().readNBytes(7));
            assertTrue(reply.startsWith("-NOAUTH"), "a client without the password is refused: " + reply);
        }
        assertTrue(redis.password().length() >= 24, "the password is generated, not a default");
        ReliabilitySuite.record(new ScenarioResult("embedded Redis exposure", 2, 0, 0,
                "listening only on " + listening + " (loopback); PING without password refused with NOAUTH"));
    }
}
