package io.lakelens.lake;

import io.lakelens.LakeLensException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

import static org.apache.spark.sql.functions.lit;

/**
 * Time-travel figures for {@code lakelens bench}: a count and a filtered query at an old
 * version, and a diff of two versions, each run once cold and then {@link #WARM_RUNS} times
 * warm (median reported). Reads only. Not thread-safe: run one bench at a time.
 */
public final class TimeTravelBench {
    public static final int WARM_RUNS = 5;

    /**
     * One measured operation.
     *
     * @param firstMs      the first run, in milliseconds (cold caches, plans not yet compiled)
     * @param warmMedianMs median of the warm runs, in milliseconds
     * @param rows         what the operation returned (rows counted, rows matched, rows changed)
     */
    public record Figure(String operation, String table, String versions, double firstMs, double warmMedianMs, long rows,
                         String detail) {

        public List<Object> row() {
            return List.of(operation, table, versions, String.format(Locale.ROOT, "%.0f", firstMs),
                    String.format(Locale.ROOT, "%.0f", warmMedianMs), rows, detail);
        }
    }

    public static final List<String> HEADER = List.of("operation", "table", "versions", "first_ms", "warm_median_ms", "rows", "detail");

    private final LakeEngine engine;
    private final TimeTravel timeTravel;

    public TimeTravelBench(LakeEngine engine) {
        this.engine = engine;
        this.timeTravel = new TimeTravel(engine);
    }

    /**
     * Measures {@code table}: the "old version" is the earliest readable one; the diff compares
     * it with the latest (the table's whole history as one diff) using the default key.
     */
    public List<Figure> run(String table) {
        Timeline t = timeTravel.timeline(table);
        List<TimelineNode> readable = t.nodes().stream().filter(TimelineNode::readable).toList();
        if (readable.size() < 2) {
            throw new LakeLensException("Table " + table + " has fewer than two readable versions; nothing to time-travel over.");
        }
        long old = readable.get(0).version();
        long latest = t.latest();
        AsOf at = new AsOf.Version(old);
        List<Figure> out = new ArrayList<>();

        out.add(measure("count as of an old version", table, "v" + old, () -> {
            Dataset<Row> df = engine.read(table, at);
            return engine.readAction(table, at, df::count);
        }, "full count at the old version"));

        Dataset<Row> sample = engine.read(table, at);
        StructField first = sample.schema().fields()[0];
        List<Row> one = engine.readAction(table, at, () -> sample.select(ColumnValues.col(first.name())).limit(1).collectAsList());
        if (!one.isEmpty() && !one.get(0).isNullAt(0)) {
            Object value = one.get(0).get(0);
            out.add(measure("filtered query as of an old version", table, "v" + old, () -> {
                Dataset<Row> df = engine.read(table, at).filter(ColumnValues.col(first.name()).equalTo(lit(value)));
                return engine.readAction(table, at, df::count);
            }, first.name() + " = " + value));
        }

        TimelineNode edit = null;
        for (TimelineNode n : readable) {
            boolean isEdit = n.kind() == OperationKind.UPDATE || n.kind() == OperationKind.MERGE || n.kind() == OperationKind.DELETE;
            if (isEdit && n.version() > old && t.node(n.version() - 1).map(TimelineNode::readable).orElse(false)) {
                edit = n;
            }
        }
        if (edit != null) {
            out.add(diff(table, edit.version() - 1, edit.version(), "the last edit (" + edit.operation() + ")"));
        }
        out.add(diff(table, old, latest, "old version against the latest"));
        return out;
    }

    private Figure diff(String table, long from, long to, String what) {
        long[] changed = new long[1];
        String[] source = new String[1];
        Figure f = measure("diff of two versions", table, "v" + from + " → v" + to, () -> {
            try (VersionDiff d = timeTravel.diff(table, new AsOf.Version(from), new AsOf.Version(to), List.of())) {
                d.page(null, 0, 100);
                changed[0] = d.summary().total();
                source[0] = d.summary().source().label();
                return d.summary().total();
            }
        }, "");
        return new Figure(f.operation(), f.table(), f.versions(), f.firstMs(), f.warmMedianMs(), changed[0],
                what + ": summary + first page of 100, from the " + source[0]);
    }

    private static Figure measure(String operation, String table, String versions, LongSupplier work, String detail) {
        long t0 = System.nanoTime();
        long rows = work.getAsLong();
        double first = (System.nanoTime() - t0) / 1e6;
        double[] warm = new double[WARM_RUNS];
        for (int i = 0; i < WARM_RUNS; i++) {
            long s = System.nanoTime();
            work.getAsLong();
            warm[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(warm);
        return new Figure(operation, table, versions, first, warm[WARM_RUNS / 2], rows, detail);
    }
}
