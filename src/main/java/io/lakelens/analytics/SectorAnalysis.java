package io.lakelens.analytics;

import io.lakelens.data.Tables.MarketData;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.asc;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

/** Sector analysis: see {@link AnalysisKind#SECTOR}. */
final class SectorAnalysis {
    static final String FIRST_CLOSE = "first_close";
    static final String LAST_CLOSE = "last_close";
    static final String RETURN = "symbol_return";
    static final String CHANGE_SUM = "change_sum";
    static final String CHANGE_COUNT = "change_count";
    static final String FIRST_DATE = "first_date";
    static final String LAST_DATE = "last_date";

    private SectorAnalysis() {
    }

    /**
     * One row per (sector, symbol) in the range: first and last close, the symbol's return,
     * the sum and count of its daily changes (consecutive days both inside the range) and volume.
     */
    static Dataset<Row> perSymbol(Dataset<Row> md) {
        WindowSpec bySymbol = Window.partitionBy(MarketData.SYMBOL).orderBy(MarketData.TRADE_DATE);
        Dataset<Row> daily = md.withColumn("daily_change",
                col(MarketData.CLOSE).divide(lag(col(MarketData.CLOSE), 1).over(bySymbol)).minus(1));
        return daily.groupBy(col(MarketData.SECTOR), col(MarketData.SYMBOL)).agg(
                        min_by(col(MarketData.CLOSE), col(MarketData.TRADE_DATE)).as(FIRST_CLOSE),
                        max_by(col(MarketData.CLOSE), col(MarketData.TRADE_DATE)).as(LAST_CLOSE),
                        sum(col("daily_change")).as(CHANGE_SUM),
                        count(col("daily_change")).as(CHANGE_COUNT),
                        sum(col(MarketData.VOLUME)).as(MarketData.VOLUME),
                        min(col(MarketData.TRADE_DATE)).as(FIRST_DATE),
                        max(col(MarketData.TRADE_DATE)).as(LAST_DATE))
                .withColumn(RETURN, col(LAST_CLOSE).divide(col(FIRST_CLOSE)).minus(1));
    }

    static SectorReport run(AnalysisRun run) {
        return report(run.inProcess() ? ColumnarAnalyses.sectors(run) : run.collect("sectors", MarketData.NAME, sectors(run)));
    }

    private static Dataset<Row> sectors(AnalysisRun run) {
        Dataset<Row> md = run.marketData(run.readVersion(MarketData.NAME, run.pins.marketData()));
        return perSymbol(md).groupBy(col(MarketData.SECTOR)).agg(
                        avg(col(RETURN)).as("sector_return"),
                        sum(col(CHANGE_SUM)).divide(sum(col(CHANGE_COUNT))).as("avg_change"),
                        sum(col(MarketData.VOLUME)).as(MarketData.VOLUME),
                        countDistinct(col(MarketData.SYMBOL)).as("symbols"),
                        // struct ordering compares the return first, then the symbol: ties resolve alphabetically
                        max(struct(col(RETURN), col(MarketData.SYMBOL))).as("best"),
                        min(struct(col(RETURN), col(MarketData.SYMBOL))).as("worst"),
                        min(col(FIRST_DATE)).as(FIRST_DATE),
                        max(col(LAST_DATE)).as(LAST_DATE))
                .orderBy(desc("sector_return"), asc(MarketData.SECTOR));
    }

    static SectorReport report(List<Row> rows) {
        List<SectorReport.Sector> out = new ArrayList<>();
        LocalDate from = null;
        LocalDate to = null;
        for (Row r : rows) {
            Row best = r.getStruct(r.fieldIndex("best"));
            Row worst = r.getStruct(r.fieldIndex("worst"));
            Double avgChange = AnalysisRun.nullableDbl(r, "avg_change");
            out.add(new SectorReport.Sector(AnalysisRun.str(r, MarketData.SECTOR),
                    100 * AnalysisRun.dbl(r, "sector_return"), avgChange == null ? null : 100 * avgChange,
                    AnalysisRun.lng(r, MarketData.VOLUME), (int) AnalysisRun.lng(r, "symbols"),
                    best.getString(1), 100 * best.getDouble(0), worst.getString(1), 100 * worst.getDouble(0)));
            LocalDate f = AnalysisRun.date(r.get(r.fieldIndex(FIRST_DATE)));
            LocalDate l = AnalysisRun.date(r.get(r.fieldIndex(LAST_DATE)));
            from = from == null || f.isBefore(from) ? f : from;
            to = to == null || l.isAfter(to) ? l : to;
        }
        return new SectorReport(from, to, out);
    }
}
