package io.lakelens.analytics.quality;

import io.delta.tables.DeltaTable;
import io.lakelens.LakeLensException;
import io.lakelens.TestLakes;
import io.lakelens.analytics.CancelHandle;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A market_data table with known bad rows and the commits that fix them, small enough to check by hand.
 *
 * <pre>
 * v0 "eight clean days": AAA, BBB, CCC on days 0–7 (high = close × 1.01, low = close × 0.99);
 *                        DDD only on days 0–1 (stale from the start)
 * v1 "day 8 load":       AAA close ×10 (a jump, and outside low–high); BBB high below low;
 *                        CCC negative volume; a second BBB row for day 7 (duplicate key);
 *                        a row with a null symbol
 * v2 "price correction": MERGE fixes AAA, BBB and CCC of day 8
 * v3 "erase junk row":   DELETE of the null-symbol row (the duplicate stays)
 * </pre>
 */
public final class BadTicksLake {
    public static final LocalDate D0 = LocalDate.of(2024, 3, 4);
    public static final StructType SCHEMA = new StructType()
            .add(MarketData.SYMBOL, DataTypes.StringType)
            .add(MarketData.TRADE_DATE, DataTypes.DateType)
            .add(MarketData.HIGH, DataTypes.DoubleType)
            .add(MarketData.LOW, DataTypes.DoubleType)
            .add(MarketData.CLOSE, DataTypes.DoubleType)
            .add(MarketData.VOLUME, DataTypes.LongType);
    /** Daily returns varied enough that each symbol has a non-zero robust σ. */
    static final double[] STEPS = {0.01, -0.004, 0.007, -0.012, 0.003, 0.009, -0.006, 0.005, 0.002};

    private BadTicksLake() {
    }

    public static void build(LakeEngine engine) {
        String path = engine.tablePath(MarketData.NAME).toString();
        engine.write(MarketData.NAME, "eight clean days", s -> {
            List<Row> rows = new ArrayList<>();
            for (String sym : List.of("AAA", "BBB", "CCC")) {
                for (int d = 0; d < 8; d++) {
                    rows.add(clean(sym, d));
                }
            }
            rows.add(clean("DDD", 0));
            rows.add(clean("DDD", 1));
            s.createDataFrame(rows, SCHEMA).write().format("delta").save(path);
            return null;
        });
        engine.write(MarketData.NAME, "day 8 load", s -> {
            Row aaa = clean("AAA", 8);
            Row bbb = clean("BBB", 8);
            Row ccc = clean("CCC", 8);
            List<Row> rows = List.of(
                    RowFactory.create("AAA", aaa.get(1), aaa.get(2), aaa.get(3), aaa.getDouble(4) * 10, aaa.get(5)),
                    RowFactory.create("BBB", bbb.get(1), bbb.getDouble(3), bbb.getDouble(2), bbb.get(4), bbb.get(5)),
                    RowFactory.create("CCC", ccc.get(1), ccc.get(2), ccc.get(3), ccc.get(4), -ccc.getLong(5)),
                    clean("BBB", 7),
                    RowFactory.create(null, Date.valueOf(D0.plusDays(8)), 10.1, 9.9, 10.0, 100L));
            s.createDataFrame(rows, SCHEMA).write().format("delta").mode("append").save(path);
            return null;
        });
        engine.write(MarketData.NAME, "price correction", s -> {
            var fixed = s.createDataFrame(List.of(clean("AAA", 8), clean("BBB", 8), clean("CCC", 8)), SCHEMA);
            DeltaTable.forPath(s, path).as("t")
                    .merge(fixed.as("s"), col("t.symbol").equalTo(col("s.symbol")).and(col("t.trade_date").equalTo(col("s.trade_date"))))
                    .whenMatched().updateAll()
                    .execute();
            return null;
        });
        engine.write(MarketData.NAME, "erase junk row", s -> {
            DeltaTable.forPath(s, path).delete(col("symbol").isNull());
            return null;
        });
    }

    public static Row clean(String symbol, int day) {
        double base = switch (symbol) {
            case "AAA" -> 100;
            case "BBB" -> 50;
            case "CCC" -> 20;
            default -> 10;
        };
        double close = base;
        for (int d = 1; d <= day; d++) {
            close *= 1 + STEPS[(d + symbol.charAt(0)) % STEPS.length];
        }
        close = Math.round(close * 100) / 100.0;
        return RowFactory.create(symbol, Date.valueOf(D0.plusDays(day)), close * 1.01, close * 0.99, close, 1000L + day);
    }
}
