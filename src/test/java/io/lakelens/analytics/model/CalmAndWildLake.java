package io.lakelens.analytics.model;

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
 * A market whose future volatility is known: each symbol's daily log returns are normal with a
 * fixed standard deviation for the whole history, so the realised volatility of any coming
 * week is about that σ × √252.
 *
 * <pre>
 * CALM1, CALM2  σ 0.3 % a day (≈ 4.8 % a year)       sector Utilities
 * MID1, MID2    σ 1.5 % a day (≈ 24 % a year)        sector Industrials
 * WILD1, WILD2  σ 5 % a day   (≈ 79 % a year)        sector Technology
 * market_data v0: trading days 0–59
 * market_data v1: + days 60–89 (one append)
 * market_data v2: a restatement that rewrites CALM1's days 0–59 as a wild path (σ 5 %)
 * </pre>
 * A backtest that decides at day 40 with what was known then reads v0, where CALM1 is calm;
 * one that read the latest version would see it wild.
 */
final class CalmAndWildLake {
    static final LocalDate FIRST = LocalDate.of(2024, 1, 1);
    static final int DAYS = 90;
    static final int FIRST_APPEND = 60;
    static final Map<String, Double> SIGMA = new LinkedHashMap<>();
    static final Map<String, String> SECTOR = Map.of("CALM1", "Utilities", "CALM2", "Utilities", "MID1", "Industrials",
            "MID2", "Industrials", "WILD1", "Technology", "WILD2", "Technology");

    static {
        SIGMA.put("CALM1", 0.003);
        SIGMA.put("CALM2", 0.003);
        SIGMA.put("MID1", 0.015);
        SIGMA.put("MID2", 0.015);
        SIGMA.put("WILD1", 0.05);
        SIGMA.put("WILD2", 0.05);
    }

    static final StructType SCHEMA = new StructType()
            .add(MarketData.SYMBOL, DataTypes.StringType)
            .add(MarketData.COMPANY, DataTypes.StringType)
            .add(MarketData.SECTOR, DataTypes.StringType)
            .add(MarketData.TRADE_DATE, DataTypes.DateType)
            .add(MarketData.CLOSE, DataTypes.DoubleType)
            .add(MarketData.VOLUME, DataTypes.LongType);

    private CalmAndWildLake() {
    }

    /** Trading day i (weekdays from 2024-01-01). */
    static LocalDate day(int i) {
        LocalDate d = FIRST;
        int n = 0;
        while (true) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                if (n == i) {
                    return d;
                }
                n++;
            }
            d = d.plusDays(1);
        }
    }

    static void build(LakeEngine engine) {
        String path = engine.tablePath(MarketData.NAME).toString();
        Map<String, double[]> closes = new LinkedHashMap<>();
        int seed = 1;
        for (var e : SIGMA.entrySet()) {
            closes.put(e.getKey(), path(100, e.getValue(), seed++));
        }
        engine.write(MarketData.NAME, "days 0-59", s -> {
            s.createDataFrame(rows(closes, 0, FIRST_APPEND), SCHEMA).write().format("delta").save(path);
            return null;
        });
        engine.write(MarketData.NAME, "days 60-89", s -> {
            s.createDataFrame(rows(closes, FIRST_APPEND, DAYS), SCHEMA).write().format("delta").mode("append").save(path);
            return null;
        });
        double[] restated = path(100, 0.05, 99);
        double[] calm = closes.get("CALM1");
        // the restated path ends where the calm one is at day 59, so later days join smoothly
        double scale = calm[FIRST_APPEND - 1] / restated[FIRST_APPEND - 1];
        for (int i = 0; i < FIRST_APPEND; i++) {
            calm[i] = restated[i] * scale;
        }
        engine.write(MarketData.NAME, "restatement of CALM1 before day 60", s -> {
            s.createDataFrame(rows(closes, 0, DAYS), SCHEMA).write().format("delta").mode("overwrite").save(path);
            return null;
        });
    }

    static double[] path(double start, double sigma, int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] out = new double[DAYS];
        out[0] = start;
        for (int i = 1; i < DAYS; i++) {
            out[i] = out[i - 1] * Math.exp(sigma * r.nextGaussian());
        }
        return out;
    }

    private static List<Row> rows(Map<String, double[]> closes, int from, int to) {
        List<Row> rows = new ArrayList<>();
        for (var e : closes.entrySet()) {
            for (int d = from; d < to; d++) {
                rows.add(RowFactory.create(e.getKey(), e.getKey() + " Corp", SECTOR.get(e.getKey()), Date.valueOf(day(d)),
                        e.getValue()[d], 1_000_000L + d));
            }
        }
        return rows;
    }
}
