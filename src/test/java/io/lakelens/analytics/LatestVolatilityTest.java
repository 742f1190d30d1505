package io.lakelens.analytics;

import io.lakelens.TestLakes;
import io.lakelens.data.Tables.MarketData;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The volatility of each symbol's latest day, computed from its recent rows only, equals the one computed over its whole history. */
class LatestVolatilityTest {
    @Test
    void recentRowsGiveTheSameLatestVolatilityAsTheWholeHistory(@TempDir Path lake) {
        SparkSession spark = TestLakes.engine(lake).spark();
        // Three symbols, 90 days each (one stops early), closes wandering by a hashed step.
        Dataset<Row> md = spark.range(0, 270).selectExpr(
                "element_at(array('AAA', 'BBB', 'CCC'), cast(id % 3 + 1 as int)) as " + MarketData.SYMBOL,
                "'Tech' as " + MarketData.SECTOR,
                "date_add(date'2025-01-01', cast(id / 3 as int)) as " + MarketData.TRADE_DATE,
                "100 + (abs(hash(id)) % 1000) / 100.0 as " + MarketData.CLOSE,
                "cast(1000 as long) as " + MarketData.VOLUME)
                .filter("not (symbol = 'CCC' and trade_date > date'2025-02-20')");

        List<Row> whole = VolatilityAnalysis.latestPerSymbol(AnalysisRun.withVolatility(md))
                .select(MarketData.SYMBOL, MarketData.TRADE_DATE, AnalysisRun.VOLATILITY_30D, AnalysisRun.RETURNS)
                .orderBy(MarketData.SYMBOL).collectAsList();
        List<Row> recent = VolatilityAnalysis.latestWithVolatility(md)
                .select(MarketData.SYMBOL, MarketData.TRADE_DATE, AnalysisRun.VOLATILITY_30D, AnalysisRun.RETURNS)
                .orderBy(MarketData.SYMBOL).collectAsList();

        assertEquals(3, whole.size());
        for (int i = 0; i < whole.size(); i++) {
            Row w = whole.get(i);
            Row r = recent.get(i);
            assertEquals(w.getString(0), r.getString(0));
            assertEquals(w.get(1), r.get(1));
            assertEquals(30L, r.getLong(3), "a full window of returns");
            assertEquals(w.getDouble(2), r.getDouble(2), 1e-12, w.getString(0));
        }
    }
}
