package io.lakelens.analytics.model;

import io.lakelens.analytics.AnalysisInputException;
import io.lakelens.analytics.CancelHandle;
import io.lakelens.cache.Cache;
import io.lakelens.cache.CacheKey;
import io.lakelens.cache.CacheKeys;
import io.lakelens.cache.TableVersions;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.CommitMetadata;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.TimeTravel;
import io.lakelens.lake.TimelineNode;
import org.apache.spark.SparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.ml.regression.GBTRegressor;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;

/**
 * The risk model of the write-up and its backtest, on Spark MLlib over time-travelled reads.
 *
 * <p><b>Training</b> reads {@code market_data} as of one version (or time), builds the features of
 * {@link Features} and fits a pipeline (sector indexer, assembler, gradient-boosted tree
 * regressor) on the training range; the held-out range, which starts after the training
 * targets' horizon has passed, gives RMSE and R² (beside the naive "future = trailing volatility"
 * forecast). Training data sits in two partitions hashed by symbol and sorted within, so the
 * same version, ranges and seed fit the same trees and give the same metrics.
 *
 * <p><b>Backtesting</b> decides at each rebalance date with only what was known then: the table is
 * read as of the first version whose rows reach that date (the version committed when that
 * day's data arrived; later corrections are not seen), the model predicts every symbol's risk,
 * and the portfolio holds the lowest-risk symbols, equally weighted, until the next rebalance.
 * The equal-weight portfolio of every predicted symbol is the benchmark. What both earned is
 * measured with the closes of the evaluation version (default latest). Predictions and results
 * are cached under version keys in the one-hour class.
 *
 * <p>Blocking: call from a background thread. Thread-safe; runs share the engine's session.
 * Cancel through the {@link CancelHandle}: running Spark jobs stop and the run fails with
 * {@link io.lakelens.analytics.QueryCancelledException}; nothing is saved.
 */
