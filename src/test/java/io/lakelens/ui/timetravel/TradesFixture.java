package io.lakelens.ui.timetravel;

import io.delta.tables.DeltaTable;
import io.lakelens.data.Tables;
import io.lakelens.lake.LakeEngine;

import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * A small trades table with a desk-like history: v0 load of trades 1–8 (one file), v1 price
 * correction of 2 and 3, v2 compliance delete of 5, v3 late trades 9–10 committed by alice.
 */
public final class TradesFixture {
    public static final String TABLE = Tables.Transactions.NAME;

    private TradesFixture() {
    }

    public static void write(LakeEngine engine) {
        String path = engine.tablePath(TABLE).toString();
        engine.write(TABLE, "initial load", s -> {
            s.range(1, 9).selectExpr("id AS trade_id", "IF(id % 2 = 0, 'AAPL', 'MSFT') AS symbol",
                    "CAST(id * 10 AS INT) AS quantity", "CAST(100 + id AS DOUBLE) AS price").coalesce(1)
                    .write().format("delta").save(path);
            return null;
        });
        engine.write(TABLE, "price correction from the venue", s -> {
            DeltaTable.forPath(s, path).update(col("trade_id").isin(2L, 3L), Map.of("price", col("price").plus(lit(0.5))));
            return null;
        });
        engine.write(TABLE, "compliance: erroneous trade", s -> {
            DeltaTable.forPath(s, path).delete(col("trade_id").equalTo(5L));
            return null;
        });
        engine.write(TABLE, "late trades", s -> {
            s.conf().set("spark.databricks.delta.commitInfo.userMetadata", "{\"user\":\"alice\",\"reason\":\"late trades\",\"app\":\"LakeLens\"}");
            s.range(9, 11).selectExpr("id AS trade_id", "'AAPL' AS symbol", "CAST(id * 10 AS INT) AS quantity",
                    "CAST(100 + id AS DOUBLE) AS price").write().format("delta").mode("append").save(path);
            return null;
        });
    }
}
