package io.lakelens.lake;

import io.lakelens.LakeLensException;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every commit of a table as typed nodes, oldest first: operation category, rows and files
 * changed, schema changes, and whether the version can still be read. Readability is decided
 * by checking that each data file (and deletion vector) a version needs is still on disk; a
 * version that lost files is attributed to the first VACUUM commit after the files left the
 * table. Built by {@link TimeTravel#timeline(String)}; immutable and thread-safe.
 */
public final class Timeline {
    private final String table;
    private final TreeMap<Long, TimelineNode> nodes;
    private final List<SchemaChange> schemaChanges;

    private Timeline(String table, TreeMap<Long, TimelineNode> nodes, List<SchemaChange> schemaChanges) {
        this.table = table;
        this.nodes = nodes;
        this.schemaChanges = schemaChanges;
    }

    public String table() {
        return table;
    }

    /** All commits still in the log, oldest first. */
    public List<TimelineNode> nodes() {
        return List.copyOf(nodes.values());
    }

    public Optional<TimelineNode> node(long version) {
        return Optional.ofNullable(nodes.get(version));
    }

    public long latest() {
        return nodes.lastKey();
    }

    public long earliest() {
        return nodes.firstKey();
    }

    /** The schema timeline: every column created, added, widened, renamed or dropped, oldest first. */
    public List<SchemaChange> schemaChanges() {
        return schemaChanges;
    }

    /** Versions that can no longer be read, oldest first. */
    public List<TimelineNode> unreadable() {
        return nodes.values().stream().filter(n -> !n.readable()).toList();
    }

    /** The commits with a timestamp in [from, to], oldest first. */
    public List<TimelineNode> between(Instant from, Instant to) {
        return nodes.values().stream().filter(n -> !n.timestamp().isBefore(from) && !n.timestamp().isAfter(to)).toList();
    }

    /**
     * The version a point in time reads: the last commit at or before it. A time after the
     * latest commit reads the latest version (the table held it then); a time before the first
     * commit or in the future is refused.
     */
    public long versionAt(Instant when) {
        TimelineNode first = nodes.firstEntry().getValue();
        if (when.isAfter(Instant.now())) {
            throw new LakeLensException(when + " is in the future; table " + table + " can only be read as of a past time "
                    + "(its latest commit, version " + latest() + ", is from " + nodes.lastEntry().getValue().timestamp() + ").");
        }
        if (when.isBefore(first.timestamp())) {
            String what = first.version() == 0 ? "before table " + table + " existed" : "before the oldest commit still in the log of " + table;
            throw new LakeLensException(when + " is " + what + " (version " + first.version() + " was committed at "
                    + first.timestamp() + "); `lakelens history " + table + "` lists its commit times.");
        }
        TimelineNode at = null;
        for (TimelineNode n : nodes.values()) {
            if (n.timestamp().isAfter(when)) {
                break;
            }
            at = n;
        }
        return at == null ? first.version() : at.version();
    }

    /** The version an as-of names, checked to exist (it may still be unreadable; see {@link #requireReadable}). */
    public long resolve(AsOf asOf) {
        return switch (asOf) {
            case AsOf.Latest l -> latest();
            case AsOf.Version v -> requireExists(v.version());
            case AsOf.Timestamp t -> versionAt(t.instant());
        };
    }

    /** Checks a version exists in the log, with a message naming the range when it does not. */
    public long requireExists(long version) {
        if (version < 0) {
            throw new LakeLensException("Version " + version + " is negative; versions start at 0.");
        }
        if (version > latest()) {
            throw new LakeLensException("Table " + table + " has no version " + version + " yet: its versions are "
                    + earliest() + " to " + latest() + ".");
        }
        if (!nodes.containsKey(version)) {
            throw new LakeLensException("Version " + version + " of " + table + " is no longer in its log (the oldest kept is "
                    + earliest() + "); its versions are " + earliest() + " to " + latest() + ".");
        }
        return version;
    }

    /** Checks a version exists and every file it needs is on disk; the message names the VACUUM that removed them. */
    public long requireReadable(long version) {
        requireExists(version);
        TimelineNode n = nodes.get(version);
        if (!n.readable()) {
            throw new LakeLensException(whyUnreadable(n) + readableHint());
        }
        return version;
    }

    /** One sentence on why a version cannot be read; empty for a readable one. */
    public String whyUnreadable(TimelineNode n) {
        return switch (n.status()) {
            case READABLE -> "";
            case VACUUMED -> {
                TimelineNode v = nodes.get(n.removedBy());
                String who = v == null ? "" : " on " + v.timestamp() + (v.user().isBlank() ? "" : " by " + v.user())
                        + (v.reason().isBlank() ? "" : " (\"" + v.reason() + "\")");
                yield "Version " + n.version() + " of " + table + " is no longer readable: " + n.missingFiles()
                        + " of its data files were removed by the VACUUM at version " + n.removedBy() + who + ".";
            }
            case FILES_MISSING -> "Version " + n.version() + " of " + table + " is not readable: " + n.missingFiles()
                    + " of its data files are missing from disk and no VACUUM removed them (deleted by hand or by another tool).";
            case LOG_EXPIRED -> "Version " + n.version() + " of " + table + " can no longer be rebuilt: the log checkpoint "
                    + "it needs was cleaned up.";
        };
    }

    private String readableHint() {
        List<Long> ok = nodes.values().stream().filter(TimelineNode::readable).map(TimelineNode::version).toList();
        if (ok.isEmpty()) {
            return " No version of " + table + " is readable.";
        }
        return " Readable versions: " + ranges(ok) + ".";
    }

    static String ranges(List<Long> versions) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < versions.size()) {
            int j = i;
            while (j + 1 < versions.size() && versions.get(j + 1) == versions.get(j) + 1) {
                j++;
            }
            parts.add(i == j ? String.valueOf(versions.get(i)) : versions.get(i) + "–" + versions.get(j));
            i = j + 1;
        }
        return String.join(", ", parts);
    }

    static Timeline of(TableLog log) {
        Map<Long, Integer> missing = new HashMap<>();
        Map<Long, Long> removedBy = new HashMap<>();
        List<Long> vacuums = new ArrayList<>();
        for (TableLog.Entry e : log.entries()) {
            if (OperationKind.of(e.commit().operation()) == OperationKind.VACUUM) {
                vacuums.add(e.version());
            }
        }
        for (var f : log.files().entrySet()) {
            TableLog.DataFile df = f.getValue();
            if (present(df)) {
                continue;
            }
            for (TableLog.Lifetime life : log.lifetimes().getOrDefault(f.getKey(), List.of())) {
                long until = life.until() == TableLog.OPEN ? log.latest() + 1 : life.until();
                long vacuum = -1;
                if (life.until() != TableLog.OPEN) {
                    for (long v : vacuums) {
                        if (v >= life.until()) {
                            vacuum = v;
                            break;
                        }
                    }
                }
                for (long v = life.from(); v < until; v++) {
                    missing.merge(v, 1, Integer::sum);
                    if (vacuum >= 0) {
                        removedBy.merge(v, vacuum, Math::min);
                    }
                }
            }
        }

        TreeMap<Long, TimelineNode> nodes = new TreeMap<>();
        List<SchemaChange> schema = new ArrayList<>();
        StructType previous = null;
        for (TableLog.Entry e : log.entries()) {
            long v = e.version();
            Commit c = e.commit();
            List<SchemaChange> changes = List.of();
            if (e.metadata() != null && v >= log.firstReconstructable()) {
                changes = compare(v, c.timestamp(), previous, e.metadata().schema());
                previous = e.metadata().schema();
            } else if (v == log.firstReconstructable() && previous == null) {
                StructType s = log.metadataAt(v).map(TableLog.Metadata::schema).orElse(null);
                changes = compare(v, c.timestamp(), null, s);
                previous = s;
            }
            schema.addAll(changes);
            OperationKind kind = OperationKind.of(c.operation());
            boolean schemaChanged = changes.stream().anyMatch(s -> s.kind() != SchemaChange.Kind.CREATED);
            if (schemaChanged && kind != OperationKind.RESTORE) {
                kind = OperationKind.SCHEMA_CHANGE;
            }
            long[] rows = rows(c, OperationKind.of(c.operation()), e);
            VersionStatus status;
            if (v < log.firstReconstructable()) {
                status = VersionStatus.LOG_EXPIRED;
            } else if (missing.containsKey(v)) {
                status = removedBy.containsKey(v) ? VersionStatus.VACUUMED : VersionStatus.FILES_MISSING;
            } else {
                status = VersionStatus.READABLE;
            }
            nodes.put(v, new TimelineNode(c, kind, rows[0], rows[1], rows[2], e.adds().size(), e.removes().size(),
                    e.adds().stream().mapToLong(TableLog.DataFile::size).sum(),
                    e.removes().stream().mapToLong(TableLog.DataFile::size).sum(),
                    changes, status, missing.getOrDefault(v, 0), removedBy.getOrDefault(v, -1L)));
        }
        return new Timeline(log.table(), nodes, Collections.unmodifiableList(schema));
    }

    private static boolean present(TableLog.DataFile f) {
        // Files outside the local disk cannot be checked here; Spark reports them if they are gone.
        boolean data = f.file() == null || Files.exists(f.file());
        boolean dv = f.dvFile() == null || Files.exists(f.dvFile());
        return data && dv;
    }

    /** Rows added, updated and removed by a commit: its metrics where Delta records them, else file statistics. */
    private static long[] rows(Commit c, OperationKind kind, TableLog.Entry e) {
        long addedByStats = sumRecords(e.adds());
        long removedByStats = sumRecords(e.removes());
        return switch (kind) {
            case WRITE -> {
                long added = c.operationMetrics().containsKey("numOutputRows") ? c.metric("numOutputRows") : Math.max(0, addedByStats);
                boolean overwrite = "overwrite".equalsIgnoreCase(c.operationParameters().getOrDefault("mode", ""));
                yield new long[]{added, 0, overwrite || !e.removes().isEmpty() ? Math.max(0, removedByStats) : 0};
            }
            case DELETE -> new long[]{0, 0, c.operationMetrics().containsKey("numDeletedRows") ? c.metric("numDeletedRows")
                    : Math.max(0, removedByStats - Math.max(0, addedByStats))};
            case UPDATE -> new long[]{0, c.metric("numUpdatedRows"), 0};
            case MERGE -> new long[]{c.metric("numTargetRowsInserted"), c.metric("numTargetRowsUpdated"), c.metric("numTargetRowsDeleted")};
            case OPTIMIZE, VACUUM -> new long[]{0, 0, 0};
            default -> new long[]{Math.max(0, addedByStats), 0, Math.max(0, removedByStats)};
        };
    }

    private static long sumRecords(List<TableLog.DataFile> files) {
        long n = 0;
        for (TableLog.DataFile f : files) {
            if (f.numRecords() < 0) {
                return -1;
            }
            n += f.numRecords();
        }
        return n;
    }

    /** Column changes from one schema to the next, matched by column-mapping id when present, else by name. */
    static List<SchemaChange> compare(long version, Instant ts, StructType before, StructType after) {
        List<SchemaChange> out = new ArrayList<>();
        if (after == null) {
            return out;
        }
        Map<String, Column> now = flatten(after);
        if (before == null) {
            for (Column c : now.values()) {
                out.add(new SchemaChange(version, ts, c.path(), SchemaChange.Kind.CREATED, "", "", c.type().simpleString()));
            }
            return out;
        }
        Map<String, Column> then = flatten(before);
        Map<String, Column> thenById = new HashMap<>();
        then.values().stream().filter(c -> c.id() != null).forEach(c -> thenById.put(c.id(), c));
        List<String> matched = new ArrayList<>();
        for (Column c : now.values()) {
            Column old = c.id() != null && thenById.containsKey(c.id()) ? thenById.get(c.id()) : then.get(key(c.path()));
            if (old == null) {
                out.add(new SchemaChange(version, ts, c.path(), SchemaChange.Kind.ADDED, "", "", c.type().simpleString()));
                continue;
            }
            matched.add(key(old.path()));
            if (!key(old.path()).equals(key(c.path()))) {
                out.add(new SchemaChange(version, ts, c.path(), SchemaChange.Kind.RENAMED, old.path(),
                        old.type().simpleString(), c.type().simpleString()));
            }
            if (!(old.type() instanceof StructType) && !old.type().sameType(c.type())) {
                SchemaChange.Kind k = widens(old.type(), c.type()) ? SchemaChange.Kind.WIDENED : SchemaChange.Kind.TYPE_CHANGED;
                out.add(new SchemaChange(version, ts, c.path(), k, "", old.type().simpleString(), c.type().simpleString()));
            } else if (old.nullable() != c.nullable()) {
                out.add(new SchemaChange(version, ts, c.path(), SchemaChange.Kind.NULLABILITY, "",
                        old.nullable() ? "nullable" : "not null", c.nullable() ? "nullable" : "not null"));
            }
        }
        for (Column c : then.values()) {
            if (!matched.contains(key(c.path()))) {
                out.add(new SchemaChange(version, ts, c.path(), SchemaChange.Kind.DROPPED, "", c.type().simpleString(), ""));
            }
        }
        return out;
    }

    private record Column(String path, DataType type, boolean nullable, String id) {
    }

    private static String key(String path) {
        return path.toLowerCase(Locale.ROOT);
    }

    private static Map<String, Column> flatten(StructType s) {
        Map<String, Column> out = new LinkedHashMap<>();
        flatten("", s, out);
        return out;
    }

    private static void flatten(String prefix, StructType s, Map<String, Column> out) {
        for (StructField f : s.fields()) {
            String path = prefix + f.name();
            String id = f.metadata().contains("delta.columnMapping.id") ? String.valueOf(f.metadata().getLong("delta.columnMapping.id")) : null;
            out.put(key(path), new Column(path, f.dataType(), f.nullable(), id));
            if (f.dataType() instanceof StructType inner) {
                flatten(path + ".", inner, out);
            }
        }
    }

    /** Delta's type widening: integers to wider integers or double/decimal, float to double, decimals to wider ones, date to timestamp_ntz. */
    static boolean widens(DataType from, DataType to) {
        List<String> ints = List.of("tinyint", "smallint", "int", "bigint");
        String f = from.typeName();
        String t = to.typeName();
        String fs = from.simpleString();
        String ts = to.simpleString();
        if (ints.contains(fs) && ints.contains(ts)) {
            return ints.indexOf(fs) < ints.indexOf(ts);
        }
        if (ints.contains(fs) && ts.equals("double")) {
            return true;
        }
        if (fs.equals("float") && ts.equals("double")) {
            return true;
        }
        if (from instanceof DecimalType a && to instanceof DecimalType b) {
            return b.precision() - b.scale() >= a.precision() - a.scale() && b.scale() >= a.scale();
        }
        if (ints.contains(fs) && to instanceof DecimalType b) {
            int digits = switch (fs) {
                case "tinyint" -> 3;
                case "smallint" -> 5;
                case "int" -> 10;
                default -> 20;
            };
            return b.precision() - b.scale() >= digits;
        }
        return f.equals("date") && t.equals("timestamp_ntz");
    }
}
