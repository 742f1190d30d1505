package io.lakelens.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakelens.LakeLensException;
import io.lakelens.TestLakes;
import io.lakelens.cli.Main;
import io.lakelens.data.Tables.Events;
import io.lakelens.data.Tables.Holdings;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.data.Tables.Transactions;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.Commit;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.VariantType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated lake at TINY size. Three generations are shared by all tests: lake A (seed 7,
 * through the API), lake B cancelled early with seed 8, then B regenerated with seed 7 through
 * the CLI with --force, which must reproduce A exactly.
 */
class LakeGeneratorTest {
    private static final long SEED = 7;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path root;

    static LakeEngine a;
    static LakeEngine b;
    static GenerationPlan plan;
    static GenerationReport report;
    static List<String> progressSteps = new ArrayList<>();

    // lake B after the cancelled run, before the CLI replaced it
    static LakeLensException cancelled;
    static Set<String> tablesAfterCancel;
    static long marketVersionsAfterCancel;
    static Map<String, Set<String>> filesOnDiskAfterCancel = new TreeMap<>();
    static Map<String, Set<String>> filesInLogAfterCancel = new TreeMap<>();
    static String cancelledV0Checksum;

    static int cliCode;
    static String cliOut;
    static String cliErr;

    @BeforeAll
    static void generate() throws IOException {
        plan = GenerationPlan.of(DatasetSize.TINY, SEED);
        a = TestLakes.engine(root.resolve("a"));
        report = new LakeGenerator(a).generate(DatasetSize.TINY, SEED, (f, s) -> progressSteps.add(s));

        Path lakeB = root.resolve("b");
        b = TestLakes.engine(lakeB);
        int[] eodLoads = {0};
        boolean[] cancel = {false};
        cancelled = assertThrows(LakeLensException.class, () -> new LakeGenerator(b).generate(DatasetSize.TINY, 8,
                new GenerationListener() {
                    @Override
                    public void progress(double fraction, String step) {
                        if (step.startsWith(MarketData.NAME + ": EOD load") && ++eodLoads[0] == 2) {
                            cancel[0] = true; // this load still commits; the next step must not start
                        }
                    }

                    @Override
                    public boolean isCancelled() {
                        return cancel[0];
                    }
                }));
        tablesAfterCancel = new TreeSet<>(b.tableNames());
        marketVersionsAfterCancel = b.latestVersion(MarketData.NAME) + 1;
        for (String table : tablesAfterCancel) {
            filesOnDiskAfterCancel.put(table, dataFiles(lakeB.resolve(table)));
            filesInLogAfterCancel.put(table, filesInLog(lakeB.resolve(table)));
        }
        cancelledV0Checksum = checksum(b, MarketData.NAME, new AsOf.Version(0));

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cliCode = Main.execute(new String[]{"generate", "--dataset", "tiny", "--seed", String.valueOf(SEED), "--force",
                "--lake", lakeB.toString(), "--no-redis"}, new PrintWriter(out, true), new PrintWriter(err, true));
        cliOut = out.toString();
        cliErr = err.toString();
    }

    // ---- determinism -------------------------------------------------------------------

    @Test
    void sameSeedBuildsIdenticalTablesAndHistory() {
        assertEquals(0, cliCode, cliErr);
        for (String table : Tables.GENERATED) {
            assertEquals(checksum(a, table, AsOf.LATEST), checksum(b, table, AsOf.LATEST), table);
            List<String> ha = a.history(table, 0).stream().map(c -> c.version() + " " + c.operation() + " " + c.reason()).toList();
            List<String> hb = b.history(table, 0).stream().map(c -> c.version() + " " + c.operation() + " " + c.reason()).toList();
            assertEquals(ha, hb, table);
        }
        assertEquals(checksum(a, MarketData.NAME, new AsOf.Version(0)), checksum(b, MarketData.NAME, new AsOf.Version(0)));
    }

    @Test
    void everyOtherTableStartsAfterMarketDataSoEachVersionHasPricesAsOld() {
        java.time.Instant marketFirst = a.history(MarketData.NAME, 0).getLast().timestamp();
        for (String table : Tables.GENERATED) {
            java.time.Instant first = a.history(table, 0).getLast().timestamp();
            assertFalse(first.isBefore(marketFirst), table + " v0 at " + first + ", market_data v0 at " + marketFirst);
        }
    }

