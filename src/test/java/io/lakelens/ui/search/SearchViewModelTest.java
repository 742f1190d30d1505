package io.lakelens.ui.search;

import io.lakelens.AppContext;
import io.lakelens.TestLakes;
import io.lakelens.ViewModelTest;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.search.OrdersFixture;
import io.lakelens.search.SearchFields;
import io.lakelens.search.SearchRequest;
import io.lakelens.search.StrategyKind;
import io.lakelens.ui.UiTestLakes;
import io.lakelens.ui.kit.CurrentThreadTaskExecutor;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.UiServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.lakelens.analytics.ExportFormat;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Search tab's logic without a window: the current-thread executor runs every search inline. */
@ViewModelTest
@Timeout(300)
class SearchViewModelTest {
    @TempDir
    static Path lake;
    private static AppContext context;
    private static String orders;
    private UiServices services;
    private SearchViewModel model;

    @BeforeAll
    static void lake() {
        context = new AppContext(TestLakes.config(lake));
        UiTestLakes.marketData(context.engine());
        orders = OrdersFixture.create(context.engine());
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @BeforeEach
    void model() {
        services = UiServices.forTests(context, context.search());
        model = new SearchViewModel(services.search(), services.engine(), services.lake(), services.tasks(),
                services.notifier(),
                services.status());
        model.pageSizeProperty().set(10);
    }

    @Test
    void aSearchShowsTheFirstPageAndTheFoundText() {
        model.queryProperty().set("aapl");
        model.search();

        assertEquals("Found 45 results (Page 1 of 5)", model.summaryProperty().get());
        assertEquals(10, model.rows().size());
        assertTrue(model.rows().stream().allMatch(r -> r.text(MarketData.SYMBOL).equals("AAPL")));
        assertEquals("", model.errorProperty().get());
        assertFalse(model.busyProperty().get());
    }

    @Test
    void pagingStopsAtBothEnds() {
        model.search();
        assertFalse(model.canGoBackProperty().get(), "no previous page on page 1");
        assertTrue(model.canGoForwardProperty().get());

        model.lastPage();
        assertEquals(27, model.pageProperty().get());
        assertEquals("Found 270 results (Page 27 of 27)", model.summaryProperty().get());
        assertFalse(model.canGoForwardProperty().get(), "no next page on the last page");
        assertTrue(model.canGoBackProperty().get());

        model.previousPage();
        assertEquals(26, model.pageProperty().get());
    }

    @Test
    void switchingStrategyKeepsQueryFiltersAndPage() {
        model.queryProperty().set("technology");
        model.loadFields();
        model.filter(MarketData.SECTOR).orElseThrow().choiceProperty().set("Technology");
        model.search();
        model.goTo(3);

        model.useStrategy(StrategyKind.HYBRID);

        SearchRequest shown = model.requestProperty().get();
        assertEquals("technology", shown.query());
        assertEquals("Technology", shown.filters().sector().orElseThrow());
        assertEquals(3, shown.page());
        assertEquals(StrategyKind.HYBRID, model.resultProperty().get().strategy());
        assertEquals("Found 90 results (Page 3 of 9)", model.summaryProperty().get());
    }

    @Test
    void changingPageSizeKeepsTheFirstVisibleRowOnScreen() {
        model.search();
        model.goTo(3);
        List<Object> firstRow = model.rows().get(0).values();

        model.changePageSize(20);

        assertEquals(2, model.pageProperty().get(), "row 21 is on page 2 of 20-row pages");
        assertEquals(firstRow, model.rows().get(0).values());
    }

    @Test
    void aPagePastTheEndShowsTheLastPageAndSaysSo() {
        model.search();
        model.goTo(99);

        assertEquals(27, model.pageProperty().get());
        assertTrue(model.noticeProperty().get().contains("past the end"), model.noticeProperty().get());
        assertFalse(model.canGoForwardProperty().get());
    }

    @Test
    void sortingByAColumnReturnsToPageOneInThatOrder() {
        model.search();
        model.goTo(4);

        model.sortBy(MarketData.CLOSE, true);

        assertEquals(1, model.pageProperty().get());
        List<Double> closes = model.rows().stream().map(r -> r.number(MarketData.CLOSE)).toList();
        assertEquals(closes.stream().sorted((a, b) -> Double.compare(b, a)).toList(), closes);
    }

    @Test
    void invalidFiltersGiveAMessageAndKeepTheAnswerOnScreen() {
        model.queryProperty().set("MSFT");
        model.search();
        String before = model.summaryProperty().get();

        model.loadFields();
        FilterField close = model.filter(MarketData.CLOSE).orElseThrow();
        close.minProperty().set("500");
        close.maxProperty().set("100");
        model.search();

        assertTrue(model.errorProperty().get().contains("starts (500) after it ends (100)"), model.errorProperty().get());
        assertEquals(before, model.summaryProperty().get());
        assertEquals(Notifier.Level.ERROR, services.notifier().notices().get(0).level());
    }

    @Test
    void theComparisonHoldsEachStrategysAnswerToTheSameRequestOnly() {
        model.queryProperty().set("JPM");
        model.search();
        assertEquals(1, model.comparison().size());

        model.compareAll();
        assertEquals(4, model.comparison().size());
        model.comparison().forEach((k, r) -> {
            assertEquals(k, r.strategy());
            assertEquals(45, r.totalMatches());
        });

        model.queryProperty().set("XOM");
        model.search();
        assertEquals(1, model.comparison().size(), "answers to another request are not compared");
    }

    @Test
    void suggestionsMatchTickersAndCompanyWords() {
        model.loadOptions();

        assertEquals(List.of("AAPL"), model.suggest("aa", 10).stream().map(Suggestion::symbol).toList());
        assertEquals(List.of("JPM"), model.suggest("chase", 10).stream().map(Suggestion::symbol).toList());
        assertTrue(model.optionsProperty().get().sectors().contains("Technology"));
        assertEquals(List.of("NASDAQ", "NYSE"), model.optionsProperty().get().exchanges());
    }

    @Test
    void marketDataKeepsItsTunedFilters() {
        model.loadFields();
        assertEquals(List.of(MarketData.SECTOR, MarketData.EXCHANGE, MarketData.TRADE_DATE, MarketData.CLOSE, MarketData.VOLUME),
                model.filterFields().stream().map(FilterField::column).toList());
        assertEquals(List.of("NASDAQ", "NYSE"), model.filter(MarketData.EXCHANGE).orElseThrow().choices());
        assertEquals(SearchFields.Kind.DATE, model.filter(MarketData.TRADE_DATE).orElseThrow().kind());
    }

    @Test
    void anotherTableGetsFiltersFromItsSchemaSortsByAnyColumnAndSaysWhichWordMatchedNothing() {
        model.useTable(orders);
        assertEquals(orders, model.tableProperty().get());
        assertEquals("Found 38 results (Page 1 of 4)", model.summaryProperty().get());
        // pick lists for the text columns with few values, ranges for numbers, dates and timestamps
        assertEquals(List.of(OrdersFixture.CUSTOMER, OrdersFixture.REGION, OrdersFixture.STATUS, OrdersFixture.ID,
                        OrdersFixture.UNIT_PRICE, OrdersFixture.QTY, OrdersFixture.AMOUNT, OrdersFixture.ORDER_DATE, OrdersFixture.PLACED_AT),
                model.filterFields().stream().map(FilterField::column).toList());
        FilterField region = model.filter(OrdersFixture.REGION).orElseThrow();
        assertTrue(region.pickList());
        assertEquals(List.of("East", "North", "WEST", "south"), region.choices());
        assertEquals(SearchFields.Kind.TIMESTAMP, model.filter(OrdersFixture.PLACED_AT).orElseThrow().kind());

        region.choiceProperty().set("north");
        model.filter(OrdersFixture.QTY).orElseThrow().maxProperty().set("1");
        model.search();
        model.sortBy(OrdersFixture.UNIT_PRICE, true);
        assertTrue(model.resultProperty().get().totalMatches() > 0);
        Object previous = null;
        for (ResultRow r : model.rows()) {
            assertEquals("north", r.text(OrdersFixture.REGION).toLowerCase());
            assertTrue(((Integer) r.get(OrdersFixture.QTY)) <= 1);
            Object price = r.get(OrdersFixture.UNIT_PRICE);
            if (previous instanceof Double p && price instanceof Double d) {
                assertTrue(Double.compare(p, d) >= 0 || p == 0.0 && d == 0.0, p + " before " + d);
            }
            previous = price == null ? previous : price;
        }
        assertTrue(model.isNumeric(OrdersFixture.UNIT_PRICE));
        assertFalse(model.isNumeric(OrdersFixture.REGION));
        assertTrue(services.status().lastProperty().get().operation().contains(orders), services.status().lastProperty().get().operation());

        model.clearFilters();
        model.queryProperty().set("acme zzz");
        model.search();
        assertEquals("Found 0 results (Page 1 of 1)", model.summaryProperty().get());
        assertTrue(model.noticeProperty().get().contains("The word \"zzz\" matched nothing."), model.noticeProperty().get());

        model.queryProperty().set("");
        model.useTable(MarketData.NAME);
        assertEquals("Found 270 results (Page 1 of 27)", model.summaryProperty().get());
        assertEquals(MarketData.SECTOR, model.filterFields().getFirst().column());
    }

    @Test
    void aSearchReportsToTheStatusBar() {
        model.queryProperty().set("GOOGL");
        model.useStrategy(StrategyKind.DATABASE_ONLY);
        model.search();

        var report = services.status().lastProperty().get();
        assertEquals(StrategyKind.DATABASE_ONLY, report.strategy().orElseThrow());
        assertEquals(model.resultProperty().get().version(), report.version().getAsLong());
        assertTrue(report.operation().contains("GOOGL"), report.operation());
        assertTrue(((CurrentThreadTaskExecutor) services.tasks()).failures().isEmpty());
    }

    @Test
    void exportAllRowsWritesEveryPageOfTheSearchInItsOrder(@TempDir Path out) throws Exception {
        model.queryProperty().set("aapl");
        model.search();
        model.sortBy(MarketData.CLOSE, false);
        assertEquals(10, model.rows().size(), "the grid shows one page");
        long total = model.resultProperty().get().totalMatches();
        assertEquals(45, total);

        var csv = model.exportAll(out, "aapl", ExportFormat.CSV, false).join();

        assertEquals(out.toRealPath().resolve("aapl.csv"), csv.file());
        assertEquals(total, csv.rows());
        List<CSVRecord> records;
        try (var reader = Files.newBufferedReader(csv.file());
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            assertEquals(model.resultProperty().get().columns(), parser.getHeaderNames());
            records = parser.getRecords();
        }
        assertEquals(total, records.size(), "every row of every page, not the page shown");
        assertTrue(records.stream().allMatch(r -> r.get(MarketData.SYMBOL).equals("AAPL")));
        List<Double> closes = records.stream().map(r -> Double.parseDouble(r.get(MarketData.CLOSE))).toList();
        assertEquals(closes.stream().sorted().toList(), closes, "in the search's order");
        assertEquals(model.rows().get(0).number(MarketData.CLOSE), closes.get(0).doubleValue());

        var json = model.exportAll(out, "aapl", ExportFormat.JSON, false).join();
        assertEquals(total, json.rows());
        assertEquals(total, Files.readAllLines(json.file()).stream().filter(l -> !l.isBlank()).count());
        assertTrue(services.notifier().notices().stream().anyMatch(n -> n.text().contains("Exported 45 rows")),
                services.notifier().notices().toString());
    }

    @Test
    void exportAllRowsBeforeASearchSaysSoAndWritesNothing(@TempDir Path out) throws Exception {
        var done = model.exportAll(out, "nothing", ExportFormat.CSV, false);

        assertTrue(done.isCompletedExceptionally());
        assertEquals(Notifier.Level.ERROR, services.notifier().notices().get(0).level());
        try (var files = Files.list(out)) {
            assertEquals(0, files.count());
        }
    }
}
