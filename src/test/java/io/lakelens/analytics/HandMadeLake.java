package io.lakelens.analytics;

import io.delta.tables.DeltaTable;
import io.lakelens.data.Tables.Holdings;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

/**
 * A lake small enough to check by hand: four symbols in two sectors with known closes, three
 * portfolios, and a history with a known concentrating MERGE.
 *
 * <pre>
 * market_data v0: 2024-01-01 … 2024-01-04          market_data v1: + 2024-01-05
 *   AAA Technology 100 110  99 120   vol 1000/day      AAA 144
 *   BBB Technology  50  50  55  55   vol 2000/day      BBB  55
 *   CCC Energy      20  18  18  16   vol  500/day      CCC 16.8
 *   DDD Energy      10  11  12 11.5  vol  300/day      DDD 11.5
 * portfolio_holdings v0 (committed after market_data v0):
 *   P1: AAA 10, CCC 50     P2: BBB 20, DDD 100     P3: AAA 5, DDD 40
 * portfolio_holdings v1 = MERGE: P1 AAA → 40, P1 CCC → 10, P3 AAA sold (deleted)
 * market_data v1 is committed after portfolio_holdings v1.
 * </pre>
 */
public final class HandMadeLake {
    static final LocalDate D1 = LocalDate.of(2024, 1, 1);
    static final Map<String, String> SECTOR = Map.of("AAA", "Technology", "BBB", "Technology", "CCC", "Energy", "DDD", "Energy");
    static final Map<String, Long> DAILY_VOLUME = Map.of("AAA", 1000L, "BBB", 2000L, "CCC", 500L, "DDD", 300L);
    /** Closes per symbol for 2024-01-01 … 2024-01-05 (the fifth day arrives in market_data v1). */
    static final Map<String, double[]> CLOSES = new LinkedHashMap<>();

    static {
        CLOSES.put("AAA", new double[]{100, 110, 99, 120, 144});
        CLOSES.put("BBB", new double[]{50, 50, 55, 55, 55});
        CLOSES.put("CCC", new double[]{20, 18, 18, 16, 16.8});
        CLOSES.put("DDD", new double[]{10, 11, 12, 11.5, 11.5});
    }

    static final StructType MARKET = new StructType()
            .add(MarketData.SYMBOL, DataTypes.StringType)
            .add(MarketData.COMPANY, DataTypes.StringType)
            .add(MarketData.SECTOR, DataTypes.StringType)
            .add(MarketData.TRADE_DATE, DataTypes.DateType)
            .add(MarketData.CLOSE, DataTypes.DoubleType)
            .add(MarketData.VOLUME, DataTypes.LongType);
    static final StructType HOLDINGS = new StructType()
            .add(Holdings.PORTFOLIO, DataTypes.StringType)
            .add(Holdings.SYMBOL, DataTypes.StringType)
            .add(Holdings.QUANTITY, DataTypes.LongType)
            .add(Holdings.AVG_COST, DataTypes.DoubleType)
            .add(Holdings.MARKET_VALUE, DataTypes.DoubleType)
            .add(Holdings.AS_OF_DATE, DataTypes.DateType);

    private HandMadeLake() {
    }

    public static void build(LakeEngine engine) {
        engine.write(MarketData.NAME, "four days of prices", s -> {
            s.createDataFrame(marketRows(0, 4), MARKET).write().format("delta").save(engine.tablePath(MarketData.NAME).toString());
            return null;
        });
        engine.write(Holdings.NAME, "opening positions", s -> {
            s.createDataFrame(List.of(
                    holding("P1", "AAA", 10), holding("P1", "CCC", 50),
                    holding("P2", "BBB", 20), holding("P2", "DDD", 100),
                    holding("P3", "AAA", 5), holding("P3", "DDD", 40)), HOLDINGS)
                    .write().format("delta").save(engine.tablePath(Holdings.NAME).toString());
            return null;
        });
        engine.write(Holdings.NAME, "concentrate P1 in AAA, P3 sells AAA", s -> {
            var updates = s.createDataFrame(List.of(holding("P1", "AAA", 40), holding("P1", "CCC", 10),
                    holding("P3", "AAA", 0)), HOLDINGS);
            DeltaTable.forPath(s, engine.tablePath(Holdings.NAME).toString()).as("t")
                    .merge(updates.as("u"), expr("t.portfolio = u.portfolio AND t.symbol = u.symbol"))
                    .whenMatched(col("u.quantity").equalTo(0)).delete()
                    .whenMatched().updateAll()
                    .whenNotMatched().insertAll()
                    .execute();
            return null;
        });
        engine.write(MarketData.NAME, "fifth day", s -> {
            s.createDataFrame(marketRows(4, 5), MARKET).write().format("delta").mode("append")
                    .save(engine.tablePath(MarketData.NAME).toString());
            return null;
        });
    }

    static List<Row> marketRows(int fromDay, int toDay) {
        List<Row> rows = new ArrayList<>();
        for (var e : CLOSES.entrySet()) {
            for (int d = fromDay; d < toDay; d++) {
                rows.add(RowFactory.create(e.getKey(), e.getKey() + " Corp", SECTOR.get(e.getKey()),
                        Date.valueOf(D1.plusDays(d)), e.getValue()[d], DAILY_VOLUME.get(e.getKey())));
            }
        }
        return rows;
    }

    /** The holding's own market_value is its cost (avg_cost 1.0), so a test notices if prices are not used. */
    static Row holding(String portfolio, String symbol, long quantity) {
        return RowFactory.create(portfolio, symbol, quantity, 1.0, (double) quantity, Date.valueOf(D1));
    }

    /** Closes of a symbol on the first {@code days} days. */
    static double[] closes(String symbol, int days) {
        return java.util.Arrays.copyOf(CLOSES.get(symbol), days);
    }

    /** Sample standard deviation of the daily log returns of {@code closes}, × √252: computed here by hand. */
    static double annualisedVolatility(double[] closes) {
        int n = closes.length - 1;
        double[] r = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            r[i] = Math.log(closes[i + 1] / closes[i]);
            mean += r[i] / n;
        }
        double ss = 0;
        for (double x : r) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (n - 1)) * Math.sqrt(252);
    }
}
