package io.lakelens.analytics;

import io.lakelens.LakeLensException;
import io.lakelens.data.Tables.MarketData;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.asc;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.upper;

/** Market volatility: see {@link AnalysisKind#VOLATILITY}. */
final class VolatilityAnalysis {
    /** The band spans this many daily standard deviations either side of the close. */
    static final double BAND_SIGMAS = 2;

    private VolatilityAnalysis() {
    }

    /** Each symbol's last row in the range, with its volatility there. */
    static Dataset<Row> latestPerSymbol(Dataset<Row> withVolatility) {
        return withVolatility
                .withColumn("recency", row_number().over(Window.partitionBy(MarketData.SYMBOL).orderBy(desc(MarketData.TRADE_DATE))))
                .filter(col("recency").equalTo(1))
                .drop("recency");
    }

    /**
     * Each symbol's last row in the range with its volatility there, computed from only the
     * rows that volatility needs: the last {@link AnalysisRun#VOLATILITY_WINDOW} returns take the
     * last window + 1 closes. Same answer as {@code latestPerSymbol(withVolatility(md))}; on a
     * large table the rolling window then runs over a few dozen rows per symbol, not its history.
     */
    static Dataset<Row> latestWithVolatility(Dataset<Row> md) {
        Dataset<Row> recent = md
                .withColumn("recency", row_number().over(Window.partitionBy(MarketData.SYMBOL).orderBy(desc(MarketData.TRADE_DATE))))
                .filter(col("recency").leq(AnalysisRun.VOLATILITY_WINDOW + 1))
                .drop("recency");
        return latestPerSymbol(AnalysisRun.withVolatility(recent));
    }

    static VolatilityReport run(AnalysisRun run) {
        Dataset<Row> md = run.inProcess() ? null : run.marketData(run.readVersion(MarketData.NAME, run.pins.marketData()));
        List<Row> topRows = run.inProcess() ? ColumnarAnalyses.mostVolatile(run) : run.collect("most volatile", MarketData.NAME,
                latestWithVolatility(md).filter(col(AnalysisRun.VOLATILITY_30D).isNotNull())
                        .orderBy(desc(AnalysisRun.VOLATILITY_30D), asc(MarketData.SYMBOL))
                        .limit(run.request.top()));
        List<VolatilityReport.SymbolVolatility> most = new ArrayList<>();
        for (Row r : topRows) {
            most.add(new VolatilityReport.SymbolVolatility(AnalysisRun.str(r, MarketData.SYMBOL),
                    AnalysisRun.str(r, MarketData.SECTOR), AnalysisRun.date(r.get(r.fieldIndex(MarketData.TRADE_DATE))),
                    AnalysisRun.dbl(r, MarketData.CLOSE), AnalysisRun.dbl(r, AnalysisRun.VOLATILITY_30D),
                    (int) AnalysisRun.lng(r, AnalysisRun.RETURNS)));
        }
        String wanted = run.request.symbol().orElse(most.isEmpty() ? null : most.get(0).symbol());
        List<VolatilityReport.BandPoint> band = new ArrayList<>();
        String symbol = wanted;
        if (wanted != null) {
            List<Row> bandRows = run.inProcess() ? ColumnarAnalyses.band(run, wanted) : run.collect("band of " + wanted,
                    MarketData.NAME, series(md, wanted));
            for (Row r : bandRows) {
                symbol = AnalysisRun.str(r, MarketData.SYMBOL);
                band.add(new VolatilityReport.BandPoint(AnalysisRun.date(r.get(r.fieldIndex(MarketData.TRADE_DATE))),
                        AnalysisRun.dbl(r, MarketData.CLOSE), AnalysisRun.nullableDbl(r, AnalysisRun.VOLATILITY_30D),
                        AnalysisRun.nullableDbl(r, "lower"), AnalysisRun.nullableDbl(r, "upper")));
            }
            if (band.isEmpty() && run.request.symbol().isPresent()) {
                throw new AnalysisInputException("No prices for symbol '" + wanted + "' in " + MarketData.NAME
                        + range(run.request) + "; check the symbol and the dates.");
            }
        }
        LocalDate from = band.isEmpty() ? run.request.from().orElse(null) : band.get(0).date();
        LocalDate to = band.isEmpty() ? run.request.to().orElse(null) : band.get(band.size() - 1).date();
        return new VolatilityReport(from, to, most, symbol, band);
    }

    /** One symbol's closes with its rolling volatility and band, oldest first. */
    private static Dataset<Row> series(Dataset<Row> md, String wanted) {
        return AnalysisRun.withVolatility(md).filter(upper(col(MarketData.SYMBOL)).equalTo(upper(lit(wanted))))
                .select(col(MarketData.SYMBOL), col(MarketData.TRADE_DATE), col(MarketData.CLOSE),
                        col(AnalysisRun.VOLATILITY_30D),
                        col(MarketData.CLOSE).multiply(exp(col(AnalysisRun.DAILY_SIGMA).multiply(-BAND_SIGMAS))).as("lower"),
                        col(MarketData.CLOSE).multiply(exp(col(AnalysisRun.DAILY_SIGMA).multiply(BAND_SIGMAS))).as("upper"))
                .orderBy(asc(MarketData.TRADE_DATE));
    }

    private static String range(AnalysisRequest r) {
        if (r.from().isEmpty() && r.to().isEmpty()) {
            return "";
        }
        return " between " + r.from().map(Object::toString).orElse("the start") + " and "
                + r.to().map(Object::toString).orElse("the end");
    }
}
