package io.lakelens.analytics;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.SnapshotImpl;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.delta.kernel.internal.deletionvectors.DeletionVectorUtils;
import io.delta.kernel.internal.deletionvectors.RoaringBitmapArray;
import io.delta.kernel.internal.util.ColumnMapping;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.lakelens.LakeLensException;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.Errors;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBStruct;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process columnar engine of the named analyses: an embedded DuckDB database that runs
 * SQL over the Parquet files of one Delta version, as Delta Kernel resolves them. Kernel gives
 * the version's data files, each file's deletion vector and the physical name of every column
 * (column mapping); the engine reads the files by physical name and drops deleted rows by
 * their position in the file ({@code file_row_number}). A table whose features it does not
 * read exactly (partition columns, type widening, other reader features) is refused with
 * {@link Unsupported}, naming the feature, and the caller answers with Spark instead.
 *
 * <p>Resolved versions are kept (a version's files never change in Delta) until
 * {@link #dropCaches()}. Nothing here writes to the lake. Thread-safe: each query runs on its
 * own connection to the shared in-memory database.
 */
final class ColumnarEngine implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ColumnarEngine.class);
    /** Reader features whose effect on the data the engine reproduces (or that do not change it). */
    private static final Set<String> READABLE_FEATURES = Set.of("deletionVectors", "columnMapping", "timestampNtz",
            "v2Checkpoint", "vacuumProtocolCheck", "checkpointProtection");

    /** A table feature or column type the engine does not read exactly; the analysis goes to Spark. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The files of one table version, ready to be read by the engine.
     *
     * @param physical logical column name → its name in the Parquet files
     * @param types    logical column name → its Delta type, as Kernel reports it
     * @param dvTable  the engine table holding the deleted (file, position) pairs, or null when
     *                 no file of the version has a deletion vector
     */
    record Resolved(String table, long version, List<String> files, Map<String, String> physical,
                    Map<String, io.delta.kernel.types.DataType> types, String dvTable, long deletedRows) {
    }

    private final LakeEngine lake;
    private final Map<String, Resolved> resolved = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Resolved> eldest) {
            boolean drop = size() > 64;
            if (drop && eldest.getValue().dvTable() != null) {
                dropTable(eldest.getValue().dvTable());
            }
            return drop;
        }
    });
    private final AtomicLong dvTables = new AtomicLong();
    private final AtomicLong resolutions = new AtomicLong();
    private DuckDBConnection db;

    ColumnarEngine(LakeEngine lake) {
        this.lake = lake;
    }

    /** How many table versions were resolved through Kernel (not answered from memory). */
    long resolutions() {
        return resolutions.get();
    }

    private synchronized DuckDBConnection db() {
        if (db == null) {
            try {
                db = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
                try (var s = db.createStatement()) {
                    int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
                    s.execute("SET threads = " + cores);
                    // the engine is a guest in the JVM's process: bounded, and never spills into the lake
                    s.execute("SET memory_limit = '" + memoryLimitMiB() + "MB'");
                    s.execute("SET preserve_insertion_order = false");
                }
            } catch (SQLException | RuntimeException e) {
                db = null;
                throw new EngineFailure("the in-process analytics engine could not start: " + e.getMessage(), e);
            }
        }
        return db;
    }

    /** Half the memory the JVM leaves outside its heap, between 256 MiB and 2 GiB. */
    private static long memoryLimitMiB() {
        long total = physicalMemoryMiB();
        long heap = Runtime.getRuntime().maxMemory() >> 20;
        long free = Math.max(0, total - heap);
        return Math.max(256, Math.min(2048, free / 2));
    }

    private static long physicalMemoryMiB() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() >> 20;
        }
        return 4096;
    }

    /**
     * The files of {@code table} at {@code version}, with the columns {@code needed} checked:
     * a missing column is the caller's {@link AnalysisInputException}; a table feature the
     * engine cannot read is {@link Unsupported}.
     */
    Resolved resolve(String table, long version, List<String> needed) {
        String key = lake.tablePath(table).toAbsolutePath().normalize() + "@" + version;
        Resolved cached = resolved.get(key);
        if (cached == null) {
            cached = load(table, version);
            resolutions.incrementAndGet();
            resolved.put(key, cached);
        }
        Resolved r = cached;
        List<String> missing = needed.stream().filter(c -> !r.physical().containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new AnalysisInputException("Table " + table + " has no column" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + " at the version read; this analysis needs "
                    + String.join(", ", needed) + ".");
        }
        return r;
    }

    private Resolved load(String table, long version) {
        Snapshot snapshot = lake.snapshot(table, new AsOf.Version(version));
        if (snapshot instanceof SnapshotImpl impl) {
            for (String f : impl.getProtocol().getReaderFeatures()) {
                if (!READABLE_FEATURES.contains(f)) {
                    throw new Unsupported("table feature " + f);
                }
            }
            var mode = ColumnMapping.getColumnMappingMode(impl.getMetadata().getConfiguration());
            if (!impl.getPartitionColumnNames().isEmpty()) {
                throw new Unsupported("partition columns " + String.join(", ", impl.getPartitionColumnNames()));
            }
            Map<String, String> physical = new LinkedHashMap<>();
            Map<String, io.delta.kernel.types.DataType> types = new LinkedHashMap<>();
            StructType schema = snapshot.getSchema();
            for (StructField f : schema.fields()) {
                physical.put(f.getName(), ColumnMapping.isColumnMappingModeEnabled(mode) ? ColumnMapping.getPhysicalName(f) : f.getName());
                types.put(f.getName(), f.getDataType());
            }
            return files(table, version, snapshot, physical, types);
        }
        throw new Unsupported("a snapshot of an unknown kind");
    }

    private Resolved files(String table, long version, Snapshot snapshot, Map<String, String> physical,
                           Map<String, io.delta.kernel.types.DataType> types) {
        var kernel = lake.kernel();
        Scan scan = snapshot.getScanBuilder().build();
        List<String> files = new ArrayList<>();
        List<long[]> deleted = new ArrayList<>();
        String root = ((SnapshotImpl) snapshot).getDataPath().toString();
        long deletedRows = 0;
        try (CloseableIterator<FilteredColumnarBatch> it = scan.getScanFiles(kernel)) {
            while (it.hasNext()) {
                try (CloseableIterator<io.delta.kernel.data.Row> rows = it.next().getRows()) {
                    while (rows.hasNext()) {
                        io.delta.kernel.data.Row row = rows.next();
                        String file = localPath(InternalScanFileUtils.getAddFileStatus(row).getPath());
                        files.add(file);
                        DeletionVectorDescriptor dv = InternalScanFileUtils.getDeletionVectorDescriptorFromRow(row);
                        if (dv != null) {
                            RoaringBitmapArray bitmap = DeletionVectorUtils.loadNewDvAndBitmap(kernel, root, dv)._2;
                            long[] positions = bitmap.toArray();
                            deleted.add(positions);
                            deletedRows += positions.length;
                        } else {
                            deleted.add(null);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LakeLensException | Unsupported e) {
            throw e;
        } catch (RuntimeException e) {
            throw Errors.forRead(table, new AsOf.Version(version), e);
        }
        String dvTable = deletedRows == 0 ? null : storeDeleted(files, deleted);
        return new Resolved(table, version, List.copyOf(files), Map.copyOf(physical), Map.copyOf(types), dvTable, deletedRows);
    }

    /** A file of the log (a Hadoop path or URI) as a local path the engine opens. */
    private static String localPath(String hadoopPath) {
        String p = new org.apache.hadoop.fs.Path(hadoopPath).toUri().getPath();
        if (p == null || p.isEmpty()) {
            throw new Unsupported("data files outside the local file system (" + Errors.abbreviate(hadoopPath) + ")");
        }
        return Path.of(p).toString();
    }

    /** Keeps a version's deleted positions in an engine table the queries anti-join with. */
    private String storeDeleted(List<String> files, List<long[]> deleted) {
        String name = "deleted_" + dvTables.incrementAndGet();
        DuckDBConnection c = db();
        synchronized (this) {
            try (var s = c.createStatement()) {
                s.execute("CREATE TABLE " + name + " (file VARCHAR, pos BIGINT)");
                try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, name)) {
                    for (int i = 0; i < files.size(); i++) {
                        long[] positions = deleted.get(i);
                        if (positions == null) {
                            continue;
                        }
                        for (long pos : positions) {
                            a.beginRow();
                            a.append(files.get(i));
                            a.append(pos);
                            a.endRow();
                        }
                    }
                }
            } catch (SQLException e) {
                throw new EngineFailure("the in-process analytics engine could not load deletion vectors: " + e.getMessage(), e);
            }
        }
        return name;
    }

    private synchronized void dropTable(String name) {
        if (db == null) {
            return;
        }
        try (var s = db.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + name);
        } catch (SQLException e) {
            LOG.debug("dropping {}", name, e);
        }
    }

    /** Forgets every resolved version (the bench's cold runs). */
    void dropCaches() {
        List<Resolved> all;
        synchronized (resolved) {
            all = new ArrayList<>(resolved.values());
            resolved.clear();
        }
        for (Resolved r : all) {
            if (r.dvTable() != null) {
                dropTable(r.dvTable());
            }
        }
    }

    /**
     * Builds one query: SQL text from the analysis's own constants, with every value (file
     * lists, dates, symbols, limits) bound as a numbered parameter.
     */
    static final class Query {
        private final StringBuilder sql = new StringBuilder();
        private final List<Object> params = new ArrayList<>();

        Query sql(String text) {
            sql.append(text);
            return this;
        }

        /** A bound parameter's placeholder. */
        String param(Object value) {
            params.add(value);
            return "$" + params.size();
        }

        /**
         * The rows of a resolved version as a relation of the given logical columns: files read
         * by physical name (columns missing from older files read as NULL), deleted rows dropped.
         */
        String scan(Resolved r, List<String> columns) {
            StringBuilder s = new StringBuilder("(SELECT ");
            for (int i = 0; i < columns.size(); i++) {
                s.append(i == 0 ? "" : ", ").append(ident(r.physical().get(columns.get(i)))).append(" AS ").append(ident(columns.get(i)));
            }
            String files = param(r.files().toArray(String[]::new));
            if (r.files().isEmpty()) {
                s.append(" FROM (SELECT ");
                for (int i = 0; i < columns.size(); i++) {
                    s.append(i == 0 ? "" : ", ").append("NULL AS ").append(ident(r.physical().get(columns.get(i))));
                }
                return s.append(" WHERE FALSE) f)").toString();
            }
            if (r.dvTable() == null) {
                return s.append(" FROM read_parquet(").append(files).append("::VARCHAR[], union_by_name = true) f)").toString();
            }
            for (String c : columns) {
                String p = r.physical().get(c);
                if (p.equalsIgnoreCase("filename") || p.equalsIgnoreCase("file_row_number")) {
                    throw new Unsupported("a column named " + p + " in a table with deletion vectors");
                }
            }
            return s.append(" FROM read_parquet(").append(files)
                    .append("::VARCHAR[], union_by_name = true, filename = true, file_row_number = true) f ANTI JOIN ")
                    .append(r.dvTable()).append(" d ON f.filename = d.file AND f.file_row_number = d.pos)").toString();
        }

        String text() {
            return sql.toString();
        }
    }

    /** A double-quoted SQL identifier. */
    static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * Runs a query, returning rows shaped as Spark's (fields by name, structs as nested rows,
     * dates as {@link java.time.LocalDate}), so an analysis builds its report the same way
     * whichever engine answered. Cancelling {@code cancel} interrupts the query.
     */
    List<Row> collect(Query q, CancelHandle cancel, String what) {
        if (cancel.isCancelled()) {
            throw new QueryCancelledException(what);
        }
        DuckDBConnection c;
        try {
            c = (DuckDBConnection) db().duplicate();
        } catch (SQLException e) {
            throw new EngineFailure("the in-process analytics engine is unavailable: " + e.getMessage(), e);
        }
        try (Connection conn = c; PreparedStatement ps = conn.prepareStatement(q.text())) {
            for (int i = 0; i < q.params.size(); i++) {
                Object v = q.params.get(i);
                ps.setObject(i + 1, v instanceof String[] arr ? conn.createArrayOf("VARCHAR", arr) : v);
            }
            Runnable interrupt = () -> {
                try {
                    ps.cancel();
                } catch (SQLException ignored) {
                    // the query ended meanwhile
                }
            };
            cancel.onCancel(interrupt);
            try (ResultSet rs = ps.executeQuery()) {
                return rows(rs);
            } finally {
                cancel.removeOnCancel(interrupt);
            }
        } catch (SQLException e) {
            if (cancel.isCancelled()) {
                throw new QueryCancelledException(what);
            }
            throw new EngineFailure(what + ": " + Errors.firstLine(String.valueOf(e.getMessage())), e);
        }
    }

    /** The engine failed on a query it accepted; the analysis is answered by Spark instead. */
    static final class EngineFailure extends RuntimeException {
        EngineFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static List<Row> rows(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        org.apache.spark.sql.types.StructField[] fields = new org.apache.spark.sql.types.StructField[n];
        for (int i = 0; i < n; i++) {
            fields[i] = new org.apache.spark.sql.types.StructField(md.getColumnLabel(i + 1), DataTypes.NullType, true, Metadata.empty());
        }
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType(fields);
        List<Row> out = new ArrayList<>();
        while (rs.next()) {
            Object[] values = new Object[n];
            for (int i = 0; i < n; i++) {
                values[i] = value(rs.getObject(i + 1));
            }
            out.add(new GenericRowWithSchema(values, schema));
        }
        return out;
    }

    private static Object value(Object v) throws SQLException {
        return switch (v) {
            case null -> null;
            case BigInteger b -> b.longValueExact();
            case BigDecimal d -> d.doubleValue();
            case DuckDBStruct s -> {
                Map<String, Object> m = s.getMap();
                Object[] values = new Object[m.size()];
                org.apache.spark.sql.types.StructField[] fields = new org.apache.spark.sql.types.StructField[m.size()];
                int i = 0;
                for (var e : m.entrySet()) {
                    values[i] = value(e.getValue());
                    fields[i++] = new org.apache.spark.sql.types.StructField(e.getKey(), DataTypes.NullType, true, Metadata.empty());
                }
                yield new GenericRowWithSchema(values, new org.apache.spark.sql.types.StructType(fields));
            }
            default -> v;
        };
    }

    @Override
    public synchronized void close() {
        resolved.clear();
        if (db != null) {
            try {
                db.close();
            } catch (SQLException ignored) {
                // closing is best effort
            }
            db = null;
        }
    }
}
