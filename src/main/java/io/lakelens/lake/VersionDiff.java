package io.lakelens.lake;

import io.lakelens.LakeLensException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

/**
 * The difference between two versions of a table: a summary (rows, bytes, files, schema
 * changes, counts of added, removed and changed rows) and the changed rows themselves, paged
 * in key order. Rows are matched on key columns. The change data feed answers when it covers
 * every commit between the versions with one schema; otherwise the two snapshots are joined
 * on the key. Only changed rows are kept (in Spark's cache, spilling to disk), never collected
 * whole, so a diff of 1M-row versions pages without running out of memory. Close it to free
 * the cached rows. Thread-safe for concurrent {@link #page} calls.
 */
public final class VersionDiff implements AutoCloseable {
    private static final String CHANGE = "_lakelens_change";
    private static final String CHANGED_COLUMNS = "_lakelens_changed";
    private static final String CDF_TYPE = "_change_type";
    private static final String CDF_VERSION = "_commit_version";
    private static final String ALLOW_SCHEMA_AS_OF = "spark.databricks.delta.changeDataFeed.allowTimeTravelOptionsForSchema";

    /** Where the row changes came from. */
    public enum Source {
        CHANGE_FEED("change data feed"),
        SNAPSHOTS("comparison of the two snapshots");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum ChangeKind {
        ADDED, REMOVED, CHANGED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One cell whose value differs. */
    public record CellChange(String column, Object oldValue, Object newValue) {
    }

    /**
     * One row that differs.
     *
     * @param key     the key columns' values
     * @param changes the differing non-key cells, old → new (for an added row every cell from null, for a removed one every cell to null)
     * @param oldRow  the row at the from-version (empty for an added row)
     * @param newRow  the row at the to-version (empty for a removed row)
     */
    public record RowChange(ChangeKind kind, Map<String, Object> key, List<CellChange> changes,
                            Map<String, Object> oldRow, Map<String, Object> newRow) {
    }

    /**
     * What changed between two versions.
     *
     * @param key           the columns rows were matched on
     * @param keyIsWholeRow true when the table has no key: a changed row then shows as removed plus added
     * @param note          why the snapshots were compared instead of the change feed, when they were
     */
    public record Summary(String table, long fromVersion, long toVersion, List<String> key, boolean keyIsWholeRow,
                          Source source, String note, long rowsFrom, long rowsTo, long bytesFrom, long bytesTo,
                          int filesFrom, int filesTo, List<SchemaChange> schemaChanges,
                          long added, long removed, long changed) {

        public boolean identical() {
            return added == 0 && removed == 0 && changed == 0 && schemaChanges.isEmpty();
        }

        public long total() {
            return added + removed + changed;
        }

        /** One line for people. */
        public String message() {
            if (identical()) {
                return "Versions " + fromVersion + " and " + toVersion + " of " + table + " hold the same rows"
                        + (keyIsWholeRow ? "" : " (matched on " + String.join(", ", key) + ")") + "; nothing to show.";
            }
            return String.format(Locale.ROOT, "%s %d → %d: %,d added, %,d removed, %,d changed%s (from the %s).",
                    table, fromVersion, toVersion, added, removed, changed,
                    schemaChanges.isEmpty() ? "" : ", " + schemaChanges.size() + " schema change" + (schemaChanges.size() == 1 ? "" : "s"),
                    source.label());
        }
    }

    private final Summary summary;
    private final Dataset<Row> rows;
    private final List<String> keyColumns;
    private final List<String> valueColumns;

    private VersionDiff(Summary summary, Dataset<Row> rows, List<String> keyColumns, List<String> valueColumns) {
        this.summary = summary;
        this.rows = rows;
        this.keyColumns = keyColumns;
        this.valueColumns = valueColumns;
    }

    public Summary summary() {
        return summary;
    }

    /** Non-key columns compared, in the to-version's order then dropped ones. */
    public List<String> valueColumns() {
        return valueColumns;
    }

    public List<String> keyColumns() {
        return keyColumns;
    }

    /**
     * A page of changed rows in key order. {@code kind} null means all kinds; {@code offset}
     * counts rows from 0, {@code limit} is at most 10,000.
     */
    public List<RowChange> page(ChangeKind kind, long offset, int limit) {
        if (offset < 0 || offset > Integer.MAX_VALUE) {
            throw new LakeLensException("Row offset " + offset + " is out of range.");
        }
        if (limit < 1 || limit > 10_000) {
            throw new LakeLensException("A page of a diff holds 1 to 10,000 rows, not " + limit + ".");
        }
        Dataset<Row> df = kind == null ? rows : rows.filter(ColumnValues.col(CHANGE).equalTo(kind.label()));
        Column[] order = new Column[keyColumns.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = ColumnValues.col("k" + i).asc_nulls_first();
        }
        List<Row> collected;
        try {
            collected = df.orderBy(order).offset((int) offset).limit(limit).collectAsList();
        } catch (Exception e) {
            throw Errors.forRead(summary.table(), new AsOf.Version(summary.toVersion()), e);
        }
        List<RowChange> out = new ArrayList<>(collected.size());
        for (Row r : collected) {
            out.add(toChange(r));
        }
        return out;
    }

    private RowChange toChange(Row r) {
        int k = keyColumns.size();
        int n = valueColumns.size();
        Map<String, Object> key = new LinkedHashMap<>();
        for (int i = 0; i < k; i++) {
            key.put(keyColumns.get(i), r.get(i));
        }
        ChangeKind kind = ChangeKind.valueOf(r.getString(k).toUpperCase(Locale.ROOT));
        Map<String, Object> oldRow = new LinkedHashMap<>();
        Map<String, Object> newRow = new LinkedHashMap<>();
        if (kind != ChangeKind.ADDED) {
            oldRow.putAll(key);
            for (int i = 0; i < n; i++) {
                oldRow.put(valueColumns.get(i), r.get(k + 1 + i));
            }
        }
        if (kind != ChangeKind.REMOVED) {
            newRow.putAll(key);
            for (int i = 0; i < n; i++) {
                newRow.put(valueColumns.get(i), r.get(k + 1 + n + i));
            }
        }
        List<CellChange> cells = new ArrayList<>();
        List<Integer> changed = r.getList(k + 1 + 2 * n);
        for (Integer i : changed) {
            cells.add(new CellChange(valueColumns.get(i), r.get(k + 1 + i), r.get(k + 1 + n + i)));
        }
        return new RowChange(kind, Collections.unmodifiableMap(key), List.copyOf(cells),
                Collections.unmodifiableMap(oldRow), Collections.unmodifiableMap(newRow));
    }

    @Override
    public void close() {
        try {
            rows.unpersist(false);
        } catch (Exception ignored) {
            // the session may already be stopped; nothing is left to free then
        }
    }

    /**
     * Computes the diff of {@code from} → {@code to}. Both versions must be readable; with an
     * empty {@code key} the key the table declares ({@link TableKey}) is used, and with none, whole rows.
     */
    static VersionDiff compute(LakeEngine engine, TableLog log, Timeline timeline, String table, long from, long to,
                               List<String> key) {
        timeline.requireExists(from);
        timeline.requireExists(to);
        if (from == to) {
            throw new LakeLensException("Both sides of the diff are version " + from + " of " + table
                    + "; compare two different versions (e.g. --from " + Math.max(0, from - 1) + " --to " + from + ").");
        }
        timeline.requireReadable(from);
        timeline.requireReadable(to);
        StructType fromSchema = log.metadataAt(from).orElseThrow().schema();
        StructType toSchema = log.metadataAt(to).orElseThrow().schema();
        List<String> declared = engine.keyOf(table, log.metadataAt(to).map(TableLog.Metadata::configuration).orElse(Map.of()));
        List<String> keyCols = keyColumns(table, key == null || key.isEmpty() ? declared : key, fromSchema, toSchema);
        boolean wholeRow = keyCols.isEmpty();
        if (wholeRow) {
            for (StructField f : toSchema.fields()) {
                if (fieldOf(fromSchema, f.name()) != null) {
                    keyCols.add(f.name());
                }
            }
        }
        List<String> valueCols = new ArrayList<>();
        for (StructField f : toSchema.fields()) {
            if (!containsIgnoreCase(keyCols, f.name())) {
                valueCols.add(f.name());
            }
        }
        for (StructField f : fromSchema.fields()) {
            if (!containsIgnoreCase(keyCols, f.name()) && !containsIgnoreCase(valueCols, f.name())) {
                valueCols.add(f.name());
            }
        }

        long lo = Math.min(from, to);
        long hi = Math.max(from, to);
        List<SchemaChange> schemaChanges = timeline.schemaChanges().stream()
                .filter(c -> c.version() > lo && c.version() <= hi && c.kind() != SchemaChange.Kind.CREATED).toList();
        String why = changeFeedGap(log, lo, hi, schemaChanges);

        Dataset<Row> diff = null;
        Source source = Source.SNAPSHOTS;
        String note = why;
        Counts counts = null;
        if (why.isEmpty()) {
            try {
                diff = fromChangeFeed(engine, table, lo, hi, from > to, keyCols, valueCols, toSchema).persist(StorageLevel.MEMORY_AND_DISK());
                counts = count(diff, table, keyCols, wholeRow);
                source = Source.CHANGE_FEED;
            } catch (LakeLensException e) {
                if (diff != null) {
                    diff.unpersist(false);
                }
                throw e;
            } catch (Exception e) {
                if (diff != null) {
                    diff.unpersist(false);
                }
                diff = null;
                note = "the change data feed could not be read (" + Errors.abbreviate(Errors.rootMessage(e)) + ")";
            }
        }
        if (diff == null) {
            diff = fromSnapshots(engine, table, from, to, keyCols, valueCols, fromSchema, toSchema).persist(StorageLevel.MEMORY_AND_DISK());
            try {
                counts = count(diff, table, keyCols, wholeRow);
            } catch (RuntimeException e) {
                diff.unpersist(false);
                throw e;
            }
        }
        boolean declaredKey = !wholeRow && sameColumns(keyCols, declared);
        if (!declaredKey && !wholeRow && counts.added + counts.removed + counts.changed > 0) {
            try {
                requireUniqueInVersions(engine, table, List.of(from, to), keyCols, diff);
            } catch (RuntimeException e) {
                diff.unpersist(false);
                throw e;
            }
        }
        long rowsFrom = rows(engine, log, table, from);
        long rowsTo = rows(engine, log, table, to);
        Summary summary = new Summary(table, from, to, List.copyOf(keyCols), wholeRow, source, note, rowsFrom, rowsTo,
                log.bytes(from), log.bytes(to), log.activeFiles(from).size(), log.activeFiles(to).size(),
                from > to ? reversed(schemaChanges) : schemaChanges, counts.added, counts.removed, counts.changed);
        return new VersionDiff(summary, diff, List.copyOf(keyCols), List.copyOf(valueCols));
    }

    private static List<SchemaChange> reversed(List<SchemaChange> changes) {
        List<SchemaChange> out = new ArrayList<>(changes);
        Collections.reverse(out);
        return out;
    }

    private record Counts(long added, long removed, long changed) {
    }

    /**
     * Rows added, removed and changed, and for a key diff whether a key names more than one row:
     * one Spark job (rows per change kind, with the most rows any one key has); a second one
     * finds a shared key to name only when there is one.
     */
    private static Counts count(Dataset<Row> diff, String table, List<String> keyCols, boolean wholeRow) {
        long added = 0;
        long removed = 0;
        long changed = 0;
        long most = 1;
        Column[] keys = new Column[keyCols.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = ColumnValues.col("k" + i);
        }
        Dataset<Row> perKind = wholeRow
                ? diff.groupBy(CHANGE).agg(org.apache.spark.sql.functions.count(lit(1)).as("rows"), lit(1L).as("most"))
                : diff.groupBy(keys).agg(org.apache.spark.sql.functions.count(lit(1)).as("n"),
                                org.apache.spark.sql.functions.first(ColumnValues.col(CHANGE)).as(CHANGE))
                        .groupBy(CHANGE).agg(org.apache.spark.sql.functions.sum("n").as("rows"),
                                org.apache.spark.sql.functions.max("n").as("most"));
        for (Row r : perKind.collectAsList()) {
            long rows = r.getLong(1);
            most = Math.max(most, r.getLong(2));
            switch (r.getString(0)) {
                case "added" -> added = rows;
                case "removed" -> removed = rows;
                case "changed" -> changed = rows;
                default -> {
                }
            }
        }
        if (!wholeRow && most > 1) {
            List<Row> dup = diff.groupBy(keys).count().filter(ColumnValues.col("count").gt(1)).limit(1).collectAsList();
            if (!dup.isEmpty()) {
                Row d = dup.get(0);
                List<String> values = new ArrayList<>();
                for (int i = 0; i < keys.length; i++) {
                    values.add(keyCols.get(i) + "=" + d.get(i));
                }
                throw new LakeLensException("The key (" + String.join(", ", keyCols) + ") does not identify one row of " + table
                        + ": " + d.getLong(keys.length) + " rows share " + String.join(", ", values)
                        + "; name the columns that do with --key.");
            }
        }
        return new Counts(added, removed, changed);
    }

    private static long rows(LakeEngine engine, TableLog log, String table, long version) {
        long n = log.rowCount(version);
        if (n >= 0) {
            return n;
        }
        Dataset<Row> df = engine.read(table, new AsOf.Version(version));
        return engine.readAction(table, new AsOf.Version(version), df::count);
    }

    /** Empty when the change feed covers (lo, hi] with one schema and its files exist; else why not. */
    private static String changeFeedGap(TableLog log, long lo, long hi, List<SchemaChange> schemaChanges) {
        if (!schemaChanges.isEmpty()) {
            return "the schema changed between the versions";
        }
        for (long v = lo + 1; v <= hi; v++) {
            var md = log.metadataAt(v);
            if (md.isEmpty() || !md.get().changeFeedEnabled()) {
                return "the change data feed was off at version " + v;
            }
            var entry = log.entry(v);
            if (entry.isEmpty()) {
                return "commit " + v + " is no longer in the log";
            }
            if (!changeFilesPresent(entry.get())) {
                return "the change data of version " + v + " was removed";
            }
        }
        return "";
    }

    /** Whether a commit's change data can still be read: its change files, else its added and removed files. */
    static boolean changeFilesPresent(TableLog.Entry e) {
        if (!e.cdcFiles().isEmpty()) {
            return e.cdcFiles().stream().allMatch(p -> p == null || java.nio.file.Files.exists(p));
        }
        for (TableLog.DataFile f : e.adds()) {
            if (f.file() != null && !java.nio.file.Files.exists(f.file())) {
                return false;
            }
        }
        for (TableLog.DataFile f : e.removes()) {
            if (f.file() != null && !java.nio.file.Files.exists(f.file())) {
                return false;
            }
        }
        return true;
    }

    /** The change feed of versions (lo, hi] read with the schema of {@code hi}. */
    static Dataset<Row> changeFeed(LakeEngine engine, String table, long startInclusive, long endInclusive) {
        SparkSession session = engine.spark().newSession();
        session.conf().set(ALLOW_SCHEMA_AS_OF, "true");
        return session.read().format("delta")
                .option("readChangeFeed", "true")
                .option("startingVersion", startInclusive)
                .option("endingVersion", endInclusive)
                .option("versionAsOf", endInclusive)
                .load(engine.requireTable(table).toString());
    }

    private static Dataset<Row> fromChangeFeed(LakeEngine engine, String table, long lo, long hi, boolean reverse,
                                               List<String> keyCols, List<String> valueCols, StructType schema) {
        Dataset<Row> cdf = changeFeed(engine, table, lo + 1, hi);
        Column type = ColumnValues.col(CDF_TYPE);
        Column[] partition = keyCols.stream().map(k -> ColumnValues.comparable(ColumnValues.col(k), typeOf(schema, k)))
                .toArray(Column[]::new);
        requireUniqueInFeed(cdf, table, keyCols, schema);
        // The state before the range is the first event's pre-image; an insert means the row was absent.
        WindowSpec first = Window.partitionBy(partition).orderBy(ColumnValues.col(CDF_VERSION).asc(),
                when(type.equalTo("insert"), 1).otherwise(0).asc());
        // The state after it is the last event's post-image; a delete means the row is gone.
        WindowSpec last = Window.partitionBy(partition).orderBy(ColumnValues.col(CDF_VERSION).desc(),
                when(type.equalTo("delete"), 1).otherwise(0).asc());
        Dataset<Row> before = cdf.filter(type.isin("insert", "update_preimage", "delete"))
                .withColumn("_rn", row_number().over(first)).filter(ColumnValues.col("_rn").equalTo(1))
                .select(side("b", keyCols, valueCols, "o", type.notEqual("insert"), "_pb", null, schema));
        Dataset<Row> after = cdf.filter(type.isin("insert", "update_postimage", "delete"))
                .withColumn("_rn", row_number().over(last)).filter(ColumnValues.col("_rn").equalTo(1))
                .select(side("a", keyCols, valueCols, "n", type.notEqual("delete"), "_pa", null, schema));
        if (reverse) {
            // A diff that runs backwards in time: the newer state is its "old" side.
            Dataset<Row> newer = after.toDF(renamed(after.columns(), "a", "b", "n", "o", "_pa", "_pb"));
            Dataset<Row> older = before.toDF(renamed(before.columns(), "b", "a", "o", "n", "_pb", "_pa"));
            return joinSides(newer, older, keyCols.size(), valueCols.size());
        }
        return joinSides(before, after, keyCols.size(), valueCols.size());
    }

    private static boolean sameColumns(List<String> a, List<String> b) {
        return a.size() == b.size() && a.stream().allMatch(x -> containsIgnoreCase(b, x));
    }

    /**
     * A key the user chose is checked against both versions for the rows the diff touches: a
     * key shared by several rows would pair the wrong rows, in the feed and in the join alike.
     */
    private static void requireUniqueInVersions(LakeEngine engine, String table, List<Long> versions, List<String> keyCols,
                                                Dataset<Row> diff) {
        Column[] diffKeys = new Column[keyCols.size()];
        for (int i = 0; i < diffKeys.length; i++) {
            diffKeys[i] = ColumnValues.col("k" + i).as(keyCols.get(i));
        }
        Dataset<Row> touched = diff.select(diffKeys).distinct();
        for (long v : versions) {
            AsOf at = new AsOf.Version(v);
            Dataset<Row> read = engine.read(table, at);
            StructType schema = read.schema();
            Column[] keys = keyCols.stream().map(k -> ColumnValues.comparable(ColumnValues.col(k), typeOf(schema, k)).as(k))
                    .toArray(Column[]::new);
            Column[] keyRefs = keyCols.stream().map(ColumnValues::col).toArray(Column[]::new);
            Dataset<Row> rows = read.select(keys);
            Column on = null;
            for (String k : keyCols) {
                String ref = "`" + k.replace("`", "``") + "`";
                Column c = rows.col(ref).eqNullSafe(touched.col(ref));
                on = on == null ? c : on.and(c);
            }
            Column joinOn = on;
            List<Row> dup = engine.readAction(table, at, () -> rows.join(touched, joinOn, "left_semi").groupBy(keyRefs).count()
                    .filter(ColumnValues.col("count").gt(1)).limit(1).collectAsList());
            if (!dup.isEmpty()) {
                Row d = dup.get(0);
                List<String> values = new ArrayList<>();
                for (int i = 0; i < keyCols.size(); i++) {
                    values.add(keyCols.get(i) + "=" + d.get(i));
                }
                throw new LakeLensException("The key (" + String.join(", ", keyCols) + ") does not identify one row of " + table
                        + ": version " + v + " has " + d.getLong(keyCols.size()) + " rows with " + String.join(", ", values)
                        + "; name the columns that do with --key.");
            }
        }
    }

    /** Two events of one kind for one key in one commit mean the key names several rows. */
    private static void requireUniqueInFeed(Dataset<Row> cdf, String table, List<String> keyCols, StructType schema) {
        List<Column> group = new ArrayList<>();
        keyCols.forEach(k -> group.add(ColumnValues.comparable(ColumnValues.col(k), typeOf(schema, k))));
        group.add(ColumnValues.col(CDF_VERSION));
        group.add(ColumnValues.col(CDF_TYPE));
        List<Row> dup = cdf.groupBy(group.toArray(Column[]::new)).count()
                .filter(ColumnValues.col("count").gt(1)).limit(1).collectAsList();
        if (!dup.isEmpty()) {
            Row d = dup.get(0);
            List<String> values = new ArrayList<>();
            for (int i = 0; i < keyCols.size(); i++) {
                values.add(keyCols.get(i) + "=" + d.get(i));
            }
            throw new LakeLensException("The key (" + String.join(", ", keyCols) + ") does not identify one row of " + table
                    + ": version " + d.getLong(keyCols.size()) + " changed " + d.getLong(keyCols.size() + 2) + " rows with "
                    + String.join(", ", values) + "; name the columns that do with --key.");
        }
    }

    private static String[] renamed(String[] cols, String keyFrom, String keyTo, String valFrom, String valTo,
                                    String flagFrom, String flagTo) {
        String[] out = new String[cols.length];
        for (int i = 0; i < cols.length; i++) {
            String c = cols[i];
            if (c.equals(flagFrom)) {
                out[i] = flagTo;
            } else if (c.startsWith(keyFrom + "k")) {
                out[i] = keyTo + c.substring(keyFrom.length());
            } else if (c.startsWith(valFrom) && c.substring(valFrom.length()).chars().allMatch(Character::isDigit)) {
                out[i] = valTo + c.substring(valFrom.length());
            } else {
                out[i] = c;
            }
        }
        return out;
    }

    private static Dataset<Row> fromSnapshots(LakeEngine engine, String table, long from, long to, List<String> keyCols,
                                              List<String> valueCols, StructType fromSchema, StructType toSchema) {
        Dataset<Row> old = engine.read(table, new AsOf.Version(from));
        Dataset<Row> now = engine.read(table, new AsOf.Version(to));
        // A column present on one side only compares as null on the other; a widened one compares in its new type.
        Dataset<Row> before = old.select(side("b", keyCols, valueCols, "o", lit(true), "_pb", new Schemas(fromSchema, toSchema, true), null));
        Dataset<Row> after = now.select(side("a", keyCols, valueCols, "n", lit(true), "_pa", new Schemas(toSchema, fromSchema, false), null));
        return joinSides(before, after, keyCols.size(), valueCols.size());
    }

    private record Schemas(StructType own, StructType other, boolean castToOther) {
    }

    private static Column[] side(String keyPrefix, List<String> keyCols, List<String> valueCols, String valuePrefix,
                                 Column present, String presentName, Schemas schemas, StructType feedSchema) {
        List<Column> cols = new ArrayList<>();
        StructType own = schemas == null ? feedSchema : schemas.own();
        for (int i = 0; i < keyCols.size(); i++) {
            cols.add(ColumnValues.comparable(ColumnValues.col(keyCols.get(i)), typeOf(own, keyCols.get(i))).as(keyPrefix + "k" + i));
        }
        cols.add(present.as(presentName));
        for (int i = 0; i < valueCols.size(); i++) {
            String c = valueCols.get(i);
            Column value;
            if (schemas == null) {
                value = ColumnValues.comparable(ColumnValues.col(c), typeOf(own, c));
            } else {
                StructField mine = fieldOf(schemas.own(), c);
                StructField theirs = fieldOf(schemas.other(), c);
                if (mine == null) {
                    value = ColumnValues.comparable(lit(null).cast(theirs.dataType()), theirs.dataType());
                } else {
                    value = ColumnValues.col(mine.name());
                    DataType type = mine.dataType();
                    if (schemas.castToOther() && theirs != null && !mine.dataType().sameType(theirs.dataType())) {
                        value = value.cast(theirs.dataType());
                        type = theirs.dataType();
                    }
                    // maps and variants compare as their JSON, on both sides alike
                    boolean json = ColumnValues.incomparable(type) || theirs != null && ColumnValues.incomparable(theirs.dataType());
                    value = json ? org.apache.spark.sql.functions.to_json(value) : value;
                }
            }
            cols.add(value.as(valuePrefix + i));
        }
        return cols.toArray(Column[]::new);
    }

    /** Full outer join of the two sides on the key (null-safe), keeping rows that differ. */
    private static Dataset<Row> joinSides(Dataset<Row> before, Dataset<Row> after, int keys, int values) {
        Column on = null;
        for (int i = 0; i < keys; i++) {
            Column c = before.col("bk" + i).eqNullSafe(after.col("ak" + i));
            on = on == null ? c : on.and(c);
        }
        Dataset<Row> joined = before.join(after, on, "full_outer");
        Column pb = coalesce(ColumnValues.col("_pb"), lit(false));
        Column pa = coalesce(ColumnValues.col("_pa"), lit(false));
        List<Column> out = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            out.add(coalesce(ColumnValues.col("bk" + i), ColumnValues.col("ak" + i)).as("k" + i));
        }
        Column[] diffs = new Column[values];
        List<Column> olds = new ArrayList<>();
        List<Column> news = new ArrayList<>();
        for (int i = 0; i < values; i++) {
            Column o = when(pb, ColumnValues.col("o" + i));
            Column n = when(pa, ColumnValues.col("n" + i));
            olds.add(o.as("o" + i));
            news.add(n.as("n" + i));
            diffs[i] = when(not(o.eqNullSafe(n)), lit(i));
        }
        Column changedCols = values == 0 ? array().cast("array<int>") : array_compact(array(diffs));
        Column change = when(pb.and(not(pa)), lit("removed"))
                .when(not(pb).and(pa), lit("added"))
                .when(pb.and(pa).and(size(changedCols).gt(0)), lit("changed"));
        out.add(change.as(CHANGE));
        out.addAll(olds);
        out.addAll(news);
        out.add(changedCols.as(CHANGED_COLUMNS));
        return joined.select(out.toArray(Column[]::new)).filter(ColumnValues.col(CHANGE).isNotNull());
    }

    /** The key columns to match on (the caller's, else the table's declared key), checked against both schemas. */
    private static List<String> keyColumns(String table, List<String> wanted, StructType fromSchema, StructType toSchema) {
        List<String> out = new ArrayList<>();
        for (String k : wanted) {
            StructField f = ColumnValues.field(toSchema, table, k);
            if (fieldOf(fromSchema, f.name()) == null) {
                throw new LakeLensException("Key column " + f.name() + " of " + table + " does not exist in both versions; "
                        + "choose key columns present in both (" + String.join(", ", Arrays.asList(fromSchema.fieldNames())) + ").");
            }
            if (containsIgnoreCase(out, f.name())) {
                throw new LakeLensException("Key column " + f.name() + " is named twice.");
            }
            out.add(f.name());
        }
        return out;
    }

    private static StructField fieldOf(StructType schema, String name) {
        for (StructField f : schema.fields()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }

    private static boolean containsIgnoreCase(List<String> list, String name) {
        return list.stream().anyMatch(s -> s.equalsIgnoreCase(name));
    }

    static DataType typeOf(StructType schema, String name) {
        StructField f = fieldOf(schema, name);
        return f == null ? null : f.dataType();
    }
}
