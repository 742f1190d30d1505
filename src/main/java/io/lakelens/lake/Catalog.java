package io.lakelens.lake;

import io.delta.kernel.Snapshot;
import io.lakelens.LakeLensException;
import io.lakelens.lake.maintenance.TableFiles;
import org.apache.spark.sql.Row;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds {@link TableInfo} from the Delta log with Kernel: files, bytes and partition columns
 * from the version's add actions, rows from their statistics (deletion vectors subtracted), the
 * last commit's time from the snapshot. No SparkSession is needed, so {@code lakelens tables} and
 * {@code describe} answer in a new process without starting Spark. Only a table whose files
 * carry no row statistics, or one Kernel cannot read, is described by Spark
 * ({@code DESCRIBE DETAIL} and a count).
 */
final class Catalog {
    private Catalog() {
    }

    static TableInfo describe(LakeEngine engine, String table) {
        refuseUnreadable(engine, table);
        Snapshot snap = engine.snapshot(table, AsOf.LATEST);
        TableFiles files;
        long modified;
        try {
            files = TableFiles.read(engine, table, new AsOf.Version(snap.getVersion()));
            modified = snap.getTimestamp(engine.kernel());
        } catch (RuntimeException e) { // Kernel refused the table or its files: Spark says why
            return bySpark(engine, table, snap);
        }
        long rows = files.totalRows();
        if (rows < 0) {
            rows = engine.countRows(table, new AsOf.Version(snap.getVersion()));
        }
        return new TableInfo(table, engine.tablePath(table).toString(), snap.getVersion(), rows, files.files().size(),
                files.totalBytes(), files.partitionColumns(), Instant.ofEpochMilli(modified),
                new TreeMap<>(snap.getTableProperties()));
    }

    /**
     * Kernel reads some logs Spark refuses (protocol and metadata from a checksum, a reader
     * feature it skips): a table the lake lists as unreadable is refused here with the same line.
     */
    static void refuseUnreadable(LakeEngine engine, String table) {
        LakeTable state = engine.tableState(table);
        if (!state.readable()) {
            throw new LakeLensException(state.reason());
        }
    }

    private static TableInfo bySpark(LakeEngine engine, String table, Snapshot snap) {
        var delta = engine.deltaTable(table);
        return engine.readAction(table, AsOf.LATEST, () -> {
            Row d = delta.detail().collectAsList().get(0);
            long files = d.getLong(d.fieldIndex("numFiles"));
            long bytes = d.getLong(d.fieldIndex("sizeInBytes"));
            List<String> parts = d.getList(d.fieldIndex("partitionColumns"));
            java.sql.Timestamp modified = d.getTimestamp(d.fieldIndex("lastModified"));
            Map<String, String> props = new TreeMap<>(snap.getTableProperties());
            long rows = delta.toDF().count();
            return new TableInfo(table, engine.tablePath(table).toString(), snap.getVersion(), rows, files, bytes,
                    List.copyOf(parts), modified == null ? Instant.EPOCH : modified.toInstant(), props);
        });
    }
}
