package io.lakelens.lake;

import io.delta.kernel.Snapshot;
import org.apache.spark.sql.Row;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds {@link TableInfo} from {@code DESCRIBE DETAIL} and the Kernel snapshot. */
final class Catalog {
    private Catalog() {
    }

    static TableInfo describe(LakeEngine engine, String table) {
        Snapshot snap = engine.snapshot(table, AsOf.LATEST);
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
