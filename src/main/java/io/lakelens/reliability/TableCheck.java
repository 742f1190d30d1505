package io.lakelens.reliability;

import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.delta.files.TahoeFileIndexWithSnapshotDescriptor;
import org.apache.spark.sql.delta.files.TahoeLogFileIndex;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import scala.jdk.javaapi.CollectionConverters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

/** Checks on a table after a scenario: what landed, and whether every version still reads. */
public final class TableCheck {
    private TableCheck() {
    }

    /** Rows per (writer, batch) at the latest version, keyed "writer/batch". */
    public static Map<String, Long> batches(LakeEngine engine, String table) {
        return landed(engine, table).batches();
    }

    /**
     * What landed, and the version it was read at: rows, sum of {@code val} and a content
     * checksum per "writer/batch".
     *
     * @param version        the latest version the log named when the check began
     * @param scannedVersion the version Spark's scan actually read (from its plan); equal to
     *                       {@code version} unless the read used a stale snapshot
     * @param checksums      per batch, the sum of xxhash64 over each row's id, writer, batch and
     *                       val: equal only when the batch holds the same rows with the same values
     */
    public record Landed(long version, long scannedVersion, Map<String, Long> batches, Map<String, Long> valSums,
                         Map<String, Long> checksums) {
        /** A result with no checksums, read at {@code version} (for ledger tests). */
        public Landed(long version, Map<String, Long> batches, Map<String, Long> valSums) {
            this(version, version, batches, valSums, Map.of());
        }

        /** Per batch, its row count and checksum: what content comparisons use. */
        public Map<String, String> content() {
            Map<String, String> m = new TreeMap<>();
            batches.forEach((k, n) -> m.put(k, n + " rows #" + Long.toHexString(checksums.getOrDefault(k, 0L))));
            return m;
        }
    }

    /** What landed at the latest version as the log names it now, with that version. */
    public static Landed landed(LakeEngine engine, String table) {
        long version = engine.latestVersion(table);
        return landed(engine, table, new AsOf.Version(version), version);
    }

    /** What landed at one version. */
    public static Landed landedAt(LakeEngine engine, String table, long version) {
        return landed(engine, table, new AsOf.Version(version), version);
    }

    private static Landed landed(LakeEngine engine, String table, AsOf at, long version) {
        Dataset<Row> agg = perBatch(engine.read(table, at));
        return landed(engine.readAction(table, at, agg::collectAsList), version, scannedVersion(agg).orElse(-1L));
    }

    /**
     * What a table would hold if it held exactly these rows (columns id, writer, batch, val):
     * the expected side of a content comparison. Version -1.
     */
    public static Landed expected(Dataset<Row> rows) {
        return landed(perBatch(rows).collectAsList(), -1, -1);
    }

    private static Dataset<Row> perBatch(Dataset<Row> df) {
        return df.groupBy(col("writer"), col("batch"))
                .agg(count("*").as("n"), sum(col("val")).as("vals"),
                        sum(xxhash64(col("id"), col("writer"), col("batch"), col("val"))).as("checksum"));
    }

    /**
     * Rows in batches whose content differs between two results (a batch counts with the larger
     * of its two row counts; a batch present on one side only counts whole).
     */
    public static long rowsDiffering(Landed expected, Landed actual) {
        java.util.Set<String> keys = new java.util.TreeSet<>(expected.batches().keySet());
        keys.addAll(actual.batches().keySet());
        long lost = 0;
        for (String k : keys) {
            if (!java.util.Objects.equals(expected.content().get(k), actual.content().get(k))) {
                lost += Math.max(expected.batches().getOrDefault(k, 0L), actual.batches().getOrDefault(k, 0L));
            }
        }
        return lost;
    }

    private static Landed landed(List<Row> rows, long version, long scannedVersion) {
        Map<String, Long> batches = new TreeMap<>();
        Map<String, Long> vals = new TreeMap<>();
        Map<String, Long> checksums = new TreeMap<>();
        for (Row r : rows) {
            String key = r.getString(0) + "/" + r.getLong(1);
            batches.put(key, r.getLong(2));
            vals.put(key, r.isNullAt(3) ? 0L : r.getLong(3));
            checksums.put(key, r.isNullAt(4) ? 0L : r.getLong(4));
        }
        return new Landed(version, scannedVersion, batches, vals, checksums);
    }

    /**
     * The Delta version a query's scan reads, from its optimized plan (the file index Delta
     * prepared for the scan): what was really read, whatever version was asked for.
     */
    public static Optional<Long> scannedVersion(Dataset<?> query) {
        LogicalPlan plan = query.queryExecution().optimizedPlan();
        long found = -1;
        for (LogicalPlan leaf : CollectionConverters.asJava(plan.collectLeaves())) {
            if (leaf instanceof LogicalRelation lr && lr.relation() instanceof HadoopFsRelation fs) {
                if (fs.location() instanceof TahoeFileIndexWithSnapshotDescriptor index) {
                    found = Math.max(found, index.version());
                } else if (fs.location() instanceof TahoeLogFileIndex index) {
                    found = Math.max(found, index.version());
                }
            }
        }
        return found < 0 ? Optional.empty() : Optional.of(found);
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
