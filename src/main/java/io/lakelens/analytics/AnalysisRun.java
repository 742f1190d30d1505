package io.lakelens.analytics;

import io.lakelens.LakeLensException;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.StructField;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.stddev_samp;

/**
 * State of one analysis while it runs: the versions it pinned, the plans it executed and
 * its cancel handle. Every table is read at a pinned version, so the numbers, the versions
 * reported and any cache key agree even if a commit lands meanwhile.
 */
final class AnalysisRun {
    /** Trading days a year, for annualising daily volatility. */
    static final double TRADING_DAYS = 252;
    /** Daily log returns in the rolling volatility window. */
    static final int VOLATILITY_WINDOW = 30;
    static final String LOG_RETURN = "log_return";
    static final String DAILY_SIGMA = "daily_sigma";
    static final String RETURNS = "returns";
    static final String VOLATILITY_30D = "volatility_30d";
    static final String UNCLASSIFIED = "Unclassified";

    final LakeEngine engine;
    /** The in-process engine this run computes with, or null for Spark. */
    final ColumnarEngine columnar;
    final AnalysisRequest request;
    final Pins pins;
    final CancelHandle cancel;
    private final StringBuilder plans = new StringBuilder();

    AnalysisRun(LakeEngine engine, AnalysisRequest request, Pins pins, CancelHandle cancel) {
        this(engine, null, request, pins, cancel);
    }

    AnalysisRun(LakeEngine engine, ColumnarEngine columnar, AnalysisRequest request, Pins pins, CancelHandle cancel) {
        this.engine = engine;
        this.columnar = columnar;
        this.request = request;
        this.pins = pins;
        this.cancel = cancel;
    }

    SparkSession spark() {
        return engine.spark();
    }

    /** Reads a table at a pinned version. */
    Dataset<Row> readVersion(String table, long version) {
        return engine.read(table, new AsOf.Version(version));
    }

    /**
     * {@code market_data} reduced to what the analyses use, in the request's date range, with
     * positive closes (a zero or missing close has no return) and a sector label for every row.
     */
    Dataset<Row> marketData(Dataset<Row> raw) {
        requireColumns(MarketData.NAME, raw, MarketData.SYMBOL, MarketData.SECTOR, MarketData.TRADE_DATE,
                MarketData.CLOSE, MarketData.VOLUME);
        Dataset<Row> md = raw.select(col(MarketData.SYMBOL),
                coalesce(col(MarketData.SECTOR), lit(UNCLASSIFIED)).as(MarketData.SECTOR),
                col(MarketData.TRADE_DATE).cast("date").as(MarketData.TRADE_DATE),
                col(MarketData.CLOSE).cast("double").as(MarketData.CLOSE),
                coalesce(col(MarketData.VOLUME).cast("long"), lit(0L)).as(MarketData.VOLUME));
        Column keep = col(MarketData.CLOSE).gt(0).and(col(MarketData.TRADE_DATE).isNotNull());
        if (request.from().isPresent()) {
            keep = keep.and(col(MarketData.TRADE_DATE).geq(lit(request.from().get())));
        }
        if (request.to().isPresent()) {
            keep = keep.and(col(MarketData.TRADE_DATE).leq(lit(request.to().get())));
        }
        return md.filter(keep);
    }

    /**
     * Adds each row's daily log return and the rolling volatility over the last
     * {@link #VOLATILITY_WINDOW} returns: {@code daily_sigma} (sample standard deviation),
     * {@code returns} (how many returns the window held) and the annualised {@code volatility_30d}.
     */
    static Dataset<Row> withVolatility(Dataset<Row> md) {
        WindowSpec bySymbol = Window.partitionBy(MarketData.SYMBOL).orderBy(MarketData.TRADE_DATE);
        WindowSpec rolling = bySymbol.rowsBetween(-(VOLATILITY_WINDOW - 1), Window.currentRow());
        return md.withColumn(LOG_RETURN, log(col(MarketData.CLOSE).divide(lag(col(MarketData.CLOSE), 1).over(bySymbol))))
                .withColumn(DAILY_SIGMA, stddev_samp(col(LOG_RETURN)).over(rolling))
                .withColumn(RETURNS, count(col(LOG_RETURN)).over(rolling))
                .withColumn(VOLATILITY_30D, col(DAILY_SIGMA).multiply(Math.sqrt(TRADING_DAYS)));
    }

    /** Collects {@code df} in this run's job group, recording its plan under {@code title}. */
    List<Row> collect(String title, String table, Dataset<Row> df) {
        plans.append("-- ").append(title).append('\n').append(Plans.text(df)).append('\n');
        Long pinned = pins.now().get(table);
        AsOf at = pinned == null ? AsOf.LATEST : new AsOf.Version(pinned);
        return cancel.run(spark(), request.kind().title() + ": " + title,
                () -> engine.readAction(table, at, df::collectAsList));
    }

    /** Runs a query on the in-process engine, recording its SQL under {@code title}. */
    List<Row> collect(String title, ColumnarEngine.Query query) {
        plans.append("-- ").append(title).append(" (in-process columnar engine over the version's Parquet files)\n")
                .append(query.text().strip()).append('\n');
        return columnar.collect(query, cancel, request.kind().title() + ": " + title);
    }

    /** Whether this run computes in-process rather than with Spark. */
    boolean inProcess() {
        return columnar != null;
    }

    String plans() {
        return plans.toString().strip();
    }

    static void requireColumns(String table, Dataset<Row> df, String... needed) {
        Set<String> have = Arrays.stream(df.schema().fields()).map(StructField::name).collect(Collectors.toSet());
        List<String> missing = Arrays.stream(needed).filter(c -> !have.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new AnalysisInputException("Table " + table + " has no column" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + " at the version read; this analysis needs "
                    + String.join(", ", needed) + ".");
        }
    }

    static LocalDate date(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof LocalDate d) {
            return d;
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().toLocalDate();
        }
        return LocalDate.parse(v.toString());
    }

    static double dbl(Row r, String field) {
        Object v = r.get(r.fieldIndex(field));
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    static Double nullableDbl(Row r, String field) {
        Object v = r.get(r.fieldIndex(field));
        if (v == null) {
            return null;
        }
        double d = ((Number) v).doubleValue();
        return Double.isNaN(d) ? null : d;
    }

    static long lng(Row r, String field) {
        Object v = r.get(r.fieldIndex(field));
        return v == null ? 0 : ((Number) v).longValue();
    }

    static String str(Row r, String field) {
        Object v = r.get(r.fieldIndex(field));
        return v == null ? null : v.toString();
    }
}
