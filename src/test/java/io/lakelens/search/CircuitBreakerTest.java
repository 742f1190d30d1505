package io.lakelens.search;

import io.lakelens.LakeLensException;
import io.lakelens.cache.CacheConnection;
import io.lakelens.cache.CacheSettings;
import io.lakelens.cache.RedisCache;
import io.lakelens.cache.TableVersions;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CircuitBreakerTest {
    @TempDir
    static Path lake;
    static SearchHarness h;
    static String orders;

    @BeforeAll
    static void start() {
        h = new SearchHarness(lake, SearchSettings.defaults().withWarmNextPage(false)
                .withBreaker(2, 3, Duration.ofSeconds(2), Duration.ofSeconds(30)));
        orders = OrdersFixture.create(h.engine);
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void breakerOpensWhenDeltaFailsServesTheCachedAnswerAndClosesAfterRecovery() throws Exception {
        List<BreakerState> changes = new CopyOnWriteArrayList<>();
        h.service.metrics().addBreakerListener(changes::add);
        SearchRequest r = SearchRequest.of("XOM");
        SearchResult fresh = h.search(r, StrategyKind.CIRCUIT_BREAKER);
        assertEquals(SearchResult.Source.DELTA, fresh.source());
        assertFalse(fresh.fallback());
        assertEquals(BreakerState.CLOSED, h.service.breakerState());

        Path table = lake.resolve(MarketData.NAME);
        Path moved = lake.resolve("moved_away");
        Files.move(table, moved);
        h.versions.invalidate(MarketData.NAME);
        try {
            for (int i = 0; i < 4; i++) {
                SearchResult f = h.search(r, StrategyKind.CIRCUIT_BREAKER);
                assertTrue(f.fallback(), "answer " + i);
                assertEquals(SearchResult.Source.CACHE, f.source());
                assertEquals(fresh.version(), f.version());
                assertEquals(fresh.rows(), f.rows());
                assertTrue(f.reason().orElseThrow().endsWith("showing the cached answer from version " + fresh.version()),
                        f.reason().orElseThrow());
            }
            assertEquals(BreakerState.OPEN, h.service.breakerState());
            assertEquals(BreakerState.OPEN, h.service.metrics().breakerState());
            assertTrue(h.search(r, StrategyKind.CIRCUIT_BREAKER).reason().orElseThrow().startsWith("breaker open"));
            LakeLensException none = assertThrows(LakeLensException.class,
                    () -> h.search(SearchRequest.of("never searched before"), StrategyKind.CIRCUIT_BREAKER));
            assertTrue(none.getMessage().contains("no cached answer"), none.getMessage());
            assertEquals(1, none.getMessage().lines().count());
            assertTrue(h.service.metrics().stats(StrategyKind.CIRCUIT_BREAKER).fallbacks() >= 4);
        } finally {
            Files.move(moved, table);
        }
        // an open breaker tries Delta again only after its delay
        SearchResult recovered = null;
        for (int i = 0; i < 400 && (recovered == null || recovered.fallback()); i++) {
            Thread.sleep(50);
            recovered = h.search(r, StrategyKind.CIRCUIT_BREAKER);
        }
        assertFalse(recovered.fallback());
        assertEquals(SearchResult.Source.DELTA, recovered.source());
        assertEquals(BreakerState.CLOSED, h.service.breakerState());
        assertEquals(BreakerState.OPEN, changes.get(0));
        assertEquals(List.of(BreakerState.HALF_OPEN, BreakerState.CLOSED), changes.subList(changes.size() - 2, changes.size()));
    }

    @Test
    void inputErrorsNeverOpenTheBreaker() {
        SearchRequest past = SearchRequest.of("AAPL").withAsOf(new AsOf.Version(9_999));
        for (int i = 0; i < 5; i++) {
            LakeLensException e = assertThrows(LakeLensException.class, () -> h.search(past, StrategyKind.CIRCUIT_BREAKER));
            assertTrue(e.getMessage().contains("has no version 9999"), e.getMessage());
        }
        for (SearchRequest wrong : List.of(SearchRequest.of("sectr:energy"), SearchRequest.of("qty:many").withTable(orders),
                SearchRequest.of("").withTable(orders).withSort(new SearchRequest.Sort("price", false)))) {
            for (int i = 0; i < 3; i++) {
                assertThrows(SearchInputException.class, () -> h.search(wrong, StrategyKind.CIRCUIT_BREAKER));
            }
        }
        assertEquals(BreakerState.CLOSED, h.service.breakerState());
    }

    @Test
    void aReadSlowerThanTheTimeoutFallsBackToTheCachedAnswer() {
        SearchRequest r = SearchRequest.of("PFE");
        SearchRequest other = SearchRequest.of("acme region:north").withTable(orders)
                .withSort(new SearchRequest.Sort(OrdersFixture.PLACED_AT, false));
        assertFalse(h.search(r, StrategyKind.CIRCUIT_BREAKER).fallback());
        SearchResult fresh = h.search(other, StrategyKind.CIRCUIT_BREAKER);
        assertFalse(fresh.fallback());
        assertTrue(fresh.totalMatches() > 0);
        SearchSettings impatient = SearchSettings.defaults().withBreaker(50, 100, Duration.ofSeconds(1), Duration.ofNanos(1));
        try (DefaultSearchService s = new DefaultSearchService(h.engine, h.cache, h.versions, impatient)) {
            SearchResult f = s.searchNow(r, StrategyKind.CIRCUIT_BREAKER);
            assertTrue(f.fallback());
            assertTrue(f.reason().orElseThrow().startsWith("Delta took longer than 0 ms"), f.reason().orElseThrow());
            SearchResult g = s.searchNow(other, StrategyKind.CIRCUIT_BREAKER);
            assertTrue(g.fallback());
            assertEquals(fresh.rows(), g.rows());
            assertEquals(fresh.reading(), g.reading());
        }
    }

    @Test
    void withNothingCachedASlowReadIsAwaitedAndAnOpenBreakerLetsTheReadThrough() {
        // every read is "too slow", and one such read opens the breaker for a minute
        SearchSettings strict = SearchSettings.defaults().withWarmNextPage(false)
                .withBreaker(1, 1, Duration.ofSeconds(60), Duration.ofNanos(1));
        SearchRequest first = SearchRequest.of("TSLA").withPageSize(10);
        SearchRequest second = SearchRequest.of("").withTable(orders).withPageSize(10)
                .withSort(new SearchRequest.Sort(OrdersFixture.PLACED_AT, false));
        SearchResult expectedFirst = h.search(first, StrategyKind.DATABASE_ONLY);
        SearchResult expectedSecond = h.search(second, StrategyKind.DATABASE_ONLY);
        // no cache at all: nothing to fall back on, whenever the timed-out read ends
        try (RedisCache none = new RedisCache(CacheConnection.none("no cache", Optional.empty()), CacheSettings.defaults());
             DefaultSearchService s = new DefaultSearchService(h.engine, none, new TableVersions(h.engine, none, Duration.ofSeconds(1)),
                     strict)) {
            SearchResult slow = s.searchNow(first, StrategyKind.CIRCUIT_BREAKER);
            assertFalse(slow.fallback());
            assertEquals(SearchResult.Source.DELTA, slow.source());
            assertEquals(expectedFirst.rows(), slow.rows());
            assertTrue(slow.reason().orElseThrow().contains("Delta took longer than 0 ms, and no cached answer existed, so Delta's "
                    + "was awaited"), slow.reason().orElseThrow());
            assertEquals(BreakerState.OPEN, s.breakerState());

            SearchResult through = s.searchNow(second, StrategyKind.CIRCUIT_BREAKER);
            assertFalse(through.fallback());
            assertEquals(SearchResult.Source.DELTA, through.source());
            assertEquals(expectedSecond.rows(), through.rows());
            assertEquals(expectedSecond.totalMatches(), through.totalMatches());
            assertTrue(through.reason().orElseThrow().contains("breaker open"), through.reason().orElseThrow());
            assertTrue(through.reason().orElseThrow().contains("no cached answer existed, so Delta's was awaited"),
                    through.reason().orElseThrow());
        }
    }
}