    @Test
    void differentSeedBuildsDifferentPrices() {
        assertNotEquals(checksum(a, MarketData.NAME, new AsOf.Version(0)), cancelledV0Checksum);
    }

    // ---- market_data history -----------------------------------------------------------

    @Test
    void marketDataHasAtLeastTenVersionsEachWithReasonAndUser() {
        List<Commit> history = a.history(MarketData.NAME, 0);
        assertTrue(history.size() >= 10, "versions: " + history.size());
        for (Commit c : history) {
            assertFalse(c.reason().isBlank(), "version " + c.version() + " has no reason");
            assertEquals(System.getProperty("user.name"), c.user(), "version " + c.version());
        }
        Set<String> operations = history.stream().map(Commit::operation).collect(Collectors.toSet());
        assertTrue(operations.containsAll(Set.of("WRITE", "MERGE", "DELETE", "OPTIMIZE")), operations.toString());
        assertEquals(history.size(), report.versionsPerTable().get(MarketData.NAME));
        assertEquals(a.read(MarketData.NAME, AsOf.LATEST).count(), report.rowsPerTable().get(MarketData.NAME));
        assertTrue(report.rowsPerSecond() > 0);
    }

    @Test
    void priceCorrectionChangesExactlyTheBadTicks() {
        long v = versionWithReason(a, MarketData.NAME, "Price correction");
        Dataset<Row> before = a.read(MarketData.NAME, new AsOf.Version(v - 1)).as("o");
        Dataset<Row> after = a.read(MarketData.NAME, new AsOf.Version(v)).as("n");
        Column sameKey = col("o.symbol").equalTo(col("n.symbol")).and(col("o.trade_date").equalTo(col("n.trade_date")));
        Column changed = col("o.close").notEqual(col("n.close")).or(col("o.volume").notEqual(col("n.volume")))
                .or(col("o.market_cap").notEqual(col("n.market_cap")));
        Set<String> changedKeys = before.join(after, sameKey).where(changed)
                .select(col("o.symbol"), col("o.trade_date").cast("string")).collectAsList().stream()
                .map(r -> r.getString(0) + " " + r.getString(1)).collect(Collectors.toCollection(TreeSet::new));
        Set<String> expected = plan.badTicks().stream().map(t -> t.symbol() + " " + t.tradeDate())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, changedKeys);
        assertEquals(before.count(), after.count());
        // Before, each bad tick breaks a rule a data-quality check would flag; after, none does.
        assertEquals(expected.size(), inconsistentRows(a.read(MarketData.NAME, new AsOf.Version(v - 1))));
        assertEquals(0, inconsistentRows(a.read(MarketData.NAME, new AsOf.Version(v))));
        // The change feed of the correction holds exactly those rows.
        long cdfRows = a.spark().read().format("delta").option("readChangeFeed", "true")
                .option("startingVersion", v).option("endingVersion", v).load(a.tablePath(MarketData.NAME).toString())
                .where(col("_change_type").equalTo("update_postimage")).count();
        assertEquals(expected.size(), cdfRows);
    }

    @Test
    void ohlcIsConsistentOnEveryRow() {
        Dataset<Row> latest = a.read(MarketData.NAME, AsOf.LATEST);
        assertEquals(0, inconsistentRows(latest));
        assertEquals(0, latest.where(col("vwap").lt(col("low")).or(col("vwap").gt(col("high")))).count());
        assertEquals(0, latest.where(col("low").leq(0)).count());
    }

    @Test
    void everySectorIsPresentAndTheCoreSymbolsToo() {
        Dataset<Row> latest = a.read(MarketData.NAME, AsOf.LATEST);
        Set<String> sectors = latest.select("sector").distinct().collectAsList().stream().map(r -> r.getString(0))
                .collect(Collectors.toSet());
        assertEquals(new HashSet<>(SymbolUniverse.SECTORS), sectors);
        Set<String> symbols = latest.select("symbol").distinct().collectAsList().stream().map(r -> r.getString(0))
                .collect(Collectors.toSet());
        assertTrue(symbols.containsAll(Set.of("AAPL", "MSFT", "GOOGL", "AMZN", "JPM", "XOM")), symbols.toString());
        assertEquals(DatasetSize.TINY.symbols() - 1, symbols.size());
        assertFalse(symbols.contains(plan.delistedSymbol()));
        assertTrue(a.read(MarketData.NAME, new AsOf.Version(0)).where(col("symbol").equalTo(plan.delistedSymbol()))
                .count() > 0, "time travel still shows the delisted symbol");
    }

    @Test
    void changePctAppearsWithTheSchemaEvolutionCommitAndIsBackfilled() {
        long evolved = versionWithReason(a, MarketData.NAME, "adds change_pct");
        assertFalse(Arrays.asList(a.read(MarketData.NAME, new AsOf.Version(evolved - 1)).columns()).contains(MarketData.CHANGE_PCT));
        assertTrue(Arrays.asList(a.read(MarketData.NAME, new AsOf.Version(evolved)).columns()).contains(MarketData.CHANGE_PCT));
        long backfill = versionWithReason(a, MarketData.NAME, "Backfill change_pct");
        assertTrue(backfill > evolved);
        assertTrue(a.read(MarketData.NAME, new AsOf.Version(backfill - 1)).where(col(MarketData.CHANGE_PCT).isNull()).count()
                > DatasetSize.TINY.symbols());
        // After the backfill only days before the backfilled year lack a change: at TINY just the
        // first day, which has no previous close.
        Dataset<Row> latest = a.read(MarketData.NAME, AsOf.LATEST);
        java.sql.Date firstBackfilled = java.sql.Date.valueOf(plan.tradeDates().get(plan.backfillFromDay()));
        assertEquals(1, plan.backfillFromDay());
        assertEquals(latest.where(col("trade_date").lt(lit(firstBackfilled))).count(),
                latest.where(col(MarketData.CHANGE_PCT).isNull()).count());
        // change_pct agrees with consecutive closes.
        List<Row> aapl = latest.where(col("symbol").equalTo("AAPL")).orderBy("trade_date").select("close", "change_pct")
                .collectAsList();
        Row r = aapl.get(aapl.size() - 1);
        Row prev = aapl.get(aapl.size() - 2);
        assertEquals((r.getDouble(0) / prev.getDouble(0) - 1) * 100, r.getDouble(1), 1e-3);
    }

    @Test
    void marketDataHasChangeFeedAndSkippingPropertiesAndIsSortedBySymbol() {
        Map<String, String> props = a.describe(MarketData.NAME).properties();
        assertEquals("true", props.get("delta.enableChangeDataFeed"));
        assertEquals(MarketData.STATS_COLUMNS, props.get("delta.dataSkippingStatsColumns"));
        // the size it was built at, which the window's badge shows however many rows come later
        assertEquals("tiny", props.get(DatasetSize.PROPERTY));
        assertEquals(DatasetSize.TINY, DatasetSize.ofProperties(props).orElseThrow());
        assertTrue(DatasetSize.ofProperties(Map.of()).isEmpty(), "a table LakeLens did not generate has no size");
        for (String table : Tables.GENERATED) {
            assertEquals("true", a.describe(table).properties().get("delta.enableChangeDataFeed"), table);
        }
    }

    // ---- the other tables --------------------------------------------------------------

    @Test
    void complianceDeleteRemovesExactlyOneAccountsTrades() {
        long v = versionWithReason(a, Transactions.NAME, "GDPR erasure");
        String reason = a.history(Transactions.NAME, 0).stream().filter(c -> c.version() == v).findFirst().orElseThrow().reason();
        Dataset<Row> before = a.read(Transactions.NAME, new AsOf.Version(v - 1));
        Dataset<Row> after = a.read(Transactions.NAME, new AsOf.Version(v));
        List<Row> removed = before.as("o").join(after.as("n"),
                col("o." + Transactions.TRADE_ID).equalTo(col("n." + Transactions.TRADE_ID)), "left_anti").collectAsList();
        Set<String> accounts = removed.stream().map(r -> r.getString(r.fieldIndex(Transactions.ACCOUNT))).collect(Collectors.toSet());
        assertEquals(1, accounts.size(), accounts.toString());
        String account = accounts.iterator().next();
        assertTrue(reason.contains(account), reason);
        assertEquals(before.where(col(Transactions.ACCOUNT).equalTo(account)).count(), removed.size());
        assertEquals(0, after.where(col(Transactions.ACCOUNT).equalTo(account)).count());
        assertEquals(before.count() - removed.size(), after.count());
    }

    @Test
    void tradeIdsAreUniqueAndTradesPricedWithinTheDaysRange() {
        Dataset<Row> trades = a.read(Transactions.NAME, AsOf.LATEST);
        assertEquals(trades.count(), trades.select(Transactions.TRADE_ID).distinct().count());
        assertTrue(trades.count() > DatasetSize.TINY.rows() / 4, "about one trade per two bars: " + trades.count());
        Dataset<Row> bars = a.read(MarketData.NAME, new AsOf.Version(0));
        long outside = trades.as("t").join(bars.as("m"), col("t.symbol").equalTo(col("m.symbol"))
                        .and(expr("to_date(from_utc_timestamp(t.ts, 'America/New_York'))").equalTo(col("m.trade_date"))))
                .where(col("t.price").lt(col("m.low")).or(col("t.price").gt(col("m.high")))).count();
        assertEquals(0, outside);
    }

    @Test
    void holdingsRebalancesChangeTheBookAndMarketValueFollowsTheClose() {
        List<Commit> history = a.history(Holdings.NAME, 0);
        assertTrue(history.size() >= 5, "versions: " + history.size());
        assertNotEquals(checksum(a, Holdings.NAME, new AsOf.Version(0)), checksum(a, Holdings.NAME, AsOf.LATEST));
        Dataset<Row> latest = a.read(Holdings.NAME, AsOf.LATEST);
        assertEquals(20, latest.select(Holdings.PORTFOLIO).distinct().count());
        assertEquals(0, latest.where(col(Holdings.SYMBOL).equalTo(plan.delistedSymbol())).count());
        long wrong = latest.as("h").join(a.read(MarketData.NAME, AsOf.LATEST).as("m"),
                        col("h.symbol").equalTo(col("m.symbol")).and(col("h.as_of_date").equalTo(col("m.trade_date"))))
                .where(expr("abs(h.market_value - round(h.quantity * m.close, 2)) > 0.01")).count();
        assertEquals(0, wrong);
    }

    @Test
    void eventPayloadIsAVariantThatFiltersAndTimeTravels() {
        Dataset<Row> latest = a.read(Events.NAME, AsOf.LATEST);
        assertTrue(latest.schema().apply(Events.PAYLOAD).dataType() instanceof VariantType);
        long earnings = latest.where(col(Events.EVENT_TYPE).equalTo("EARNINGS")).count();
        assertTrue(earnings > 0);
        assertEquals(earnings, latest.where(expr("variant_get(payload, '$.eps_actual', 'double') IS NOT NULL")).count());
        long v = versionWithReason(a, Events.NAME, "Earnings restatement");
        Dataset<Row> restated = a.read(Events.NAME, new AsOf.Version(v))
                .where(expr("variant_get(payload, '$.restated', 'boolean')"));
        assertEquals(1, restated.count());
        long id = restated.first().getLong(0);
        double now = eps(a.read(Events.NAME, new AsOf.Version(v)), id);
        double then = eps(a.read(Events.NAME, new AsOf.Version(v - 1)), id);
        assertEquals(Math.round(then * 0.97 * 100) / 100.0, now, 1e-9);
        Set<String> types = latest.select(Events.EVENT_TYPE).distinct().collectAsList().stream().map(r -> r.getString(0))
                .collect(Collectors.toSet());
        assertTrue(Set.of("EARNINGS", "DIVIDEND", "SPLIT", "HALT", "NEWS").containsAll(types), types.toString());
        assertTrue(types.containsAll(Set.of("EARNINGS", "NEWS")), types.toString());
    }

    // ---- cancellation and the CLI --------------------------------------------------------

    @Test
    void cancellationLeavesOnlyCommittedVersions() {
        assertTrue(cancelled.getMessage().startsWith("Generation cancelled"), cancelled.getMessage());
        // The other tables' pipelines run concurrently and stop at their own next commit.
        assertTrue(tablesAfterCancel.contains(MarketData.NAME), tablesAfterCancel.toString());
        assertEquals(3, marketVersionsAfterCancel, "initial load and two EOD loads");
        assertEquals(filesInLogAfterCancel, filesOnDiskAfterCancel, "no data file outside a commit");
        assertFalse(filesOnDiskAfterCancel.get(MarketData.NAME).isEmpty());
    }

    @Test
    void cliPrintsProgressAndASummaryPerTable() {
        assertEquals(0, cliCode, cliErr);
        // progress is drawn on a terminal's stderr only: standard output holds the summary alone
        assertFalse(cliOut.contains("%]") || cliOut.contains("Starting Spark"), cliOut);
        assertTrue(cliOut.contains("Generated ") && cliOut.contains("market_data"), cliOut);
        for (String table : Tables.GENERATED) {
            assertTrue(cliOut.lines().anyMatch(l -> l.startsWith(table + " ")), table + " missing in\n" + cliOut);
        }
        assertTrue(cliOut.contains("rows/s"), cliOut);
        assertTrue(progressSteps.size() > 20);
    }

    @Test
    void refusesToReplaceExistingTablesWithoutForce() {
        String before = TestLakes.fingerprint(root.resolve("a"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[]{"generate", "--dataset", "tiny", "--lake", root.resolve("a").toString(),
                "--no-redis"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(1, code);
        assertTrue(err.toString().contains("--force") && err.toString().contains(MarketData.NAME), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertEquals(before, TestLakes.fingerprint(root.resolve("a")));
    }

    @Test
    void lakeUnderAFileIsAClearUserError() throws IOException {
        Path file = Files.writeString(root.resolve("not-a-folder.txt"), "x");
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[]{"generate", "--dataset", "tiny", "--lake", file.resolve("lake").toString(),
                "--no-redis"}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(1, code);
        assertTrue(err.toString().contains("is a file"), err.toString());
    }

    @Test
    void unknownDatasetIsAClearUserError() {
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[]{"generate", "--dataset", "huge", "--lake", root.resolve("c").toString(),
                "--no-redis"}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(1, code);
        assertTrue(err.toString().contains("Unknown dataset 'huge'"), err.toString());
        assertFalse(Files.exists(root.resolve("c").resolve(MarketData.NAME)));
    }

    // ---- helpers -------------------------------------------------------------------------

    /** Order-independent content checksum: row count and the sum of per-row hashes. */
    static String checksum(LakeEngine engine, String table, AsOf asOf) {
        Dataset<Row> df = engine.read(table, asOf);
        Column[] cols = Arrays.stream(df.schema().fields())
                .map(f -> f.dataType() instanceof VariantType ? col(f.name()).cast("string") : col(f.name()))
                .toArray(Column[]::new);
        Row r = df.select(xxhash64(cols).cast("decimal(38,0)").as("h")).agg(count(lit(1)), sum("h")).first();
        return r.getLong(0) + ":" + r.get(1);
    }

    static long inconsistentRows(Dataset<Row> bars) {
        return bars.where(col("low").gt(least(col("open"), col("close")))
                .or(col("high").lt(greatest(col("open"), col("close"))))
                .or(col("volume").lt(0))).count();
    }

    static long versionWithReason(LakeEngine engine, String table, String reasonPart) {
        return engine.history(table, 0).stream().filter(c -> c.reason().contains(reasonPart)).findFirst()
                .orElseThrow(() -> new AssertionError("no commit of " + table + " with reason containing " + reasonPart))
                .version();
    }

    static double eps(Dataset<Row> events, long id) {
        return events.where(col(Events.EVENT_ID).equalTo(id))
                .select(expr("variant_get(payload, '$.eps_actual', 'double')")).first().getDouble(0);
    }

    static Set<String> dataFiles(Path table) throws IOException {
        try (Stream<Path> s = Files.walk(table)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !table.relativize(p).startsWith("_delta_log"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .map(p -> table.relativize(p).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** Every data and change-data file a commit of the log added. */
    static Set<String> filesInLog(Path table) throws IOException {
        Set<String> out = new TreeSet<>();
        List<Path> commits;
        try (Stream<Path> s = Files.list(table.resolve("_delta_log"))) {
            commits = s.filter(p -> p.getFileName().toString().matches("\\d{20}\\.json")).sorted().toList();
        }
        for (Path commit : commits) {
            for (String line : Files.readAllLines(commit)) {
                JsonNode action = JSON.readTree(line);
                for (String kind : List.of("add", "cdc")) {
                    JsonNode a = action.get(kind);
                    if (a != null) {
                        out.add(java.net.URLDecoder.decode(a.get("path").asText(), java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return out;
    }
}
