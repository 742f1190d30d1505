package io.lakelens.analytics;

import io.lakelens.LakeLensException;
import io.lakelens.TestLakes;
import io.lakelens.cache.CacheConnection;
import io.lakelens.cache.CacheSettings;
import io.lakelens.cache.CacheStatus;
import io.lakelens.cache.EmbeddedRedis;
import io.lakelens.cache.RedisCache;
import io.lakelens.cache.TableVersions;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import io.lakelens.search.StrategyKind;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Analyses through the four strategies over a real Redis process. */
class AnalyticsCacheTest {
    @TempDir
    static Path lake;
    static EmbeddedRedis redis;
    static RedisCache cache;
    static LakeEngine engine;
    static TableVersions versions;
    static AnalyticsService analytics;

    @BeforeAll
    static void lakeAndRedis() {
        engine = TestLakes.engine(lake);
        HandMadeLake.build(engine);
        redis = EmbeddedRedis.start(64);
        CacheSettings cs = CacheSettings.defaults().withReconnectMaxDelay(Duration.ofMillis(200));
        cache = new RedisCache(CacheConnection.connect(redis.url(), CacheStatus.EMBEDDED, "test Redis", null, cs), cs);
        versions = new TableVersions(engine, cache, Duration.ofSeconds(5));
        analytics = new AnalyticsService(engine, () -> cache, () -> versions);
    }

    @AfterAll
    static void stop() {
        analytics.close();
        cache.close();
        redis.close();
    }

    static AnalysisResult run(AnalysisRequest r, StrategyKind k) {
        return analytics.run(r, k, new CancelHandle());
    }

    @Test
    void secondIdenticalAnalysisIsACacheHitUnderAVersionKey() {
        AnalysisRequest r = AnalysisRequest.of(AnalysisKind.MOVERS).withTop(2).withRange(HandMadeLake.D1, HandMadeLake.D1.plusDays(3));
        assertTrue(analytics.keyFor(r).text().startsWith("lakelens:market_data:v1:analytics:"), analytics.keyFor(r).text());
        AnalysisResult first = run(r, StrategyKind.CACHE_FIRST);
        AnalysisResult second = run(r, StrategyKind.CACHE_FIRST);
        assertFalse(first.cacheHit());
        assertTrue(first.reason().contains("cache miss"), first.reason());
        assertTrue(second.cacheHit());
        assertEquals(first.data(), second.data());
        assertEquals(first.plan(), second.plan());
        assertEquals(first.versionsRead(), second.versionsRead());
        assertEquals(20.0, ((MoversReport) second.data()).gainers().get(0).changePct(), 1e-9);
    }

    @Test
    void everyKindOfAnswerComesBackFromTheCacheWithItsTypes() {
        for (AnalysisKind k : AnalysisKind.values()) {
            AnalysisRequest r = AnalysisRequest.of(k).withTop(3).withCompareTo(k == AnalysisKind.RISK ? new AsOf.Version(0) : null);
            AnalysisResult fresh = run(r, StrategyKind.DATABASE_ONLY);
            run(r, StrategyKind.CACHE_FIRST);
            AnalysisResult hit = run(r, StrategyKind.CACHE_FIRST);
            assertTrue(hit.cacheHit(), k.id());
            assertEquals(fresh.data(), hit.data(), k.id());
        }
    }

    @Test
    void databaseOnlyNeitherReadsNorWritesTheCache() {
        AnalysisRequest r = AnalysisRequest.of(AnalysisKind.SECTOR).withTop(7);
        assertFalse(run(r, StrategyKind.DATABASE_ONLY).cacheHit());
        AnalysisResult afterwards = run(r, StrategyKind.CACHE_FIRST);
        assertFalse(afterwards.cacheHit(), "database-only stored nothing");
        assertFalse(run(r, StrategyKind.DATABASE_ONLY).cacheHit(), "and reads nothing");
    }

    @Test
    void hybridSendsTimeTravelToDeltaAndTheRestToTheCache() {
        AnalysisRequest latest = AnalysisRequest.of(AnalysisKind.VOLATILITY).withTop(2);
        run(latest, StrategyKind.CACHE_FIRST);
        AnalysisResult hot = run(latest, StrategyKind.HYBRID);
        assertTrue(hot.cacheHit());
        AnalysisRequest past = latest.withAsOf(new AsOf.Version(1));
        run(past, StrategyKind.CACHE_FIRST);
        AnalysisResult timeTravel = run(past, StrategyKind.HYBRID);
        assertFalse(timeTravel.cacheHit());
        assertTrue(timeTravel.reason().contains("time travel goes to Delta"), timeTravel.reason());
    }

