package io.lakelens.lake.maintenance;

import io.lakelens.lake.LakeEngine;

/** Builds tiny Delta tables with many small files for maintenance tests. */
final class SmallTables {
    private SmallTables() {
    }

    /**
     * {@code appends} commits of {@code rowsPerAppend} rows each, written as {@code filesPerAppend}
     * files; columns id (long), sym (string), price (double) and region (partition, when
     * {@code partitioned}: 'EU' or 'US').
     */
    static void appends(LakeEngine engine, String table, int appends, int rowsPerAppend, int filesPerAppend, boolean partitioned) {
        for (int i = 0; i < appends; i++) {
            long from = (long) i * rowsPerAppend;
            engine.write(table, "append " + i, s -> {
                var df = s.range(from, from + rowsPerAppend)
                        .selectExpr("id", "concat('S', cast(id % 7 as string)) as sym", "cast(id * 1.5 as double) as price",
                                "case when id % 2 = 0 then 'EU' else 'US' end as region")
                        .repartition(filesPerAppend);
                var w = df.write().format("delta").mode("append");
                if (partitioned) {
                    w = w.partitionBy("region");
                }
                w.save(engine.tablePath(table).toString());
                return null;
            });
        }
    }
}
