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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Reads Delta tables through Delta Kernel, without Spark: snapshots cached per (table folder,
 * version), file lists pruned by min/max statistics, deletion vectors and column mapping
 * applied by {@link Scan#transformPhysicalData}. Also keeps LakeLens's term index: for each
 * data file (immutable in Delta, so the entry never goes stale) and string column, the distinct
 * lower-cased values it holds (up to {@link #MAX_VALUES}; a column with more is marked as
 * unknown), which lets a text search skip every file that cannot match, whatever the table's
 * layout. Values of rows a deletion vector removed stay in the index, so it only ever keeps a
 * file too many, never one too few. Thread-safe.
 */
final class KernelReader {
    /** A data file a scan would read. */
    record ScanFile(Row row, String path, long size) {
    }

    /** A planned scan: its files after statistics pruning and what reading them needs. */
    record Planned(Scan scan, Row scanState, StructType physicalSchema, List<ScanFile> files, StructType readSchema) {
    }

    /** Distinct values kept per column and file (or batch): beyond this a column says nothing about a file. */
    static final int MAX_VALUES = 512;

    /**
     * What a read may use to skip files and batches: the string columns whose distinct values
     * it looks at, and whether some row could match given those values (a function from column
     * to its lower-cased values, or null when unknown). {@link #NONE} skips nothing.
     */
    record Pruning(List<String> columns, java.util.function.Predicate<Function<String, Set<String>>> couldMatch) {
        static final Pruning NONE = new Pruning(List.of(), v -> true);

        Pruning {
            columns = List.copyOf(columns);
        }

        boolean active() {
            return !columns.isEmpty();
        }
    }

    /** A column's distinct lower-cased values in a file or batch; {@code values} null when there are too many. */
    private record ValueSet(Set<String> values) {
        static final ValueSet MANY = new ValueSet(null);
    }

    /** Collects one column's distinct values until there are too many. */
    private static final class Collector {
        private Set<String> values = new java.util.HashSet<>();

        void add(ColumnVector v, int row) {
            if (values != null && !v.isNullAt(row)) {
                values.add(v.getString(row).toLowerCase(java.util.Locale.ROOT));
                if (values.size() > MAX_VALUES) {
                    values = null;
                }
            }
        }

        ValueSet done() {
            return values == null ? ValueSet.MANY : new ValueSet(Set.copyOf(values));
        }
    }

    private final Engine engine;
    private final Map<String, Snapshot> snapshots = Collections.synchronizedMap(new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Snapshot> eldest) {
            return size() > 32;
        }
    });
    private final Map<String, Integer> fileCounts = new ConcurrentHashMap<>();
    /** The term index: (column, file path, file size) → the column's distinct values in that file. */
    private final Map<String, ValueSet> terms = new ConcurrentHashMap<>();

    /**
     * @param decodedBudget bytes of decoded files kept in memory (estimated); 0 keeps none
     */
    KernelReader(Engine engine, long decodedBudget) {
        this.engine = engine;
        this.decodedBudget = decodedBudget;
    }

    /** The snapshot at {@code version}; {@code check} runs once when it is first opened, and may refuse it. */
    Snapshot snapshot(Path table, long version, Runnable check) {
        String key = table + "@" + version;
        Snapshot s = snapshots.get(key);
        if (s == null) {
            s = Table.forPath(engine, table.toString()).getSnapshotAsOfVersion(engine, version);
            check.run();
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
     * mapping, which depend on the version and are applied on every read) and, per string
     * column, the distinct values of each batch, computed the first time a text search reads it.
     */
    private static final class Decoded {
        final List<ColumnarBatch> batches;
        final long bytes;
        final Map<String, List<ValueSet>> batchValues = new ConcurrentHashMap<>();

        Decoded(List<ColumnarBatch> batches, long bytes) {
            this.batches = batches;
            this.bytes = bytes;
        }
    }

    /** Decoded files by path, size and physical schema, least recently used first. */
    private final LinkedHashMap<String, Decoded> decoded = new LinkedHashMap<>(64, 0.75f, true);
    private long decodedBytes;
    private long decodedBudget; // guarded by decoded

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

    /** Sets the bound of the decoded-file cache, dropping the least recently used files over it. */
    void decodedBudget(long bytes) {
        synchronized (decoded) {
            decodedBudget = Math.max(0, bytes);
            var it = decoded.values().iterator();
            while (decodedBytes > decodedBudget && it.hasNext()) {
                decodedBytes -= it.next().bytes;
                it.remove();
            }
        }
    }

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
        } catch (RuntimeException e) {
            if (interrupted(e)) {
                throw e;
            }
            // Kernel's Parquet reader names neither the file nor the damage; the read's error names both
            throw new IllegalStateException("Data file " + file.path() + " is corrupt: " + e.getMessage(), e);
        }
        // Parquet expands roughly tenfold once decoded into Java vectors and strings
        Decoded d = new Decoded(List.copyOf(batches), Math.max(1L << 20, file.size() * 12));
        if (keep) {
            synchronized (decoded) {
                if (d.bytes <= decodedBudget && decoded.putIfAbsent(key, d) == null) {
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

    private static boolean interrupted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof java.io.InterruptedIOException
                    || t instanceof java.nio.channels.ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads one file of a planned scan, applying its deletion vector. The file is decoded once
     * and kept (files never change in Delta); when {@code pruning} is active, batches whose
     * distinct values rule every row out are skipped without looking at their rows.
     */
    void read(Planned planned, ScanFile file, Pruning pruning, RowSink sink) {
        read(planned, file, pruning, sink, true, false);
    }

    /**
     * @param keep    keep the decoded file in memory
     * @param deleted also pass rows a deletion vector removed (the index must hold every row the file has)
     */
    private void read(Planned planned, ScanFile file, Pruning pruning, RowSink sink, boolean keep, boolean deleted) {
        try {
            Decoded d = decode(planned, file, keep);
            List<String> cols = pruning.columns();
            int[] idx = cols.stream().mapToInt(c -> planned.readSchema().indexOf(c)).toArray();
            // per column: the batches' values if known, else collectors filling them during this read
            List<List<ValueSet>> known = new ArrayList<>();
            List<List<ValueSet>> computing = new ArrayList<>();
            for (String c : cols) {
                List<ValueSet> k = d.batchValues.get(c);
                known.add(k);
                computing.add(k == null ? new ArrayList<>() : null);
            }
            try (CloseableIterator<FilteredColumnarBatch> logical = Scan.transformPhysicalData(engine, planned.scanState(),
                    file.row(), Utils.toCloseableIterator(d.batches.iterator()))) {
                int n = planned.readSchema().length();
                int batch = 0;
                while (logical.hasNext()) {
                    FilteredColumnarBatch fb = logical.next();
                    int b = batch++;
                    boolean allKnown = pruning.active() && known.stream().allMatch(k -> k != null && b < k.size());
                    if (allKnown && !pruning.couldMatch().test(c -> {
                        int i = cols.indexOf(c);
                        return i < 0 ? null : known.get(i).get(b).values();
                    })) {
                        continue;
                    }
                    ColumnarBatch data = fb.getData();
                    ColumnVector[] vectors = new ColumnVector[n];
                    for (int i = 0; i < n; i++) {
                        vectors[i] = data.getColumnVector(i);
                    }
                    int size = data.getSize();
                    for (int k = 0; k < cols.size(); k++) {
                        if (computing.get(k) != null) {
                            Collector c = new Collector();
                            ColumnVector v = vectors[idx[k]];
                            for (int r = 0; r < size; r++) {
                                c.add(v, r);
                            }
                            computing.get(k).add(c.done());
                        }
                    }
                    Optional<ColumnVector> selection = deleted ? Optional.empty() : fb.getSelectionVector();
                    for (int r = 0; r < size; r++) {
                        if (selection.isPresent() && (selection.get().isNullAt(r) || !selection.get().getBoolean(r))) {
                            continue;
                        }
                        sink.accept(vectors, r);
                    }
                }
            }
            for (int k = 0; k < cols.size(); k++) {
                List<ValueSet> c = computing.get(k);
                if (c != null && c.size() == d.batches.size()) {
                    d.batchValues.putIfAbsent(cols.get(k), List.copyOf(c));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads every row one file holds, deleted ones included, without keeping it decoded (the
     * term index reads only its own columns, and holds for every version the file is part of).
     */
    void readAllRowsOnce(Planned planned, ScanFile file, RowSink sink) {
        read(planned, file, Pruning.NONE, sink, false, true);
    }

    private static String termKey(String column, ScanFile f) {
        return column.length() + ":" + column + "|" + f.path() + "|" + f.size();
    }

    /** Whether every candidate file already has its term index entries (so using them costs no reads). */
    boolean allIndexed(Pruning pruning, List<ScanFile> candidates) {
        for (ScanFile f : candidates) {
            for (String c : pruning.columns()) {
                if (!terms.containsKey(termKey(c, f))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The files of {@code candidates} whose distinct values the pruning accepts. Columns of files
     * not yet indexed are read (only those columns) and indexed.
     */
    List<ScanFile> filesWithTerms(Snapshot snapshot, Pruning pruning, List<ScanFile> candidates) {
        List<String> cols = pruning.columns();
        Planned termScan = null;
        List<ScanFile> keep = new ArrayList<>();
        for (ScanFile f : candidates) {
            if (cols.stream().anyMatch(c -> !terms.containsKey(termKey(c, f)))) {
                if (termScan == null) {
                    termScan = plan(snapshot, io.delta.kernel.expressions.AlwaysTrue.ALWAYS_TRUE, cols);
                }
                List<Collector> found = new ArrayList<>();
                for (int i = 0; i < cols.size(); i++) {
                    found.add(new Collector());
                }
                readAllRowsOnce(termScan, f, (v, r) -> {
                    for (int i = 0; i < found.size(); i++) {
                        found.get(i).add(v[i], r);
                    }
                });
                for (int i = 0; i < cols.size(); i++) {
                    terms.put(termKey(cols.get(i), f), found.get(i).done());
                }
            }
            if (pruning.couldMatch().test(c -> {
                ValueSet v = terms.get(termKey(c, f));
                return v == null ? null : v.values();
            })) {
                keep.add(f);
            }
        }
        return keep;
    }
}