    @Test
    void aCommitMakesTheCachedAnswerUnreachable(@TempDir Path own) {
        LakeEngine e = TestLakes.engine(own);
        HandMadeLake.build(e);
        TableVersions v = new TableVersions(e, cache, Duration.ofSeconds(5));
        try (AnalyticsService a = new AnalyticsService(e, () -> cache, () -> v)) {
            AnalysisRequest r = AnalysisRequest.of(AnalysisKind.SECTOR);
            a.run(r, StrategyKind.CACHE_FIRST, new CancelHandle());
            assertTrue(a.run(r, StrategyKind.CACHE_FIRST, new CancelHandle()).cacheHit());
            e.write(MarketData.NAME, "sixth day", s -> {
                s.createDataFrame(List.of(RowFactory.create("AAA", "AAA Corp", "Technology", Date.valueOf(HandMadeLake.D1.plusDays(5)),
                        72.0, 1000L)), HandMadeLake.MARKET).write().format("delta").mode("append").save(e.tablePath(MarketData.NAME).toString());
                return null;
            });
            AnalysisResult after = a.run(r, StrategyKind.CACHE_FIRST, new CancelHandle());
            assertFalse(after.cacheHit());
            assertEquals(2L, after.versionsRead().get(MarketData.NAME));
            // AAA 100 → 72 = −28 %, BBB +10 %: Technology −9 %
            SectorReport.Sector tech = ((SectorReport) after.data()).sectors().stream()
                    .filter(s -> s.sector().equals("Technology")).findFirst().orElseThrow();
            assertEquals(-9.0, tech.returnPct(), 1e-9);
        }
    }

    @Test
    void circuitBreakerFallsBackToTheNewestCachedAnswerWhenDeltaFails(@TempDir Path own) throws Exception {
        LakeEngine e = TestLakes.engine(own);
        HandMadeLake.build(e);
        TableVersions v = new TableVersions(e, cache, Duration.ofSeconds(5));
        try (AnalyticsService a = new AnalyticsService(e, () -> cache, () -> v)) {
            AnalysisRequest r = AnalysisRequest.of(AnalysisKind.SECTOR);
            AnalysisResult fresh = a.run(r, StrategyKind.CIRCUIT_BREAKER, new CancelHandle());
            assertFalse(fresh.fallback());
            assertTrue(fresh.reason().startsWith("breaker closed: read Delta"), fresh.reason());
            // the data files vanish (a bad VACUUM, a broken disk): Delta cannot answer any more
            try (Stream<Path> files = Files.walk(own.resolve(MarketData.NAME))) {
                for (Path p : files.filter(p -> p.toString().endsWith(".parquet")).toList()) {
                    Files.delete(p);
                }
            }
            AnalysisResult fallback = a.run(r, StrategyKind.CIRCUIT_BREAKER, new CancelHandle());
            assertTrue(fallback.fallback());
            assertTrue(fallback.cacheHit());
            assertTrue(fallback.reason().startsWith("Delta failed"), fallback.reason());
            assertEquals(fresh.data(), fallback.data());
            assertEquals(fresh.versionsRead(), fallback.versionsRead());
            var none = assertThrows(LakeLensException.class,
                    () -> a.run(r.withTop(4).withRange(HandMadeLake.D1, null), StrategyKind.CIRCUIT_BREAKER, new CancelHandle()));
            assertTrue(none.getMessage().contains("no cached answer to this analysis"), none.getMessage());
        }
    }

    @Test
    void withoutACacheEveryStrategyAnswersFromDelta() {
        try (AnalyticsService plain = new AnalyticsService(engine)) {
            for (StrategyKind k : StrategyKind.values()) {
                AnalysisResult r = plain.run(AnalysisRequest.of(AnalysisKind.MOVERS), k, new CancelHandle());
                assertFalse(r.cacheHit(), k.id());
                assertNotEquals("", r.reason());
            }
        }
    }
}
