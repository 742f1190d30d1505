package io.lakelens.data;

import io.lakelens.LakeLensException;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;

/**
 * Simulated ticks for the symbol universe of {@code market_data}: each symbol starts from its
 * latest row in the table and follows a random walk. A tick copies the symbol's descriptive
 * columns (company, exchange, sector, …) from that row and sets the time, prices, volume,
 * change and market cap, each in the type the table declares, so ticks always match the
 * table's schema. Not thread-safe: one feed thread owns it.
 */
public final class TickGenerator {
    /** Standard deviation of one tick's log return. */
    private static final double SIGMA = 0.0008;

    private final StructType schema;
    private final List<Symbol> symbols;
    private final SplittableRandom random;
    private int cursor;

    /** One symbol's state: its template row, the previous close (for change_pct) and the last price. */
    static final class Symbol {
        final String name;
        final Object[] template;
        final double referencePrice;
        final double marketCapPerPrice;
        double price;

        Symbol(String name, Object[] template, double referencePrice, double marketCapPerPrice) {
            this.name = name;
            this.template = template;
            this.referencePrice = referencePrice;
            this.marketCapPerPrice = marketCapPerPrice;
            this.price = referencePrice;
        }
    }

    /**
     * @param latestRows one row per symbol (the table's latest for it), in the table's schema
     * @param seed       random seed, so a run can be reproduced
     */
    public TickGenerator(StructType schema, List<Row> latestRows, long seed) {
        this.schema = schema;
        this.random = new SplittableRandom(seed);
        requireColumn(schema, MarketData.SYMBOL);
        requireColumn(schema, MarketData.CLOSE);
        int sym = schema.fieldIndex(MarketData.SYMBOL);
        int close = schema.fieldIndex(MarketData.CLOSE);
        int cap = index(schema, MarketData.MARKET_CAP);
        List<Symbol> list = new ArrayList<>();
        for (Row r : latestRows) {
            if (r.isNullAt(sym) || r.isNullAt(close)) {
                continue;
            }
            double c = ((Number) r.get(close)).doubleValue();
            if (!(c > 0)) {
                continue;
            }
            Object[] template = new Object[schema.size()];
            for (int i = 0; i < template.length; i++) {
                template[i] = r.get(i);
            }
            double capPerPrice = cap >= 0 && !r.isNullAt(cap) ? ((Number) r.get(cap)).doubleValue() / c : 0;
            list.add(new Symbol(r.getString(sym), template, c, capPerPrice));
        }
        if (list.isEmpty()) {
            throw new LakeLensException("market_data has no symbol with a price to start the feed from; generate data first.");
        }
        list.sort((a, b) -> a.name.compareTo(b.name));
        this.symbols = List.copyOf(list);
    }

    /**
     * A generator for the symbols of {@code table} (a Spark job: the latest row of each symbol).
     * Fails clearly when the table is not a market_data-shaped table with prices.
     */
    public static TickGenerator fromTable(LakeEngine engine, String table) {
        Dataset<Row> df = engine.read(table, AsOf.LATEST);
        StructType schema = df.schema();
        List<String> names = List.of(schema.fieldNames());
        if (!names.contains(MarketData.SYMBOL) || !names.contains(MarketData.CLOSE)) {
            throw new LakeLensException(table + " has no symbol/close columns; the feed appends ticks to a generated market_data table.");
        }
        String order = names.contains(MarketData.TS) ? MarketData.TS : MarketData.TRADE_DATE;
        List<Row> latest = engine.readAction(table, AsOf.LATEST, () -> df.groupBy(col(MarketData.SYMBOL))
                .agg(max_by(struct(col("*")), col(order)).as("last")).select("last.*").collectAsList());
        return new TickGenerator(schema, latest, System.nanoTime());
    }

    public StructType schema() {
        return schema;
    }

    public int symbolCount() {
        return symbols.size();
    }

