package io.lakelens.search;

import io.delta.tables.DeltaTable;
import io.lakelens.TestLakes;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOf;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Kernel and Spark routes must return identical pages for the same request and version. */
@Timeout(value = 40, unit = TimeUnit.MINUTES)
class RouteEquivalenceTest {
    @TempDir
    static Path lake;
    static SearchHarness h;
    /** A hand-made table unlike market_data (see {@link OrdersFixture}). */
    static String orders;

    @BeforeAll
    static void start() {
        h = new SearchHarness(lake, SearchSettings.defaults().withTermIndexMinBytes(0));
        orders = OrdersFixture.create(h.engine);
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    /** A compact set that still covers every kind of condition, paging, clamping and each sort column type. */
    static List<SearchRequest> requests(boolean withChangePct) {
        List<SearchRequest> out = new ArrayList<>();
        SearchRequest.Filters nasdaq = SearchRequest.Filters.NONE.withExchange("NASDAQ");
        SearchRequest.Filters window = SearchRequest.Filters.NONE.withDates(LocalDate.of(2024, 1, 8), LocalDate.of(2024, 1, 20))
                .withPrices(30.0, 300.0).withMinVolume(1_250_000L);
        out.add(SearchRequest.of("AAPL"));
        out.add(SearchRequest.of("msft").withPageSize(10).withPage(2));
        out.add(SearchRequest.of("corporation").withFilters(nasdaq).withPageSize(50));
        out.add(SearchRequest.of("technology").withFilters(window).withPageSize(100));
        out.add(SearchRequest.of("").withFilters(window).withPageSize(10).withPage(3));
        out.add(SearchRequest.of("Inc").withPage(999));
        out.add(SearchRequest.of("zzz"));
        out.add(SearchRequest.of("").withSort(new SearchRequest.Sort(MarketData.VOLUME, true)).withPageSize(20).withPage(3));
        out.add(SearchRequest.of("").withSort(new SearchRequest.Sort(MarketData.COMPANY, false)).withPageSize(50).withPage(2));
        out.add(SearchRequest.of("energy").withSort(new SearchRequest.Sort(MarketData.CLOSE, false)).withPageSize(10));
        if (withChangePct) {
            out.add(SearchRequest.of("").withSort(new SearchRequest.Sort(MarketData.CHANGE_PCT, false)).withPageSize(10));
            out.add(SearchRequest.of("").withSort(new SearchRequest.Sort(MarketData.CHANGE_PCT, true)).withPageSize(10));
        }
        return out;
    }

    static void assertSameAnswers(List<SearchRequest> requests) {
        for (SearchRequest r : requests) {
            SearchResult kernel = h.service.readByRoute(r, Route.Choice.KERNEL);
            SearchResult spark = h.service.readByRoute(r, Route.Choice.SPARK);
            String what = SearchPlan.normalised(r, new SearchColumns(r.table(), List.of(), false), true);
            assertEquals(Route.KERNEL.id(), kernel.route().orElseThrow(), what);
            assertEquals(Route.SPARK.id(), spark.route().orElseThrow(), what);
            assertEquals(spark.version(), kernel.version(), what);
            assertEquals(spark.totalMatches(), kernel.totalMatches(), what);
            assertEquals(spark.page(), kernel.page(), what);
            assertEquals(spark.pageCount(), kernel.pageCount(), what);
            assertEquals(spark.clamped(), kernel.clamped(), what);
            assertEquals(spark.columns(), kernel.columns(), what);
            assertEquals(spark.rows(), kernel.rows(), what);
            assertEquals(spark.reading(), kernel.reading(), what);
        }
    }

    /** The query language on market_data: several words, hints, phrases, qualified words, words that match nothing. */
    static List<SearchRequest> queryForms() {
        List<SearchRequest> out = new ArrayList<>();
        for (String q : List.of("technology sector", "AAPL technology sector", "AAPL price", "energy stocks",
                "sector:technology", "\"Apple Inc\"", "exchange:NYSE energy", "symbol:aapl", "volume:1250000",
                "trade_date:2024-01-10 technology", "AAPL xyzzy", "AAPL energy")) {
            out.add(SearchRequest.of(q).withPageSize(10));
        }
        SearchRequest.Filters f = SearchRequest.Filters.NONE.with(new SearchRequest.OneOf(MarketData.EXCHANGE, List.of("NYSE", "nasdaq")))
                .with(SearchRequest.Range.of(MarketData.MARKET_CAP, "1.5e11", null));
        out.add(SearchRequest.of("").withFilters(f).withSort(new SearchRequest.Sort(MarketData.INDUSTRY, false)).withPageSize(10).withPage(2));
        out.add(SearchRequest.of("inc").withSort(new SearchRequest.Sort(MarketData.TS, false)).withPageSize(10).withPage(3));
        return out;
    }

    /** Every kind of word, filter and sort on the hand-made table. */
    static List<SearchRequest> ordersForms() {
        List<SearchRequest> out = new ArrayList<>();
        SearchRequest all = SearchRequest.of("").withTable(orders).withPageSize(10);
        out.add(all);
        out.add(all.withPage(2));
        out.add(all.withPage(99));
        for (String q : List.of("société", "SOCIÉTÉ", "acme north", "\"acme corp\"", "`Customer Name`:acme", "region:north",
                "status", "qty:3", "rush:true", "order_date:2024-02-03", "placed_at:2024-02-03", "`Unit Price`:2.5", "zzz acme",
                "öl", "&")) {
            out.add(all.withQuery(q));
        }
        SearchRequest.Filters none = SearchRequest.Filters.NONE;
        for (SearchRequest.Filters f : List.of(
                none.with(new SearchRequest.OneOf(OrdersFixture.REGION, List.of("north", "South"))),
                none.with(SearchRequest.Range.of(OrdersFixture.UNIT_PRICE, "5", null)),
                none.with(SearchRequest.Range.of(OrdersFixture.UNIT_PRICE, null, "0")),
                none.with(SearchRequest.Range.of(OrdersFixture.QTY, null, "1.5")),
                none.with(SearchRequest.Range.of(OrdersFixture.AMOUNT, "10.5", "100")),
                none.with(SearchRequest.Range.of(OrdersFixture.ORDER_DATE, "2024-02-02", "2024-02-04")),
                none.with(SearchRequest.Range.of(OrdersFixture.PLACED_AT, "2024-02-02T10:00:00.000124Z", "2024-02-04T12:00:00Z")),
                none.with(SearchRequest.Range.of(OrdersFixture.PLACED_AT, "2024-02-03", "2024-02-03")))) {
            out.add(all.withFilters(f));
        }
        out.add(all.withQuery("open").withFilters(none.with(new SearchRequest.OneOf(OrdersFixture.REGION, List.of("north", "South")))));
        List<String> columns = List.of(OrdersFixture.ID, OrdersFixture.CUSTOMER, OrdersFixture.REGION, OrdersFixture.STATUS,
                OrdersFixture.UNIT_PRICE, OrdersFixture.QTY, OrdersFixture.AMOUNT, OrdersFixture.ORDER_DATE, OrdersFixture.PLACED_AT,
                OrdersFixture.RUSH);
        for (int i = 0; i < columns.size(); i++) {
            out.add(all.withSort(new SearchRequest.Sort(columns.get(i), false)).withPage(2));
            if (i % 2 == 0) {
                out.add(all.withSort(new SearchRequest.Sort(columns.get(i), true)));
            }
        }
        return out;
    }

    @Test
    void kernelAndSparkAgreeOnTheQueryLanguageAndOnATableUnlikeMarketData() {
        assertSameAnswers(queryForms());
        assertSameAnswers(ordersForms());
        // the answers are the ones a person expects, not just the same on both routes
        SearchResult tech = h.service.readByRoute(SearchRequest.of("AAPL technology sector").withPageSize(50), Route.Choice.KERNEL);
        // the other test may have added days meanwhile: the same rows as the symbol alone
        assertEquals(h.service.readByRoute(SearchRequest.of("AAPL"), Route.Choice.SPARK).totalMatches(), tech.totalMatches());
        assertTrue(tech.rows().stream().allMatch(r -> r.get(tech.columns().indexOf(MarketData.SYMBOL)).equals("AAPL")));
        assertEquals(List.of("AAPL", "technology"), tech.reading().terms());
        assertEquals(List.of("sector"), tech.reading().hints());
        SearchResult nothing = h.service.readByRoute(SearchRequest.of("AAPL xyzzy"), Route.Choice.SPARK);
        assertEquals(List.of("xyzzy"), nothing.reading().unmatched());
        SearchResult apart = h.service.readByRoute(SearchRequest.of("AAPL energy"), Route.Choice.KERNEL);
        assertEquals(0, apart.totalMatches());
        assertEquals(List.of(), apart.reading().unmatched());
        SearchResult accents = h.service.readByRoute(SearchRequest.of("SOCIÉTÉ").withTable(orders).withPageSize(50), Route.Choice.KERNEL);
        assertTrue(accents.totalMatches() > 0);
        for (List<Object> row : accents.rows()) {
            String customer = (String) row.get(accents.columns().indexOf(OrdersFixture.CUSTOMER));
            assertTrue(customer.toLowerCase(java.util.Locale.ROOT).contains("société"), customer);
        }
    }

    @Test
    void kernelAndSparkReturnIdenticalPagesBeforeAndAfterADeleteAndASchemaChange() throws IOException {
        assertSameAnswers(requests(false));

        // data skipping: one symbol lives in one of the three files
        SearchResult one = h.service.readByRoute(SearchRequest.of("AAPL"), Route.Choice.KERNEL);
        assertTrue(one.reason().orElseThrow().startsWith("kernel, 1 of 3 files"), one.reason().orElseThrow());
        SearchResult none = h.service.readByRoute(SearchRequest.of("no such thing"), Route.Choice.KERNEL);
        assertTrue(none.reason().orElseThrow().startsWith("kernel, 0 of 3 files"), none.reason().orElseThrow());

        String path = h.engine.tablePath(MarketData.NAME).toString();
        long beforeDelete = h.versions.latest(MarketData.NAME).version();
        h.engine.write(MarketData.NAME, "delete early MSFT and odd JPM days", s -> {
            DeltaTable.forPath(s, path).delete(col(MarketData.SYMBOL).equalTo(lit("MSFT"))
                    .and(col(MarketData.TRADE_DATE).lt(lit(Date.valueOf("2024-01-12"))))
                    .or(col(MarketData.SYMBOL).equalTo(lit("JPM")).and(col(MarketData.VOLUME).equalTo(lit(1_250_000L)))));
            return null;
        });
        assertTrue(logMentions(path, "deletionVector"), "the delete should have written deletion vectors");
        assertSameAnswers(requests(false));
        assertEquals(20, h.service.readByRoute(SearchRequest.of("MSFT"), Route.Choice.KERNEL).totalMatches());
        assertEquals(30, h.service.readByRoute(SearchRequest.of("MSFT").withAsOf(new AsOf.Version(beforeDelete)),
                Route.Choice.KERNEL).totalMatches());

        h.engine.write(MarketData.NAME, "add change_pct with two new days", s -> {
            List<Row> rows = new ArrayList<>();
            for (Object[] c : MarketDataFixture.COMPANIES) {
                for (int d = 40; d < 42; d++) {
                    LocalDate day = MarketDataFixture.FIRST_DAY.plusDays(d);
                    double close = (Double) c[5] + d;
                    rows.add(RowFactory.create(c[0], c[1], c[2], c[3], c[4], Date.valueOf(day), Timestamp.valueOf(day.atTime(16, 0)),
                            close, close, close, close, 3_000_000L, close, close * 1e9, (d - 40.5) * ((String) c[0]).length()));
                }
            }
            s.createDataFrame(rows, MarketDataFixture.schema().add(MarketData.CHANGE_PCT, DataTypes.DoubleType))
                    .write().format("delta").mode("append").option("mergeSchema", "true").save(path);
            return null;
        });
        SearchResult evolved = h.service.readByRoute(SearchRequest.of("AAPL"), Route.Choice.KERNEL);
        assertTrue(evolved.columns().contains(MarketData.CHANGE_PCT));
        assertSameAnswers(requests(true));
    }

    @Test
    void readsNeverChangeTheTable() {
        String before = TestLakes.fingerprint(lake.resolve(MarketData.NAME));
        for (SearchRequest r : requests(false).subList(0, 4)) {
            h.service.readByRoute(r, Route.Choice.KERNEL);
            h.service.readByRoute(r, Route.Choice.SPARK);
        }
        assertEquals(before, TestLakes.fingerprint(lake.resolve(MarketData.NAME)));
    }

    private static boolean logMentions(String table, String text) throws IOException {
        try (Stream<Path> files = Files.list(Path.of(table, "_delta_log"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                if (Files.readString(p).contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }
}
