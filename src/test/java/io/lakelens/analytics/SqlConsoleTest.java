package io.lakelens.analytics;

import io.lakelens.LakeLensException;
import io.lakelens.TestLakes;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlConsoleTest {
    @TempDir
    static Path lake;
    @TempDir
    static Path settings;
    static LakeEngine engine;
    static QueryService queries;

    @BeforeAll
    static void handMadeLake() {
        engine = TestLakes.engine(lake);
        HandMadeLake.build(engine);
        queries = new QueryService(engine);
    }

    static SqlConsole console(Path settingsFile) {
        return new SqlConsole(queries, new ConsoleStore(settingsFile));
    }

    @Test
    void everyPreloadedExampleRuns() {
        SqlConsole c = console(settings.resolve("examples.json"));
        for (SqlExamples.SqlExample ex : c.examples()) {
            var r = c.run(ex.sql(), "latest", new CancelHandle());
            assertFalse(r.columns().isEmpty(), ex.id());
        }
    }

    @Test
    void timeTravelRiskExampleFindsTheConcentratedPosition() {
        var r = console(settings.resolve("risk.json")).run(SqlExamples.TIME_TRAVEL_RISK.sql(), "latest", new CancelHandle());
        List<Object> top = r.rows().get(0);
        // P1's AAA went from 10 of 60 cost units to 40 of 50 in the MERGE of version 1
        assertEquals(List.of("P1", "AAA"), top.subList(0, 2));
        assertEquals("HIGH_INCREASE", top.get(r.columns().indexOf("risk_assessment")));
        double volA = HandMadeLake.annualisedVolatility(HandMadeLake.closes("AAA", 5));
        assertEquals(10.0 / 60 * volA, (Double) top.get(2), 1e-9);
        assertEquals(40.0 / 50 * volA, (Double) top.get(3), 1e-9);
        // P3 sold AAA: the inner join of the seed's query drops the position
        assertTrue(r.rows().stream().noneMatch(row -> row.get(0).equals("P3") && row.get(1).equals("AAA")));
    }

    @Test
    void versionAsOfSectorExampleComparesVersionZeroWithNow() {
        var r = console(settings.resolve("sector.json")).run(SqlExamples.VERSION_AS_OF_SECTOR.sql(), "latest", new CancelHandle());
        assertEquals(List.of("Energy", "Technology"), r.rows().stream().map(row -> row.get(0)).toList());
        List<Object> tech = r.rows().get(1);
        assertEquals(4L * 3000, tech.get(r.columns().indexOf("volume_v0")));
        assertEquals(5L * 3000, tech.get(r.columns().indexOf("volume_now")));
    }

    @Test
    void windowRiskExampleRunsAsOfAPastVersion() {
        var r = console(settings.resolve("window.json")).run(SqlExamples.WINDOW_RISK.sql(), "0", new CancelHandle());
        assertEquals(0L, r.versionsRead().get("market_data"));
        // Technology only (no Finance here): AAA and BBB with 2 scored days each at version 0 = 4 rows, top 30 %
        assertTrue(r.rows().stream().allMatch(row -> row.get(1).equals("Technology")), r.rows().toString());
        assertEquals("AAA", r.rows().get(0).get(0));
    }

    @Test
    void sqlVersionAsOfReadsThatVersionAndTheSelectorReadsEveryTable() {
        assertEquals(16L, queries.run("SELECT count(*) FROM market_data VERSION AS OF 0", AsOf.LATEST, 10).rows().get(0).get(0));
        assertEquals(20L, queries.run("SELECT count(*) FROM market_data", AsOf.LATEST, 10).rows().get(0).get(0));
        var both = queries.run("SELECT (SELECT count(*) FROM market_data) AS m, (SELECT count(*) FROM portfolio_holdings) AS h",
                new AsOf.Version(0), 10);
        assertEquals(List.of(16L, 6L), both.rows().get(0));
        var e = assertThrows(LakeLensException.class,
                () -> queries.run("SELECT count(*) FROM market_data VERSION AS OF 1", new AsOf.Version(0), 10));
        assertTrue(e.getMessage().contains("use either it or VERSION AS OF"), e.getMessage());
    }

    @Test
    void resultsArePaged() {
        var r = queries.run("SELECT symbol, trade_date FROM market_data ORDER BY symbol, trade_date", AsOf.LATEST, 1000);
        assertEquals(20, r.rows().size());
        assertEquals(3, r.pageCount(8));
        assertEquals(8, r.page(1, 8).size());
        assertEquals(4, r.page(3, 8).size());
        assertEquals(r.page(3, 8), r.page(99, 8));
        assertEquals("BBB", r.page(2, 8).get(0).get(0));
        var truncated = queries.run("SELECT * FROM market_data", AsOf.LATEST, 5);
        assertTrue(truncated.truncated());
        assertEquals(5, truncated.rows().size());
    }

    @Test
    void explainShowsEveryPlanWithoutRunning() {
        String plan = console(settings.resolve("explain.json")).explain("SELECT sector, sum(volume) FROM market_data GROUP BY sector", "latest");
        assertTrue(plan.contains("== Parsed Logical Plan =="), plan);
        assertTrue(plan.contains("== Physical Plan =="), plan);
        assertTrue(plan.contains("HashAggregate"), plan);
    }

    @Test
    void errorsSayWhereInTheQuery() {
        SqlConsole c = console(settings.resolve("errors.json"));
        var parse = assertThrows(LakeLensException.class, () -> c.run("SELECT symbol\nFROM market_data WHER close > 1", "latest", new CancelHandle()));
        assertTrue(parse.getMessage().startsWith("Malformed SQL (line 2"), parse.getMessage());
        var missing = assertThrows(LakeLensException.class, () -> c.run("SELECT no_such FROM market_data", "latest", new CancelHandle()));
        assertTrue(missing.getMessage().contains("(line 1, column 8)"), missing.getMessage());
        assertTrue(missing.getCause() != null, "details stay available");
        var entry = c.store().history().get(0);
        assertTrue(entry.failed());
        assertEquals(-1, entry.rows());
    }

    @Test
    void writesAreRefusedAndChangeNothing() {
        String before = TestLakes.fingerprint(lake);
        SqlConsole c = console(settings.resolve("writes.json"));
        for (String sql : List.of("DELETE FROM market_data WHERE symbol = 'AAA'", "UPDATE portfolio_holdings SET quantity = 0",
                "DROP TABLE market_data", "INSERT INTO market_data SELECT * FROM market_data",
                "MERGE INTO portfolio_holdings t USING portfolio_holdings s ON t.symbol = s.symbol WHEN MATCHED THEN DELETE")) {
            var e = assertThrows(LakeLensException.class, () -> c.run(sql, "latest", new CancelHandle()), sql);
            assertTrue(e.getMessage().contains("read-only"), sql + " → " + e.getMessage());
        }
        for (SqlExamples.SqlExample ex : SqlExamples.all()) {
            c.run(ex.sql(), "latest", new CancelHandle());
        }
        assertEquals(before, TestLakes.fingerprint(lake));
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void cancelStopsARunningQuery() throws Exception {
        SqlConsole c = console(settings.resolve("cancel.json"));
        CancelHandle handle = new CancelHandle();
        CompletableFuture<QueryService.QueryResult> running = CompletableFuture.supplyAsync(() ->
                c.run("SELECT max(hash(id, id * 7)) FROM range(0, 1000000000000, 1, 2)", "latest", handle));
        var tracker = engine.spark().sparkContext().statusTracker();
        while (tracker.getJobIdsForGroup(handle.groupId()).length == 0 && !running.isDone()) {
            Thread.sleep(20);
        }
        handle.cancel();
        var e = assertThrows(ExecutionException.class, running::get);
        assertInstanceOf(QueryCancelledException.class, e.getCause());
        assertTrue(c.store().history().isEmpty(), "a cancelled query is not history");
        // the session is still usable afterwards
        assertEquals(1, c.run("SELECT 1 AS one", "latest", new CancelHandle()).rows().get(0).get(0));
    }

    @Test
    void historyAndSavedQueriesSurviveARestart() {
        Path file = settings.resolve("restart/console.json");
        SqlConsole c = console(file);
        c.run("SELECT count(*) FROM market_data", "latest", new CancelHandle());
        c.run("SELECT count(*) FROM market_data", "0", new CancelHandle());
        c.run("SELECT count(*) FROM market_data", "0", new CancelHandle());
        c.store().save("Day count", "SELECT count(DISTINCT trade_date) FROM market_data", "1");
        c.store().save("day count", "SELECT 2", "latest");
        ConsoleStore reopened = new ConsoleStore(file);
        assertEquals(2, reopened.history().size(), "an immediate repeat replaces the newest entry");
        assertEquals("0", reopened.history().get(0).asOf());
        assertEquals(1, reopened.history().get(0).rows());
        assertEquals(List.of(new ConsoleStore.SavedQuery("day count", "SELECT 2", "latest")), reopened.saved());
        assertTrue(reopened.delete("DAY COUNT"));
        assertTrue(new ConsoleStore(file).saved().isEmpty());
    }

    @Test
    void aDamagedSettingsFileIsSetAsideNotFatal() throws Exception {
        Path file = settings.resolve("damaged.json");
        Files.writeString(file, "{ not json");
        ConsoleStore store = new ConsoleStore(file);
        assertTrue(store.history().isEmpty());
        store.save("x", "SELECT 1", null);
        assertTrue(Files.exists(settings.resolve("damaged.json.damaged")));
        assertEquals(1, new ConsoleStore(file).saved().size());
    }

    @Test
    void catalogueAndCompletionOfferTablesAndColumns() {
        SqlConsole c = console(settings.resolve("complete.json"));
        var cat = c.catalogue();
        assertEquals(List.of("market_data", "portfolio_holdings"), List.copyOf(cat.keySet()));
        assertTrue(cat.get("market_data").contains("trade_date"));
        // tables first, then columns
        assertEquals(List.of("market_data", "market_value"), SqlText.complete("SELECT * FROM mar", 17, cat, 10));
        List<String> p = SqlText.complete("SELECT p", 8, cat, 10);
        assertEquals(List.of("portfolio_holdings", "portfolio"), p.subList(0, 2));
        assertTrue(p.containsAll(List.of("PARTITION", "PRECEDING", "PERCENT_RANK")), p.toString());
        assertTrue(SqlText.complete("SELECT ", 7, cat, 10).isEmpty());
    }

    @Test
    void highlighterFindsKeywordsStringsAndComments() {
        String sql = "SELECT 'from' AS x -- where\nFROM t";
        List<SqlText.Span> spans = SqlText.spans(sql);
        assertEquals(List.of(SqlText.Kind.KEYWORD, SqlText.Kind.STRING, SqlText.Kind.KEYWORD, SqlText.Kind.COMMENT, SqlText.Kind.KEYWORD),
                spans.stream().map(SqlText.Span::kind).toList());
        assertEquals("'from'", sql.substring(spans.get(1).start(), spans.get(1).end()));
        assertEquals("-- where", sql.substring(spans.get(3).start(), spans.get(3).end()));
        assertTrue(SqlText.spans("'unterminated").size() == 1);
    }

    @Test
    void csvExportWritesEveryRowInOneFile(@TempDir Path out) throws Exception {
        SqlConsole c = console(settings.resolve("export.json"));
        var done = c.export("SELECT symbol, trade_date, close, 'a,\"b\"' AS note FROM market_data WHERE symbol = 'CCC' ORDER BY trade_date",
                "latest", out, "ccc", ExportFormat.CSV, false, new CancelHandle());
        assertEquals(out.toRealPath().resolve("ccc.csv"), done.file());
        assertEquals(5, done.rows());
        List<String> lines = Files.readAllLines(done.file());
        assertEquals("symbol,trade_date,close,note", lines.get(0));
        assertEquals("CCC,2024-01-01,20,\"a,\"\"b\"\"\"", lines.get(1));
        assertEquals("CCC,2024-01-05,16.8,\"a,\"\"b\"\"\"", lines.get(5));
        assertEquals(6, lines.size());
        try (var files = Files.list(out)) {
            assertEquals(1, files.count(), "no temporary files are left behind");
        }
    }

    @Test
    void parquetExportIsOneReadableFile(@TempDir Path out) {
        SqlConsole c = console(settings.resolve("export.json"));
        var done = c.export("SELECT * FROM market_data", "0", out, "v0.parquet", ExportFormat.PARQUET, false, new CancelHandle());
        assertEquals(16, done.rows());
        assertTrue(Files.isRegularFile(done.file()));
        List<Row> back = engine.spark().read().parquet(done.file().toString()).collectAsList();
        assertEquals(16, back.size());
        var again = assertThrows(LakeLensException.class,
                () -> c.export("SELECT 1", "latest", out, "v0.parquet", ExportFormat.PARQUET, false, new CancelHandle()));
        assertTrue(again.getMessage().contains("already exists"), again.getMessage());
        var replaced = c.export("SELECT 1 AS one", "latest", out, "v0.parquet", ExportFormat.PARQUET, true, new CancelHandle());
        assertEquals(1, replaced.rows());
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void jsonExportIsOneFileOfOneObjectPerRow(@TempDir Path out) throws Exception {
        SqlConsole c = console(settings.resolve("export-json.json"));
        var done = c.export("SELECT * FROM market_data", "0", out, "v0", ExportFormat.JSON, false, new CancelHandle());
        assertEquals(16, done.rows());
        assertEquals(out.toRealPath().resolve("v0.json"), done.file());
        List<String> lines = Files.readAllLines(done.file());
        assertEquals(16, lines.size());
        assertTrue(lines.stream().allMatch(l -> l.startsWith("{") && l.endsWith("}")), lines.get(0));
        try (var left = Files.list(out)) {
            assertEquals(List.of(done.file()), left.toList(), "no temporary folder is left beside it");
        }
    }

    @Test
    void exportNeverLeavesTheChosenFolder(@TempDir Path out) throws Exception {
        Path inner = Files.createDirectories(out.resolve("inner"));
        for (String bad : List.of("../escape.csv", "a/b.csv", "..", ".hidden.csv", "/etc/passwd", "x.parquet", "")) {
            var e = assertThrows(LakeLensException.class,
                    () -> ResultExport.target(inner, bad, ExportFormat.CSV, false, lake), bad);
            assertFalse(e.getMessage().isBlank());
        }
        Files.createSymbolicLink(inner.resolve("link.csv"), out.resolve("elsewhere.csv"));
        assertThrows(LakeLensException.class, () -> ResultExport.target(inner, "link.csv", ExportFormat.CSV, true, lake));
        var intoLake = assertThrows(LakeLensException.class,
                () -> ResultExport.target(lake.resolve("market_data"), "x.csv", ExportFormat.CSV, false, lake));
        assertTrue(intoLake.getMessage().contains("never go inside the lake"), intoLake.getMessage());
        assertFalse(Files.exists(out.resolve("escape.csv")));
        assertEquals(inner.toRealPath().resolve("fine.csv"), ResultExport.target(inner, "fine", ExportFormat.CSV, false, lake));
    }

    @Test
    void cancelledExportLeavesNothing(@TempDir Path out) throws Exception {
        CancelHandle handle = new CancelHandle();
        handle.cancel();
        assertThrows(QueryCancelledException.class, () -> console(settings.resolve("export.json"))
                .export("SELECT * FROM market_data", "latest", out, "x.csv", ExportFormat.CSV, false, handle));
        try (var files = Files.list(out)) {
            assertEquals(0, files.count());
        }
    }
}
