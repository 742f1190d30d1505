package io.lakelens.search;

import io.lakelens.LakeLensException;
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
}
