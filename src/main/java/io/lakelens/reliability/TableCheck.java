package io.lakelens.reliability;

import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.Row;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

/** Checks on a table after a scenario: what landed, and whether every version still reads. */
public final class TableCheck {
    private TableCheck() {
    }

    /** Rows per (writer, batch) at the latest version, keyed "writer/batch". */
    public static Map<String, Long> batches(LakeEngine engine, String table) {
        return landed(engine, table).batches();
    }

    /** What landed, and the version it was read at: rows and sum of {@code val} per "writer/batch". */
    public record Landed(long version, Map<String, Long> batches, Map<String, Long> valSums) {
    }

    /** Rows per (writer, batch) at the latest version as the log names it now, with that version. */
    public static Landed landed(LakeEngine engine, String table) {
        long version = engine.latestVersion(table);
        AsOf at = new AsOf.Version(version);
        var df = engine.read(table, at);
        List<Row> rows = engine.readAction(table, at, () -> df.groupBy(col("writer"), col("batch"))
                .agg(count("*").as("n"), sum(col("val")).as("vals")).collectAsList());
        Map<String, Long> batches = new TreeMap<>();
        Map<String, Long> vals = new TreeMap<>();
        for (Row r : rows) {
            String key = r.getString(0) + "/" + r.getLong(1);
            batches.put(key, r.getLong(2));
            vals.put(key, r.isNullAt(3) ? 0L : r.getLong(3));
        }
        return new Landed(version, batches, vals);
    }

    /**
     * Reads every version from 0 to the latest (at most {@code maxVersions}, newest first when
     * there are more) and returns the versions that failed with why.
     */
    public static Map<Long, String> unreadableVersions(LakeEngine engine, String table, int maxVersions) {
        long latest = engine.latestVersion(table);
        Map<Long, String> bad = new LinkedHashMap<>();
        for (long v = latest; v >= 0 && latest - v < maxVersions; v--) {
            try {
                var df = engine.read(table, new AsOf.Version(v));
                engine.readAction(table, new AsOf.Version(v), df::count);
            } catch (RuntimeException e) {
                bad.put(v, e.getMessage());
            }
        }
        return bad;
    }

    /**
     * Rows lost or wrong: acknowledged batches missing or incomplete, plus rows of batches that
     * were never acknowledged (allowed only for {@code maybe}: a batch whose commit may have
     * landed just before its writer died, which must then be whole).
     */
    public static long lostRows(Map<String, Long> acknowledged, Map<String, Long> maybe, Map<String, Long> present) {
        long lost = 0;
        for (var e : acknowledged.entrySet()) {
            lost += Math.abs(e.getValue() - present.getOrDefault(e.getKey(), 0L));
        }
        for (var e : present.entrySet()) {
            if (acknowledged.containsKey(e.getKey())) {
                continue;
            }
            Long expected = maybe.get(e.getKey());
            if (expected == null || expected.longValue() != e.getValue()) {
                lost += e.getValue(); // a phantom or partial batch
            }
        }
        return lost;
    }
}