public final class RiskModels {
    private static final String CODEC_VERSION = "risk-model/1";
    private static final ScheduledExecutorService POLLER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lakelens-model-progress");
        t.setDaemon(true);
        return t;
    });

    private final LakeEngine engine;
    private final Supplier<Cache> cache;
    private final Supplier<TableVersions> versions;
    private final ModelStore store;

    /** Without a cache: every prediction and backtest is computed. */
    public RiskModels(LakeEngine engine) {
        this(engine, null, null);
    }

    /**
     * @param cache    the cache, asked for on first use; null for none
     * @param versions table identities for cache keys; null with no cache
     */
    public RiskModels(LakeEngine engine, Supplier<Cache> cache, Supplier<TableVersions> versions) {
        this.engine = engine;
        this.cache = cache;
        this.versions = versions;
        this.store = new ModelStore(engine.lakeRoot(), engine.config().readOnly());
    }

    public ModelStore store() {
        return store;
    }

    // ------------------------------------------------------------------------------ training

    /** Trains, evaluates and saves a model; returns its record. */
    public ModelInfo train(TrainRequest request, CancelHandle cancel, ModelProgress.Listener progress) {
        long t0 = System.nanoTime();
        Monotone p = new Monotone(progress);
        p.report("Resolving " + request.table() + " " + request.asOf(), 0.01);
        long version = engine.resolveVersion(request.table(), request.asOf());
        SparkSession spark = engine.spark();
        ModelParams params = request.params();
        Dataset<Row> features = Features.build(engine.read(request.table(), new AsOf.Version(version)), params);

        p.report("Finding the trade dates of version " + version, 0.05);
        List<LocalDate> labelled = cancel.run(spark, "Reading the trade dates", () -> dates(
                features.where(col(Features.LABEL).isNotNull())));
        Split split = split(request, labelled, params);

        p.report("Preparing " + split + " (version " + version + ")", 0.12);
        Dataset<Row> train = layout(inRange(features, split.trainFrom, split.trainTo)).persist();
        Dataset<Row> test = layout(inRange(features, split.testFrom, split.testTo)).persist();
        try {
            long trainRows = cancel.run(spark, "Counting training rows", train::count);
            long testRows = cancel.run(spark, "Counting held-out rows", test::count);
            if (trainRows < 20 || testRows < 5) {
                throw new AnalysisInputException("Too few rows to train on (" + trainRows + " training, " + testRows + " held out, "
                        + split + "); widen the ranges or use a larger lake.");
            }
            GBTRegressor gbt = new GBTRegressor().setLabelCol(Features.LABEL).setFeaturesCol(Features.FEATURES)
                    .setPredictionCol(Features.PREDICTION).setMaxIter(params.maxIter()).setMaxDepth(params.maxDepth())
                    .setSeed(params.seed()).setMaxBins(32);
            List<String> inputs = new ArrayList<>(Features.NUMERIC);
            inputs.add(Features.SECTOR_INDEX);
            Pipeline pipeline = new Pipeline().setStages(new PipelineStage[]{
                    new StringIndexer().setInputCol(MarketData.SECTOR).setOutputCol(Features.SECTOR_INDEX)
                            .setStringOrderType("alphabetAsc").setHandleInvalid("keep"),
                    new VectorAssembler().setInputCols(inputs.toArray(String[]::new)).setOutputCol(Features.FEATURES),
                    gbt});
            p.report("Training " + params.maxIter() + " trees of depth " + params.maxDepth() + " on " + trainRows + " rows", 0.2);
            MlRuntime.quietBlas();
            int expectedJobs = params.maxIter() * (params.maxDepth() + 3) + 12;
            PipelineModel model = withJobProgress(spark, cancel, p, 0.2, 0.85, expectedJobs, "Training", () -> pipeline.fit(train));

            p.report("Evaluating on " + testRows + " held-out rows", 0.87);
            Metrics m = cancel.run(spark, "Evaluating the model", () -> evaluate(model.transform(test)));
            Map<String, Double> importances = importances(model, inputs);
            ModelInfo info = new ModelInfo(request.name(), modelId(request.table(), version, split, params), request.table(),
                    request.asOf().toString(), version, params, split.trainFrom, split.trainTo, split.testFrom, split.testTo,
                    trainRows, testRows, m.metrics(), importances, Instant.now(), CommitMetadata.currentUser(),
                    (System.nanoTime() - t0) / 1e9, spark.version());
            if (cancel.isCancelled()) {
                throw new io.lakelens.analytics.QueryCancelledException("Training");
            }
            p.report("Saving " + request.name(), 0.95);
            store.save(info, model, spark);
            p.report("Trained " + request.name(), 1.0);
            return info;
        } finally {
            train.unpersist();
            test.unpersist();
        }
    }

    private record Split(LocalDate trainFrom, LocalDate trainTo, LocalDate testFrom, LocalDate testTo) {
        @Override
        public String toString() {
            return "training " + trainFrom + " to " + trainTo + ", held out " + testFrom + " to " + testTo;
        }
    }

    /**
     * The ranges: what was asked, else the labelled dates split about 70/30, with the training
     * range ending a horizon before the held-out one starts so no training target reads a
     * held-out day.
     */
    private static Split split(TrainRequest r, List<LocalDate> labelled, ModelParams p) {
        if (labelled.isEmpty()) {
            throw new AnalysisInputException("No row of the table has " + p.horizonDays() + " following trading days and "
                    + p.minObservations() + " earlier returns; use a shorter horizon or a longer history.");
        }
        LocalDate testFrom = r.testFrom();
        if (testFrom == null) {
            int at = (int) Math.floor(labelled.size() * 0.7);
            if (r.trainTo() != null) {
                int after = indexAfter(labelled, r.trainTo()) + p.horizonDays();
                at = Math.min(labelled.size() - 1, after);
            }
            testFrom = labelled.get(Math.min(labelled.size() - 1, at));
        }
        LocalDate testTo = r.testTo() != null ? r.testTo() : labelled.getLast();
        LocalDate trainTo = r.trainTo();
        if (trainTo == null) {
            int idx = indexAfter(labelled, testFrom.minusDays(1)) - p.horizonDays() - 1;
            if (idx < 0) {
                throw new AnalysisInputException("No training dates are left before " + testFrom + " once the " + p.horizonDays()
                        + "-day horizon is kept clear; start the held-out range later.");
            }
            trainTo = labelled.get(idx);
        }
        LocalDate trainFrom = r.trainFrom() != null ? r.trainFrom() : labelled.getFirst();
        if (!trainTo.isBefore(testFrom)) {
            throw new AnalysisInputException("The held-out range must start after the training range ends (" + trainTo + ").");
        }
        return new Split(trainFrom, trainTo, testFrom, testTo);
    }

    /** Index of the first date after {@code d}. */
    private static int indexAfter(List<LocalDate> dates, LocalDate d) {
        int i = 0;
        while (i < dates.size() && !dates.get(i).isAfter(d)) {
            i++;
        }
        return i;
    }

    private static Dataset<Row> inRange(Dataset<Row> features, LocalDate from, LocalDate to) {
        return features.where(col(Features.LABEL).isNotNull()
                .and(col(MarketData.TRADE_DATE).between(lit(Date.valueOf(from)), lit(Date.valueOf(to)))));
    }

    /**
     * Two partitions hashed by symbol, each sorted: fixed content and order, and merging two
     * partial sums is commutative, so the trees and the metrics come out the same every time.
     */
    private static Dataset<Row> layout(Dataset<Row> rows) {
        return rows.repartition(2, col(MarketData.SYMBOL)).sortWithinPartitions(MarketData.SYMBOL, MarketData.TRADE_DATE);
    }

    private static List<LocalDate> dates(Dataset<Row> rows) {
        return rows.select(MarketData.TRADE_DATE).distinct().orderBy(MarketData.TRADE_DATE).collectAsList().stream()
                .map(r -> r.getDate(0).toLocalDate()).toList();
    }

    private record Metrics(ModelInfo.Metrics metrics) {
    }

    /** RMSE and R² computed on the driver over rows in a fixed order (exactly repeatable). */
    private static Metrics evaluate(Dataset<Row> predicted) {
        List<Row> rows = predicted.select(MarketData.SYMBOL, MarketData.TRADE_DATE, Features.LABEL, Features.PREDICTION, Features.VOLATILITY)
                .orderBy(MarketData.SYMBOL, MarketData.TRADE_DATE).collectAsList();
        int n = rows.size();
        double mean = 0;
        for (Row r : rows) {
            mean += r.getDouble(2) / n;
        }
        double ssTot = 0;
        double ssModel = 0;
        double ssBase = 0;
        for (Row r : rows) {
            double y = r.getDouble(2);
            ssTot += (y - mean) * (y - mean);
            ssModel += (y - r.getDouble(3)) * (y - r.getDouble(3));
            ssBase += (y - r.getDouble(4)) * (y - r.getDouble(4));
        }
        return new Metrics(new ModelInfo.Metrics(Math.sqrt(ssModel / n), ssTot == 0 ? 0 : 1 - ssModel / ssTot,
                Math.sqrt(ssBase / n), ssTot == 0 ? 0 : 1 - ssBase / ssTot));
    }

    private static Map<String, Double> importances(PipelineModel model, List<String> inputs) {
        GBTRegressionModel gbt = (GBTRegressionModel) model.stages()[model.stages().length - 1];
        double[] w = gbt.featureImportances().toArray();
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size() && i < w.length; i++) {
            out.put(inputs.get(i).equals(Features.SECTOR_INDEX) ? MarketData.SECTOR : inputs.get(i), w[i]);
        }
        return out;
    }

    private String modelId(String table, long version, Split split, ModelParams params) {
        return CacheKeys.fingerprint(identity(table), table, Long.toString(version), split.toString(), params.canonical())
                .substring(0, 16);
    }

    // ------------------------------------------------------------------------------ backtest

    /** Backtests a saved model. */
    public BacktestResult backtest(BacktestRequest request, CancelHandle cancel, ModelProgress.Listener progress) {
        long t0 = System.nanoTime();
        Monotone p = new Monotone(progress);
        p.report("Loading model " + request.model(), 0.01);
        ModelInfo info = store.info(request.model());
        String table = info.table();
        long evalVersion = engine.resolveVersion(table, request.evaluateAt());
        Optional<CacheKey> key = cacheKey(table, evalVersion, "risk-model-backtest", info.id(), request.canonical());
        Optional<BacktestResult> hit = key.flatMap(k -> read(k, BacktestResult.class));
        if (hit.isPresent()) {
            p.report("Answered from the cache", 1.0);
            return hit.get().cached();
        }
        SparkSession spark = engine.spark();
        ModelStore.Saved saved = store.load(request.model(), spark);

        p.report("Reading closes of " + table + " version " + evalVersion, 0.05);
        Dataset<Row> evaluation = engine.read(table, new AsOf.Version(evalVersion));
        List<LocalDate> tradingDays = cancel.run(spark, "Reading the trade dates", () -> dates(evaluation));
        if (tradingDays.size() < 2) {
            throw new AnalysisInputException(table + " version " + evalVersion + " has fewer than two trade dates to backtest on.");
        }
        LocalDate end = request.to() != null ? lastOnOrBefore(tradingDays, request.to()) : tradingDays.getLast();
        List<LocalDate> rebalances = rebalanceDates(request, info, tradingDays, end);

        Map<LocalDate, Map<String, Double>> closes = cancel.run(spark, "Reading closes", () -> closes(evaluation,
                rebalances.getFirst(), end));
        VersionFinder finder = new VersionFinder(table, spark, cancel);
        List<BacktestResult.Rebalance> decisions = new ArrayList<>();
        int hold = 0;
        for (int i = 0; i < rebalances.size(); i++) {
            LocalDate d = rebalances.get(i);
            p.report("Rebalance " + (i + 1) + " of " + rebalances.size() + ": " + d, 0.1 + 0.8 * i / rebalances.size());
            long v = finder.knownAt(d);
            List<BacktestResult.Prediction> predictions = predictions(table, v, d, info, saved.pipeline(), cancel);
            if (predictions.isEmpty()) {
                continue;
            }
            int n = request.hold() > 0 ? Math.min(request.hold(), predictions.size()) : Math.max(1, Math.round(predictions.size() / 5f));
            hold = Math.max(hold, n);
            decisions.add(new BacktestResult.Rebalance(d, v, predictions.subList(0, n).stream()
                    .map(BacktestResult.Prediction::symbol).toList(), predictions));
        }
        if (decisions.isEmpty()) {
            throw new AnalysisInputException("No rebalance date had symbols with enough history to predict; start the backtest later.");
        }
        p.report("Measuring returns", 0.92);
        BacktestResult result = measure(info, table, evalVersion, hold, decisions, tradingDays, end, closes,
                (System.nanoTime() - t0) / 1e9);
        key.ifPresent(k -> write(k, result));
        p.report("Backtest done", 1.0);
        return result;
    }

    private static List<LocalDate> rebalanceDates(BacktestRequest r, ModelInfo info, List<LocalDate> days, LocalDate end) {
        List<LocalDate> out = new ArrayList<>();
        if (!r.dates().isEmpty()) {
            for (LocalDate d : r.dates()) {
                if (d.isBefore(days.getFirst()) || !d.isBefore(end)) {
                    throw new AnalysisInputException("Rebalance date " + d + " is outside the trade dates " + days.getFirst()
                            + " to " + end + " (the last date only measures returns).");
                }
                LocalDate t = lastOnOrBefore(days, d);
                if (!out.contains(t)) {
                    out.add(t);
                }
            }
            return out;
        }
        LocalDate from = r.from() != null ? r.from() : info.testFrom();
        List<LocalDate> candidates = days.stream().filter(d -> !d.isBefore(from) && d.isBefore(end)).toList();
        for (int i = 0; i < candidates.size(); i += r.every()) {
            out.add(candidates.get(i));
        }
        if (out.isEmpty()) {
            throw new AnalysisInputException("No trade date between " + from + " and " + end + " to rebalance on; choose "
                    + "--from earlier or --dates.");
        }
        return out;
    }

    private static LocalDate lastOnOrBefore(List<LocalDate> days, LocalDate d) {
        LocalDate best = null;
        for (LocalDate x : days) {
            if (x.isAfter(d)) {
                break;
            }
            best = x;
        }
        if (best == null) {
            throw new AnalysisInputException(d + " is before the first trade date " + days.getFirst() + ".");
        }
        return best;
    }

    private static Map<LocalDate, Map<String, Double>> closes(Dataset<Row> table, LocalDate from, LocalDate to) {
        Map<LocalDate, Map<String, Double>> out = new TreeMap<>();
        for (Row r : table.where(col(MarketData.TRADE_DATE).between(lit(Date.valueOf(from)), lit(Date.valueOf(to))))
                        .where(col(MarketData.CLOSE).isNotNull())
                        .select(col(MarketData.TRADE_DATE), col(MarketData.SYMBOL), col(MarketData.CLOSE).cast("double"))
                        .collectAsList()) {
            out.computeIfAbsent(r.getDate(0).toLocalDate(), k -> new HashMap<>()).put(r.getString(1), r.getDouble(2));
        }
        return out;
    }

    /** Every symbol's predicted risk at {@code d}, read as of version {@code v}, lowest first (cached). */
    private List<BacktestResult.Prediction> predictions(String table, long v, LocalDate d, ModelInfo info, PipelineModel model,
                                                        CancelHandle cancel) {
        Optional<CacheKey> key = cacheKey(table, v, "risk-model-predictions", info.id(), d.toString());
        Optional<Predictions> hit = key.flatMap(k -> read(k, Predictions.class));
        if (hit.isPresent()) {
            return hit.get().rows();
        }
        ModelParams params = info.params();
        int lookback = (params.volatilityWindow() + 1) * 2 + 10;
        Dataset<Row> rows = engine.read(table, new AsOf.Version(v))
                .where(col(MarketData.TRADE_DATE).between(lit(Date.valueOf(d.minusDays(lookback))), lit(Date.valueOf(d))));
        Dataset<Row> latest = Features.build(rows, params)
                .withColumn("_rank", row_number().over(Window.partitionBy(MarketData.SYMBOL)
                        .orderBy(col(MarketData.TRADE_DATE).desc())))
                .where(col("_rank").equalTo(1).and(col(MarketData.TRADE_DATE).geq(lit(Date.valueOf(d.minusDays(7))))))
                .drop("_rank");
        List<BacktestResult.Prediction> out = new ArrayList<>(cancel.run(engine.spark(), "Predicting risk as of " + d, () ->
                model.transform(latest).select(MarketData.SYMBOL, Features.PREDICTION, Features.VOLATILITY).collectAsList()
                        .stream().map(r -> new BacktestResult.Prediction(r.getString(0), r.getDouble(1), r.getDouble(2))).toList()));
        out.sort(Comparator.comparingDouble(BacktestResult.Prediction::predicted).thenComparing(BacktestResult.Prediction::symbol));
        List<BacktestResult.Prediction> result = List.copyOf(out);
        key.ifPresent(k -> write(k, new Predictions(result)));
        return result;
    }

    /** The cached form of one rebalance's predictions. */
    record Predictions(List<BacktestResult.Prediction> rows) {
    }

    private static BacktestResult measure(ModelInfo info, String table, long evalVersion, int hold,
                                          List<BacktestResult.Rebalance> decisions, List<LocalDate> days, LocalDate end,
                                          Map<LocalDate, Map<String, Double>> closes, double seconds) {
        LocalDate start = decisions.getFirst().date();
        List<LocalDate> span = days.stream().filter(d -> !d.isBefore(start) && !d.isAfter(end)).toList();
        List<BacktestResult.EquityPoint> curve = new ArrayList<>();
        double[] strategy = new double[span.size() - 1];
        double[] benchmark = new double[span.size() - 1];
        double eqS = 1;
        double eqB = 1;
        curve.add(new BacktestResult.EquityPoint(start, 1, 1));
        int current = 0;
        for (int i = 1; i < span.size(); i++) {
            LocalDate prev = span.get(i - 1);
            LocalDate day = span.get(i);
            while (current + 1 < decisions.size() && decisions.get(current + 1).date().isBefore(day)) {
                current++;
            }
            BacktestResult.Rebalance r = decisions.get(current);
            strategy[i - 1] = meanReturn(r.held(), closes.get(prev), closes.get(day));
            benchmark[i - 1] = meanReturn(r.predictions().stream().map(BacktestResult.Prediction::symbol).toList(),
                    closes.get(prev), closes.get(day));
            eqS *= 1 + strategy[i - 1];
            eqB *= 1 + benchmark[i - 1];
            curve.add(new BacktestResult.EquityPoint(day, eqS, eqB));
        }
        return new BacktestResult(info.name(), info.id(), table, evalVersion, hold, start, end, List.copyOf(decisions),
                List.copyOf(curve), BacktestResult.Performance.of(strategy), BacktestResult.Performance.of(benchmark), seconds, false);
    }

    /** Equal-weight daily return of the symbols that have a close on both days. */
    private static double meanReturn(List<String> symbols, Map<String, Double> before, Map<String, Double> after) {
        if (before == null || after == null) {
            return 0;
        }
        double sum = 0;
        int n = 0;
        for (String s : symbols) {
            Double a = before.get(s);
            Double b = after.get(s);
            if (a != null && b != null && a > 0) {
                sum += b / a - 1;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /**
     * Which version was current when a trade date's data had arrived: the first readable
     * version whose newest trade date reaches it (newest dates only grow as loads append, so a
     * binary search over the versions finds it). Each version's newest date is read once.
     */
    private final class VersionFinder {
        private final String table;
        private final SparkSession spark;
        private final CancelHandle cancel;
        private final List<Long> readable;
        private final Map<Long, LocalDate> newest = new HashMap<>();

        VersionFinder(String table, SparkSession spark, CancelHandle cancel) {
            this.table = table;
            this.spark = spark;
            this.cancel = cancel;
            this.readable = new TimeTravel(engine).timeline(table).nodes().stream().filter(TimelineNode::readable)
                    .map(TimelineNode::version).toList();
        }

        long knownAt(LocalDate d) {
            int lo = 0;
            int hi = readable.size() - 1;
            int found = hi;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                LocalDate n = newest(readable.get(mid));
                if (n != null && !n.isBefore(d)) {
                    found = mid;
                    hi = mid - 1;
                } else {
                    lo = mid + 1;
                }
            }
            return readable.get(found);
        }

        private LocalDate newest(long version) {
            return newest.computeIfAbsent(version, v -> cancel.run(spark, "Reading the newest date of version " + v, () -> {
                Row r = engine.read(table, new AsOf.Version(v)).agg(max(col(MarketData.TRADE_DATE))).first();
                return r.isNullAt(0) ? null : r.getDate(0).toLocalDate();
            }));
        }
    }

    // ------------------------------------------------------------------------------ cache

    private String identity(String table) {
        if (versions != null) {
            try {
                return versions.get().identity(table);
            } catch (RuntimeException e) {
                // no cache: fall back to the table's folder
            }
        }
        return engine.requireTable(table).toAbsolutePath().normalize().toString();
    }

    private Optional<Cache> cacheOrEmpty() {
        if (cache == null) {
            return Optional.empty();
        }
        try {
            Cache c = cache.get();
            return c != null && c.status().isUp() ? Optional.of(c) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<CacheKey> cacheKey(String table, long version, String name, String... params) {
        if (cacheOrEmpty().isEmpty()) {
            return Optional.empty();
        }
        String[] all = new String[params.length + 1];
        all[0] = CODEC_VERSION;
        System.arraycopy(params, 0, all, 1, params.length);
        return Optional.of(CacheKeys.analytics(table, identity(table), version, name, all));
    }

    private <T> Optional<T> read(CacheKey key, Class<T> type) {
        return cacheOrEmpty().flatMap(c -> {
            try {
                Optional<byte[]> bytes = c.get(key).get(5, TimeUnit.SECONDS);
                return bytes.isEmpty() ? Optional.empty() : Optional.of(ModelStore.JSON.readValue(bytes.get(), type));
            } catch (Exception e) { // a slow cache or another format is a miss
                return Optional.empty();
            }
        });
    }

    private void write(CacheKey key, Object value) {
        cacheOrEmpty().ifPresent(c -> {
            try {
                c.put(key, ModelStore.JSON.writeValueAsBytes(value)).get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // a value not stored is computed again next time
            }
        });
    }

    // ------------------------------------------------------------------------------ progress

    /** Runs Spark work in the handle's group, reporting the share of the expected jobs done as progress. */
    private static <T> T withJobProgress(SparkSession spark, CancelHandle cancel, Monotone p, double from, double to,
                                         int expectedJobs, String what, Supplier<T> work) {
        SparkContext sc = spark.sparkContext();
        ScheduledFuture<?> poll = POLLER.scheduleAtFixedRate(() -> {
            try {
                int done = 0;
                for (int id : sc.statusTracker().getJobIdsForGroup(cancel.groupId())) {
                    var info = sc.statusTracker().getJobInfo(id);
                    if (info.isDefined() && info.get().status() == org.apache.spark.JobExecutionStatus.SUCCEEDED) {
                        done++;
                    }
                }
                p.report(what + " · " + done + " Spark jobs done", from + (to - from) * Math.min(0.99, done / (double) expectedJobs));
            } catch (RuntimeException ignored) {
                // progress is best effort
            }
        }, 300, 300, TimeUnit.MILLISECONDS);
        try {
            return cancel.run(spark, what, work);
        } finally {
            poll.cancel(false);
        }
    }

    /** Progress that never goes backwards, whichever thread reports it. */
    private static final class Monotone {
        private final ModelProgress.Listener listener;
        private double best;

        Monotone(ModelProgress.Listener listener) {
            this.listener = listener == null ? ModelProgress.Listener.NONE : listener;
        }

        synchronized void report(String step, double fraction) {
            best = Math.max(best, Math.min(1, fraction));
            try {
                listener.progress(new ModelProgress(step, best));
            } catch (RuntimeException ignored) {
                // a failing observer must not break the run
            }
        }
    }
}
