package io.lakelens.analytics.model;

import io.lakelens.analytics.AnalysisInputException;
import io.lakelens.data.Tables.MarketData;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.when;

/**
 * The model's features and target, built from {@code market_data} rows with the DataFrame API.
 * Per symbol, in trade-date order:
 * <ul>
 * <li>{@code close}, {@code volume} as stored (as doubles);</li>
 * <li>{@code daily_change} = close / previous close − 1;</li>
 * <li>{@code volume_change} = volume / previous volume − 1 (0 when the previous volume is not positive);</li>
 * <li>{@code volatility_30d} = sample standard deviation of the daily log returns of the trailing
 *     window (this row's included) × √252;</li>
 * <li>{@code sector} (indexed by the pipeline);</li>
 * <li>target {@code future_volatility} = the same statistic over the following N rows, only
 *     where all N exist.</li>
 * </ul>
 * Rows whose trailing window holds fewer than {@link ModelParams#minObservations()} returns are
 * left out. Stateless.
 */
final class Features {
    static final String RET = "log_return";
    static final String DAILY_CHANGE = "daily_change";
    static final String VOLUME_CHANGE = "volume_change";
    static final String VOLATILITY = "volatility_30d";
    static final String LABEL = "future_volatility";
    static final String OBSERVATIONS = "observations";
    static final String FUTURE_OBSERVATIONS = "future_observations";
    /** The numeric features in the order the assembler reads them (the sector index follows). */
    static final List<String> NUMERIC = List.of(MarketData.CLOSE, MarketData.VOLUME, VOLATILITY, DAILY_CHANGE, VOLUME_CHANGE);
    static final String SECTOR_INDEX = "sector_index";
    static final String FEATURES = "features";
    static final String PREDICTION = "prediction";
    static final double ANNUALISE = Math.sqrt(252);

    private Features() {
    }

    /** Every row with its features, and the target where the following N rows exist. */
    static Dataset<Row> build(Dataset<Row> market, ModelParams p) {
        List<String> have = Arrays.asList(market.columns());
        for (String c : List.of(MarketData.SYMBOL, MarketData.TRADE_DATE, MarketData.CLOSE, MarketData.VOLUME)) {
            if (!have.contains(c)) {
                throw new AnalysisInputException("The table has no column '" + c + "'; the risk model needs symbol, trade_date, "
                        + "close and volume (and uses sector when present).");
            }
        }
        Column sector = have.contains(MarketData.SECTOR) ? col(MarketData.SECTOR) : lit("unknown");
        WindowSpec bySymbol = Window.partitionBy(MarketData.SYMBOL).orderBy(MarketData.TRADE_DATE);
        WindowSpec trailing = bySymbol.rowsBetween(-(p.volatilityWindow() - 1), 0);
        WindowSpec following = bySymbol.rowsBetween(1, p.horizonDays());
        Column close = col(MarketData.CLOSE);
        Column volume = col(MarketData.VOLUME);
        Column prevClose = lag(close, 1).over(bySymbol);
        Column prevVolume = lag(volume, 1).over(bySymbol);
        Dataset<Row> base = market.select(col(MarketData.SYMBOL), col(MarketData.TRADE_DATE), sector.cast("string").as(MarketData.SECTOR),
                        close.cast("double").as(MarketData.CLOSE), volume.cast("double").as(MarketData.VOLUME))
                .where(col(MarketData.SYMBOL).isNotNull().and(col(MarketData.TRADE_DATE).isNotNull()).and(close.isNotNull()));
        return base
                .withColumn(RET, when(prevClose.gt(0).and(close.gt(0)), log(close.divide(prevClose))))
                .withColumn(DAILY_CHANGE, when(prevClose.gt(0), close.divide(prevClose).minus(1)))
                .withColumn(VOLUME_CHANGE, when(prevVolume.gt(0), volume.divide(prevVolume).minus(1)).otherwise(lit(0.0)))
                .withColumn(VOLATILITY, stddev_samp(col(RET)).over(trailing).multiply(ANNUALISE))
                .withColumn(OBSERVATIONS, count(col(RET)).over(trailing))
                .withColumn(LABEL, stddev_samp(col(RET)).over(following).multiply(ANNUALISE))
                .withColumn(FUTURE_OBSERVATIONS, count(col(RET)).over(following))
                .where(col(OBSERVATIONS).geq(p.minObservations()).and(col(DAILY_CHANGE).isNotNull())
                        .and(col(MarketData.VOLUME).isNotNull()))
                .withColumn(LABEL, when(col(FUTURE_OBSERVATIONS).equalTo(p.horizonDays()), col(LABEL)));
    }
}
