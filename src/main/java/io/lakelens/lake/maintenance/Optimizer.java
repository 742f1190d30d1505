package io.lakelens.lake.maintenance;

import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.tables.DeltaOptimizeBuilder;
import io.delta.tables.DeltaTable;
import io.lakelens.LakeLensException;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.SparkJobs;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Runs OPTIMIZE (compaction or Z-order, optionally limited to partitions) as one commit with
 * the user and reason, and reports the before/after: files, bytes, size histogram and the
 * latency of a representative selective read timed before and after in the same run.
 * Thread-safe; a run holds the table's write lock, so runs on one table never overlap.
 */
public final class Optimizer {
    private static final int TIMED_RUNS = 3;

    private final LakeEngine engine;

    public Optimizer(LakeEngine engine) {
        this.engine = engine;
    }

    /**
     * Runs on the calling thread (callers choose a background thread). Progress goes to the
     * control's listener; {@link SparkJobs.Control#cancel()} stops it before the commit, in
     * which case a {@link SparkJobs.CancelledException} is thrown and nothing changes.
     */
    public OptimizeResult optimize(OptimizeRequest request, SparkJobs.Control control) {
        SparkJobs.Control ctl = control == null ? new SparkJobs.Control() : control;
        long t0 = System.nanoTime();
        String table = request.table();
        ctl.phase("reading the log of " + table);
        engine.requireLogActions(table);
        var snap = engine.snapshot(table, AsOf.LATEST);
        StructType schema = snap.getSchema();
        List<String> partitions = snap.getPartitionColumnNames();
        List<String> zorder = validateZOrder(request.zOrderBy(), schema, partitions, snap.getTableProperties());
        PartitionFilter filter = request.where() == null || request.where().isBlank() ? null
                : PartitionFilter.parse(engine.spark(), request.where(), schema, partitions);
        TableFiles before = TableFiles.read(engine, table, new AsOf.Version(snap.getVersion()));

        Probe probe = null;
        ProbeTiming timingBefore = null;
        if (request.measureRead() && !before.files().isEmpty()) {
            ctl.phase("timing a search before OPTIMIZE");
            probe = chooseProbe(table, before, schema, zorder);
            if (probe != null) {
                timingBefore = time(table, before.version(), probe);
            }
        }

        String path = engine.requireTable(table).toString();
        engine.write(table, request.commitReason(), session -> SparkJobs.run(session, ctl, "OPTIMIZE " + table, () -> {
            DeltaOptimizeBuilder b = DeltaTable.forPath(session, path).optimize();
            if (filter != null) {
                b = b.where(filter.sql());
            }
            Dataset<Row> out = zorder.isEmpty() ? b.executeCompaction() : b.executeZOrderBy(zorder.toArray(String[]::new));
            return out.collectAsList();
        }));

        TableFiles after = TableFiles.read(engine, table, AsOf.LATEST);
        boolean committed = after.version() != before.version();
        OptimizeResult.ReadProbe readProbe = null;
        if (probe != null) {
            ctl.phase("timing the same search after OPTIMIZE");
            ProbeTiming timingAfter = committed ? time(table, after.version(), probe) : timingBefore;
            readProbe = new OptimizeResult.ReadProbe(probe.column(), String.valueOf(probe.value()),
                    skippedFiles(table, before.version(), probe), skippedFiles(table, after.version(), probe),
                    timingBefore.medianMillis(), timingAfter.medianMillis(), timingAfter.rows());
        }
        ctl.phase("done");
        return new OptimizeResult(table, zorder, filter == null ? null : filter.toString(), before.version(), after.version(),
                OptimizeResult.FileStats.of(before), OptimizeResult.FileStats.of(after), readProbe,
                Duration.ofNanos(System.nanoTime() - t0), committed);
    }

    /** Checks Z-order columns exist, are not partition columns and have statistics; returns schema names. */
    public static List<String> validateZOrder(List<String> requested, StructType schema, List<String> partitions,
                                       Map<String, String> properties) {
        List<String> out = new ArrayList<>();
        List<String> names = schema.fieldNames();
        for (String r : requested) {
            String c = r == null ? "" : r.strip();
            if (c.isEmpty()) {
                continue;
            }
            String name = names.stream().filter(n -> n.equalsIgnoreCase(c)).findFirst().orElseThrow(() ->
                    new LakeLensException("No column '" + abbreviate(c) + "' to Z-order by; columns are " + String.join(", ", names) + "."));
            if (partitions.stream().anyMatch(p -> p.equalsIgnoreCase(name))) {
                throw new LakeLensException(name + " is a partition column; Z-order by other columns (files never mix partitions).");
            }
            if (!hasStats(name, schema, properties)) {
                throw new LakeLensException("Z-ordering by " + name + " would not help: the table collects no statistics on it "
                        + "(see delta.dataSkippingStatsColumns / delta.dataSkippingNumIndexedCols).");
            }
            if (out.contains(name)) {
                throw new LakeLensException(name + " is listed twice in ZORDER BY.");
            }
            out.add(name);
        }
        return List.copyOf(out);
    }