    /** {@code n} ticks at {@code now}, symbols in turn; also returns each ticked symbol's last price. */
    public Batch next(int n, Instant now) {
        List<Row> rows = new ArrayList<>(n);
        Map<String, Double> last = new LinkedHashMap<>();
        Date day = Date.valueOf(LocalDate.ofInstant(now, ZoneOffset.UTC));
        long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
        for (int i = 0; i < n; i++) {
            Symbol s = symbols.get(cursor);
            cursor = (cursor + 1) % symbols.size();
            double open = s.price;
            double close = open * Math.exp(SIGMA * gaussian());
            double high = Math.max(open, close) * (1 + Math.abs(gaussian()) * SIGMA / 2);
            double low = Math.min(open, close) * (1 - Math.abs(gaussian()) * SIGMA / 2);
            s.price = close;
            long volume = 100L * (1 + random.nextInt(100));
            Object[] v = s.template.clone();
            // Ticks in one batch share the batch time; the index keeps their order within it.
            Timestamp ts = new Timestamp(0);
            long m = micros + i;
            ts.setTime(Math.floorDiv(m, 1000));
            ts.setNanos((int) Math.floorMod(m, 1_000_000) * 1000);
            set(v, MarketData.TS, ts);
            set(v, MarketData.TRADE_DATE, day);
            setNumber(v, MarketData.OPEN, round(open, 4));
            setNumber(v, MarketData.HIGH, round(high, 4));
            setNumber(v, MarketData.LOW, round(low, 4));
            setNumber(v, MarketData.CLOSE, round(close, 4));
            setNumber(v, MarketData.VWAP, round((open + high + low + close) / 4, 4));
            setNumber(v, MarketData.VOLUME, volume);
            // As the generator defines it: percent change against the previous day's close.
            setNumber(v, MarketData.CHANGE_PCT, round((close / s.referencePrice - 1) * 100, 4));
            if (s.marketCapPerPrice > 0) {
                setNumber(v, MarketData.MARKET_CAP, Math.round(close * s.marketCapPerPrice));
            }
            rows.add(RowFactory.create(v));
            last.put(s.name, round(close, 4));
        }
        return new Batch(rows, last);
    }

    /** Ticks of one batch and the last price of each symbol in it. */
    public record Batch(List<Row> rows, Map<String, Double> lastPrices) {
    }

    /** Current price of every symbol, for seeding price keys. */
    public Map<String, Double> prices() {
        Map<String, Double> m = new HashMap<>();
        symbols.forEach(s -> m.put(s.name, round(s.price, 4)));
        return m;
    }

    private double gaussian() {
        // Box-Muller; SplittableRandom has no nextGaussian on every JDK we support.
        double u = 1 - random.nextDouble();
        double w = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    }

    private void set(Object[] v, String column, Object value) {
        int i = index(schema, column);
        if (i < 0) {
            return;
        }
        DataType t = schema.fields()[i].dataType();
        if (t.equals(DataTypes.DateType) && value instanceof Date || t.equals(DataTypes.TimestampType) && value instanceof Timestamp) {
            v[i] = value;
        } else if (t.equals(DataTypes.StringType)) {
            v[i] = String.valueOf(value);
        } else if (t.equals(DataTypes.TimestampNTZType) && value instanceof Timestamp ts) {
            v[i] = ts.toLocalDateTime();
        }
    }

    private void setNumber(Object[] v, String column, double value) {
        int i = index(schema, column);
        if (i < 0) {
            return;
        }
        DataType t = schema.fields()[i].dataType();
        if (t.equals(DataTypes.DoubleType)) {
            v[i] = value;
        } else if (t.equals(DataTypes.FloatType)) {
            v[i] = (float) value;
        } else if (t.equals(DataTypes.LongType)) {
            v[i] = Math.round(value);
        } else if (t.equals(DataTypes.IntegerType)) {
            v[i] = (int) Math.min(Integer.MAX_VALUE, Math.round(value));
        } else if (t instanceof DecimalType d) {
            v[i] = BigDecimal.valueOf(value).setScale(d.scale(), RoundingMode.HALF_UP);
        }
    }

    private static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }

    private static int index(StructType schema, String column) {
        for (int i = 0; i < schema.fields().length; i++) {
            if (schema.fields()[i].name().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    private static void requireColumn(StructType schema, String column) {
        if (index(schema, column) < 0) {
            throw new LakeLensException("market_data has no '" + column + "' column; the feed needs the generated schema.");
        }
    }
}
