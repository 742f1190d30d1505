package io.lakelens.search;

import io.delta.tables.DeltaTable;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * A small hand-made table unlike market_data: column names with spaces and capitals (so column
 * mapping is on), text with accents and nulls, doubles with NaN, -0.0 and nulls, an int, a
 * decimal, a date, a timestamp with microseconds, a boolean, and no known key. 40 rows in three
 * files, then a delete (deletion vectors): versions 0 (create), 1–2 (loads), 3 (delete).
 */
public final class OrdersFixture {
    public static final String ID = "order_id";
    public static final String CUSTOMER = "Customer Name";
    public static final String REGION = "Region";
    public static final String STATUS = "status";
    public static final String UNIT_PRICE = "Unit Price";
    public static final String QTY = "qty";
    public static final String AMOUNT = "amount";
    public static final String ORDER_DATE = "order_date";
    public static final String PLACED_AT = "placed_at";
    public static final String RUSH = "rush";

    static final String[] CUSTOMERS = {"Acme Corp", "acme north ltd", "Société Générale", "SOCIÉTÉ anonyme", "Ölhandel ÅSA",
            "Zeta & Co.", null, "Bücher GmbH"};
    static final String[] REGIONS = {"North", "south", "East", null, "WEST"};
    static final String[] STATUSES = {"open", "shipped", "cancelled", "Open"};

    private OrdersFixture() {
    }

    /**
     * The table's name, with a hyphen: a name that is not a plain SQL identifier, so every route
     * (Kernel, Spark, cache keys) and every test on this table shows such names work end to end.
     */
    public static final String NAME = "desk-orders";

    static StructType schema() {
        return new StructType()
                .add(ID, DataTypes.LongType, false)
                .add(CUSTOMER, DataTypes.StringType)
                .add(REGION, DataTypes.StringType)
                .add(STATUS, DataTypes.StringType)
                .add(UNIT_PRICE, DataTypes.DoubleType)
                .add(QTY, DataTypes.IntegerType)
                .add(AMOUNT, DataTypes.createDecimalType(12, 2))
                .add(ORDER_DATE, DataTypes.DateType)
                .add(PLACED_AT, DataTypes.TimestampType)
                .add(RUSH, DataTypes.BooleanType);
    }

    static List<Row> rows(int from, int to) {
        List<Row> rows = new ArrayList<>();
        Instant base = Instant.parse("2024-02-01T09:00:00.000123Z");
        for (int i = from; i < to; i++) {
            Double price = switch (i % 9) {
                case 0 -> Double.NaN;
                case 1 -> -0.0;
                case 2 -> 0.0;
                case 3 -> null;
                default -> (i % 7) * 1.25; // repeats, so sorting by price needs the tiebreak
            };
            Integer qty = i % 6 == 5 ? null : i % 4;
            BigDecimal amount = i % 10 == 9 ? null : new BigDecimal(i * 7 % 23 + "." + (i % 2 == 0 ? "50" : "05"));
            LocalDate day = i % 8 == 7 ? null : LocalDate.of(2024, 2, 1).plusDays(i % 5);
            Timestamp at = i % 11 == 10 ? null : Timestamp.from(base.plusSeconds(i % 5 * 86_400L + i * 3_600L).plusNanos(i * 1_000L));
            rows.add(RowFactory.create((long) i, CUSTOMERS[i % CUSTOMERS.length], REGIONS[i % REGIONS.length],
                    STATUSES[i % STATUSES.length], price, qty, amount, day == null ? null : Date.valueOf(day), at,
                    i % 3 == 0 ? null : i % 3 == 1));
        }
        return rows;
    }

    /** Creates the table in the engine's lake and returns its name. */
    public static String create(LakeEngine engine) {
        String name = NAME;
        String path = engine.tablePath(name).toString();
        engine.write(name, "create the test orders table", s -> {
            DeltaTable.createIfNotExists(s).location(path).addColumns(schema())
                    .property("delta.columnMapping.mode", "name")
                    .property("delta.enableDeletionVectors", "true")
                    .execute();
            return null;
        });
        engine.write(name, "load the first orders", s -> {
            s.createDataFrame(rows(0, 24), schema()).repartition(2).write().format("delta").mode("append").save(path);
            return null;
        });
        engine.write(name, "load more orders", s -> {
            s.createDataFrame(rows(24, 40), schema()).coalesce(1).write().format("delta").mode("append").save(path);
            return null;
        });
        engine.write(name, "cancel two orders", s -> {
            DeltaTable.forPath(s, path).delete(col(ID).equalTo(lit(5L)).or(col(ID).equalTo(lit(30L))));
            return null;
        });
        return name;
    }
}
