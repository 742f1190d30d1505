package io.lakelens.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.tables.DeltaTable;
import io.lakelens.LakeLensException;
import io.lakelens.data.Tables.Events;
import io.lakelens.data.Tables.Holdings;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.data.Tables.Transactions;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.EngineSettings;
import io.lakelens.lake.Errors;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.TableKey;
import io.lakelens.lake.TableName;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.parse_json;
import static org.apache.spark.sql.functions.round;

/**
 * Builds the synthetic financial lake: {@code market_data}, {@code trading_transactions},
 * {@code portfolio_holdings} and {@code market_events}, deterministically from a seed, each
 * through the sequence of commits a trading desk would make (initial load, daily appends, a
 * price correction, a schema change with backfill, a compliance deletion, maintenance), every
 * commit through {@link LakeEngine#write} so it carries a user and a reason.
 *
 * <p>Generating replaces these four tables if they exist (their folders are deleted first);
 * callers confirm with the user before (the CLI's {@code --force}). Other tables in the lake
 * are left alone. Not thread-safe for concurrent generations into the same lake; one instance
 * may be reused for successive generations.
 *
 * <p>Commit timestamps are the real times of generation, not the trade dates. Delta reads them
 * from the log files' modification times, so they could be backdated, but the tables' 30-day
 * log retention would then delete the backdated logs at the next checkpoint and break time
 * travel to them, unless expired-log cleanup were turned off for good.
 */
