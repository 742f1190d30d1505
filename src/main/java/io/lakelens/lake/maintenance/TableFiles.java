package io.lakelens.lake.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data files of one table version, read from the Delta log with the Kernel (no Spark job).
 *
 * @param partitionColumns  partition columns in table order
 * @param properties        the table's properties as stored in its metadata
 * @param clusteringColumns liquid-clustering columns, empty when the table is not clustered
 */
public record TableFiles(String table, long version, List<String> partitionColumns,
                         Map<String, String> properties, List<String> clusteringColumns, List<DataFile> files) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public long totalBytes() {
        return files.stream().mapToLong(DataFile::sizeBytes).sum();
    }

    /** Rows from the files' statistics (deletion vectors subtracted), or -1 when any file lacks them. */
    public long totalRows() {
        long n = 0;
        for (DataFile f : files) {
            if (f.records() < 0) {
                return -1;
            }
            n += f.records() - f.deletedRows();
        }
        return n;
    }

    /** Files grouped by partition key, keys sorted. */
    public Map<String, List<DataFile>> byPartition() {
        Map<String, List<DataFile>> m = new TreeMap<>();
        for (DataFile f : files) {
            m.computeIfAbsent(f.partitionKey(), k -> new ArrayList<>()).add(f);
        }
        return m;
    }

    /** Reads the files of {@code table} at {@code asOf}. Read-only; safe from any thread. */
    public static TableFiles read(LakeEngine engine, String table, AsOf asOf) {
        Snapshot snap = engine.snapshot(table, asOf);
        return read(engine, table, snap, null);
    }

    /**
     * The files a reader with {@code filter} would still have to open after data skipping, for
     * showing how selective a search is before and after OPTIMIZE.
     */
    public static TableFiles readSkipping(LakeEngine engine, String table, long version, Predicate filter) {
        Snapshot snap = engine.snapshot(table, new AsOf.Version(version));
        return read(engine, table, snap, filter);
    }

    private static TableFiles read(LakeEngine engine, String table, Snapshot snap, Predicate filter) {
        String root = tableRoot(snap.getPath());
        List<DataFile> files = new ArrayList<>();
        try {
            var builder = snap.getScanBuilder();
            if (filter != null) {
                builder = builder.withFilter(filter);
            }
            Scan scan = builder.build();
            try (CloseableIterator<FilteredColumnarBatch> it = scan.getScanFiles(engine.kernel(), true)) {
                while (it.hasNext()) {
                    try (CloseableIterator<Row> rows = it.next().getRows()) {
                        while (rows.hasNext()) {
                            files.add(toFile(rows.next(), root));
                        }
                    }
                }
            }
        } catch (Exception e) {
            throw engine.readError(table, new AsOf.Version(snap.getVersion()), e);
        }
        files.sort((a, b) -> a.path().compareTo(b.path()));
        return new TableFiles(table, snap.getVersion(), List.copyOf(snap.getPartitionColumnNames()),
                Collections.unmodifiableMap(new TreeMap<>(snap.getTableProperties())), clustering(snap), List.copyOf(files));
    }

    private static DataFile toFile(Row scanRow, String root) {
        Row add = scanRow.getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL);
        StructType s = add.getSchema();
        String path = relative(add.getString(s.indexOf("path")), root);
        long size = add.getLong(s.indexOf("size"));
        long mtime = add.getLong(s.indexOf("modificationTime"));
        Map<String, String> partition = new LinkedHashMap<>(InternalScanFileUtils.getPartitionValues(scanRow));
        long deleted = 0;
        String dvPath = null;
        int dvIndex = s.indexOf("deletionVector");
        if (dvIndex >= 0 && !add.isNullAt(dvIndex)) {
            DeletionVectorDescriptor dv = DeletionVectorDescriptor.fromRow(add.getStruct(dvIndex));
            deleted = dv.getCardinality();
            if (dv.isOnDisk()) {
                dvPath = relative(dv.getAbsolutePath(root), root);
            }
        }
        int statsIndex = s.indexOf("stats");
        long records = statsIndex >= 0 && !add.isNullAt(statsIndex) ? numRecords(add.getString(statsIndex)) : -1;
        return new DataFile(path, size, records, Collections.unmodifiableMap(partition), deleted, dvPath, mtime);
    }

    private static List<String> clustering(Snapshot snap) {
        try {
            var domain = snap.getDomainMetadata("delta.clustering");
            if (domain.isEmpty()) {
                return List.of();
            }
            List<String> cols = new ArrayList<>();
            JSON.readTree(domain.get()).path("clusteringColumns").forEach(path -> {
                List<String> parts = new ArrayList<>();
                path.forEach(p -> parts.add(p.asText()));
                cols.add(String.join(".", parts));
            });
            return List.copyOf(cols);
        } catch (Exception e) { // an unreadable domain only hides the clustering columns
            return List.of();
        }
    }

    static long numRecords(String statsJson) {
        if (statsJson == null || statsJson.isBlank()) {
            return -1;
        }
        try {
            JsonNode n = JSON.readTree(statsJson).get("numRecords");
            return n == null || !n.canConvertToLong() ? -1 : n.asLong();
        } catch (Exception e) {
            return -1;
        }
    }

    /** The table folder as a URI string ending in '/', for resolving the log's relative paths. */
    static String tableRoot(String snapshotPath) {
        String p;
        if (snapshotPath.startsWith("file:")) {
            // Kernel gives local paths as "file:/a b/c", not URI-encoded: encode through the file system
            p = Path.of(snapshotPath.substring("file:".length()).replaceFirst("^/+", "/")).toUri().toString();
        } else {
            p = snapshotPath.contains(":") ? snapshotPath : Path.of(snapshotPath).toUri().toString();
        }
        return p.endsWith("/") ? p : p + "/";
    }

    /**
     * A path from the log (relative and URL-encoded, or an absolute URI) as a decoded path
     * relative to the table folder; absolute paths outside the folder stay absolute.
     */
    static String relative(String logPath, String root) {
        URI rootUri = URI.create(root);
        URI u = logPath.contains(":") ? URI.create(logPath) : rootUri.resolve(URI.create(logPath));
        String abs = u.getPath();
        String base = rootUri.getPath();
        return abs.startsWith(base) ? abs.substring(base.length()) : abs;
    }
}
