package io.lakelens.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.delta.kernel.utils.CloseableIterator;
import io.lakelens.LakeLensException;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A table's transaction log read straight from {@code _delta_log}: per commit its commitInfo
 * (who, why, metrics), the data files it added and removed, its change-data files and any
 * metaData action, plus the lifetime of every data file. Reading the JSON commits needs no
 * SparkSession and costs a few milliseconds per commit, so the timeline of a table with
 * thousands of versions opens quickly. When old commits were cleaned up, the state at the
 * earliest checkpoint comes from Delta Kernel and older versions are marked unreconstructable.
 * Immutable once read; safe to share between threads.
 */
final class TableLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COMMIT_FILE = Pattern.compile("(\\d{20})\\.json");
    private static final Pattern CHECKPOINT_FILE = Pattern.compile("(\\d{20})\\.checkpoint(\\.[^/]*)?\\.(parquet|json)");
    static final long OPEN = Long.MAX_VALUE;

    /** A data file as one add or remove action names it; {@code file} is null when it is not on a local disk. */
    record DataFile(String logPath, Path file, long size, long numRecords, Path dvFile, long dvCardinality) {
        /** Rows the file contributes (records minus rows its deletion vector hides), or -1 when unknown. */
        long liveRecords() {
            return numRecords < 0 ? -1 : numRecords - Math.max(0, dvCardinality);
        }
    }

    /** The parts of a metaData action the time-travel views need. */
    record Metadata(String id, StructType schema, List<String> partitionColumns, Map<String, String> configuration) {
        boolean changeFeedEnabled() {
            return "true".equalsIgnoreCase(configuration.getOrDefault("delta.enableChangeDataFeed", "false"));
        }
    }

    /** One commit of the log. */
    record Entry(long version, Commit commit, List<DataFile> adds, List<DataFile> removes, List<Path> cdcFiles,
                 Metadata metadata) {
    }

    /**
     * A span of versions [{@code from}, {@code until}) during which a file was part of the table,
     * as its add action described it then (a deletion vector added later starts a new span).
     */
    record Lifetime(long from, long until, DataFile file) {
    }

    private final String table;
    private final Path dir;
    private final TreeMap<Long, Entry> entries;
    private final long firstReconstructable;
    private final TreeMap<Long, Metadata> metadata;
    private final Map<String, DataFile> files;
    private final Map<String, List<Lifetime>> lifetimes;

    private TableLog(String table, Path dir, TreeMap<Long, Entry> entries, long firstReconstructable,
                     TreeMap<Long, Metadata> metadata, Map<String, DataFile> files, Map<String, List<Lifetime>> lifetimes) {
        this.table = table;
        this.dir = dir;
        this.entries = entries;
        this.firstReconstructable = firstReconstructable;
        this.metadata = metadata;
        this.files = files;
        this.lifetimes = lifetimes;
    }

    String table() {
        return table;
    }

    Path dir() {
        return dir;
    }

    /** Commits whose log entry still exists, ascending. */
    List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    Optional<Entry> entry(long version) {
        return Optional.ofNullable(entries.get(version));
    }

    long latest() {
        return entries.lastKey();
    }

    /** The oldest commit still listed in the log. */
    long earliest() {
        return entries.firstKey();
    }

    /** The oldest version whose state the log can rebuild (older ones lost their checkpoint). */
    long firstReconstructable() {
        return firstReconstructable;
    }

    /** The metaData in effect at a version, or empty before the first reconstructable one. */
    Optional<Metadata> metadataAt(long version) {
        var e = metadata.floorEntry(version);
        return e == null ? Optional.empty() : Optional.of(e.getValue());
    }

    /** Every data file ever added in the readable part of the log, by logged path. */
    Map<String, DataFile> files() {
        return files;
    }

    Map<String, List<Lifetime>> lifetimes() {
        return lifetimes;
    }

    /** The files that make up a version. */
    List<DataFile> activeFiles(long version) {
        List<DataFile> out = new ArrayList<>();
        for (var e : lifetimes.entrySet()) {
            for (Lifetime l : e.getValue()) {
                if (l.from() <= version && version < l.until()) {
                    out.add(l.file() != null ? l.file() : files.get(e.getKey()));
                    break;
                }
            }
        }
        return out;
    }

    /** Rows at a version from the files' statistics, or -1 when some file has none. */
    long rowCount(long version) {
        long n = 0;
        for (DataFile f : activeFiles(version)) {
            if (f.liveRecords() < 0) {
                return -1;
            }
            n += f.liveRecords();
        }
        return n;
    }

    long bytes(long version) {
        return activeFiles(version).stream().mapToLong(DataFile::size).sum();
    }

    /**
     * A cheap fingerprint of the log folder: commit and checkpoint names with the size and time
     * of the first and last commit, so a new commit, a cleaned-up log or a re-created table
     * changes it.
     */
    static String stamp(Path dir) {
        Path logDir = dir.resolve("_delta_log");
        try (Stream<Path> listing = Files.list(logDir)) {
            List<String> names = listing.map(p -> p.getFileName().toString())
                    .filter(n -> COMMIT_FILE.matcher(n).matches() || CHECKPOINT_FILE.matcher(n).matches()).sorted().toList();
            List<String> commits = names.stream().filter(n -> COMMIT_FILE.matcher(n).matches()).toList();
            StringBuilder sb = new StringBuilder().append(names.size()).append('|').append(names.hashCode());
            for (String n : commits.isEmpty() ? List.<String>of() : List.of(commits.get(0), commits.get(commits.size() - 1))) {
                Path p = logDir.resolve(n);
                sb.append('|').append(n).append(':').append(Files.size(p)).append(':').append(Files.getLastModifiedTime(p).toMillis());
            }
            return sb.toString();
        } catch (IOException e) {
            return "unreadable:" + System.nanoTime();
        }
    }

    /** Reads the log of a table; the table must exist (see {@link LakeEngine#requireTable}). */
    static TableLog read(LakeEngine engine, String table) {
        Path dir = engine.requireTable(table);
        Path logDir = dir.resolve("_delta_log");
        TreeMap<Long, Path> commitFiles = new TreeMap<>();
        TreeSet<Long> checkpoints = new TreeSet<>();
        try (Stream<Path> listing = Files.list(logDir)) {
            for (Path p : listing.toList()) {
                String name = p.getFileName().toString();
                Matcher m = COMMIT_FILE.matcher(name);
                if (m.matches()) {
                    commitFiles.put(Long.parseLong(m.group(1)), p);
                    continue;
                }
                Matcher c = CHECKPOINT_FILE.matcher(name);
                if (c.matches()) {
                    checkpoints.add(Long.parseLong(c.group(1)));
                }
            }
        } catch (IOException e) {
            throw new LakeLensException("Cannot list the transaction log of " + table + " (" + logDir + "): " + e.getMessage(), e);
        }
        if (commitFiles.isEmpty()) {
            throw new LakeLensException("Table " + table + " has no commits in its transaction log; it cannot be read.");
        }
        // Only the unbroken run of commits ending at the latest one can be replayed.
        long latest = commitFiles.lastKey();
        long runStart = latest;
        while (commitFiles.containsKey(runStart - 1)) {
            runStart--;
        }

        Replay replay = new Replay(dir);
        long firstReconstructable;
        if (runStart == 0) {
            firstReconstructable = 0;
        } else {
            Long base = checkpoints.ceiling(runStart - 1);
            if (base == null || base > latest) {
                long missing = runStart - 1;
                if (commitFiles.firstKey() == runStart) {
                    throw new LakeLensException("The transaction log of table " + table + " starts at commit " + runStart + " ("
                            + LogFolder.commitFile(runStart) + ") and no checkpoint covers the versions before it, so none can be "
                            + "rebuilt; nothing was changed. Restore _delta_log from a backup.");
                }
                throw new LakeLensException("The transaction log of table " + table + " has a gap: commit " + missing + " ("
                        + LogFolder.commitFile(missing) + ") is missing and no checkpoint bridges it, so the versions after it "
                        + "cannot be rebuilt; nothing was changed. Restore the missing file from a backup.");
            }
            replay.loadCheckpoint(engine, table, base);
            firstReconstructable = base;
        }

        TreeMap<Long, Entry> entries = new TreeMap<>();
        long previousTimestamp = Long.MIN_VALUE;
        for (var cf : commitFiles.entrySet()) {
            long version = cf.getKey();
            boolean replayed = version >= runStart && version > (runStart == 0 ? -1 : firstReconstructable);
            Entry entry = replay.commit(table, version, cf.getValue(), previousTimestamp, replayed);
            previousTimestamp = entry.commit().timestamp().toEpochMilli();
            entries.put(version, entry);
        }
        return new TableLog(table, dir, entries, firstReconstructable, replay.metadata,
                Collections.unmodifiableMap(replay.files), Collections.unmodifiableMap(replay.lifetimes));
    }

    /** Folds commits into file lifetimes and metadata, in version order. */
    private static final class Replay {
        private final Path dir;
        final TreeMap<Long, Metadata> metadata = new TreeMap<>();
        final Map<String, DataFile> files = new LinkedHashMap<>();
        final Map<String, List<Lifetime>> lifetimes = new HashMap<>();

        Replay(Path dir) {
            this.dir = dir;
        }

        void loadCheckpoint(LakeEngine engine, String table, long version) {
            Snapshot snap = engine.snapshot(table, new AsOf.Version(version));
            var md = snap.getMetadata();
            StructType schema = (StructType) DataType.fromJson(snap.getSchema().toJson());
            metadata.put(version, new Metadata(md.getId(), schema, List.copyOf(snap.getPartitionColumnNames()),
                    Map.copyOf(snap.getTableProperties())));
            try (CloseableIterator<FilteredColumnarBatch> batches = snap.getScanBuilder().build().getScanFiles(engine.kernel())) {
                while (batches.hasNext()) {
                    try (CloseableIterator<Row> rows = batches.next().getRows()) {
                        while (rows.hasNext()) {
                            Row row = rows.next();
                            var status = InternalScanFileUtils.getAddFileStatus(row);
                            DeletionVectorDescriptor dv = InternalScanFileUtils.getDeletionVectorDescriptorFromRow(row);
                            String path = status.getPath();
                            DataFile f = new DataFile(path, localPath(dir, path), status.getSize(), -1,
                                    dv == null || !dv.isOnDisk() ? null : localPath(dir, dv.getAbsolutePath(dir.toUri().toString())),
                                    dv == null ? 0 : dv.getCardinality());
                            add(f, version);
                        }
                    }
                }
            } catch (LakeLensException e) {
                throw e;
            } catch (Exception e) {
                throw Errors.forRead(table, new AsOf.Version(version), e);
            }
        }

        Entry commit(String table, long version, Path file, long previousTimestamp, boolean replayed) {
            List<DataFile> adds = new ArrayList<>();
            List<DataFile> removes = new ArrayList<>();
            List<Path> cdc = new ArrayList<>();
            JsonNode commitInfo = null;
            Metadata md = null;
            try (BufferedReader reader = Files.newBufferedReader(file)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode action = JSON.readTree(line);
                    if (action.has("commitInfo")) {
                        commitInfo = action.get("commitInfo");
                    } else if (action.has("add")) {
                        adds.add(dataFile(action.get("add")));
                    } else if (action.has("remove")) {
                        removes.add(dataFile(action.get("remove")));
                    } else if (action.has("cdc")) {
                        cdc.add(localPath(dir, action.get("cdc").path("path").asText()));
                    } else if (action.has("metaData")) {
                        md = metadata(action.get("metaData"));
                    }
                }
                long modified = Files.getLastModifiedTime(file).toMillis();
                Commit commit = commit(version, commitInfo, modified, previousTimestamp);
                if (replayed) {
                    if (md != null) {
                        metadata.put(version, md);
                    }
                    for (DataFile r : removes) {
                        remove(r, version);
                    }
                    for (DataFile a : adds) {
                        add(a, version);
                    }
                }
                return new Entry(version, commit, List.copyOf(adds), List.copyOf(removes), List.copyOf(cdc), md);
            } catch (IOException e) {
                throw new LakeLensException("The transaction log of table " + table + " is corrupt or truncated at version " + version
                        + " (" + LogFolder.commitFile(version) + ": " + Errors.abbreviate(Errors.rootMessage(e))
                        + "); nothing was changed. Restore _delta_log from a backup.", e);
            }
        }

        private void add(DataFile f, long version) {
            DataFile known = files.get(f.logPath());
            DataFile effective = known != null && f.numRecords() < 0
                    ? new DataFile(f.logPath(), f.file(), f.size(), known.numRecords(), f.dvFile(), f.dvCardinality()) : f;
            if (known == null || known.numRecords() < 0 || f.dvFile() != null || f.dvCardinality() != known.dvCardinality()) {
                files.put(f.logPath(), effective);
            }
            List<Lifetime> spans = lifetimes.computeIfAbsent(f.logPath(), k -> new ArrayList<>());
            Lifetime last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
            if (last == null || last.until() != OPEN) {
                spans.add(new Lifetime(version, OPEN, effective));
            } else if (last.from() == version) {
                spans.set(spans.size() - 1, new Lifetime(version, OPEN, effective));
            } else {
                // re-added without a remove (a new deletion vector): the old description ends here
                spans.set(spans.size() - 1, new Lifetime(last.from(), version, last.file()));
                spans.add(new Lifetime(version, OPEN, effective));
            }
        }

        private void remove(DataFile f, long version) {
            List<Lifetime> spans = lifetimes.get(f.logPath());
            if (spans != null && !spans.isEmpty() && spans.get(spans.size() - 1).until() == OPEN) {
                Lifetime open = spans.remove(spans.size() - 1);
                spans.add(new Lifetime(open.from(), version, open.file()));
            }
            if (!files.containsKey(f.logPath())) {
                files.put(f.logPath(), f);
            }
        }

        private DataFile dataFile(JsonNode a) {
            String path = a.path("path").asText();
            long records = -1;
            JsonNode stats = a.get("stats");
            if (stats != null && stats.isTextual()) {
                try {
                    JsonNode s = JSON.readTree(stats.asText());
                    if (s.has("numRecords")) {
                        records = s.get("numRecords").asLong();
                    }
                } catch (IOException ignored) {
                    // statistics are optional; without them the row count comes from a scan
                }
            }
            Path dv = null;
            long cardinality = 0;
            JsonNode d = a.get("deletionVector");
            if (d != null && d.isObject()) {
                cardinality = d.path("cardinality").asLong();
                String type = d.path("storageType").asText();
                if (!"i".equals(type)) {
                    var descriptor = new DeletionVectorDescriptor(type, d.path("pathOrInlineDv").asText(),
                            d.has("offset") ? Optional.of(d.get("offset").asInt()) : Optional.empty(),
                            d.path("sizeInBytes").asInt(), cardinality);
                    dv = localPath(dir, descriptor.getAbsolutePath(dir.toUri().toString()));
                }
            }
            return new DataFile(path, localPath(dir, path), a.path("size").asLong(), records, dv, cardinality);
        }

        private static Metadata metadata(JsonNode m) {
            StructType schema = (StructType) DataType.fromJson(m.path("schemaString").asText());
            List<String> parts = new ArrayList<>();
            m.path("partitionColumns").forEach(n -> parts.add(n.asText()));
            Map<String, String> conf = new TreeMap<>();
            m.path("configuration").fields().forEachRemaining(e -> conf.put(e.getKey(), e.getValue().asText()));
            return new Metadata(m.path("id").asText(), schema, List.copyOf(parts), Collections.unmodifiableMap(conf));
        }

        private static Commit commit(long version, JsonNode ci, long fileModified, long previousTimestamp) {
            long ts = fileModified;
            if (ci != null && ci.has("inCommitTimestamp")) {
                ts = ci.get("inCommitTimestamp").asLong();
            }
            // Delta makes commit times strictly increasing the same way when it time-travels by timestamp.
            if (previousTimestamp != Long.MIN_VALUE && ts <= previousTimestamp) {
                ts = previousTimestamp + 1;
            }
            if (ci == null) {
                return new Commit(version, Instant.ofEpochMilli(ts), "", "", Map.of(), Map.of(), "", "", "");
            }
            String userMetadata = ci.hasNonNull("userMetadata") ? ci.get("userMetadata").asText() : "";
            String user = CommitMetadata.user(userMetadata);
            if (user == null) {
                user = ci.hasNonNull("userName") ? ci.get("userName").asText() : "";
            }
            return new Commit(version, Instant.ofEpochMilli(ts), user, ci.path("operation").asText(""),
                    strings(ci.get("operationParameters")), strings(ci.get("operationMetrics")), userMetadata,
                    ci.path("engineInfo").asText(""), CommitMetadata.reason(userMetadata));
        }

        private static Map<String, String> strings(JsonNode node) {
            if (node == null || !node.isObject()) {
                return Map.of();
            }
            Map<String, String> out = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                var e = it.next();
                if (!e.getValue().isNull()) {
                    out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
                }
            }
            return Collections.unmodifiableMap(out);
        }
    }

    /** The local file a logged path names (relative paths are URI-encoded against the table folder). */
    static Path localPath(Path dir, String logged) {
        try {
            URI u = new URI(logged);
            if (u.isAbsolute()) {
                return "file".equalsIgnoreCase(u.getScheme()) ? Path.of(u) : null;
            }
            return dir.resolve(u.getPath()).normalize();
        } catch (Exception e) {
            return dir.resolve(logged).normalize();
        }
    }
}
