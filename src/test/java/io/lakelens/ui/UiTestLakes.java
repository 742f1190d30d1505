package io.lakelens.ui;

import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A small hand-made {@code market_data} table for UI tests: six symbols over 45 trading days
 * (270 rows), written through {@link LakeEngine#write} like every LakeLens write.
 */
public final class UiTestLakes {
    public static final int SYMBOLS = 6;
    public static final int DAYS = 45;
    public static final long ROWS = (long) SYMBOLS * DAYS;

    private static final String[][] UNIVERSE = {
            {"AAPL", "Apple Inc.", "NASDAQ", "Technology", "Consumer Electronics", "189.5", "15500000000"},
            {"MSFT", "Microsoft Corporation", "NASDAQ", "Technology", "Software", "410.2", "7430000000"},
            {"GOOGL", "Alphabet Inc.", "NASDAQ", "Communication Services", "Internet Content", "141.8", "12400000000"},
            {"JPM", "JPMorgan Chase & Co.", "NYSE", "Financials", "Banks", "196.3", "2870000000"},
            {"XOM", "Exxon Mobil Corporation", "NYSE", "Energy", "Oil & Gas", "104.9", "3960000000"},
            {"JNJ", "Johnson & Johnson", "NYSE", "Health Care", "Pharmaceuticals", "152.1", "2410000000"},
    };

    private UiTestLakes() {
    }

    /** Writes {@code market_data} into the engine's lake (one commit). */
    public static void marketData(LakeEngine engine) {
        StructType schema = new StructType()
                .add(MarketData.SYMBOL, DataTypes.StringType)
                .add(MarketData.COMPANY, DataTypes.StringType)
                .add(MarketData.EXCHANGE, DataTypes.StringType)
                .add(MarketData.SECTOR, DataTypes.StringType)
                .add(MarketData.INDUSTRY, DataTypes.StringType)
                .add(MarketData.TRADE_DATE, DataTypes.DateType)
                .add(MarketData.TS, DataTypes.TimestampType)
                .add(MarketData.OPEN, DataTypes.DoubleType)
                .add(MarketData.HIGH, DataTypes.DoubleType)
                .add(MarketData.LOW, DataTypes.DoubleType)
                .add(MarketData.CLOSE, DataTypes.DoubleType)
                .add(MarketData.VOLUME, DataTypes.LongType)
                .add(MarketData.VWAP, DataTypes.DoubleType)
                .add(MarketData.MARKET_CAP, DataTypes.DoubleType)
                .add(MarketData.CHANGE_PCT, DataTypes.DoubleType);
        Random random = new Random(7);
        List<Row> rows = new ArrayList<>();
        for (String[] s : UNIVERSE) {
            double price = Double.parseDouble(s[5]);
            double shares = Double.parseDouble(s[6]);
            LocalDate day = LocalDate.of(2024, 1, 2);
            for (int d = 0; d < DAYS; d++) {
                while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                    day = day.plusDays(1);
                }
                double open = price;
                double change = random.nextGaussian() * 0.015;
                double close = Math.round(open * (1 + change) * 100) / 100.0;
                double high = Math.max(open, close) * (1 + random.nextDouble() * 0.01);
                double low = Math.min(open, close) * (1 - random.nextDouble() * 0.01);
                long volume = 1_000_000L + random.nextInt(40_000_000);
                rows.add(RowFactory.create(s[0], s[1], s[2], s[3], s[4], Date.valueOf(day),
                        Timestamp.valueOf(day.atTime(16, 0)), round(open), round(high), round(low), close, volume,
                        round((open + close + high + low) / 4), close * shares, round((close - open) / open * 100)));
                price = close;
                day = day.plusDays(1);
            }
        }
        String path = engine.tablePath(MarketData.NAME).toString();
        engine.write(MarketData.NAME, "UI test fixture", session -> {
            session.createDataFrame(rows, schema).write().format("delta").mode("overwrite").save(path);
            return null;
        });
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