public final class LakeGenerator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong RUNS = new AtomicLong();

    private final LakeEngine engine;

    public LakeGenerator(LakeEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * Builds the four tables deterministically from seed. Thread: call off the UI thread.
     *
     * @throws LakeLensException when the lake folder cannot be written, when a step fails, or
     *                           with "Generation cancelled …" when the listener cancels; every
     *                           table is then at a committed version (no half commit)
     */
    public GenerationReport generate(DatasetSize size, long seed, GenerationListener listener) {
        Objects.requireNonNull(size, "size");
        GenerationListener l = listener == null ? GenerationListener.NONE : listener;
        long start = System.nanoTime();
        requireWritableLake(engine.lakeRoot());
        if (engine.config().readOnly()) {
            throw new LakeLensException("The lake " + engine.lakeRoot() + " is open read-only; generating is refused "
                    + "(open it without --read-only to generate).");
        }
        Run run = new Run(GenerationPlan.of(size, seed), l);
        try {
            run.execute();
        } finally {
            run.cleanUp();
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        long total = run.rows.values().stream().mapToLong(Long::longValue).sum();
        l.progress(1.0, "Done");
        return new GenerationReport(size, seed, new LinkedHashMap<>(run.rows), new LinkedHashMap<>(run.versions), elapsedMs,
                total / Math.max(0.001, elapsedMs / 1000.0));
    }

    /** Creates the lake folder if needed and checks it can be written, before Spark starts. */
    static void requireWritableLake(Path root) {
        for (Path p = root.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new LakeLensException("Cannot create the lake folder " + root + ": " + p
                        + " is a file, not a folder; pass --lake with a folder path.");
            }
        }
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new LakeLensException("The lake path " + root + " is a file, not a folder; pass --lake with a folder path.");
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new LakeLensException("Cannot create the lake folder " + root + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); pass --lake with a writable folder.", e);
        }
        Path probe = root.resolve(".lakelens-write-probe");
        try {
            Files.deleteIfExists(probe);
            Files.createFile(probe);
            Files.delete(probe);
        } catch (IOException e) {
            throw new LakeLensException("The lake folder " + root + " is not writable; pass --lake with a writable "
                    + "folder or fix its permissions.", e);
        }
    }

    /** One generation: its plan, its steps and what it has built so far. */
    private final class Run {
        private record Step(String label, double weight, Runnable action) {
        }

        private final GenerationPlan plan;
        private final GenerationListener listener;
        private final MarketModel model;
        private final String view = "lakelens_gen_bars_" + RUNS.incrementAndGet();
        private final Map<String, Long> rows = new ConcurrentHashMap<>();
        private final Map<String, Long> versions = new ConcurrentHashMap<>();
        /** Run one after the other before the tables: Spark, the old tables, the shared price model. */
        private final List<Step> prepare = new ArrayList<>();
        /** One pipeline of commits per table; the pipelines run concurrently. */
        private final Map<String, List<Step>> pipelines = new LinkedHashMap<>();
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        /** Released once market_data's first version is committed (or its pipeline has stopped). */
        private final java.util.concurrent.CountDownLatch marketStarted = new java.util.concurrent.CountDownLatch(1);
        private double total;
        private double done;
        private volatile Dataset<Row> cached;
        private List<Portfolios.Position> book;

        Run(GenerationPlan plan, GenerationListener listener) {
            this.plan = plan;
            this.listener = listener;
            this.model = new MarketModel(plan);
            plan();
        }

        private void add(List<Step> to, String label, double weight, Runnable action) {
            to.add(new Step(label, weight, action));
        }

        private List<Step> pipeline(String table) {
            return pipelines.computeIfAbsent(table, t -> new ArrayList<>());
        }

        private String date(int day) {
            return plan.tradeDates().get(day).toString();
        }

        private void plan() {
            int days = plan.days();
            double scale = plan.size().rows() / 1_000_000.0;
            add(prepare, "Starting Spark", 3, engine::spark);
            add(prepare, "Replacing existing tables", 1, this::dropExisting);
            add(prepare, "Modelling prices for " + plan.universe().size() + " symbols × " + days + " days", 10 * scale + 2,
                    this::modelPrices);

            List<Step> market = pipeline(MarketData.NAME);
            add(market, MarketData.NAME + ": initial load " + date(0) + " to " + date(plan.initialDays() - 1),
                    25 * scale + 1, this::marketInitialLoad);
            if (plan.initialDays() < plan.firstDailyDay()) {
                add(market, MarketData.NAME + ": catch-up load " + date(plan.initialDays()) + " to "
                        + date(plan.firstDailyDay() - 1), 6 * scale + 1, this::marketCatchUp);
            }
            for (int day = plan.firstDailyDay(); day < days; day++) {
                int d = day;
                if (day == plan.schemaChangeDay()) {
                    add(market, MarketData.NAME + ": EOD load " + date(d) + " with change_pct (schema evolution)", 1,
                            () -> marketSchemaChange(d));
                    add(market, MarketData.NAME + ": backfill change_pct", 6 * scale + 2, this::marketBackfill);
                } else {
                    add(market, MarketData.NAME + ": EOD load " + date(d), 1, () -> marketDaily(d));
                }
                if (day == plan.badTickDay()) {
                    add(market, MarketData.NAME + ": price correction of " + plan.badTicks().size() + " bad ticks", 2,
                            this::marketCorrection);
                }
            }
            add(market, MarketData.NAME + ": remove delisted " + plan.delistedSymbol(), 3 * scale + 2, this::marketDelete);
            add(market, MarketData.NAME + ": OPTIMIZE ZORDER BY (symbol)", 15 * scale + 2, this::marketOptimize);
            add(market, MarketData.NAME + ": counting rows", 1, () -> count(MarketData.NAME));

            List<Step> trades = pipeline(Transactions.NAME);
            int lastDays = 3;
            add(trades, Transactions.NAME + ": create table", 1, this::tradesCreate);
            add(trades, Transactions.NAME + ": initial load to " + date(days - lastDays - 1), 15 * scale + 1,
                    () -> tradesAppend(0, days - lastDays, "Initial load of the trade blotter " + date(0) + " to "
                            + date(days - lastDays - 1)));
            for (int day = days - lastDays; day < days; day++) {
                int d = day;
                add(trades, Transactions.NAME + ": EOD trades " + date(d), 1,
                        () -> tradesAppend(d, d + 1, "EOD trades " + date(d)));
            }
            add(trades, Transactions.NAME + ": GDPR erasure", 2 * scale + 2, this::tradesErasure);
            add(trades, Transactions.NAME + ": trade correction", 2, this::tradesCorrection);
            add(trades, Transactions.NAME + ": counting rows", 1, () -> count(Transactions.NAME));

            List<Step> holdings = pipeline(Holdings.NAME);
            add(holdings, Holdings.NAME + ": initial positions", 1, this::holdingsInitial);
            add(holdings, Holdings.NAME + ": quarterly rebalance", 2, () -> holdingsRebalance(plan.firstDailyDay() + 1, 1,
                    Set.of(), Set.of(), "Quarterly rebalance " + date(plan.firstDailyDay() + 1)));
            add(holdings, Holdings.NAME + ": mark to market", 2, () -> holdingsMark(days - 3));
            add(holdings, Holdings.NAME + ": risk rebalance", 2, () -> holdingsRebalance(days - 2, 2,
                    Set.of(plan.delistedSymbol()), Set.of("Energy"),
                    "Risk rebalance " + date(days - 2) + ": trim Energy 40 %, exit " + plan.delistedSymbol()
                            + " ahead of its delisting"));
            add(holdings, Holdings.NAME + ": mark to market", 2, () -> holdingsMark(days - 1));
            add(holdings, Holdings.NAME + ": counting rows", 1, () -> count(Holdings.NAME));

            List<Step> events = pipeline(Events.NAME);
            add(events, Events.NAME + ": initial load", 4 * scale + 1, this::eventsInitial);
            add(events, Events.NAME + ": event feed", 1, this::eventsFeed);
            add(events, Events.NAME + ": earnings restatement", 2, this::eventsRestatement);
            add(events, Events.NAME + ": delisting notice", 1, this::eventsDelisting);
            add(events, Events.NAME + ": counting rows", 1, () -> count(Events.NAME));

            total = prepare.stream().mapToDouble(Step::weight).sum()
                    + pipelines.values().stream().flatMap(List::stream).mapToDouble(Step::weight).sum();
        }

        /**
         * Prepares, then runs the four tables' pipelines concurrently: each table's commits stay
         * in order; the tables depend only on the cached price model, except that the others wait
         * for market_data's first commit (see {@link #awaitMarketData()}).
         * Small commits are mostly driver-side latency (log reads, commit, checksum), so
         * overlapping them keeps both cores busy. The first failure or a cancellation stops
         * every pipeline before its next commit; commits in flight finish, so no table is left
         * half-written.
         */
        void execute() {
            runSteps(prepare);
            if (failure.get() != null) {
                throw failure.get();
            }
            ExecutorService pool = Executors.newFixedThreadPool(pipelines.size(), r -> {
                Thread t = new Thread(r, "lakelens-generate");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> running = new ArrayList<>();
                for (Map.Entry<String, List<Step>> p : pipelines.entrySet()) {
                    List<Step> steps = p.getValue();
                    if (p.getKey().equals(MarketData.NAME)) {
                        running.add(pool.submit(() -> {
                            try {
                                runSteps(steps);
                            } finally {
                                marketStarted.countDown(); // also when it failed or was cancelled
                            }
                        }));
                    } else {
                        running.add(pool.submit(() -> {
                            awaitMarketData();
                            runSteps(steps);
                        }));
                    }
                }
                for (Future<?> f : running) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        // recorded in failure by runSteps
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        failure.compareAndSet(null, new LakeLensException("Generation interrupted; every table is at its "
                                + "last committed version."));
                    }
                }
            } finally {
                pool.shutdown();
            }
            RuntimeException f = failure.get();
            if (f != null) {
                throw f;
            }
        }

        /**
         * The other tables' first commits come after market_data's first: holdings, trades and
         * events are valued and priced from market data, so every version of them has a
         * market_data version at least as old (the risk analysis compares "then" on that basis).
         */
        private void awaitMarketData() {
            try {
                marketStarted.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(new LakeLensException("Generation interrupted; every table is at its last committed version."));
            }
        }

        private void runSteps(List<Step> steps) {
            for (Step step : steps) {
                if (failure.get() != null) {
                    return;
                }
                if (listener.isCancelled()) {
                    fail(new LakeLensException("Generation cancelled before '" + step.label() + "'; every table is at "
                            + "its last committed version. Generate again (with --force) to rebuild the lake."));
                    return;
                }
                begin(step);
                try {
                    engine.spark().sparkContext().setJobDescription("Generate: " + step.label());
                    step.action().run();
                } catch (LakeLensException e) {
                    fail(e);
                    return;
                } catch (Exception e) { // Spark throws checked exceptions undeclared
                    fail(new LakeLensException("Generation failed at '" + step.label() + "': "
                            + Errors.firstLine(Errors.rootMessage(e)), e));
                    return;
                }
                finish(step);
            }
        }

        /** Records the first failure; later ones (other pipelines stopping) add nothing. */
        private void fail(RuntimeException e) {
            failure.compareAndSet(null, e);
        }

        private synchronized void begin(Step step) {
            listener.progress(Math.min(1.0, done / total), step.label());
        }

        private synchronized void finish(Step step) {
            done += step.weight();
        }

        void cleanUp() {
            if (cached != null) {
                try {
                    cached.unpersist(false);
                    engine.spark().catalog().dropGlobalTempView(view);
                } catch (Exception ignored) {
                    // the session is shutting down; the cache goes with it
                }
            }
        }

        // ---- shared helpers -------------------------------------------------------------

        private String path(String table) {
            return engine.tablePath(table).toString();
        }

        /** The cached bars, seen from a write's own session. */
        private Dataset<Row> bars(SparkSession s) {
            return s.table(s.conf().get("spark.sql.globalTempDatabase", "global_temp") + "." + view);
        }

        private Dataset<Row> days(SparkSession s, int from, int to) {
            return bars(s).where(col(MarketModel.DAY).geq(from).and(col(MarketModel.DAY).lt(to)));
        }

        /**
         * Files for a load of days [from, to): the model's partitions are narrow symbol ranges,
         * worth keeping apart for skipping, but a daily load split that way would be a handful of
         * tiny files per day; loads under ~62,500 rows become one file per 62,500 rows.
         */
        private int filesFor(int from, int to) {
            long rowsLoaded = (long) plan.universe().size() * (to - from);
            return Math.min(plan.partitions(), plan.filesFor(rowsLoaded));
        }

        /** Events are about one per twelve bars and come from five unions: one file per ~62,500. */
        private int eventFiles(int from, int to) {
            return plan.filesFor((long) plan.universe().size() * (to - from) / 12);
        }

        /**
         * Creates a table from its first rows in one commit with its properties. A DataFrame
         * write keeps only {@code delta.*} options as table properties; creating it as a table
         * (CREATE TABLE AS SELECT) keeps them all, {@code lakelens.key} included.
         */
        private void createAs(Dataset<Row> rows, String table, Map<String, String> properties) {
            var writer = rows.writeTo("delta." + TableName.quote(path(table))).using("delta");
            for (var e : properties.entrySet()) {
                writer = writer.tableProperty(e.getKey(), e.getValue());
            }
            try {
                writer.create();
            } catch (Exception e) { // the catalog's checked exceptions arrive undeclared
                throw e instanceof RuntimeException re ? re : new LakeLensException("Creating " + table + " failed: "
                        + Errors.abbreviate(Errors.rootMessage(e)), e);
            }
        }

        private <T> T write(String table, String reason, Function<SparkSession, T> work) {
            return engine.write(table, reason, work);
        }

        private Map<String, String> properties(String statsColumns, List<String> key, boolean deletionVectors) {
            Map<String, String> p = new LinkedHashMap<>(EngineSettings.tableProperties(statsColumns));
            // diffs and row histories match rows on the key the table declares
            p.put(TableKey.PROPERTY, TableKey.value(key));
            if (deletionVectors) {
                // Corrections, erasures and backfills touch a few rows spread over many files;
                // deletion vectors mark them instead of rewriting every file they sit in.
                p.put("delta.enableDeletionVectors", "true");
            }
            return p;
        }

        private void dropExisting() {
            boolean dropped = false;
            for (String table : Tables.GENERATED) {
                Path dir = engine.tablePath(table);
                if (!Files.exists(dir)) {
                    continue;
                }
                if (!Files.isDirectory(dir.resolve("_delta_log")) && !isEmptyDir(dir)) {
                    throw new LakeLensException(dir + " exists and is not a Delta table; move it away before generating.");
                }
                engine.writeGuard().withLock(table, "Replace " + table + " with a generated table", () -> {
                    deleteTree(dir);
                    return null;
                });
                dropped = true;
            }
            if (dropped) {
                // Delta caches each table's log by path; a table re-created at the same path must
                // not be read through the cache of the one just deleted.
                DeltaLog.clearCache();
            }
        }

        private void modelPrices() {
            SparkSession spark = engine.spark();
            Dataset<Row> bars = model.bars(spark).persist(StorageLevel.MEMORY_AND_DISK());
            bars.count();
            bars.createOrReplaceGlobalTempView(view);
            cached = bars;
        }

        // ---- market_data ----------------------------------------------------------------

        /*
         * Layout of market_data: the initial load is written range-partitioned by symbol and sorted
         * by (symbol, trade_date) (the model's partitions), and maintenance ends with OPTIMIZE
         * ZORDER BY (symbol), so every file covers a narrow ticker range. Measured against liquid
         * clustering (CLUSTER BY (symbol) + OPTIMIZE) on the same 100K MEDIUM bars in 8 files, on
         * a 2-core machine under heavy load: both keep 1.0 of 8 files for symbol = X and for
         * symbol = X AND trade_date = d (Kernel data skipping); Spark page+count medians were
         * 2.1 s (Z-order) and 2.3 s (liquid), within noise. Skipping is equal, so the simpler layout
         * wins: version 0 is the real initial load (a clustered path table needs an empty CREATE
         * TABLE commit first, since DataFrameWriter.clusterBy is ignored for path writes here), and
         * the table carries no clustering/domainMetadata writer features for Kernel-based writers.
         */
        private void marketInitialLoad() {
            String reason = "Initial load of daily bars " + date(0) + " to " + date(plan.initialDays() - 1) + " ("
                    + plan.universe().size() + " symbols)";
            write(MarketData.NAME, reason, s -> {
                Map<String, String> properties = properties(MarketData.STATS_COLUMNS, MarketData.KEY, true);
                properties.put(DatasetSize.PROPERTY, plan.size().name().toLowerCase(Locale.ROOT)); // the header's badge
                createAs(days(s, 0, plan.initialDays()).select(MarketModel.marketColumns()), MarketData.NAME, properties);
                return null;
            });
            marketStarted.countDown();
        }

        private void marketCatchUp() {
            int from = plan.initialDays();
            int to = plan.firstDailyDay();
            appendBars(from, to, "Catch-up load " + date(from) + " to " + date(to - 1) + " after vendor migration", false);
        }

        private void marketDaily(int day) {
            appendBars(day, day + 1, "EOD load " + date(day), day > plan.schemaChangeDay());
        }

        private void appendBars(int from, int to, String reason, boolean withChangePct) {
            write(MarketData.NAME, reason, s -> {
                Dataset<Row> frame = days(s, from, to);
                if (from == plan.badTickDay()) {
                    frame = withBadTicks(frame);
                }
                Dataset<Row> out = withChangePct
                        ? frame.select(concat(MarketModel.marketColumns(), col(MarketData.CHANGE_PCT)))
                        : frame.select(MarketModel.marketColumns());
                out.coalesce(filesFor(from, to)).write().format("delta").mode("append").save(path(MarketData.NAME));
                return null;
            });
        }

        private Column[] concat(Column[] a, Column b) {
            Column[] out = java.util.Arrays.copyOf(a, a.length + 1);
            out[a.length] = b;
            return out;
        }

        /** The bad-tick load as the vendor sent it: a few closes ×10 and negative volumes. */
        private Dataset<Row> withBadTicks(Dataset<Row> frame) {
            List<String> priceBad = new ArrayList<>();
            List<String> volumeBad = new ArrayList<>();
            for (GenerationPlan.BadTick t : plan.badTicks()) {
                (t.kind() == GenerationPlan.BadTick.Kind.PRICE_X10 ? priceBad : volumeBad).add(t.symbol());
            }
            Column isPrice = col(MarketData.SYMBOL).isin(priceBad.toArray());
            Column isVolume = col(MarketData.SYMBOL).isin(volumeBad.toArray());
            Column badClose = round(col(MarketData.CLOSE).multiply(10), 2);
            return frame
                    .withColumn(MarketData.MARKET_CAP, org.apache.spark.sql.functions.when(isPrice,
                            round(badClose.multiply(col(MarketModel.SHARES)), 0)).otherwise(col(MarketData.MARKET_CAP)))
                    .withColumn(MarketData.CLOSE, org.apache.spark.sql.functions.when(isPrice, badClose)
                            .otherwise(col(MarketData.CLOSE)))
                    .withColumn(MarketData.VOLUME, org.apache.spark.sql.functions.when(isVolume,
                            col(MarketData.VOLUME).multiply(-1)).otherwise(col(MarketData.VOLUME)));
        }

        private void marketCorrection() {
            LocalDate day = plan.tradeDates().get(plan.badTickDay());
            List<String> symbols = plan.badTicks().stream().map(GenerationPlan.BadTick::symbol).toList();
            String reason = "Price correction: vendor re-sent " + symbols.size() + " bad ticks of " + day + " ("
                    + String.join(", ", symbols) + ")";
            write(MarketData.NAME, reason, s -> {
                Dataset<Row> correct = days(s, plan.badTickDay(), plan.badTickDay() + 1)
                        .where(col(MarketData.SYMBOL).isin(symbols.toArray()))
                        .select(MarketData.SYMBOL, MarketData.TRADE_DATE, MarketData.CLOSE, MarketData.VOLUME,
                                MarketData.MARKET_CAP);
                // The literal date on the target side lets Delta prune the merge to that day's file.
                DeltaTable.forPath(s, path(MarketData.NAME)).as("t")
                        .merge(correct.as("s"), col("t." + MarketData.SYMBOL).equalTo(col("s." + MarketData.SYMBOL))
                                .and(col("t." + MarketData.TRADE_DATE).equalTo(col("s." + MarketData.TRADE_DATE)))
                                .and(col("t." + MarketData.TRADE_DATE).equalTo(lit(day))))
                        .whenMatched().update(Map.of(
                                MarketData.CLOSE, col("s." + MarketData.CLOSE),
                                MarketData.VOLUME, col("s." + MarketData.VOLUME),
                                MarketData.MARKET_CAP, col("s." + MarketData.MARKET_CAP)))
                        .execute();
                return null;
            });
        }

        private void marketSchemaChange(int day) {
            String reason = "EOD load " + date(day) + "; vendor feed v2 adds change_pct (schema evolution)";
            write(MarketData.NAME, reason, s -> {
                days(s, day, day + 1).select(concat(MarketModel.marketColumns(), col(MarketData.CHANGE_PCT)))
                        .coalesce(1).write().format("delta").mode("append").option("mergeSchema", "true")
                        .save(path(MarketData.NAME));
                return null;
            });
        }

        private void marketBackfill() {
            int from = plan.backfillFromDay();
            int to = plan.schemaChangeDay();
            String reason = "Backfill change_pct for " + date(from) + " to " + date(to - 1)
                    + " (trailing year for the risk models) from stored closes";
            write(MarketData.NAME, reason, s -> {
                Dataset<Row> source = days(s, from, to)
                        .select(MarketData.SYMBOL, MarketData.TRADE_DATE, MarketData.CHANGE_PCT);
                Column target = col("t." + MarketData.TRADE_DATE);
                DeltaTable.forPath(s, path(MarketData.NAME)).as("t")
                        .merge(source.as("s"), col("t." + MarketData.SYMBOL).equalTo(col("s." + MarketData.SYMBOL))
                                .and(target.equalTo(col("s." + MarketData.TRADE_DATE)))
                                // literal bounds let Delta skip files outside the backfilled dates
                                .and(target.geq(lit(plan.tradeDates().get(from))))
                                .and(target.lt(lit(plan.tradeDates().get(to)))))
                        .whenMatched(col("t." + MarketData.CHANGE_PCT).isNull())
                        .update(Map.of(MarketData.CHANGE_PCT, col("s." + MarketData.CHANGE_PCT)))
                        .execute();
                return null;
            });
        }

        private void marketDelete() {
            String sym = plan.delistedSymbol();
            String reason = "Remove " + sym + ": delisted after acquisition, vendor licence for its history withdrawn";
            write(MarketData.NAME, reason, s -> {
                DeltaTable.forPath(s, path(MarketData.NAME)).delete(col(MarketData.SYMBOL).equalTo(lit(sym)));
                return null;
            });
        }

        private void marketOptimize() {
            write(MarketData.NAME, "Weekly maintenance: OPTIMIZE ZORDER BY (symbol) to compact daily files", s -> {
                DeltaTable table = DeltaTable.forPath(s, path(MarketData.NAME));
                long bytes = table.detail().select("sizeInBytes").first().getLong(0);
                long rowsNow = (long) plan.universe().size() * plan.days();
                // Z-ordering writes files of at most maxFileSize; the engine default (32 MB) would put
                // 1M bars in one or two files and defeat skipping, so aim for ~62,500 rows per file.
                long target = Math.max(256L * 1024, bytes / plan.filesFor(rowsNow));
                s.conf().set("spark.databricks.delta.optimize.maxFileSize", String.valueOf(target));
                table.optimize().executeZOrderBy(MarketData.SYMBOL);
                return null;
            });
        }

        // ---- trading_transactions --------------------------------------------------------

        private void tradesCreate() {
            // trade_id is a Delta identity column: appends get unique ids assigned by Delta, as a
            // real blotter would, and nobody can write their own.
            write(Transactions.NAME, "Create trade blotter (trade_id is an identity column)", s -> {
                var builder = DeltaTable.create(s).location(path(Transactions.NAME))
                        .addColumn(DeltaTable.columnBuilder(s, Transactions.TRADE_ID).dataType(DataTypes.LongType)
                                .generatedAlwaysAsIdentity(1L, 1L).nullable(false).build())
                        .addColumn(Transactions.ACCOUNT, DataTypes.StringType)
                        .addColumn(Transactions.TRADER, DataTypes.StringType)
                        .addColumn(Transactions.SYMBOL, DataTypes.StringType)
                        .addColumn(Transactions.SIDE, DataTypes.StringType)
                        .addColumn(Transactions.QUANTITY, DataTypes.LongType)
                        .addColumn(Transactions.PRICE, DataTypes.DoubleType)
                        .addColumn(Transactions.NOTIONAL, DataTypes.DoubleType)
                        .addColumn(Transactions.TS, DataTypes.TimestampType)
                        .addColumn(Transactions.VENUE, DataTypes.StringType);
                for (var e : properties(Transactions.STATS_COLUMNS, Transactions.KEY, true).entrySet()) {
                    builder = builder.property(e.getKey(), e.getValue());
                }
                builder.execute();
                return null;
            });
        }

        private void tradesAppend(int from, int to, String reason) {
            write(Transactions.NAME, reason, s -> {
                model.trades(days(s, from, to)).coalesce(filesFor(from, to)).write().format("delta").mode("append")
                        .save(path(Transactions.NAME));
                return null;
            });
        }

        private void tradesErasure() {
            // The erased account is picked among those that traded, so the deletion is never empty.
            Dataset<Row> accounts = engine.read(Transactions.NAME, AsOf.LATEST)
                    .groupBy(Transactions.ACCOUNT).count().where(col("count").geq(2))
                    .orderBy(Transactions.ACCOUNT);
            List<Row> list = accounts.collectAsList();
            if (list.isEmpty()) {
                return;
            }
            String account = list.get((int) Math.floorMod(plan.seed() * 31 + 17, (long) list.size())).getString(0);
            String ticket = "PRIV-" + (4000 + Math.floorMod(plan.seed(), 1000L));
            write(Transactions.NAME, "GDPR erasure request for account " + account + " (ticket " + ticket + ")", s -> {
                DeltaTable.forPath(s, path(Transactions.NAME)).delete(col(Transactions.ACCOUNT).equalTo(lit(account)));
                return null;
            });
        }

        private void tradesCorrection() {
            LocalDate last = plan.tradeDates().get(plan.days() - 1);
            List<Row> busted = engine.read(Transactions.NAME, AsOf.LATEST)
                    .where(col(Transactions.TS).geq(lit(java.time.Instant.from(last.atStartOfDay(java.time.ZoneOffset.UTC)))))
                    .orderBy(Transactions.TS, Transactions.TRADE_ID).select(Transactions.TRADE_ID)
                    .limit(3).collectAsList();
            if (busted.isEmpty()) {
                return;
            }
            List<Long> ids = busted.stream().map(r -> r.getLong(0)).toList();
            String reason = "Trade correction: opening prints on " + last + " repriced to the auction price (trade_id "
                    + ids.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("") + ")";
            write(Transactions.NAME, reason, s -> {
                Column corrected = round(col(Transactions.PRICE).multiply(0.9985), 4);
                DeltaTable.forPath(s, path(Transactions.NAME)).update(col(Transactions.TRADE_ID).isin(ids.toArray()),
                        Map.of(Transactions.PRICE, corrected,
                                Transactions.NOTIONAL, round(corrected.multiply(col(Transactions.QUANTITY)), 2)));
                return null;
            });
        }

        // ---- portfolio_holdings ----------------------------------------------------------

        private Map<String, Double> closes(int day) {
            Map<String, Double> out = new HashMap<>();
            for (Row r : cached.where(col(MarketModel.DAY).equalTo(day)).select(MarketData.SYMBOL, MarketData.CLOSE)
                    .collectAsList()) {
                out.put(r.getString(0), r.getDouble(1));
            }
            return out;
        }

        private void holdingsInitial() {
            int day = plan.initialDays() - 1;
            Portfolios portfolios = new Portfolios(plan);
            List<Portfolios.Position> positions = portfolios.initial(closes(day), plan.tradeDates().get(day));
            write(Holdings.NAME, "Initial positions of " + Portfolios.STYLES.size() + " portfolios as of " + date(day), s -> {
                createAs(Portfolios.frame(s, positions).coalesce(1), Holdings.NAME,
                        properties(Holdings.STATS_COLUMNS, Holdings.KEY, false));
                return null;
            });
            book = positions;
        }

        private void holdingsRebalance(int day, int round, Set<String> exits, Set<String> trim, String reason) {
            List<Portfolios.Position> next = new Portfolios(plan)
                    .rebalance(book, closes(day), plan.tradeDates().get(day), round, exits, trim);
            write(Holdings.NAME, reason, s -> {
                Dataset<Row> source = Portfolios.frame(s, next);
                Column key = col("t." + Holdings.PORTFOLIO).equalTo(col("s." + Holdings.PORTFOLIO))
                        .and(col("t." + Holdings.SYMBOL).equalTo(col("s." + Holdings.SYMBOL)));
                DeltaTable.forPath(s, path(Holdings.NAME)).as("t").merge(source.as("s"), key)
                        .whenMatched().updateAll()
                        .whenNotMatched().insertAll()
                        .whenNotMatchedBySource().delete()
                        .execute();
                return null;
            });
            book = next;
        }

        private void holdingsMark(int day) {
            Map<String, Double> close = closes(day);
            LocalDate asOf = plan.tradeDates().get(day);
            List<Portfolios.Position> next = book.stream().map(p -> new Portfolios.Position(p.portfolio(), p.symbol(),
                    p.quantity(), p.avgCost(), Portfolios.round(p.quantity() * close.get(p.symbol()), 2), asOf)).toList();
            write(Holdings.NAME, "Mark to market at close " + asOf, s -> {
                Dataset<Row> prices = cachedCloses(s, day);
                DeltaTable.forPath(s, path(Holdings.NAME)).as("t")
                        .merge(prices.as("s"), col("t." + Holdings.SYMBOL).equalTo(col("s." + MarketData.SYMBOL)))
                        .whenMatched().update(Map.of(
                                Holdings.MARKET_VALUE, round(col("t." + Holdings.QUANTITY).multiply(col("s." + MarketData.CLOSE)), 2),
                                Holdings.AS_OF_DATE, lit(asOf)))
                        .execute();
                return null;
            });
            book = next;
        }

        private Dataset<Row> cachedCloses(SparkSession s, int day) {
            return days(s, day, day + 1).select(MarketData.SYMBOL, MarketData.CLOSE);
        }

        // ---- market_events ---------------------------------------------------------------

        private void eventsInitial() {
            int to = plan.initialDays();
            write(Events.NAME, "Initial load of corporate actions and news " + date(0) + " to " + date(to - 1), s -> {
                createAs(model.events(days(s, 0, to)).coalesce(eventFiles(0, to)), Events.NAME,
                        properties(Events.STATS_COLUMNS, Events.KEY, false));
                return null;
            });
        }

        private void eventsFeed() {
            int from = plan.initialDays();
            write(Events.NAME, "Event feed " + date(from) + " to " + date(plan.days() - 1), s -> {
                model.events(days(s, from, plan.days())).coalesce(eventFiles(from, plan.days())).write().format("delta")
                        .mode("append").save(path(Events.NAME));
                return null;
            });
        }

        private void eventsRestatement() {
            List<Row> latest = engine.read(Events.NAME, AsOf.LATEST)
                    .where(col(Events.EVENT_TYPE).equalTo("EARNINGS"))
                    .orderBy(col(Events.TS).desc(), col(Events.EVENT_ID))
                    .select(col(Events.EVENT_ID), col(Events.SYMBOL), col(Events.PAYLOAD).cast("string"))
                    .limit(1).collectAsList();
            if (latest.isEmpty()) {
                return;
            }
            long id = latest.get(0).getLong(0);
            String symbol = latest.get(0).getString(1);
            String restated;
            try {
                ObjectNode payload = (ObjectNode) JSON.readTree(latest.get(0).getString(2));
                double actual = payload.path("eps_actual").asDouble();
                payload.put("eps_actual", Portfolios.round(actual * 0.97, 2));
                payload.put("restated", true);
                payload.put("restatement_note", "EPS restated for a one-off impairment");
                restated = JSON.writeValueAsString(payload);
            } catch (IOException e) {
                throw new LakeLensException("Cannot restate event " + id + ": its payload is not JSON (" + e.getMessage() + ").", e);
            }
            write(Events.NAME, "Earnings restatement for " + symbol + " (event " + id + ")", s -> {
                DeltaTable.forPath(s, path(Events.NAME)).update(col(Events.EVENT_ID).equalTo(lit(id)),
                        Map.of(Events.PAYLOAD, parse_json(lit(restated))));
                return null;
            });
        }

        private void eventsDelisting() {
            String sym = plan.delistedSymbol();
            int day = plan.days() - 1;
            int idx = plan.bySymbol().stream().map(SymbolInfo::symbol).toList().indexOf(sym);
            write(Events.NAME, "Delisting notice for " + sym, s -> {
                Dataset<Row> one = days(s, day, day + 1).where(col(MarketData.SYMBOL).equalTo(sym)).select(
                        MarketModel.eventId(lit(day), lit(idx), plan.bySymbol().size(), MarketModel.DELISTING).as(Events.EVENT_ID),
                        col(MarketData.SYMBOL).as(Events.SYMBOL),
                        MarketModel.newYorkTime(col(MarketData.TRADE_DATE), lit(17L * 3600)).as(Events.TS),
                        lit("NEWS").as(Events.EVENT_TYPE),
                        parse_json(org.apache.spark.sql.functions.to_json(org.apache.spark.sql.functions.named_struct(
                                lit("headline"), org.apache.spark.sql.functions.format_string(
                                        "%s to be delisted after completion of its acquisition", col(MarketData.COMPANY)),
                                lit("source"), lit("PR Newswire"),
                                lit("sentiment"), lit(0.0),
                                lit("sector"), col(MarketData.SECTOR)))).as(Events.PAYLOAD));
                one.write().format("delta").mode("append").save(path(Events.NAME));
                return null;
            });
        }

        private void count(String table) {
            rows.put(table, engine.readAction(table, AsOf.LATEST, () -> engine.read(table, AsOf.LATEST).count()));
            versions.put(table, engine.latestVersion(table) + 1);
        }
    }

    private static boolean isEmptyDir(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new LakeLensException("Cannot delete the old table folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
