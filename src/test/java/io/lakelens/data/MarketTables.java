package io.lakelens.data;

import io.lakelens.lake.LakeEngine;

/** A tiny market_data table with the generated table's columns, for feed tests. */
final class MarketTables {
    private MarketTables() {
    }

    static void create(LakeEngine engine, int symbols, int days) {
        engine.write("market_data", "seed market data", s -> {
            s.range(0, (long) symbols * days).selectExpr(
                            "concat('SYM', cast(id % " + symbols + " as string)) as symbol",
                            "concat('Company ', cast(id % " + symbols + " as string)) as company_name",
                            "'NYSE' as exchange", "'Tech' as sector", "'Software' as industry",
                            "date_add(date'2024-01-01', cast(id div " + symbols + " as int)) as trade_date",
                            "cast(date_add(date'2024-01-01', cast(id div " + symbols + " as int)) as timestamp) as ts",
                            "cast(100 + id % " + symbols + " as double) as open",
                            "cast(101 + id % " + symbols + " as double) as high",
                            "cast(99 + id % " + symbols + " as double) as low",
                            "cast(100.5 + id % " + symbols + " as double) as close",
                            "cast(1000 + id as long) as volume",
                            "cast(100.2 + id % " + symbols + " as double) as vwap",
                            "cast((100.5 + id % " + symbols + ") * 1e6 as double) as market_cap",
                            "cast(0.5 as double) as change_pct")
                    .write().format("delta").save(engine.tablePath("market_data").toString());
            return null;
        });
    }
}
