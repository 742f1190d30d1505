package io.lakelens.lake;

import io.delta.tables.DeltaTable;
import io.lakelens.LakeLensException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Time travel over one lake: the version timeline, browsing as of a version or time, version
 * diffs, the schema timeline, guarded restore and per-row history. Reads never change the
 * lake; the one write (restore) goes through {@link LakeEngine#write} so its commit records
 * user and reason, and is refused on a read-only lake. Bad input (versions out of range,
 * timestamps before creation or in the future, vacuumed versions, unknown columns) is a
 * {@link LakeLensException} with one clear line. Stateless apart from the engine: thread-safe.
 */
public final class TimeTravel {
    /** Events a row trail returns at most unless asked for more. */
    public static final int DEFAULT_TRAIL_LIMIT = 1000;

    /** Versions a trail compares at most when the table keeps no change data feed (all read in one Spark job). */
    static final int MAX_COMPARED_VERSIONS = 200;

    private final LakeEngine engine;
    private final Map<String, CachedLog> logs = new java.util.concurrent.ConcurrentHashMap<>();

    private record CachedLog(String stamp, TableLog log) {
    }

    public TimeTravel(LakeEngine engine) {
        this.engine = engine;
    }

    public LakeEngine engine() {
        return engine;
    }

    /**
     * The table's parsed log, reused while its commit files are unchanged (a table with thousands
     * of versions is parsed once, not on every browse or diff). File existence is always re-checked
     * by {@link Timeline#of}.
     */
    TableLog log(String table) {
        String stamp = TableLog.stamp(engine.requireTable(table));
        CachedLog cached = logs.get(table);
        if (cached != null && cached.stamp().equals(stamp)) {
            return cached.log();
        }
        TableLog log = TableLog.read(engine, table);
        logs.put(table, new CachedLog(stamp, log));
        return log;
    }

    /** Every commit of a table, oldest first, with readability checked against the files on disk. Reads the log only. */
    public Timeline timeline(String table) {
        return Timeline.of(log(table));
    }

    /** Column changes across the table's history, oldest first. */
    public List<SchemaChange> schemaTimeline(String table) {
        return timeline(table).schemaChanges();
    }

    /** The version an as-of reads, checked to exist and to be readable. */
    public long resolveReadable(String table, AsOf asOf) {
        Timeline t = timeline(table);
        return t.requireReadable(t.resolve(asOf));
    }

    /**
     * A page of the table as of a version or time, filtered and sorted with typed column
     * expressions (user text never becomes SQL). Runs a count and a page query on Spark.
     */
    public BrowsePage browse(BrowseRequest request) {
        String table = request.table();
        long version = resolveReadable(table, request.asOf());
        AsOf at = new AsOf.Version(version);
        Dataset<Row> df = engine.read(table, at);
        StructType schema = df.schema();
        for (BrowseRequest.ColumnFilter f : request.filters()) {
            df = df.filter(condition(schema, table, f));
        }
        List<Column> order = new ArrayList<>();
        List<String> ordered = new ArrayList<>();
        for (BrowseRequest.SortKey s : request.sort()) {
            StructField f = ColumnValues.field(schema, table, s.column());
            if (!ordered.contains(f.name())) {
                order.add(s.ascending() ? ColumnValues.col(f.name()).asc_nulls_first() : ColumnValues.col(f.name()).desc_nulls_last());
                ordered.add(f.name());
            }
        }
        List<String> declared = engine.keyOf(table, log(table).metadataAt(version).map(TableLog.Metadata::configuration).orElse(Map.of()));
        for (String tie : tieBreakers(declared, schema)) {
            if (!ordered.contains(tie)) {
                order.add(ColumnValues.col(tie).asc_nulls_first());
                ordered.add(tie);
            }
        }
        Dataset<Row> filtered = df;
        long total = engine.readAction(table, at, filtered::count);
        int pageCount = (int) Math.max(1, (total + request.pageSize() - 1) / request.pageSize());
        int page = Math.min(request.page(), pageCount);
        long offset = (long) (page - 1) * request.pageSize();
        if (offset > Integer.MAX_VALUE) {
            throw new LakeLensException("Page " + page + " is too far into the table; narrow it with a filter.");
        }
        List<Row> rows = engine.readAction(table, at, () -> filtered.orderBy(order.toArray(Column[]::new))
                .offset((int) offset).limit(request.pageSize()).collectAsList());
        List<String> columns = List.of(schema.fieldNames());
        List<String> types = new ArrayList<>();
        for (StructField f : schema.fields()) {
            types.add(f.dataType().simpleString());
        }
        List<List<Object>> out = new ArrayList<>();
        for (Row r : rows) {
            List<Object> values = new ArrayList<>(r.size());
            for (int i = 0; i < r.size(); i++) {
                values.add(r.get(i));
            }
            out.add(Collections.unmodifiableList(values));
        }
        return new BrowsePage(table, version, columns, List.copyOf(types), List.copyOf(out), total, page, pageCount,
                request.pageSize());
    }

    private static Column condition(StructType schema, String table, BrowseRequest.ColumnFilter f) {
        StructField field = ColumnValues.field(schema, table, f.column());
        Column c = ColumnValues.col(field.name());
        DataType type = field.dataType();
        return switch (f.op()) {
            case IS_NULL -> c.isNull();
            case NOT_NULL -> c.isNotNull();
            case CONTAINS -> functions.lower(type instanceof StringType ? c : c.cast("string"))
                    .contains(functions.lit(f.value().toLowerCase(Locale.ROOT)));
            case STARTS_WITH -> (type instanceof StringType ? c : c.cast("string")).startsWith(functions.lit(f.value()));
            default -> {
                Column v = functions.lit(ColumnValues.parse(field.name(), type, f.value()));
                yield switch (f.op()) {
                    case EQUALS -> c.equalTo(v);
                    case NOT_EQUALS -> c.notEqual(v);
                    case LESS -> c.lt(v);
                    case LESS_OR_EQUAL -> c.leq(v);
                    case GREATER -> c.gt(v);
                    default -> c.geq(v);
                };
            }
        };
    }

    /** Columns that make a sort total: the table's declared key, else every column of an orderable type. */
    private static List<String> tieBreakers(List<String> declared, StructType schema) {
        List<String> out = new ArrayList<>();
        for (String k : declared) {
            for (StructField f : schema.fields()) {
                if (f.name().equalsIgnoreCase(k)) {
                    out.add(f.name());
                }
            }
        }
        if (out.size() == declared.size() && !out.isEmpty()) {
            return out;
        }
        out.clear();
        for (StructField f : schema.fields()) {
            String t = f.dataType().typeName();
            if (!t.equals("map") && !t.equals("array") && !t.equals("struct") && !t.equals("binary") && !t.equals("variant")) {
                out.add(f.name());
            }
        }
        return out;
    }

    /**
     * The diff of two versions, matched on {@code key} (empty: the key the table declares in its
     * {@value TableKey#PROPERTY} property, else the application's default for it, else whole
     * rows; see {@link LakeEngine#keyOf}). Close the result to free its cached rows.
     */
    public VersionDiff diff(String table, AsOf from, AsOf to, List<String> key) {
        TableLog log = log(table);
        Timeline t = Timeline.of(log);
        long f = t.resolve(from);
        long v = t.resolve(to);
        requireOpens(table, f, v);
        return readingData(table, v, () -> VersionDiff.compute(engine, log, t, table, f, v, key));
    }

    /**
     * Opens the table at each version with Kernel first, so that a damaged log (no metadata, a
     * corrupt checkpoint, a gap) is named in one line before any Spark work begins.
     */
    private void requireOpens(String table, long... versions) {
        engine.requireLogActions(table);
        for (long v : versions) {
            AsOf at = new AsOf.Version(v);
            try {
                engine.snapshot(table, at).getSchema(); // the schema makes Kernel find the metaData and protocol
            } catch (LakeLensException e) {
                throw e;
            } catch (Exception e) {
                throw engine.readError(table, at, e);
            }
        }
    }

    /** Runs work that reads data files, naming a corrupt or missing file (or deletion vector) in one line. */
    private <T> T readingData(String table, long version, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (LakeLensException e) {
            throw e;
        } catch (Exception e) { // Spark's SparkException is checked, and thrown unchecked through Scala
            throw engine.readError(table, new AsOf.Version(version), e);
        }
    }

    /**
     * A restore preview: what restoring {@code table} to {@code target} would change (the diff
     * from the current version to the target). Refused on a read-only lake, for the current
     * version itself and for unreadable (vacuumed) targets. Writes nothing.
     */
    public RestorePlan previewRestore(String table, AsOf target, List<String> key) {
        refuseReadOnly(table);
        TableLog log = log(table);
        Timeline t = Timeline.of(log);
        long targetVersion = t.resolve(target);
        long current = t.latest();
        if (targetVersion == current) {
            throw new LakeLensException("Table " + table + " is already at version " + current + "; choose an older version to restore.");
        }
        t.requireReadable(targetVersion);
        requireOpens(table, current, targetVersion);
        return new RestorePlan(table, current, targetVersion, readingData(table, targetVersion,
                () -> VersionDiff.compute(engine, log, t, table, current, targetVersion, key)));
    }

    /**
     * Restores the table as previewed, inside the table's write lock, recording user and
     * reason in the restore commit. Refused when the table changed since the preview.
     */
    public RestoreResult restore(RestorePlan plan, String reason) {
        refuseReadOnly(plan.table());
        if (reason == null || reason.isBlank()) {
            throw new LakeLensException("A restore needs a reason; it is recorded in the commit for the audit trail.");
        }
        String table = plan.table();
        return engine.write(table, reason.strip(), session -> {
            Timeline t = timeline(table);
            if (t.latest() != plan.currentVersion()) {
                throw new LakeLensException("Table " + table + " changed since the preview (it was at version " + plan.currentVersion()
                        + ", now " + t.latest() + "); preview the restore again.");
            }
            t.requireReadable(plan.targetVersion());
            Map<String, String> metrics = new TreeMap<>();
            try {
                Row m = DeltaTable.forPath(session, engine.tablePath(table).toString())
                        .restoreToVersion(plan.targetVersion()).collectAsList().get(0);
                for (String name : m.schema().fieldNames()) {
                    metrics.put(name, String.valueOf(m.get(m.fieldIndex(name))));
                }
            } catch (LakeLensException e) {
                throw e;
            } catch (Exception e) {
                throw new LakeLensException("Restoring " + table + " to version " + plan.targetVersion() + " failed: "
                        + Errors.abbreviate(Errors.rootMessage(e)) + "; the table is unchanged.", e);
            }
            return new RestoreResult(table, plan.targetVersion(), TableLog.read(engine, table).latest(),
                    Collections.unmodifiableMap(metrics));
        });
    }

    private void refuseReadOnly(String table) {
        if (engine.config().readOnly()) {
            throw new LakeLensException("The lake " + engine.lakeRoot() + " is open read-only; restoring " + table
                    + " is refused (open it without --read-only to change it).");
        }
    }

    /** The history of the rows a key names (see {@link RowKey}), at most {@link #DEFAULT_TRAIL_LIMIT} events. */
    public RowTrail trail(String table, String keyText) {
        return trail(table, keyText, DEFAULT_TRAIL_LIMIT);
    }

    /**
     * Every insert, update (old → new) and delete of the rows a key names, across the versions
     * the change data feed covers, with who, when and why from each commit. A table that keeps
     * no change data feed gets the same trail by comparing its versions (slower: the key's rows
     * are read at every version that changed data, in one Spark job). A key matching no row in any version is an error.
     */
    public RowTrail trail(String table, String keyText, int limit) {
        if (limit < 1 || limit > 100_000) {
            throw new LakeLensException("A row trail returns 1 to 100,000 events, not " + limit + ".");
        }
        TableLog log = log(table);
        Timeline timeline = Timeline.of(log);
        long latest = log.latest();
        requireOpens(table, latest);
        return readingData(table, latest, () -> trail(log, timeline, table, keyText, limit));
    }

    private RowTrail trail(TableLog log, Timeline timeline, String table, String keyText, int limit) {
        long latest = log.latest();
        StructType latestSchema = log.metadataAt(latest).orElseThrow().schema();
        RowKey key = RowKey.parse(keyText, latestSchema, table);

        long start = latest + 1;
        for (long v = latest; v >= log.firstReconstructable(); v--) {
            var md = log.metadataAt(v);
            var entry = log.entry(v);
            if (md.isEmpty() || !md.get().changeFeedEnabled() || entry.isEmpty() || !VersionDiff.changeFilesPresent(entry.get())) {
                break;
            }
            start = v;
        }
        List<String> identity = identity(engine.keyOf(table, log.metadataAt(latest).map(TableLog.Metadata::configuration)
                .orElse(Map.of())), key, latestSchema);
        if (start > latest) {
            return trailByComparing(log, timeline, table, key, identity, limit);
        }
        List<RowEvent> events = new ArrayList<>();
        boolean truncated = false;

        if (start > 0 && start - 1 >= log.firstReconstructable() && timeline.node(start - 1).map(TimelineNode::readable).orElse(false)) {
            truncated = present(log, table, start - 1, key, limit, events);
        }
        List<Long> cuts = new ArrayList<>();
        for (SchemaChange c : timeline.schemaChanges()) {
            if (c.kind() != SchemaChange.Kind.CREATED && c.version() > start && c.version() <= latest && !cuts.contains(c.version())) {
                cuts.add(c.version());
            }
        }
        long segStart = start;
        cuts.add(latest + 1);
        for (long cut : cuts) {
            long segEnd = cut - 1;
            if (segEnd >= segStart && !truncated) {
                truncated = segment(log, table, segStart, segEnd, key, identity, limit, events);
            }
            segStart = cut;
        }
        if (events.isEmpty()) {
            throw new LakeLensException("No row of " + table + " matches " + key + " in versions " + start + " to " + latest
                    + "; check the key (`lakelens query` can look the row up).");
        }
        String note = start > log.earliest() ? "The change data feed covers versions " + start + " to " + latest
                + "; changes before version " + start + " are not recorded." : "";
        return new RowTrail(table, key.toString(), start, latest, List.copyOf(events), truncated, note);
    }

    /**
     * The trail of a table that keeps no change data feed for its latest commit: the key's rows
     * are read at each readable version that changed data (the newest
     * {@link #MAX_COMPARED_VERSIONS}) and each version is compared with the one before. Rows
     * that share an identity are paired as a multiset; one row gone and one come is an update.
     */
    private RowTrail trailByComparing(TableLog log, Timeline timeline, String table, RowKey key, List<String> identity, int limit) {
        long latest = log.latest();
        List<Long> versions = new ArrayList<>();
        long firstReadable = -1;
        for (long v = log.firstReconstructable(); v <= latest; v++) {
            var entry = log.entry(v);
            if (entry.isEmpty() || !timeline.node(v).map(TimelineNode::readable).orElse(false)) {
                continue;
            }
            if (firstReadable < 0) {
                firstReadable = v;
            }
            if (v == firstReadable || !entry.get().adds().isEmpty() || !entry.get().removes().isEmpty()) {
                versions.add(v);
            }
        }
        if (versions.isEmpty()) {
            throw new LakeLensException("Table " + table + " has no readable version (their data files were removed), "
                    + "so the history of " + key + " cannot be rebuilt.");
        }
        boolean cut = versions.size() > MAX_COMPARED_VERSIONS;
        if (cut) {
            versions = versions.subList(versions.size() - MAX_COMPARED_VERSIONS, versions.size());
        }
        List<RowEvent> events = new ArrayList<>();
        boolean truncated = false;
        Map<List<Object>, List<Map<String, Object>>> previous = null;
        Map<Long, Map<List<Object>, List<Map<String, Object>>>> byVersion = rowsAt(log, table, versions, key, identity, limit);
        for (long v : versions) {
            Map<List<Object>, List<Map<String, Object>>> now = byVersion.get(v);
            if (now == null) {
                continue; // a key column did not exist yet at this version
            }
            Commit c = log.entry(v).map(TableLog.Entry::commit).orElse(null);
            if (previous == null) {
                for (List<Map<String, Object>> group : now.values()) {
                    for (Map<String, Object> row : group) {
                        events.add(v == 0 ? event(v, c, RowEvent.Kind.INSERTED, key, changes(null, row), Map.of(), row)
                                : event(v, c, RowEvent.Kind.PRESENT, key, List.of(), row, row));
                    }
                }
            } else {
                java.util.Set<List<Object>> ids = new java.util.LinkedHashSet<>(previous.keySet());
                ids.addAll(now.keySet());
                for (List<Object> id : ids) {
                    List<Map<String, Object>> gone = new ArrayList<>(previous.getOrDefault(id, List.of()));
                    List<Map<String, Object>> come = new ArrayList<>();
                    for (Map<String, Object> row : now.getOrDefault(id, List.of())) {
                        int same = indexOfSame(gone, row);
                        if (same >= 0) {
                            gone.remove(same);
                        } else {
                            come.add(row);
                        }
                    }
                    if (gone.size() == 1 && come.size() == 1) {
                        events.add(event(v, c, RowEvent.Kind.UPDATED, key, changes(gone.get(0), come.get(0)), gone.get(0), come.get(0)));
                        continue;
                    }
                    gone.forEach(row -> events.add(event(v, c, RowEvent.Kind.DELETED, key, changes(row, null), row, Map.of())));
                    come.forEach(row -> events.add(event(v, c, RowEvent.Kind.INSERTED, key, changes(null, row), Map.of(), row)));
                }
            }
            previous = now;
            if (events.size() > limit) {
                truncated = true;
                break;
            }
        }
        if (events.isEmpty()) {
            throw new LakeLensException("No row of " + table + " matches " + key + " in versions " + versions.getFirst() + " to " + latest
                    + "; check the key (`lakelens query` can look the row up).");
        }
        long from = versions.getFirst();
        String note = "Table " + table + " keeps no change data feed, so this trail compares the rows at each of its "
                + versions.size() + " version" + (versions.size() == 1 ? "" : "s") + " that changed data"
                + (from > log.earliest() ? (cut ? "; versions before " + from + " were not compared"
                : "; versions before " + from + " cannot be read") : "") + ".";
        return new RowTrail(table, key.toString(), from, latest, List.copyOf(events.subList(0, Math.min(limit, events.size()))),
                truncated, note);
    }

    /**
     * The key's rows at each version, grouped by identity, read in one Spark job (one filtered
     * read per version, unioned by column name); a version whose schema lacks a key column is
     * left out. Each row holds the columns of its own version's schema.
     */
    private Map<Long, Map<List<Object>, List<Map<String, Object>>>> rowsAt(TableLog log, String table, List<Long> versions,
                                                                           RowKey key, List<String> identity, int limit) {
        String versionColumn = "__lakelens_version__";
        Map<Long, java.util.Set<String>> columns = new TreeMap<>();
        Dataset<Row> all = null;
        for (long v : versions) {
            StructType schema = log.metadataAt(v).orElseThrow().schema();
            if (key.columns().stream().anyMatch(c -> VersionDiff.typeOf(schema, c) == null)) {
                continue;
            }
            columns.put(v, new java.util.HashSet<>(java.util.Arrays.asList(schema.fieldNames())));
            Dataset<Row> one = engine.read(table, new AsOf.Version(v)).filter(key.predicate()).limit(limit + 1)
                    .withColumn(versionColumn, functions.lit(v));
            all = all == null ? one : all.unionByName(one, true);
        }
        Map<Long, Map<List<Object>, List<Map<String, Object>>>> out = new TreeMap<>();
        if (all == null) {
            return out;
        }
        columns.keySet().forEach(v -> out.put(v, new LinkedHashMap<>()));
        Dataset<Row> read = all;
        AsOf at = new AsOf.Version(versions.getLast());
        List<Row> rows = engine.readAction(table, at, read::collectAsList);
        for (Row r : rows) {
            long v = r.getLong(r.fieldIndex(versionColumn));
            java.util.Set<String> own = columns.get(v);
            Map<String, Object> row = new LinkedHashMap<>();
            for (StructField f : r.schema().fields()) {
                if (own.contains(f.name())) {
                    row.put(f.name(), r.get(r.fieldIndex(f.name())));
                }
            }
            List<Object> id = new ArrayList<>();
            for (String col : identity) {
                id.add(keyOf(row, List.of(col)).values().stream().findFirst().orElse(null));
            }
            out.get(v).computeIfAbsent(id, x -> new ArrayList<>()).add(Collections.unmodifiableMap(row));
        }
        return out;
    }

    private static int indexOfSame(List<Map<String, Object>> rows, Map<String, Object> row) {
        for (int i = 0; i < rows.size(); i++) {
            if (changes(rows.get(i), row).isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    private static RowEvent event(long version, Commit c, RowEvent.Kind kind, RowKey key, List<VersionDiff.CellChange> changes,
                                  Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> ref = after.isEmpty() ? before : after;
        return new RowEvent(version, c == null ? null : c.timestamp(), c == null ? "" : c.user(), c == null ? "" : c.operation(),
                c == null ? "" : c.reason(), kind, keyOf(ref, key.columns()), changes, before, after);
    }

    /** Identity of one row when pairing pre- and post-images: the table's declared key if the schema has it, else the user's columns. */
    private static List<String> identity(List<String> declared, RowKey key, StructType schema) {
        List<String> out = new ArrayList<>();
        for (String k : declared) {
            for (StructField f : schema.fields()) {
                if (f.name().equalsIgnoreCase(k)) {
                    out.add(f.name());
                }
            }
        }
        return out.size() == declared.size() && !out.isEmpty() ? out : key.columns();
    }

    private boolean present(TableLog log, String table, long version, RowKey key, int limit, List<RowEvent> events) {
        StructType schema = log.metadataAt(version).orElseThrow().schema();
        for (String c : key.columns()) {
            if (VersionDiff.typeOf(schema, c) == null) {
                return false;
            }
        }
        AsOf at = new AsOf.Version(version);
        Dataset<Row> df = engine.read(table, at).filter(key.predicate());
        List<Row> rows = engine.readAction(table, at, () -> df.limit(limit + 1).collectAsList());
        Commit c = log.entry(version).map(TableLog.Entry::commit).orElse(null);
        for (Row r : rows.subList(0, Math.min(limit, rows.size()))) {
            Map<String, Object> row = rowMap(r, Collections.emptySet());
            events.add(event(version, c, RowEvent.Kind.PRESENT, key, List.of(), row, row));
        }
        return rows.size() > limit;
    }

    private boolean segment(TableLog log, String table, long from, long to, RowKey key, List<String> identity, int limit,
                            List<RowEvent> events) {
        StructType schema = log.metadataAt(to).orElseThrow().schema();
        for (String c : key.columns()) {
            if (VersionDiff.typeOf(schema, c) == null) {
                return false; // the key column did not exist yet in these versions
            }
        }
        AsOf at = new AsOf.Version(to);
        int room = limit - events.size();
        Dataset<Row> cdf = VersionDiff.changeFeed(engine, table, from, to).filter(key.predicate());
        List<Row> rows;
        try {
            rows = cdf.orderBy(ColumnValues.col("_commit_version").asc()).limit(room * 2 + 2).collectAsList();
        } catch (Exception e) {
            throw engine.readError(table, at, e);
        }
        java.util.Set<String> meta = java.util.Set.of("_change_type", "_commit_version", "_commit_timestamp");
        Map<Long, Map<List<Object>, List<Row>>> byVersion = new TreeMap<>();
        for (Row r : rows) {
            long v = r.getLong(r.fieldIndex("_commit_version"));
            List<Object> id = new ArrayList<>();
            for (String c : identity) {
                id.add(r.get(r.fieldIndex(resolveName(r.schema(), c))));
            }
            byVersion.computeIfAbsent(v, x -> new LinkedHashMap<>()).computeIfAbsent(id, x -> new ArrayList<>()).add(r);
        }
        for (var ve : byVersion.entrySet()) {
            long v = ve.getKey();
            Commit c = log.entry(v).map(TableLog.Entry::commit).orElse(null);
            for (List<Row> group : ve.getValue().values()) {
                Map<String, Object> before = null;
                Map<String, Object> after = null;
                for (Row r : group) {
                    String type = r.getString(r.fieldIndex("_change_type"));
                    Map<String, Object> row = rowMap(r, meta);
                    switch (type) {
                        case "update_preimage", "delete" -> before = row;
                        case "update_postimage", "insert" -> after = row;
                        default -> {
                        }
                    }
                }
                RowEvent.Kind kind = before == null ? RowEvent.Kind.INSERTED : after == null ? RowEvent.Kind.DELETED : RowEvent.Kind.UPDATED;
                List<VersionDiff.CellChange> changes = changes(before, after);
                if (kind == RowEvent.Kind.UPDATED && changes.isEmpty()) {
                    continue; // rewritten with the same values (e.g. an overwrite); not a change to the row
                }
                if (events.size() >= limit) {
                    return true;
                }
                events.add(event(v, c, kind, key, changes, before == null ? Map.of() : before, after == null ? Map.of() : after));
            }
        }
        return rows.size() >= room * 2 + 2;
    }

    private static String resolveName(StructType schema, String name) {
        for (StructField f : schema.fields()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f.name();
            }
        }
        return name;
    }

    private static Map<String, Object> rowMap(Row r, java.util.Set<String> skip) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (StructField f : r.schema().fields()) {
            if (!skip.contains(f.name())) {
                m.put(f.name(), r.get(r.fieldIndex(f.name())));
            }
        }
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, Object> keyOf(Map<String, Object> row, List<String> columns) {
        Map<String, Object> k = new LinkedHashMap<>();
        for (String c : columns) {
            for (var e : row.entrySet()) {
                if (e.getKey().equalsIgnoreCase(c)) {
                    k.put(e.getKey(), e.getValue());
                }
            }
        }
        return Collections.unmodifiableMap(k);
    }

    private static List<VersionDiff.CellChange> changes(Map<String, Object> before, Map<String, Object> after) {
        List<VersionDiff.CellChange> out = new ArrayList<>();
        List<String> cols = new ArrayList<>();
        if (after != null) {
            cols.addAll(after.keySet());
        }
        if (before != null) {
            before.keySet().stream().filter(k -> !cols.contains(k)).forEach(cols::add);
        }
        for (String col : cols) {
            Object o = before == null ? null : before.get(col);
            Object n = after == null ? null : after.get(col);
            if (!Objects.deepEquals(o, n)) {
                out.add(new VersionDiff.CellChange(col, o, n));
            }
        }
        return out;
    }
}
