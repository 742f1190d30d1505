package io.lakelens.search;

import io.lakelens.LakeLensException;
import io.lakelens.TestLakes;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchStrategiesTest {
    @TempDir
    static java.nio.file.Path lake;
    static SearchHarness h;
    static String orders;

    @BeforeAll
    static void start() {
        // routing is judged on request shape here, not on how loaded the test machine's Redis is
        h = new SearchHarness(lake, SearchSettings.defaults().withWarmNextPage(false).withHybridSlowCacheMs(60_000));
        orders = OrdersFixture.create(h.engine);
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @BeforeEach
    void emptyCache() {
        h.cache.clear(MarketData.NAME);
        h.cache.clear(orders);
    }

    private static SearchResult search(SearchRequest r, StrategyKind k) {
        return h.search(r, k);
    }

    private static int col(SearchResult r, String name) {
        return r.columns().indexOf(name);
    }

    private static Set<Object> values(SearchResult r, String column) {
        Set<Object> s = new HashSet<>();
        r.rows().forEach(row -> s.add(row.get(col(r, column))));
        return s;
    }

    private static long total(String query) {
        return search(SearchRequest.of(query).withPageSize(100), StrategyKind.DATABASE_ONLY).totalMatches();
    }

    @Test
    void severalWordsAreAndedAndHintsPhrasesAndColumnQualifiersDoWhatAPersonExpects() {
        assertEquals(60, total("technology"));
        assertEquals(60, total("technology sector"));
        SearchResult aapl = search(SearchRequest.of("AAPL technology sector").withPageSize(100), StrategyKind.DATABASE_ONLY);
        assertEquals(Set.of("AAPL"), values(aapl, MarketData.SYMBOL));
        assertEquals(30, aapl.totalMatches());
        assertEquals(List.of("sector"), aapl.reading().hints());
        assertEquals(30, total("AAPL price"));
        SearchResult energy = search(SearchRequest.of("energy stocks").withPageSize(100), StrategyKind.DATABASE_ONLY);
        assertEquals(Set.of("XOM"), values(energy, MarketData.SYMBOL));
        assertEquals(60, total("sector:technology"));
        assertEquals(60, total("SECTOR:tech"));
        assertEquals(30, total("\"Apple Inc\""));
        assertEquals(30, total("apple inc"));
        assertEquals(0, total("\"inc apple\""));
        assertEquals(30, total("symbol:aapl"));
        assertEquals(90, total("exchange:NYSE"));
        assertEquals(30, total("exchange:NYSE energy"));
        assertEquals(6, total("trade_date:2024-01-10"));
        // the exchange is not a searched column: unqualified, the word finds nothing, and says so
        SearchResult nyse = search(SearchRequest.of("nyse"), StrategyKind.CACHE_FIRST);
        assertEquals(0, nyse.totalMatches());
        assertEquals(Optional.of("The word \"nyse\" matched nothing."), nyse.emptyReason());
        SearchResult xyzzy = search(SearchRequest.of("AAPL xyzzy"), StrategyKind.HYBRID);
        assertEquals(List.of("xyzzy"), xyzzy.reading().unmatched());
        SearchResult apart = search(SearchRequest.of("AAPL energy"), StrategyKind.CACHE_FIRST);
        assertEquals(Optional.of("Each word matches some rows, but no row matches both together."), apart.emptyReason());
        // a second time the answer, reason included, comes from the cache
        SearchResult again = search(SearchRequest.of("aapl  ENERGY"), StrategyKind.CACHE_FIRST);
        assertTrue(again.cacheHit());
        assertEquals(apart.emptyReason(), again.emptyReason());
    }

    @Test
    void aWordOrSortOnAColumnTheTableLacksIsOneClearLine() {
        for (SearchRequest r : List.of(SearchRequest.of("sectr:technology"), SearchRequest.of("volume:lots"),
                SearchRequest.of("").withSort(new SearchRequest.Sort("price", true)),
                SearchRequest.of("").withFilters(SearchRequest.Filters.NONE.with(SearchRequest.Range.of(MarketData.SECTOR, "a", "b"))),
                SearchRequest.of("w ".repeat(40)))) {
            LakeLensException e = assertThrows(LakeLensException.class, () -> search(r, StrategyKind.CACHE_FIRST), r.query());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
        LakeLensException e = assertThrows(LakeLensException.class, () -> search(SearchRequest.of("sectr:technology"),
                StrategyKind.DATABASE_ONLY));
        assertTrue(e.getMessage().contains("'sectr'") && e.getMessage().contains("sector"), e.getMessage());
    }

    @Test
    void everyStrategyPagesFiltersSortsAndTimeTravelsOnATableOtherThanMarketData() {
        SearchRequest all = SearchRequest.of("").withTable(orders).withPageSize(10);
        SearchResult first = search(all, StrategyKind.CACHE_FIRST);
        assertEquals(38, first.totalMatches());
        assertFalse(first.cacheHit());
        assertTrue(search(all, StrategyKind.CACHE_FIRST).cacheHit());
        for (StrategyKind k : StrategyKind.values()) {
            SearchResult r = search(all.withPage(9), k);
            assertTrue(r.clamped(), k.id());
            assertEquals(4, r.page(), k.id());
            assertEquals(8, r.rows().size(), k.id());
        }
        // before the delete, as of version 2, two more orders
        SearchResult before = search(all.withAsOf(new AsOf.Version(2)), StrategyKind.HYBRID);
        assertEquals(40, before.totalMatches());
        assertTrue(before.reason().orElseThrow().startsWith("as-of read of version 2"), before.reason().orElseThrow());
        // default order: the first date column, newest first (nulls last)
        int day = col(first, OrdersFixture.ORDER_DATE);
        assertEquals(LocalDate.of(2024, 2, 5), first.rows().getFirst().get(day));

        SearchResult few = search(all.withPageSize(100).withFilters(SearchRequest.Filters.NONE
                .with(SearchRequest.Range.of(OrdersFixture.QTY, null, "1"))
                .with(new SearchRequest.OneOf(OrdersFixture.REGION, List.of("NORTH", "east"))))
                .withSort(new SearchRequest.Sort(OrdersFixture.UNIT_PRICE, true)), StrategyKind.DATABASE_ONLY);
        assertTrue(few.totalMatches() > 0);
        Object previous = null;
        for (List<Object> row : few.rows()) {
            Integer qty = (Integer) row.get(col(few, OrdersFixture.QTY));
            assertTrue(qty != null && qty <= 1, String.valueOf(qty));
            assertTrue(Set.of("north", "east").contains(((String) row.get(col(few, OrdersFixture.REGION))).toLowerCase()));
            Object price = row.get(col(few, OrdersFixture.UNIT_PRICE));
            if (previous != null && price != null) {
                assertTrue(Values.compare(previous, price) >= 0, previous + " before " + price);
            }
            previous = price == null ? previous : price;
        }
        SearchResult accented = search(all.withQuery("société `Customer Name`:générale"), StrategyKind.CACHE_FIRST);
        assertEquals(Set.of("Société Générale"), values(accented, OrdersFixture.CUSTOMER));
    }

    @Test
    void aNewChoiceOfSearchedColumnsNeverGetsAPageSearchedTheOldWay() {
        SearchRequest r = SearchRequest.of("NASDAQ").withPageSize(100);
        assertEquals(0, search(r, StrategyKind.CACHE_FIRST).totalMatches());
        assertTrue(search(r, StrategyKind.CACHE_FIRST).cacheHit());
        try {
            SearchColumns set = h.service.setSearchColumns(MarketData.NAME, SearchColumns.parse("SYMBOL:exact,exchange"));
            assertEquals("symbol:exact,exchange", set.spec());
            SearchResult now = search(r, StrategyKind.CACHE_FIRST);
            assertFalse(now.cacheHit());
            assertEquals(90, now.totalMatches());
            assertEquals(Set.of("AAPL", "MSFT", "TSLA"), values(now, MarketData.SYMBOL));
            assertEquals(0, search(SearchRequest.of("apple"), StrategyKind.CACHE_FIRST).totalMatches());
            // another service on the same lake (another window or process) searches the same way at once
            DefaultSearchService other = new DefaultSearchService(h.engine, h.cache, h.versions, SearchSettings.defaults());
            try (other) {
                assertEquals(90, other.searchNow(r, StrategyKind.DATABASE_ONLY).totalMatches());
            }
            // a closed service answers every request in one line instead of hanging or failing obscurely
            for (var closed : List.of(other.search(r, StrategyKind.DATABASE_ONLY), other.fields(MarketData.NAME, AsOf.LATEST), other.facets())) {
                var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> closed.toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS));
                assertEquals("The search service is closed.", e.getCause().getMessage());
            }
            LakeLensException notText = assertThrows(LakeLensException.class,
                    () -> h.service.setSearchColumns(MarketData.NAME, SearchColumns.parse("volume")));
            assertTrue(notText.getMessage().contains("not text"), notText.getMessage());
        } finally {
            h.service.resetSearchColumns(MarketData.NAME);
        }
        assertEquals(0, search(r, StrategyKind.CACHE_FIRST).totalMatches());
        assertEquals(30, search(SearchRequest.of("apple"), StrategyKind.CACHE_FIRST).totalMatches());
    }

    @Test
    void secondIdenticalSearchIsACacheHitAtTheSameVersion() {
        SearchRequest r = SearchRequest.of("AAPL");
        SearchResult first = search(r, StrategyKind.CACHE_FIRST);
        SearchResult second = search(r, StrategyKind.CACHE_FIRST);
        assertFalse(first.cacheHit());
        assertEquals(SearchResult.Source.DELTA, first.source());
        assertTrue(first.route().isPresent());
        assertTrue(second.cacheHit());
        assertEquals(SearchResult.Source.CACHE, second.source());
        assertEquals(first.version(), second.version());
        assertEquals(first.rows(), second.rows());
        assertEquals(first.totalMatches(), second.totalMatches());
        assertEquals(Set.of("AAPL"), values(second, MarketData.SYMBOL));
        assertEquals("Found 30 results (Page 1 of 2)", second.summary());
    }

    @Test
    void queryMatchesSymbolExactlyAndCompanyOrSectorCaseInsensitively() {
        assertEquals(Set.of("AAPL"), values(search(SearchRequest.of("aapl"), StrategyKind.DATABASE_ONLY), MarketData.SYMBOL));
        SearchResult apple = search(SearchRequest.of("apple"), StrategyKind.DATABASE_ONLY);
        assertEquals(30, apple.totalMatches());
        assertEquals(Set.of("AAPL"), values(apple, MarketData.SYMBOL));
        SearchResult tech = search(SearchRequest.of("TECHNOLOGY").withPageSize(100), StrategyKind.DATABASE_ONLY);
        assertEquals(60, tech.totalMatches());
        assertEquals(Set.of("AAPL", "MSFT"), values(tech, MarketData.SYMBOL));
        // "AAP" is not a symbol and no company or sector contains it
        assertEquals(0, search(SearchRequest.of("AAP"), StrategyKind.DATABASE_ONLY).totalMatches());
        assertEquals(180, search(SearchRequest.of(""), StrategyKind.DATABASE_ONLY).totalMatches());
    }

    @Test
    void filtersNarrowBySectorExchangeDatesPriceAndVolume() {
        SearchRequest.Filters f = SearchRequest.Filters.NONE.withSector("technology").withExchange("nasdaq")
                .withDates(LocalDate.of(2024, 1, 5), LocalDate.of(2024, 1, 14));
        SearchResult r = search(SearchRequest.of("").withFilters(f).withPageSize(100), StrategyKind.DATABASE_ONLY);
        assertEquals(20, r.totalMatches());
        for (List<Object> row : r.rows()) {
            LocalDate d = (LocalDate) row.get(col(r, MarketData.TRADE_DATE));
            assertFalse(d.isBefore(LocalDate.of(2024, 1, 5)) || d.isAfter(LocalDate.of(2024, 1, 14)), d.toString());
        }
        SearchResult priced = search(SearchRequest.of("").withFilters(SearchRequest.Filters.NONE.withPrices(100.0, 120.0)
                .withMinVolume(1_500_000L)).withPageSize(100), StrategyKind.DATABASE_ONLY);
        assertTrue(priced.totalMatches() > 0);
        for (List<Object> row : priced.rows()) {
            double close = (Double) row.get(col(priced, MarketData.CLOSE));
            assertTrue(close >= 100 && close <= 120, String.valueOf(close));
            assertTrue((Long) row.get(col(priced, MarketData.VOLUME)) >= 1_500_000L);
        }
    }

    @Test
    void sortIsStableWithTheKeyAsTiebreak() {
        SearchRequest byVolume = SearchRequest.of("").withSort(new SearchRequest.Sort(MarketData.VOLUME, true)).withPageSize(100);
        SearchResult r = search(byVolume, StrategyKind.DATABASE_ONLY);
        List<Object> previous = null;
        for (List<Object> row : r.rows()) {
            if (previous != null) {
                long pv = (Long) previous.get(col(r, MarketData.VOLUME));
                long v = (Long) row.get(col(r, MarketData.VOLUME));
                assertTrue(pv >= v);
                if (pv == v) {
                    String ps = (String) previous.get(col(r, MarketData.SYMBOL));
                    String s = (String) row.get(col(r, MarketData.SYMBOL));
                    assertTrue(ps.compareTo(s) < 0 || ps.equals(s)
                            && ((LocalDate) previous.get(col(r, MarketData.TRADE_DATE))).isBefore((LocalDate) row.get(col(r, MarketData.TRADE_DATE))));
                }
            }
            previous = row;
        }
        assertEquals(r.rows(), search(byVolume, StrategyKind.DATABASE_ONLY).rows());
    }

    @Test
    void pagePastTheEndClampsToTheLastPageAndSaysSo() {
        SearchResult r = search(SearchRequest.of("AAPL").withPageSize(10).withPage(99), StrategyKind.CACHE_FIRST);
        assertTrue(r.clamped());
        assertEquals(3, r.page());
        assertEquals(3, r.pageCount());
        assertEquals(10, r.rows().size());
        assertEquals("Found 30 results (Page 3 of 3)", r.summary());
        SearchResult none = search(SearchRequest.of("no such company").withPage(4), StrategyKind.CACHE_FIRST);
        assertEquals(1, none.page());
        assertEquals(1, none.pageCount());
        assertTrue(none.rows().isEmpty());
    }

    @Test
    void changingThePageSizeKeepsTheFirstVisibleRowInView() {
        SearchRequest third = SearchRequest.of("").withPageSize(10).withPage(3);
        List<Object> firstVisible = search(third, StrategyKind.CACHE_FIRST).rows().get(0);
        SearchRequest resized = third.withPageSize(20);
        assertEquals(2, resized.page());
        assertTrue(search(resized, StrategyKind.CACHE_FIRST).rows().contains(firstVisible));
        SearchRequest bigger = third.withPageSize(50);
        assertTrue(search(bigger, StrategyKind.CACHE_FIRST).rows().contains(firstVisible));
    }

    @Test
    void changingStrategyKeepsQueryFiltersAndPage() {
        SearchRequest r = SearchRequest.of("NYSE").withFilters(SearchRequest.Filters.NONE.withExchange("NYSE"))
                .withPageSize(10).withPage(2);
        SearchResult a = search(SearchRequest.of("").withFilters(r.filters()).withPageSize(10).withPage(2), StrategyKind.CACHE_FIRST);
        for (StrategyKind k : StrategyKind.values()) {
            SearchResult b = search(SearchRequest.of("").withFilters(r.filters()).withPageSize(10).withPage(2), k);
            assertEquals(a.rows(), b.rows(), k.id());
            assertEquals(2, b.page(), k.id());
            assertEquals(k, b.strategy());
        }
    }

    @Test
    void injectionAndOddTextReturnNormalResultsAndChangeNothing() {
        String before = TestLakes.fingerprint(lake.resolve(MarketData.NAME));
        List<String> inputs = List.of("'; DROP TABLE market_data; --", "\" OR \"1\"=\"1", "`market_data`", "AAPL' OR '1'='1",
                "%", "_", "\\", "ÄÖÜ 株式会社 🚀", "x".repeat(10_000), "", "   ", "*", "') UNION SELECT 1 --");
        for (String q : inputs) {
            for (StrategyKind k : StrategyKind.values()) {
                SearchResult r = search(SearchRequest.of(q), k);
                long expected = q.isBlank() ? 180 : 0;
                assertEquals(expected, r.totalMatches(), k.id() + " for " + q.substring(0, Math.min(q.length(), 20)));
            }
        }
        assertThrows(LakeLensException.class, () -> SearchRequest.of("y".repeat(10_001)));
        assertEquals(before, TestLakes.fingerprint(lake.resolve(MarketData.NAME)));
        assertEquals(30, search(SearchRequest.of("AAPL"), StrategyKind.DATABASE_ONLY).totalMatches());
    }

    @Test
    void concurrentIdenticalMissesReadDeltaOnce() throws Exception {
        SearchRequest r = SearchRequest.of("Microsoft").withPageSize(50);
        long before = h.service.deltaReads();
        int n = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<SearchResult>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return search(r, StrategyKind.CACHE_FIRST);
            }));
        }
        go.countDown();
        Set<List<List<Object>>> answers = new HashSet<>();
        for (CompletableFuture<SearchResult> f : all) {
            answers.add(f.get().rows());
        }
        assertEquals(1, answers.size());
        assertEquals(1, h.service.deltaReads() - before);
    }

    @Test
    void aCommitChangesTheKeyAndTheNextSearchReadsTheNewVersion() {
        SearchRequest r = SearchRequest.of("PFE").withPageSize(50);
        SearchResult before = search(r, StrategyKind.CACHE_FIRST);
        assertTrue(search(r, StrategyKind.CACHE_FIRST).cacheHit());
        MarketDataFixture.appendDay(h.engine, "PFE", MarketDataFixture.FIRST_DAY.plusDays(45), 31.5);
        SearchResult after = search(r, StrategyKind.CACHE_FIRST);
        assertFalse(after.cacheHit());
        assertEquals(before.version() + 1, after.version());
        assertEquals(before.totalMatches() + 1, after.totalMatches());
        assertTrue(search(r, StrategyKind.CACHE_FIRST).cacheHit());
        // the old version is still answerable, as of its version
        SearchResult old = search(r.withAsOf(new AsOf.Version(before.version())), StrategyKind.DATABASE_ONLY);
        assertEquals(before.totalMatches(), old.totalMatches());
        assertEquals(before.version(), old.version());
    }

    @Test
    void hybridReportsWhyItRoutesEachRequest() {
        SearchRequest r = SearchRequest.of("JPM").withPageSize(10);
        SearchResult cold = search(r, StrategyKind.HYBRID);
        assertTrue(cold.reason().orElseThrow().startsWith("cold"), cold.reason().toString());
        SearchResult hot = search(r, StrategyKind.HYBRID);
        assertTrue(hot.cacheHit());
        assertEquals(Optional.of("hot: answered from the cache"), hot.reason());
        SearchResult asOf = search(r.withAsOf(new AsOf.Version(1)), StrategyKind.HYBRID);
        assertFalse(asOf.cacheHit());
        assertTrue(asOf.reason().orElseThrow().startsWith("as-of read of version 1"), asOf.reason().toString());
        SearchResult deep = search(SearchRequest.of("").withPageSize(10).withPage(12), StrategyKind.HYBRID);
        assertTrue(deep.reason().orElseThrow().startsWith("deep page 12"), deep.reason().toString());
    }

    @Test
    void aVersionPastTheLatestIsAClearInputError() {
        long latest = search(SearchRequest.of("AAPL"), StrategyKind.DATABASE_ONLY).version();
        LakeLensException e = assertThrows(LakeLensException.class,
                () -> search(SearchRequest.of("AAPL").withAsOf(new AsOf.Version(latest + 50)), StrategyKind.DATABASE_ONLY));
        assertTrue(e.getMessage().contains("has no version " + (latest + 50)), e.getMessage());
        LakeLensException missing = assertThrows(LakeLensException.class,
                () -> search(SearchRequest.of("AAPL").withTable("no_such_table"), StrategyKind.CACHE_FIRST));
        assertTrue(missing.getMessage().contains("No table 'no_such_table'"), missing.getMessage());
    }

    @Test
    void metricsCountHitsMissesAndLatencyPercentiles() {
        h.service.metrics().reset();
        SearchRequest r = SearchRequest.of("XOM");
        for (int i = 0; i < 5; i++) {
            search(r, StrategyKind.CACHE_FIRST);
        }
        StrategyStats s = h.service.metrics().stats(StrategyKind.CACHE_FIRST);
        assertEquals(5, s.count());
        assertEquals(4, s.hits());
        assertEquals(1, s.misses());
        assertEquals(0.8, s.hitRatio(), 1e-9);
        assertTrue(s.p50Ms() > 0 && s.p50Ms() <= s.p95Ms() && s.p95Ms() <= s.p99Ms() && s.p99Ms() <= s.maxMs());
        assertTrue(s.cachedBytes() > 0);
        assertEquals(1, s.kernelReads() + s.sparkReads());
        assertNotEquals(Optional.empty(), h.service.metrics().stats(StrategyKind.CIRCUIT_BREAKER).breaker());
    }
}
