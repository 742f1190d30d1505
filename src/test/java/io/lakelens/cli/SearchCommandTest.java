package io.lakelens.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakelens.TestLakes;
import io.lakelens.cache.EmbeddedRedis;
import io.lakelens.cache.SharedRedis;
import io.lakelens.lake.LakeEngine;
import io.lakelens.search.MarketDataFixture;
import io.lakelens.search.OrdersFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchCommandTest {
    @TempDir
    static Path lake;
    static LakeEngine engine;
    static EmbeddedRedis redis;
    static String orders;

    @BeforeAll
    static void lakeAndRedis() {
        engine = TestLakes.engine(lake);
        MarketDataFixture.create(engine);
        orders = OrdersFixture.create(engine);
        redis = EmbeddedRedis.start(32);
    }

    @AfterAll
    static void stop() {
        redis.close();
        SharedRedis.stop(lake);
    }

    record Run(int code, String out, String err) {
    }

    static Run run(List<String> cacheArgs, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--lake");
        all.add(lake.toString());
        all.addAll(cacheArgs);
        int code = Main.execute(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static Run withRedis(String... args) {
        return run(List.of("--redis", redis.url()), args);
    }

    static String statusLine(Run r) {
        List<String> lines = r.out().strip().lines().toList();
        return lines.get(lines.size() - 1);
    }

    @Test
    void searchingTwiceIsAMissThenAHitAtTheSameVersionAndACommitMovesIt() {
        Run first = withRedis("search", "AAPL", "--strategy", "cache-first");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("Found 30 results (Page 1 of 2)"), first.out());
        assertTrue(first.out().contains("Apple Inc."), first.out());
        String a = statusLine(first);
        assertTrue(a.startsWith("cache-first · from Delta · route kernel · "), a);
        assertTrue(a.contains(" · version 1 · miss · cache external"), a);

        String b = statusLine(withRedis("search", "AAPL", "--strategy", "cache-first"));
        assertTrue(b.startsWith("cache-first · from cache · "), b);
        assertTrue(b.contains(" · version 1 · hit · "), b);

        MarketDataFixture.appendDay(engine, "AAPL", MarketDataFixture.FIRST_DAY.plusDays(60), 199.0);
        Run after = withRedis("search", "AAPL", "--strategy", "cache-first");
        assertTrue(after.out().contains("Found 31 results"), after.out());
        assertTrue(statusLine(after).contains(" · version 2 · miss · "), statusLine(after));
    }

    @Test
    void filtersPagingSortAndJsonOutput() throws Exception {
        Run r = withRedis("search", "", "--sector", "technology", "--exchange", "NASDAQ", "--from", "2024-01-10",
                "--to", "2024-01-19", "--min-price", "100", "--sort", "close:asc", "--page-size", "10", "--page", "7",
                "--strategy", "database-only", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode n = new ObjectMapper().readTree(r.out());
        assertEquals(20, n.get("totalMatches").asInt());
        assertEquals(2, n.get("page").asInt());
        assertTrue(n.get("clamped").asBoolean());
        assertEquals("database-only", n.get("strategy").asText());
        assertEquals("delta", n.get("source").asText());
        assertEquals(10, n.get("rows").size());
        double previous = -1;
        for (JsonNode row : n.get("rows")) {
            assertEquals("MSFT", row.get("symbol").asText()); // the dearer half of the technology closes
            assertTrue(row.get("close").asDouble() >= previous);
            previous = row.get("close").asDouble();
        }
        Run clamped = withRedis("search", "JPM", "--page", "40");
        assertTrue(clamped.out().contains("Found 30 results (Page 2 of 2) — page 40 is past the end; showing the last page"),
                clamped.out());
    }

    static String summary(Run r) {
        return r.out().lines().filter(l -> l.startsWith("Found ")).findFirst().orElse("no summary in " + r.out());
    }

    @Test
    void severalWordsPhrasesHintsAndQualifiersFindWhatAPersonExpects() {
        // other tests may append days meanwhile: each form is compared with the plain search it should equal
        for (String[] q : new String[][]{{"technology sector", "technology"}, {"AAPL technology sector", "AAPL"},
                {"AAPL price", "AAPL"}, {"energy stocks", "XOM"}, {"sector:technology", "technology"},
                {"\"Apple Inc\"", "AAPL"}, {"exchange:NYSE energy", "XOM"}}) {
            Run r = withRedis("search", q[0], "--strategy", "database-only", "--page-size", "100");
            assertEquals(0, r.code(), r.err());
            Run plain = withRedis("search", q[1], "--strategy", "database-only", "--page-size", "100");
            assertTrue(summary(plain).matches("Found [1-9][0-9]* results.*"), summary(plain));
            assertEquals(summary(plain), summary(r), q[0] + " vs " + q[1]);
        }
        Run aapl = withRedis("search", "AAPL technology sector", "--format", "json", "--page-size", "50");
        assertTrue(aapl.out().contains("\"hints\" : [ \"sector\" ]"), aapl.out());
        Run table = withRedis("search", "AAPL technology sector");
        assertTrue(table.out().contains("(searched AAPL, technology; read \"sector\" as a hint, not a search word)"), table.out());
        assertTrue(table.out().lines().skip(2).limit(20).allMatch(l -> l.startsWith("AAPL ")), table.out());
        assertTrue(withRedis("search", "technology").out().lines().skip(2).limit(20)
                .allMatch(l -> l.startsWith("AAPL ") || l.startsWith("MSFT ")));
        Run energy = withRedis("search", "energy stocks");
        assertTrue(energy.out().contains("Exxon Mobil Corporation") && !energy.out().contains("Apple"), energy.out());

        Run nothing = withRedis("search", "AAPL xyzzy");
        assertEquals(0, nothing.code(), nothing.err());
        assertTrue(nothing.out().contains("Found 0 results"), nothing.out());
        assertTrue(nothing.out().contains("The word \"xyzzy\" matched nothing."), nothing.out());
        Run apart = withRedis("search", "AAPL energy");
        assertTrue(apart.out().contains("Each word matches some rows, but no row matches both together."), apart.out());
        Run typo = withRedis("search", "sectr:technology");
        assertEquals(1, typo.code());
        assertTrue(typo.err().startsWith("lakelens: Cannot qualify sectr:technology with 'sectr'"), typo.err());
    }

    @Test
    void anyTableSearchesWithFiltersAndSortsByAnyColumn() throws Exception {
        Run r = withRedis("search", "", "--table", orders, "--range", "qty=..1", "--filter", "Region=NORTH", "--filter", "region=east",
                "--sort", "Unit Price:desc", "--page-size", "50", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode n = new ObjectMapper().readTree(r.out());
        assertTrue(n.get("totalMatches").asInt() > 0, r.out());
        for (JsonNode row : n.get("rows")) {
            assertTrue(row.get("qty").asInt() <= 1, row.toString());
            assertTrue(List.of("north", "east").contains(row.get("Region").asText().toLowerCase()), row.toString());
        }
        Run sorted = withRedis("search", "société", "--table", orders, "--sort", "placed_at:asc", "--range", "amount=1..",
                "--format", "csv");
        assertEquals(0, sorted.code(), sorted.err());
        List<String> lines = sorted.out().strip().lines().toList();
        assertTrue(lines.getFirst().startsWith("order_id,Customer Name,Region,status,Unit Price,qty,amount,order_date,placed_at,rush"),
                lines.getFirst());
        assertTrue(lines.size() > 2, sorted.out());
        Run bad = withRedis("search", "", "--table", orders, "--range", "order_date=yesterday..");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("'yesterday' is not a date for column order_date"), bad.err());
        Run noDots = withRedis("search", "", "--table", orders, "--range", "qty=3");
        assertEquals(1, noDots.code());
        assertTrue(noDots.err().contains("has no '..'"), noDots.err());
    }

    @Test
    void searchedColumnsAreShownSetAndResetFromTheCommandLine() {
        Run shown = withRedis("search", "--show-columns");
        assertEquals(0, shown.code(), shown.err());
        assertTrue(shown.out().startsWith("Free text in market_data searches symbol (whole value), company_name, sector (the defaults)."),
                shown.out());
        assertTrue(shown.out().contains("Other text columns: exchange, industry."), shown.out());
        try {
            Run set = withRedis("search", "--set-columns", "symbol:exact,EXCHANGE");
            assertEquals(0, set.code(), set.err());
            assertTrue(set.out().startsWith("Free text in market_data searches symbol (whole value), exchange (set for this table)."),
                    set.out());
            assertTrue(Files.exists(lake.resolve(".lakelens").resolve("search-columns.json")));
            String nasdaq = summary(withRedis("search", "", "--filter", "exchange=nasdaq"));
            assertTrue(nasdaq.matches("Found [1-9][0-9]* results.*"), nasdaq);
            assertEquals(nasdaq, summary(withRedis("search", "NASDAQ", "--strategy", "cache-first")));
            Run bad = withRedis("search", "--set-columns", "volume");
            assertEquals(1, bad.code());
            assertTrue(bad.err().contains("Column volume of market_data is not text"), bad.err());
        } finally {
            Run reset = withRedis("search", "--reset-columns");
            assertEquals(0, reset.code(), reset.err());
        }
        Run after = withRedis("search", "NASDAQ", "--strategy", "cache-first");
        assertTrue(after.out().contains("The word \"NASDAQ\" matched nothing."), after.out());
    }

    @Test
    void badInputIsOneLineAndExitCodeOne() {
        for (String[] args : new String[][]{
                {"search", "AAPL", "--strategy", "fastest"},
                {"search", "AAPL", "--from", "yesterday"},
                {"search", "AAPL", "--page-size", "15"},
                {"search", "AAPL", "--sort", "price"},
                {"search", "AAPL", "--min-price", "10", "--max-price", "5"},
                {"search", "AAPL", "--as-of", "99"}}) {
            Run r = withRedis(args);
            assertEquals(1, r.code(), String.join(" ", args) + " → " + r.out() + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("lakelens: "), r.err());
        }
    }

    @Test
    void aWrongRedisPasswordWarnsOnceAndTheSearchStillAnswers() {
        String bad = "redis://:wrong@127.0.0.1:" + redis.port() + "/0";
        Run r = run(List.of("--redis", bad), "search", "microsoft");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Found 30 results"), r.out());
        assertTrue(r.err().contains("refused the credentials") && !r.err().contains("wrong@"), r.err());
        assertTrue(statusLine(r).contains("cache none"), statusLine(r));
    }

    @Test
    void healthReportsTheCache() {
        Run r = withRedis("health", "--format", "csv");
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("cache,external,\"external Redis redis://127.0.0.1:" + redis.port()
                + "/0, set+get ")), r.out());
        Run none = run(List.of("--no-redis"), "health", "--format", "csv");
        assertTrue(none.out().contains("cache,none,none (--no-redis)"), none.out());
    }

    @Test
    void statsRunsARepresentativeSequenceAndPrintsEveryStrategy() {
        Run r = withRedis("stats", "--queries", "4", "--format", "csv");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().strip().lines().toList();
        assertTrue(lines.get(0).startsWith("strategy,searches,errors,hits,misses,hit ratio"), lines.get(0));
        for (String id : List.of("cache-first", "database-only", "circuit-breaker", "hybrid")) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(id + ",8,0,")), id + " in " + r.out());
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("circuit-breaker,") && l.endsWith(",closed")), r.out());
    }

    @Test
    void benchPrintsTheTableAndKeepsItForStats() {
        Run r = withRedis("bench", "--dataset", "small", "--queries", "4", "--cold-queries", "2", "--analytics-runs", "2");
        assertEquals(0, r.code(), r.err());
        for (String s : List.of("spark.sql", "cache-first", "database-only", "circuit-breaker", "hybrid", "p50 ms", "vs spark.sql p50",
                "Goal: any analysis from the cache")) {
            assertTrue(r.out().contains(s), s + " in " + r.out());
        }
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("sector ")), r.out());
        assertTrue(r.out().lines().noneMatch(l -> l.startsWith("risk ")), r.out());
        assertTrue(r.err().contains("Portfolio risk, then vs now not benched: the lake has no portfolio_holdings."), r.err());
        Run last = withRedis("stats", "--last-bench");
        assertEquals(0, last.code(), last.err());
        assertTrue(last.out().startsWith("Last bench on this lake:"), last.out());
    }

    @Test
    void withoutARedisUrlASearchSharesAnEmbeddedRedisWithTheNextOne() throws Exception {
        Run first = run(List.of(), "search", "pfizer");
        assertEquals(0, first.code(), first.err());
        assertTrue(statusLine(first).contains(" · miss · cache embedded"), statusLine(first));
        Path record = lake.resolve(".lakelens").resolve("redis.json");
        assertTrue(Files.exists(record));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(record)));
        Run second = run(List.of(), "search", "pfizer");
        assertTrue(statusLine(second).contains(" · hit · cache embedded"), statusLine(second));
        assertTrue(SharedRedis.stop(lake));
        assertFalse(Files.exists(record));
    }
}
