package io.lakelens.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import io.lakelens.AppContext;
import io.lakelens.Config;
import io.lakelens.LakeLensException;
import io.lakelens.TestLakes;
import io.lakelens.cache.EmbeddedRedis;
import io.lakelens.cli.Main;
import io.lakelens.data.Tables.Holdings;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import io.lakelens.search.MarketDataFixture;
import io.lakelens.search.SearchRequest;
import io.lakelens.search.SearchResult;
import io.lakelens.search.StrategyKind;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.OptionSpec;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.apache.spark.sql.functions.expr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP API end to end: a real server on a free loopback port over a real lake (the search
 * fixture's market_data plus a small portfolio_holdings), real Spark and a real Redis, spoken to
 * with the JDK's HTTP client.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ApiServerTest {
    @TempDir
    static Path lake;
    @TempDir
    static Path home;
    static EmbeddedRedis redis;
    static AppContext ctx;
    static ApiServer server;
    static String token;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SCRATCH = "scratch_trades";

    @BeforeAll
    static void lakeAndServer() {
        LakeEngine engine = TestLakes.engine(lake);
        MarketDataFixture.create(engine);                                                  // market_data v0, v1
        MarketDataFixture.appendDay(engine, "AAPL", MarketDataFixture.FIRST_DAY.plusDays(40), 250.0); // v2
        holdings(engine);
        engine.write(SCRATCH, "three small files", s -> {
            s.range(0, 30).selectExpr("id AS trade_id", "CAST(id % 3 AS INT) AS desk").repartition(3)
                    .write().format("delta").save(engine.tablePath(SCRATCH).toString());
            return null;
        });
        redis = EmbeddedRedis.start(32);
        ctx = new AppContext(config(false));
        server = ApiServer.start(ctx, ApiOptions.defaults().withPort(0).withHome(home));
        token = server.token().value();
    }

    static Config config(boolean readOnly) {
        return new Config(lake.toAbsolutePath().normalize(), "local[2]", false, Optional.of(redis.url()), false, readOnly);
    }

    /** portfolio_holdings v0: opening positions in fixture symbols; v1: a MERGE that grows P1's AAPL. */
    static void holdings(LakeEngine engine) {
        StructType schema = new StructType()
                .add(Holdings.PORTFOLIO, DataTypes.StringType).add(Holdings.SYMBOL, DataTypes.StringType)
                .add(Holdings.QUANTITY, DataTypes.LongType).add(Holdings.AVG_COST, DataTypes.DoubleType)
                .add(Holdings.MARKET_VALUE, DataTypes.DoubleType).add(Holdings.AS_OF_DATE, DataTypes.DateType);
        Date day = Date.valueOf(MarketDataFixture.FIRST_DAY);
        String path = engine.tablePath(Holdings.NAME).toString();
        engine.write(Holdings.NAME, "opening positions", s -> {
            s.createDataFrame(List.of(RowFactory.create("P1", "AAPL", 10L, 1.0, 10.0, day),
                    RowFactory.create("P1", "MSFT", 5L, 1.0, 5.0, day),
                    RowFactory.create("P2", "XOM", 20L, 1.0, 20.0, day)), schema).write().format("delta").save(path);
            return null;
        });
        engine.write(Holdings.NAME, "P1 buys more AAPL", s -> {
            List<Row> updates = List.of(RowFactory.create("P1", "AAPL", 40L, 1.0, 40.0, day));
            DeltaTable.forPath(s, path).as("t").merge(s.createDataFrame(updates, schema).as("u"),
                            expr("t.portfolio = u.portfolio AND t.symbol = u.symbol"))
                    .whenMatched().updateAll().whenNotMatched().insertAll().execute();
            return null;
        });
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (ctx != null) {
            ctx.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    // ---- helpers

    static HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(server.baseUri() + pathAndQuery)).header("Authorization", "Bearer " + token).GET());
    }

    static HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(server.baseUri() + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return HTTP.send(b.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    static JsonNode ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.uri() + " → " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        return json(r.body());
    }

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }

    /** An error is exactly {error, message}: a code, one line, no stack trace. */
    static JsonNode error(HttpResponse<String> r, int status, String code) {
        assertEquals(status, r.statusCode(), r.uri() + " → " + r.body());
        JsonNode n = json(r.body());
        Set<String> fields = new HashSet<>();
        n.fieldNames().forEachRemaining(fields::add);
        assertEquals(Set.of("error", "message"), fields, r.body());
        assertEquals(code, n.get("error").asText(), r.body());
        String message = n.get("message").asText();
        assertFalse(message.isBlank());
        assertFalse(message.contains("\n"), message);
        assertFalse(message.contains("\tat ") || message.contains("Exception:"), message);
        return n;
    }

    /** What the CLI prints for the same command with --format json, on the same lake. */
    static JsonNode cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--format", "json", "--lake", lake.toString(), "--no-redis"));
        int code = Main.execute(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        return json(out.toString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ---- safety

    @Test
    void healthAnswersWithoutATokenAndChecksTheComponentsWithOne() {
        HttpResponse<String> open = send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/api/health")).GET());
        JsonNode live = ok(open);
        assertEquals("ok", live.get("status").asText());
        assertNull(live.get("lake"), "no details without the token");
        JsonNode full = ok(get("/api/health"));
        List<String> components = new ArrayList<>();
        full.forEach(row -> components.add(row.get("component").asText()));
        assertTrue(components.containsAll(List.of("lake", "spark", "delta", "cache", "java", "lakelens")), components.toString());
        error(send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/api/health")).header("Authorization", "Bearer nope").GET()),
                401, "unauthorized");
    }

    @Test
    void everyOtherRequestNeedsTheRightBearerToken() {
        for (String path : List.of("/api/tables", "/api/stats", "/api/tables/market_data/search?q=AAPL", "/api/openapi.json",
                "/api/analyze/sector", "/api/no/such/route")) {
            HttpResponse<String> none = send(HttpRequest.newBuilder(URI.create(server.baseUri() + path)).GET());
            error(none, 401, "unauthorized");
            assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), path);
            assertTrue(json(none.body()).get("message").asText().contains(home.resolve("api-token").toString()), none.body());
            error(send(HttpRequest.newBuilder(URI.create(server.baseUri() + path)).header("Authorization", "Bearer " + token + "x").GET()),
                    401, "unauthorized");
            error(send(HttpRequest.newBuilder(URI.create(server.baseUri() + path)).header("Authorization", token).GET()),
                    401, "unauthorized");
        }
        error(send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/api/query"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"sql\":\"SELECT 1\"}"))), 401, "unauthorized");
        assertTrue(Files.isRegularFile(home.resolve("api-token")));
        assertEquals(token, server.tokenFile().map(p -> {
            try {
                return Files.readString(p).strip();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).orElseThrow());
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413WhetherItsLengthIsDeclaredOrStreamed() {
        try (AppContext small = new AppContext(config(false));
             ApiServer capped = ApiServer.start(small, ApiOptions.defaults().withPort(0).withHome(home)
                     .withLimits(1024, 2, Duration.ofSeconds(30)))) {
            String big = "{\"sql\": \"SELECT '" + "x".repeat(2000) + "'\"}";
            String auth = "Bearer " + capped.token().value();
            error(send(HttpRequest.newBuilder(URI.create(capped.baseUri() + "/api/query")).header("Authorization", auth)
                    .POST(HttpRequest.BodyPublishers.ofString(big))), 413, "body_too_large");
            // no Content-Length: sent chunked, counted while read
            error(send(HttpRequest.newBuilder(URI.create(capped.baseUri() + "/api/query")).header("Authorization", auth)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))),
                    413, "body_too_large");
            // the same server still answers a body under the limit
            JsonNode page = ok(send(HttpRequest.newBuilder(URI.create(capped.baseUri() + "/api/query")).header("Authorization", auth)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sql\": \"SELECT 1 AS one\"}"))));
            assertEquals(1, page.get("rows").get(0).get("one").asInt());
        }
    }

    @Test
    void anAddressOtherMachinesCanReachNeedsAllowRemote() {
        LakeLensException e = assertThrows(LakeLensException.class,
                () -> ApiServer.start(ctx, ApiOptions.defaults().withPort(0).withHome(home).withBind("0.0.0.0", false)));
        assertTrue(e.getMessage().contains("--allow-remote"), e.getMessage());

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[]{"serve", "--bind", "0.0.0.0", "--port", "0", "--lake", lake.toString(), "--no-redis"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(1, code);
        assertTrue(err.toString().strip().lines().count() == 1 && err.toString().contains("--allow-remote"), err.toString());
    }

    @Test
    void corsHeadersAreSentOnlyToConfiguredOrigins() {
        HttpResponse<String> plain = send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/api/tables"))
                .header("Authorization", "Bearer " + token).header("Origin", "http://localhost:3000").GET());
        ok(plain);
        assertTrue(plain.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        error(send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/api/tables")).header("Origin", "http://localhost:3000")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())), 405, "method_not_allowed");

        try (ApiServer cors = ApiServer.start(ctx, ApiOptions.defaults().withPort(0).withHome(home)
                .withCorsOrigins(List.of("http://localhost:3000")))) {
            HttpResponse<String> pre = send(HttpRequest.newBuilder(URI.create(cors.baseUri() + "/api/tables"))
                    .header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "GET")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            assertEquals(204, pre.statusCode());
            assertEquals("http://localhost:3000", pre.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
            assertTrue(pre.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Authorization"));
            HttpResponse<String> other = send(HttpRequest.newBuilder(URI.create(cors.baseUri() + "/api/tables"))
                    .header("Authorization", "Bearer " + token).header("Origin", "http://evil.example").GET());
            ok(other);
            assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        }
    }

    @Test
    void unknownRoutesAre404AndAWrongMethodIs405() {
        error(get("/api/nothing"), 404, "not_found");
        error(get("/api/analyze/astrology"), 404, "not_found");
        error(get("/api/tables/market_data/optimize"), 405, "method_not_allowed");
        error(post("/api/tables", "{}"), 405, "method_not_allowed");
    }

    // ---- tables: the same answers as the CLI

    @Test
    void tablesDescribeHistoryAndTimelineAnswerWhatTheirCommandsPrint() {
        assertEquals(cli("tables"), ok(get("/api/tables")));
        assertEquals(cli("describe", "market_data"), ok(get("/api/tables/market_data")));
        assertEquals(cli("history", "market_data", "--limit", "2"), ok(get("/api/tables/market_data/history?limit=2")));
        assertEquals(2, ok(get("/api/tables/market_data/history?limit=2")).size());
        assertEquals(cli("timeline", "portfolio_holdings"), ok(get("/api/tables/portfolio_holdings/timeline")));
        assertEquals(cli("timeline", "market_data", "--schema"), ok(get("/api/tables/market_data/timeline?schema=true")));
    }

    @Test
    void diffAndAuditAnswerWhatTheirCommandsPrint() {
        JsonNode diff = ok(get("/api/tables/market_data/diff?from=1&to=2&limit=5&offset=0"));
        assertEquals(cli("diff", "market_data", "--from", "1", "--to", "2", "--limit", "5", "--offset", "0"), diff);
        assertEquals(1, diff.get("rows").size(), diff.toString());
        assertEquals("added", diff.get("rows").get(0).get("change").asText());
        JsonNode listed = ok(get("/api/tables/portfolio_holdings/diff?from=0&key=portfolio,symbol"));
        assertEquals(listed, ok(get("/api/tables/portfolio_holdings/diff?from=0&key=portfolio&key=symbol")));
        assertEquals(List.of("portfolio", "symbol"), JSON.convertValue(listed.get("summary").get("key"), List.class));

        JsonNode audit = ok(get("/api/tables/portfolio_holdings/audit?key=" + enc("portfolio=P1,symbol=AAPL")));
        assertEquals(cli("audit", "portfolio_holdings", "--key", "portfolio=P1,symbol=AAPL"), audit);
        assertTrue(audit.toString().contains("P1 buys more AAPL"), audit.toString());
        error(get("/api/tables/portfolio_holdings/audit"), 400, "bad_parameter");
        error(get("/api/tables/market_data/diff?from=1&limit=0"), 400, "bad_request");
    }

    @Test
    void aTableNameMayComeAsAQueryParameterOrPercentEncoded() {
        JsonNode path = ok(get("/api/tables/market_data/search?q=MSFT&strategy=database-only"));
        JsonNode byName = ok(get("/api/table/search?name=market_data&q=MSFT&strategy=database-only"));
        JsonNode encoded = ok(get("/api/tables/market%5Fdata/search?q=MSFT&strategy=database-only"));
        for (JsonNode n : List.of(byName, encoded)) {
            assertEquals(path.get("rows"), n.get("rows"));
            assertEquals(path.get("totalMatches"), n.get("totalMatches"));
        }
        assertEquals(ok(get("/api/tables/market_data")), ok(get("/api/table?name=market_data")));
        error(get("/api/table/search?q=MSFT"), 400, "bad_table_name");
    }

    @Test
    void anUnknownTableIs404AndANameWithSlashesIsReadUpToTheAction() {
        error(get("/api/tables/nope"), 404, "no_such_table");
        error(get("/api/tables/nope/search?q=AAPL"), 404, "no_such_table");
        JsonNode nested = error(get("/api/tables/sales/2024/orders/history"), 404, "no_such_table");
        assertTrue(nested.get("message").asText().contains("sales/2024/orders"), nested.toString());
        assertFalse(nested.get("message").asText().contains("orders/history"), nested.toString());
        JsonNode byName = error(get("/api/table/history?name=" + enc("sales/2024/orders")), 404, "no_such_table");
        assertTrue(byName.get("message").asText().contains("sales/2024/orders"), byName.toString());
        JsonNode escaped = error(get("/api/tables/..%2F..%2Fetc"), 404, "no_such_table");
        assertTrue(escaped.get("message").asText().contains("../../etc"), escaped.toString());
    }

    // ---- search

    @Test
    void searchTakesEveryFilterOfTheCliAndAnswersAsTheService() {
        JsonNode r = ok(get("/api/tables/market_data/search?q=technology&strategy=database-only&exchange=nasdaq&sector=Technology"
                + "&from=2024-01-05&to=2024-01-20&minPrice=180&maxPrice=400&minVolume=1000000&sort=close:asc&page=2&pageSize=10"));
        SearchRequest same = new SearchRequest(MarketData.NAME, "technology", SearchRequest.Filters.NONE.withExchange("nasdaq")
                .withSector("Technology").withDates(LocalDate.of(2024, 1, 5), LocalDate.of(2024, 1, 20))
                .withPrices(180.0, 400.0).withMinVolume(1_000_000L), new SearchRequest.Sort(MarketData.CLOSE, false), 2, 10, AsOf.LATEST);
        SearchResult in = ctx.search().searchNow(same, StrategyKind.DATABASE_ONLY);
        assertSameAnswer(in, r);
        assertTrue(in.totalMatches() > 10, "the filters leave more than one page");
        assertEquals("database-only", r.get("strategy").asText());

        JsonNode latest = ok(get("/api/tables/market_data/search?q=AAPL"));
        JsonNode old = ok(get("/api/tables/market_data/search?q=AAPL&asOf=1"));
        assertEquals(31, latest.get("totalMatches").asInt());
        assertEquals(30, old.get("totalMatches").asInt());
        assertEquals(1, old.get("version").asInt());
        JsonNode hit = ok(get("/api/tables/market_data/search?q=AAPL"));
        assertTrue(hit.get("cacheHit").asBoolean(), "the second identical cache-first search is a hit: " + hit);
        JsonNode all = ok(get("/api/tables/market_data/search"));
        assertEquals(181, all.get("totalMatches").asInt());
    }

    @Test
    void searchNamesUnknownParametersAndBadValuesInOneLine() {
        JsonNode unknown = error(get("/api/tables/market_data/search?q=AAPL&colour=red"), 400, "unknown_parameter");
        assertTrue(unknown.get("message").asText().contains("pageSize") && unknown.get("message").asText().contains("minPrice"),
                unknown.toString());
        JsonNode notInt = error(get("/api/tables/market_data/search?page=two"), 400, "bad_parameter");
        assertTrue(notInt.get("message").asText().contains("'page'") && !notInt.get("message").asText().contains("--"), notInt.toString());
        error(get("/api/tables/market_data/search?pageSize=7"), 400, "bad_request");
        error(get("/api/tables/market_data/search?strategy=psychic"), 400, "bad_request");
        error(get("/api/tables/market_data/search?from=yesterday"), 400, "bad_request");
        error(get("/api/tables/market_data/search?asOf=99"), 400, "bad_request");
        error(get("/api/tables/market_data/search?format=csv"), 400, "unknown_parameter");
        error(get("/api/tables/market_data/search?table=portfolio_holdings"), 400, "unknown_parameter");
        error(get("/api/tables/market_data/search?q=a&q=b"), 400, "bad_parameter");
        // a value that looks like a file reference or an option is only text
        assertEquals(0, ok(get("/api/tables/market_data/search?q=" + enc("@/etc/passwd"))).get("totalMatches").asInt());
        assertEquals(0, ok(get("/api/tables/market_data/search?q=" + enc("--help"))).get("totalMatches").asInt());
    }

    @Test
    void fiftyConcurrentSearchesAreAllAnsweredAndAgreeWithTheService() throws Exception {
        List<String> texts = List.of("AAPL", "MSFT", "JPM", "XOM", "PFE", "TSLA", "technology", "inc", "", "energy");
        List<StrategyKind> kinds = List.of(StrategyKind.values());
        record Ask(String text, int page, StrategyKind kind) {
        }
        List<Ask> asks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            asks.add(new Ask(texts.get(i % texts.size()), 1 + (i / texts.size()) % 2, kinds.get(i % kinds.size())));
        }
        Map<String, SearchResult> expected = new java.util.HashMap<>();
        for (Ask a : asks) {
            expected.computeIfAbsent(a.text() + "|" + a.page(), k -> ctx.search().searchNow(
                    SearchRequest.of(a.text()).withTable(MarketData.NAME).withPage(a.page()), StrategyKind.DATABASE_ONLY));
        }
        try (ApiServer limited = ApiServer.start(ctx, ApiOptions.defaults().withPort(0).withHome(home)
                     .withLimits(ApiOptions.DEFAULT_MAX_BODY, 4, Duration.ofSeconds(120)))) {
            List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
            for (Ask a : asks) {
                futures.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(limited.baseUri() + "/api/tables/market_data/search?q="
                                + enc(a.text()) + "&page=" + a.page() + "&strategy=" + a.kind().id()))
                        .header("Authorization", "Bearer " + limited.token().value()).timeout(Duration.ofSeconds(150)).GET().build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            Iterator<Ask> it = asks.iterator();
            for (CompletableFuture<HttpResponse<String>> f : futures) {
                Ask a = it.next();
                JsonNode answer = ok(f.get(170, TimeUnit.SECONDS));
                assertSameAnswer(expected.get(a.text() + "|" + a.page()), answer);
                assertEquals(a.kind().id(), answer.get("strategy").asText());
            }
        }
    }

    static void assertSameAnswer(SearchResult expected, JsonNode actual) {
        assertEquals(expected.totalMatches(), actual.get("totalMatches").asLong(), actual.toString());
        assertEquals(expected.page(), actual.get("page").asInt());
        assertEquals(expected.pageCount(), actual.get("pageCount").asInt());
        assertEquals(expected.version(), actual.get("version").asLong());
        List<Map<String, Object>> rows = expected.rowMaps();
        assertEquals(rows.size(), actual.get("rows").size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = actual.get("rows").get(i);
            assertEquals(rows.get(i).get(MarketData.SYMBOL), row.get(MarketData.SYMBOL).asText());
            assertEquals(String.valueOf(rows.get(i).get(MarketData.TRADE_DATE)), row.get(MarketData.TRADE_DATE).asText());
            assertEquals(((Number) rows.get(i).get(MarketData.CLOSE)).doubleValue(), row.get(MarketData.CLOSE).asDouble());
        }
    }

    // ---- analyses, SQL, stats

    @Test
    void eachAnalysisAnswersWhatAnalyzePrints() {
        JsonNode sector = ok(get("/api/analyze/sector?strategy=database-only&asOf=1"));
        JsonNode c = cli("analyze", "sector", "--strategy", "database-only", "--as-of", "1");
        assertEquals(c.get("result"), sector.get("result"));
        assertEquals(c.get("versionsRead"), sector.get("versionsRead"));
        for (String kind : List.of("volatility", "movers", "risk")) {
            JsonNode r = ok(get("/api/analyze/" + kind + "?strategy=database-only&top=2"));
            assertEquals(kind, r.get("analysis").asText());
            assertEquals("database-only", r.get("strategy").asText());
            assertFalse(r.get("result").isEmpty(), r.toString());
        }
        error(get("/api/analyze/sector?compareTo=0"), 400, "bad_request");
        error(get("/api/analyze/movers?top=lots"), 400, "bad_parameter");
    }

    @Test
    void queryRunsReadOnlySqlAPageAtATime() {
        String sql = "SELECT symbol, trade_date, close FROM market_data ORDER BY symbol, trade_date";
        JsonNode all = ok(post("/api/query", "{\"sql\": \"" + sql + "\", \"pageSize\": 1000}"));
        assertEquals(181, all.get("rows").size());
        assertFalse(all.get("hasMore").asBoolean());
        JsonNode second = ok(post("/api/query", "{\"sql\": \"" + sql + "\", \"page\": 2, \"pageSize\": 50}"));
        assertEquals(2, second.get("page").asInt());
        assertTrue(second.get("hasMore").asBoolean());
        assertEquals(50, second.get("rows").size());
        for (int i = 0; i < 50; i++) {
            assertEquals(all.get("rows").get(50 + i), second.get("rows").get(i));
        }
        JsonNode last = ok(post("/api/query", "{\"sql\": \"" + sql + "\", \"page\": 4, \"pageSize\": 50}"));
        assertEquals(31, last.get("rows").size());
        assertFalse(last.get("hasMore").asBoolean());
        JsonNode cliRows = cli("query", sql, "--max-rows", "1000");
        assertEquals(cliRows, all.get("rows"));
        JsonNode asOf = ok(post("/api/query", "{\"sql\": \"SELECT count(*) AS n FROM market_data\", \"asOf\": \"1\"}"));
        assertEquals(180, asOf.get("rows").get(0).get("n").asInt());

        String before = TestLakes.fingerprint(lake.resolve(MarketData.NAME));
        error(post("/api/query", "{\"sql\": \"DELETE FROM market_data WHERE symbol = 'AAPL'\"}"), 400, "bad_request");
        error(post("/api/query", "{\"sql\": \"DROP TABLE market_data\"}"), 400, "bad_request");
        assertEquals(before, TestLakes.fingerprint(lake.resolve(MarketData.NAME)));
        error(post("/api/query", "{}"), 400, "missing_sql");
        error(post("/api/query", "SELECT 1"), 400, "bad_body");
        error(post("/api/query", "[\"SELECT 1\"]"), 400, "bad_body");
        error(post("/api/query", "{\"sql\": \"SELECT 1\", \"pageSize\": 5000}"), 400, "bad_parameter");
        error(post("/api/query", "{\"sql\": \"SELECT 1\", \"page\": 11, \"pageSize\": 1000}"), 400, "bad_parameter");
        error(post("/api/query", "{\"sql\": \"SELECT 1\", \"maxRows\": 5}"), 400, "unknown_parameter");
        error(post("/api/query", "{\"sql\": {\"nested\": true}}"), 400, "bad_body");
        error(post("/api/query", "{\"sql\": \"SELECT * FROM no_such_table\"}"), 400, "bad_request");
    }

    @Test
    void statsReportsThisServersOwnSearches() {
        ok(get("/api/tables/market_data/search?q=PFE&strategy=hybrid"));
        JsonNode stats = ok(get("/api/stats"));
        JsonNode hybrid = null;
        for (JsonNode row : stats) {
            if (row.get("strategy").asText().equals("hybrid")) {
                hybrid = row;
            }
        }
        assertTrue(hybrid != null && hybrid.get("searches").asInt() >= 1, stats.toString());
        error(get("/api/stats?lastBench=true"), 400, "bad_request");
        error(get("/api/stats?queries=2"), 400, "bad_request");
    }

    // ---- the write endpoint

    @Test
    void optimizeNeedsAReasonIsRefusedOnAReadOnlyLakeAndRecordsTheReason() {
        String before = TestLakes.fingerprint(lake.resolve(SCRATCH));
        error(post("/api/tables/" + SCRATCH + "/optimize", "{}"), 400, "missing_reason");
        error(post("/api/tables/" + SCRATCH + "/optimize", "{\"reason\": \"  \"}"), 400, "missing_reason");
        try (AppContext readOnly = new AppContext(config(true));
             ApiServer ro = ApiServer.start(readOnly, ApiOptions.defaults().withPort(0).withHome(home))) {
            HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(ro.baseUri() + "/api/tables/" + SCRATCH + "/optimize"))
                    .header("Authorization", "Bearer " + ro.token().value())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"compact\"}")));
            error(refused, 409, "read_only");
            // reads still work on a read-only lake
            ok(send(HttpRequest.newBuilder(URI.create(ro.baseUri() + "/api/tables")).header("Authorization", "Bearer " + ro.token().value()).GET()));
        }
        assertEquals(before, TestLakes.fingerprint(lake.resolve(SCRATCH)), "nothing was written");
        error(post("/api/tables/" + SCRATCH + "/optimize", "{\"reason\": \"compact\", \"zorder\": [\"nope\"]}"), 400, "bad_request");

        JsonNode done = ok(post("/api/tables/" + SCRATCH + "/optimize?noMeasure=true", "{\"reason\": \"compact the scratch trades\"}"));
        assertEquals(done.get("versionBefore").asLong() + 1, done.get("versionAfter").asLong(), done.toString());
        JsonNode history = ok(get("/api/tables/" + SCRATCH + "/history?limit=1"));
        assertEquals("compact the scratch trades", history.get(0).get("reason").asText(), history.toString());
        assertNotEquals(before, TestLakes.fingerprint(lake.resolve(SCRATCH)));
    }

    // ---- the contract

    @Test
    void theContractListsEveryEndpointWithEveryOptionOfItsTwinCommand() {
        JsonNode doc = ok(get("/api/openapi.json"));
        assertEquals("3.1.0", doc.get("openapi").asText());
        JsonNode paths = doc.get("paths");
        for (String p : List.of("/api/health", "/api/stats", "/api/tables", "/api/tables/{name}", "/api/tables/{name}/history",
                "/api/tables/{name}/timeline", "/api/tables/{name}/search", "/api/tables/{name}/diff", "/api/tables/{name}/audit",
                "/api/analyze/{analysis}", "/api/query", "/api/tables/{name}/optimize", "/api/openapi.json", "/api/table/search")) {
            assertTrue(paths.has(p), p + " missing from " + paths.fieldNames());
        }
        for (Endpoints.Endpoint e : Endpoints.all()) {
            JsonNode op = paths.get(e.template()).get(e.method().toLowerCase());
            List<String> documented = new ArrayList<>();
            if (e.method().equals("POST")) {
                op.get("requestBody").get("content").get("application/json").get("schema").get("properties").fieldNames()
                        .forEachRemaining(documented::add);
            } else if (op.has("parameters")) {
                op.get("parameters").forEach(p -> documented.add(p.get("name").asText()));
            }
            if (e.command() != null) {
                for (OptionSpec o : Endpoints.spec(e).options()) {
                    String n = o.longestName().replaceFirst("^--", "");
                    if (o.usageHelp() || o.versionHelp() || n.equals("format") || e.hidden().contains(n)) {
                        continue;
                    }
                    assertTrue(documented.contains(Endpoints.camel(n)), e.operationId() + " does not document --" + n + ": " + documented);
                }
            }
        }
        List<String> searchParams = new ArrayList<>();
        paths.get("/api/tables/{name}/search").get("get").get("parameters").forEach(p -> searchParams.add(p.get("name").asText()));
        assertTrue(searchParams.containsAll(List.of("name", "q", "strategy", "page", "pageSize", "sector", "exchange", "from", "to",
                "minPrice", "maxPrice", "minVolume", "sort", "asOf")), searchParams.toString());
        assertTrue(paths.get("/api/tables/{name}/optimize").get("post").get("requestBody").get("content").get("application/json")
                .get("schema").get("required").toString().contains("reason"));
        // every documented path is served (no 404 for the route, no 405 for the method)
        Iterator<Map.Entry<String, JsonNode>> it = paths.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> p = it.next();
            String path = p.getKey().replace("{name}", "market_data").replace("{analysis}", "movers");
            if (path.startsWith("/api/table") && !path.startsWith("/api/tables")) {
                path += "?name=market_data";
            }
            for (Iterator<String> m = p.getValue().fieldNames(); m.hasNext(); ) {
                String method = m.next();
                HttpResponse<String> r = method.equals("get") ? get(path)
                        : post(path.replace("/optimize", "/optimize").replace("market_data", SCRATCH), "{}");
                assertTrue(r.statusCode() != 405 && !(r.statusCode() == 404 && json(r.body()).get("error").asText().equals("not_found")),
                        method + " " + path + " → " + r.statusCode() + " " + r.body());
            }
        }
    }

    @Test
    void theBenchTimesTheSameSearchesInProcessAndOverHttp() {
        List<ApiBench.Line> lines = ApiBench.run(ctx, MarketData.NAME, 8, 42, List.of(StrategyKind.CACHE_FIRST, StrategyKind.DATABASE_ONLY),
                msg -> { });
        assertEquals(2, lines.size());
        for (ApiBench.Line l : lines) {
            assertTrue(l.searches() > 0, l.toString());
            assertEquals(0, l.mismatches(), l.toString());
            assertTrue(l.httpP50Ms() > 0 && l.inProcessP50Ms() > 0, l.toString());
        }
        assertEquals(2, ApiBench.rows(lines).size());
        assertEquals(ApiBench.header().size(), ApiBench.rows(lines).get(0).size());
    }
}
