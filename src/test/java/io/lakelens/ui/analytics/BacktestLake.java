package io.lakelens.ui.analytics;

import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Date;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A tiny market whose symbols keep one daily volatility each: two calm (0.3 %), two middling
 * (1.5 %), two wild (5 %). market_data v0 holds trading days 0–69, v1 appends days 70–89.
 */
final class BacktestLake {
    static final LocalDate FIRST = LocalDate.of(2024, 1, 1);
    static final int DAYS = 90;
    static final int FIRST_APPEND = 70;
    static final Map<String, Double> SIGMA = new LinkedHashMap<>();

    static {
        SIGMA.put("CALM1", 0.003);
        SIGMA.put("CALM2", 0.003);
        SIGMA.put("MID1", 0.015);
        SIGMA.put("MID2", 0.015);
        SIGMA.put("WILD1", 0.05);
        SIGMA.put("WILD2", 0.05);
    }

    private static final StructType SCHEMA = new StructType()
            .add(MarketData.SYMBOL, DataTypes.StringType)
            .add(MarketData.SECTOR, DataTypes.StringType)
            .add(MarketData.TRADE_DATE, DataTypes.DateType)
            .add(MarketData.CLOSE, DataTypes.DoubleType)
            .add(MarketData.VOLUME, DataTypes.LongType);

    private BacktestLake() {
    }

    static void build(LakeEngine engine) {
        String path = engine.tablePath(MarketData.NAME).toString();
        Map<String, double[]> closes = new LinkedHashMap<>();
        int seed = 1;
        for (var e : SIGMA.entrySet()) {
            SplittableRandom r = new SplittableRandom(seed++);
            double[] c = new double[DAYS];
            c[0] = 100;
            for (int i = 1; i < DAYS; i++) {
                c[i] = c[i - 1] * Math.exp(e.getValue() * r.nextGaussian());
            }
            closes.put(e.getKey(), c);
        }
        engine.write(MarketData.NAME, "days 0-69", s -> {
            s.createDataFrame(rows(closes, 0, FIRST_APPEND), SCHEMA).write().format("delta").save(path);
            return null;
        });
        engine.write(MarketData.NAME, "days 70-89", s -> {
            s.createDataFrame(rows(closes, FIRST_APPEND, DAYS), SCHEMA).write().format("delta").mode("append").save(path);
            return null;
        });
    }

    private static List<Row> rows(Map<String, double[]> closes, int from, int to) {
        List<Row> rows = new ArrayList<>();
        for (var e : closes.entrySet()) {
            String sector = e.getKey().startsWith("CALM") ? "Utilities" : e.getKey().startsWith("MID") ? "Industrials" : "Technology";
            for (int d = from; d < to; d++) {
                rows.add(RowFactory.create(e.getKey(), sector, Date.valueOf(day(d)), e.getValue()[d], 1_000_000L + d));
            }
        }
        return rows;
    }

    /** Trading day i (weekdays from 2024-01-01). */
    static LocalDate day(int i) {
        LocalDate d = FIRST;
        int n = -1;
        while (true) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY && ++n == i) {
                return d;
            }
            d = d.plusDays(1);
        }
    }
}
