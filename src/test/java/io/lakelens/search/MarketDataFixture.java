package io.lakelens.search;

import io.delta.tables.DeltaTable;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * A tiny market_data table with the generated lake's columns: six symbols over 30 trading
 * days (180 rows), written range-partitioned by symbol into three files, with deletion vectors
 * enabled. Version 0 creates the table, version 1 writes the rows.
 */
public final class MarketDataFixture {
    public static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 2);
    public static final int DAYS = 30;
    /** symbol, company, exchange, sector, industry, base price. */
    static final Object[][] COMPANIES = {
            {"AAPL", "Apple Inc.", "NASDAQ", "Technology", "Consumer Electronics", 185.0},
            {"MSFT", "Microsoft Corporation", "NASDAQ", "Technology", "Software", 370.0},
            {"JPM", "JPMorgan Chase & Co.", "NYSE", "Financials", "Banks", 170.0},
            {"XOM", "Exxon Mobil Corporation", "NYSE", "Energy", "Oil & Gas", 100.0},
            {"PFE", "Pfizer Inc.", "NYSE", "Healthcare", "Pharmaceuticals", 28.0},
            {"TSLA", "Tesla, Inc.", "NASDAQ", "Consumer Discretionary", "Automobiles", 240.0},
    };

    private MarketDataFixture() {
    }

    public static StructType schema() {
        return new StructType()
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
                .add(MarketData.MARKET_CAP, DataTypes.DoubleType);
    }

    public static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (int s = 0; s < COMPANIES.length; s++) {
            Object[] c = COMPANIES[s];
            double base = (Double) c[5];
            for (int d = 0; d < DAYS; d++) {
                LocalDate day = FIRST_DAY.plusDays(d);
                // deterministic, distinct closes; ties on volume across symbols exercise the key tiebreak
                double close = Math.round((base + d * 0.75 + (d % 3) * 0.5) * 100) / 100.0;
                long volume = 1_000_000L + (d % 5) * 250_000L;
                rows.add(RowFactory.create(c[0], c[1], c[2], c[3], c[4], Date.valueOf(day),
                        Timestamp.valueOf(day.atTime(16, 0)), close - 1, close + 2, close - 2, close, volume,
                        close - 0.25, close * 1_000_000_000.0));
            }
        }
        return rows;
    }

    /** Creates {@code market_data} in the engine's lake (versions 0 and 1). */
    public static void create(LakeEngine engine) {
        String path = engine.tablePath(MarketData.NAME).toString();
        engine.write(MarketData.NAME, "create the test market data table", s -> {
            DeltaTable.createIfNotExists(s).location(path).addColumns(schema())
                    .property("delta.enableDeletionVectors", "true")
                    .property("delta.dataSkippingStatsColumns", MarketData.STATS_COLUMNS)
                    .execute();
            return null;
        });
        engine.write(MarketData.NAME, "load six symbols over thirty days", s -> {
            frame(s, rows()).repartitionByRange(3, col(MarketData.SYMBOL)).sortWithinPartitions(MarketData.SYMBOL, MarketData.TRADE_DATE)
                    .write().format("delta").mode("append").save(path);
            return null;
        });
    }

    static Dataset<Row> frame(SparkSession s, List<Row> rows) {
        return s.createDataFrame(rows, schema());
    }

    /** Appends one more day for one symbol (a new version). */
    public static void appendDay(LakeEngine engine, String symbol, LocalDate day, double close) {
        Object[] c = null;
        for (Object[] company : COMPANIES) {
            if (company[0].equals(symbol)) {
                c = company;
            }
        }
        Object[] co = c;
        engine.write(MarketData.NAME, "append " + symbol + " " + day, s -> {
            frame(s, List.of(RowFactory.create(co[0], co[1], co[2], co[3], co[4], Date.valueOf(day),
                    Timestamp.valueOf(day.atTime(16, 0)), close - 1, close + 2, close - 2, close, 2_000_000L, close, close * 1e9)))
                    .write().format("delta").mode("append").save(engine.tablePath(MarketData.NAME).toString());
            return null;
        });
    }
}