    static boolean hasStats(String column, StructType schema, Map<String, String> properties) {
        String listed = properties.get("delta.dataSkippingStatsColumns");
        if (listed != null && !listed.isBlank()) {
            return Arrays.stream(listed.split(",")).map(String::strip).map(s -> s.replace("`", ""))
                    .anyMatch(s -> s.equalsIgnoreCase(column));
        }
        int limit = 32;
        String n = properties.get("delta.dataSkippingNumIndexedCols");
        if (n != null) {
            try {
                limit = Integer.parseInt(n.strip());
            } catch (NumberFormatException ignored) {
                // Delta rejects a bad value on write; keep its default here
            }
        }
        if (limit < 0) {
            return true;
        }
        return schema.fieldNames().indexOf(column) < limit;
    }

    /** A column and a value that a search would filter on. */
    record Probe(String column, Object value, Literal literal) {
    }

    record ProbeTiming(double medianMillis, long rows) {
    }

    /**
     * The read to time: equality on the first Z-order column, else the first clustering or
     * statistics column that is not a partition column; the value is one that occurs in the table.
     */
    Probe chooseProbe(String table, TableFiles files, StructType schema, List<String> zorder) {
        String column = null;
        if (!zorder.isEmpty()) {
            column = zorder.get(0);
        } else if (!files.clusteringColumns().isEmpty() && schema.fieldNames().contains(files.clusteringColumns().get(0))) {
            column = files.clusteringColumns().get(0);
        } else {
            String listed = files.properties().get("delta.dataSkippingStatsColumns");
            List<String> candidates = listed == null || listed.isBlank() ? schema.fieldNames()
                    : Arrays.stream(listed.split(",")).map(String::strip).map(s -> s.replace("`", "")).toList();
            for (String c : candidates) {
                if (schema.fieldNames().contains(c) && !files.partitionColumns().contains(c)) {
                    column = c;
                    break;
                }
            }
        }
        if (column == null) {
            return null;
        }
        String name = column;
        Column c = col(quote(name));
        List<Row> sample = engine.readAction(table, new AsOf.Version(files.version()), () ->
                engine.read(table, new AsOf.Version(files.version())).select(c).where(c.isNotNull()).limit(1).collectAsList());
        if (sample.isEmpty()) {
            return null;
        }
        Object value = sample.get(0).get(0);
        StructField field = schema.get(name);
        return new Probe(name, value, literal(value, field));
    }

    private ProbeTiming time(String table, long version, Probe probe) {
        AsOf at = new AsOf.Version(version);
        return engine.readAction(table, at, () -> {
            double[] ms = new double[TIMED_RUNS];
            long rows = 0;
            for (int i = -1; i < TIMED_RUNS; i++) {
                long t = System.nanoTime();
                Dataset<Row> hits = engine.read(table, at).filter(col(quote(probe.column())).equalTo(lit(probe.value())));
                hits.limit(20).collectAsList();
                rows = hits.count();
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - t) / 1e6;
                }
            }
            Arrays.sort(ms);
            return new ProbeTiming(ms[TIMED_RUNS / 2], rows);
        });
    }

    private long skippedFiles(String table, long version, Probe probe) {
        if (probe.literal() == null) {
            return -1;
        }
        Predicate eq = new Predicate("=", new io.delta.kernel.expressions.Column(probe.column()), probe.literal());
        return TableFiles.readSkipping(engine, table, version, eq).files().size();
    }

    /** The Kernel literal for a value Spark returned, or null when the type does not skip. */
    static Literal literal(Object v, StructField field) {
        if (v instanceof String s) {
            return Literal.ofString(s);
        }
        if (v instanceof Long l) {
            return Literal.ofLong(l);
        }
        if (v instanceof Integer i) {
            return Literal.ofInt(i);
        }
        if (v instanceof Short s) {
            return Literal.ofShort(s);
        }
        if (v instanceof Byte b) {
            return Literal.ofByte(b);
        }
        if (v instanceof Double d) {
            return Literal.ofDouble(d);
        }
        if (v instanceof Float f) {
            return Literal.ofFloat(f);
        }
        if (v instanceof Boolean b) {
            return Literal.ofBoolean(b);
        }
        if (v instanceof java.sql.Date d) {
            return Literal.ofDate((int) d.toLocalDate().toEpochDay());
        }
        if (v instanceof LocalDate d) {
            return Literal.ofDate((int) d.toEpochDay());
        }
        if (v instanceof java.sql.Timestamp ts) {
            return Literal.ofTimestamp(ts.getTime() / 1000 * 1_000_000 + ts.getNanos() / 1000 % 1_000_000);
        }
        if (v instanceof BigDecimal bd && field.getDataType() instanceof DecimalType dt) {
            return Literal.ofDecimal(bd, dt.getPrecision(), dt.getScale());
        }
        return null;
    }

    static String quote(String column) {
        return "`" + column.replace("`", "``") + "`";
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
