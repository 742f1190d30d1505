package io.lakelens.search;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads Delta tables through Delta Kernel, without Spark: snapshots cached per (table folder,
 * version), file lists pruned by min/max statistics, deletion vectors and column mapping
 * applied by {@link Scan#transformPhysicalData}. Also keeps LakeLens's term index: for each
 * data file (immutable in Delta, so the entry never goes stale) the distinct (symbol,
 * company, sector, exchange) tuples it holds, which lets a text search skip every file that
 * cannot match, whatever the table's layout. Thread-safe.
 */
final class KernelReader {
    /** A data file a scan would read. */
    record ScanFile(Row row, String path, long size) {
    }

    /** A planned scan: its files after statistics pruning and what reading them needs. */
    record Planned(Scan scan, Row scanState, StructType physicalSchema, List<ScanFile> files, StructType readSchema) {
    }

    private final Engine engine;
    private final Map<String, Snapshot> snapshots = Collections.synchronizedMap(new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Snapshot> eldest) {
            return size() > 32;
        }
    });
    private final Map<String, Integer> fileCounts = new ConcurrentHashMap<>();
    private final Map<String, Set<List<String>>> terms = new ConcurrentHashMap<>();

    /**
     * @param decodedBudget bytes of decoded files kept in memory (estimated); 0 keeps none
     */
    KernelReader(Engine engine, long decodedBudget) {
        this.engine = engine;
        this.decodedBudget = decodedBudget;
    }

    Snapshot snapshot(Path table, long version) {
        String key = table + "@" + version;
        Snapshot s = snapshots.get(key);
        if (s == null) {
            s = Table.forPath(engine, table.toString()).getSnapshotAsOfVersion(engine, version);
            snapshots.put(key, s);
        }
        return s;
    }

    /**
     * Forgets everything kept in memory: snapshots, file counts, the term index and decoded
     * files, so the next read starts from the log and the Parquet files (the bench's cold runs).
     */
    void dropCaches() {
        snapshots.clear();
        fileCounts.clear();
        terms.clear();
        synchronized (decoded) {
            decoded.clear();
            decodedBytes = 0;
        }
    }

    /** The version a table had at an instant (latest commit at or before it). */
    long versionAt(Path table, java.time.Instant instant) {
        Snapshot s = Table.forPath(engine, table.toString()).getSnapshotAsOfTimestamp(engine, instant.toEpochMilli());
        snapshots.put(table + "@" + s.getVersion(), s);
        return s.getVersion();
    }

    /** Plans a scan of the given columns; {@code filter} only prunes files, rows must still be tested. */
    Planned plan(Snapshot snapshot, Predicate filter, List<String> columns) {
        StructType read = readSchema(snapshot.getSchema(), columns);
        Scan scan = snapshot.getScanBuilder().withFilter(filter).withReadSchema(read).build();
        Row state = scan.getScanState(engine);
        List<ScanFile> files = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> it = scan.getScanFiles(engine)) {
            while (it.hasNext()) {
                try (CloseableIterator<Row> rows = it.next().getRows()) {
                    while (rows.hasNext()) {
                        Row r = rows.next();
                        FileStatus fs = InternalScanFileUtils.getAddFileStatus(r);
                        files.add(new ScanFile(r, fs.getPath(), fs.getSize()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Planned(scan, state, ScanStateRow.getPhysicalDataReadSchema(state), files, read);
    }

    /** How many data files a version has (counted once per snapshot). */
    int fileCount(Snapshot snapshot) {
        return fileCounts.computeIfAbsent(snapshot.getPath() + "@" + snapshot.getVersion(), k -> {
            List<String> one = List.of(snapshot.getSchema().at(0).getName());
            return plan(snapshot, io.delta.kernel.expressions.AlwaysTrue.ALWAYS_TRUE, one).files().size();
        });
    }

    private static StructType readSchema(StructType schema, List<String> columns) {
        List<StructField> fields = new ArrayList<>();
        for (String c : columns) {
            fields.add(schema.get(c));
        }
        return new StructType(fields);
    }

    /** Called for every live row of a file (deleted rows are already dropped), with vectors in read-schema order. */
    interface RowSink {
        void accept(ColumnVector[] vectors, int row);
    }

    /**
     * A data file decoded once: its physical batches (before deletion vectors and column
     * mapping, which depend on the version and are applied on every read) and, per batch, the
     * distinct term tuples it holds, computed the first time a text search reads it.
     */
    private static final class Decoded {
        final List<ColumnarBatch> batches;
        final long bytes;
        final Map<String, List<Set<List<String>>>> batchTerms = new ConcurrentHashMap<>();

        Decoded(List<ColumnarBatch> batches, long bytes) {
            this.batches = batches;
            this.bytes = bytes;
        }
    }

    /** Decoded files by path, size and physical schema, least recently used first. */
    private final LinkedHashMap<String, Decoded> decoded = new LinkedHashMap<>(64, 0.75f, true);
    private long decodedBytes;
    private final long decodedBudget;

    /** Whether a file is decoded in memory (for the route choice and the route detail). */
    boolean isDecoded(Planned planned, ScanFile file) {
        synchronized (decoded) {
            return decoded.containsKey(decodedKey(planned, file));
        }
    }

    private static String decodedKey(Planned planned, ScanFile file) {
        return file.path() + "|" + file.size() + "|" + planned.physicalSchema().toJson().hashCode();
    }

    private final java.util.concurrent.atomic.LongAdder decodedHits = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder decodedMisses = new java.util.concurrent.atomic.LongAdder();

    /** What the decoded-file cache holds now, and how often it answered since this reader started. */
    DecodedCache decodedCache() {
        synchronized (decoded) {
            return new DecodedCache(decodedBytes, decodedBudget, decoded.size(), decodedHits.sum(), decodedMisses.sum());
        }
    }

    private Decoded decode(Planned planned, ScanFile file, boolean keep) throws IOException {
        String key = decodedKey(planned, file);
        synchronized (decoded) {
            Decoded d = decoded.get(key);
            if (d != null) {
                decodedHits.increment();
                return d;
            }
        }
        if (keep) {
            decodedMisses.increment();
        }
        List<ColumnarBatch> batches = new ArrayList<>();
        try (CloseableIterator<FileReadResult> physical = engine.getParquetHandler().readParquetFiles(
                Utils.singletonCloseableIterator(FileStatus.of(file.path(), file.size(), 0)),
                planned.physicalSchema(), Optional.empty())) {
            while (physical.hasNext()) {
                batches.add(physical.next().getData());
            }
        }
        // Parquet expands roughly tenfold once decoded into Java vectors and strings
        Decoded d = new Decoded(List.copyOf(batches), Math.max(1L << 20, file.size() * 12));
        if (keep && d.bytes <= decodedBudget) {
            synchronized (decoded) {
                if (decoded.putIfAbsent(key, d) == null) {
                    decodedBytes += d.bytes;
                    var it = decoded.entrySet().iterator();
                    while (decodedBytes > decodedBudget && it.hasNext()) {
                        Decoded eldest = it.next().getValue();
                        if (eldest != d) {
                            decodedBytes -= eldest.bytes;
                            it.remove();
                        }
                    }
                }
            }
        }
        return d;
    }

    /**
     * Reads one file of a planned scan, applying its deletion vector. The file is decoded once
     * and kept (files never change in Delta); when {@code plan} constrains the term columns,
     * batches none of whose term tuples can match are skipped without looking at their rows.
     */
    void read(Planned planned, ScanFile file, SearchPlan plan, RowSink sink) {
        read(planned, file, plan, sink, true);
    }

    private void read(Planned planned, ScanFile file, SearchPlan plan, RowSink sink, boolean keep) {
        try {
            Decoded d = decode(planned, file, keep);
            List<String> termCols = plan != null && plan.usesTerms() ? plan.termColumns() : List.of();
            int[] termIdx = termCols.stream().mapToInt(c -> planned.readSchema().indexOf(c)).toArray();
            String termKey = String.join(",", termCols);
            List<Set<List<String>>> known = termCols.isEmpty() ? null : d.batchTerms.get(termKey);
            List<Set<List<String>>> computing = termCols.isEmpty() || known != null ? null : new ArrayList<>();
            try (CloseableIterator<FilteredColumnarBatch> logical = Scan.transformPhysicalData(engine, planned.scanState(),
                    file.row(), Utils.toCloseableIterator(d.batches.iterator()))) {
                int n = planned.readSchema().length();
                int batch = 0;
                while (logical.hasNext()) {
                    FilteredColumnarBatch fb = logical.next();
                    int b = batch++;
                    if (known != null && b < known.size() && known.get(b).stream().noneMatch(t -> plan.termsMatch(t.toArray(String[]::new)))) {
                        continue;
                    }
                    ColumnarBatch data = fb.getData();
                    ColumnVector[] vectors = new ColumnVector[n];
                    for (int i = 0; i < n; i++) {
                        vectors[i] = data.getColumnVector(i);
                    }
                    int size = data.getSize();
                    if (computing != null) {
                        Set<List<String>> tuples = new java.util.HashSet<>();
                        for (int r = 0; r < size; r++) {
                            String[] t = new String[termIdx.length];
                            for (int k = 0; k < termIdx.length; k++) {
                                ColumnVector v = vectors[termIdx[k]];
                                t[k] = v.isNullAt(r) ? null : v.getString(r);
                            }
                            tuples.add(java.util.Arrays.asList(t));
                        }
                        computing.add(tuples);
                    }
                    Optional<ColumnVector> selection = fb.getSelectionVector();
                    for (int r = 0; r < size; r++) {
                        if (selection.isPresent() && (selection.get().isNullAt(r) || !selection.get().getBoolean(r))) {
                            continue;
                        }
                        sink.accept(vectors, r);
                    }
                }
            }
            if (computing != null && computing.size() == d.batches.size()) {
                d.batchTerms.putIfAbsent(termKey, List.copyOf(computing));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one file once, without keeping it decoded (the term index reads only its own columns). */
    void readOnce(Planned planned, ScanFile file, RowSink sink) {
        read(planned, file, null, sink, false);
    }

    /** Whether every candidate file already has its term index entry (so using it costs no reads). */
    boolean allIndexed(SearchPlan plan, List<ScanFile> candidates) {
        String colKey = String.join(",", plan.termColumns()) + "|";
        for (ScanFile f : candidates) {
            if (!terms.containsKey(colKey + f.path() + "|" + f.size())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The files of {@code candidates} that hold at least one row whose term tuple the plan
     * accepts. Files not yet indexed are read (only their term columns) and indexed.
     */
    List<ScanFile> filesWithTerms(Snapshot snapshot, SearchPlan plan, List<ScanFile> candidates) {
        List<String> cols = plan.termColumns();
        String colKey = String.join(",", cols) + "|";
        Planned termScan = null;
        List<ScanFile> keep = new ArrayList<>();
        for (ScanFile f : candidates) {
            String key = colKey + f.path() + "|" + f.size();
            Set<List<String>> tuples = terms.get(key);
            if (tuples == null) {
                if (termScan == null) {
                    termScan = plan(snapshot, io.delta.kernel.expressions.AlwaysTrue.ALWAYS_TRUE, cols);
                }
                Set<List<String>> found = new LinkedHashSet<>();
                int n = cols.size();
                readOnce(termScan, f, (v, r) -> {
                    String[] t = new String[n];
                    for (int i = 0; i < n; i++) {
                        t[i] = v[i].isNullAt(r) ? null : v[i].getString(r);
                    }
                    found.add(java.util.Arrays.asList(t));
                });
                tuples = Set.copyOf(found.stream().map(l -> (List<String>) new ArrayList<>(l)).toList());
                terms.put(key, tuples);
            }
            for (List<String> t : tuples) {
                if (plan.termsMatch(t.toArray(String[]::new))) {
                    keep.add(f);
                    break;
                }
            }
        }
        return keep;
    }
}
