package io.lakelens.lake;

import io.lakelens.LakeLensException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A table's commits, newest first. Read from the transaction log's commitInfo actions
 * ({@link TableLog}, no SparkSession), as {@code DESCRIBE HISTORY} reports them: the same
 * versions, times (made strictly increasing the way Delta does), operations, parameters,
 * metrics and user metadata. A log {@link TableLog} cannot read is read by Spark's
 * {@code DESCRIBE HISTORY}.
 */
final class History {
    private History() {
    }

    static List<Commit> read(LakeEngine engine, String table, int limit) {
        engine.requireTable(table);
        // the log is read commit by commit, so damage elsewhere leaves history readable; a
        // protocol this Delta cannot read refuses it as Spark would
        LakeTable state = engine.tableState(table);
        if (state.problem() == LakeTable.Problem.NEWER_PROTOCOL) {
            throw new LakeLensException(state.reason());
        }
        List<Commit> commits;
        try {
            commits = TableLog.read(engine, table).entries().stream().map(TableLog.Entry::commit).toList();
        } catch (RuntimeException e) {
            return bySpark(engine, table, limit);
        }
        List<Commit> out = new ArrayList<>(commits);
        Collections.reverse(out);
        return limit > 0 && out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    private static List<Commit> bySpark(LakeEngine engine, String table, int limit) {
        var delta = engine.deltaTable(table);
        return engine.readAction(table, AsOf.LATEST, () -> {
            Dataset<Row> h = limit > 0 ? delta.history(limit) : delta.history();
            List<Commit> out = new ArrayList<>();
            for (Row r : h.collectAsList()) {
                out.add(toCommit(r));
            }
            out.sort((a, b) -> Long.compare(b.version(), a.version()));
            return out;
        });
    }

    static Commit toCommit(Row r) {
        long version = r.getLong(r.fieldIndex("version"));
        java.sql.Timestamp ts = r.getTimestamp(r.fieldIndex("timestamp"));
        String userName = str(r, "userName");
        String operation = str(r, "operation");
        Map<String, String> params = map(r, "operationParameters");
        Map<String, String> metrics = map(r, "operationMetrics");
        String userMetadata = str(r, "userMetadata");
        String engineInfo = str(r, "engineInfo");
        String user = CommitMetadata.user(userMetadata);
        if (user == null) {
            user = userName == null ? "" : userName;
        }
        return new Commit(version, ts == null ? Instant.EPOCH : ts.toInstant(), user, operation == null ? "" : operation,
                params, metrics, userMetadata == null ? "" : userMetadata, engineInfo == null ? "" : engineInfo,
                CommitMetadata.reason(userMetadata));
    }

    private static String str(Row r, String field) {
        int i;
        try {
            i = r.fieldIndex(field);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return r.isNullAt(i) ? null : String.valueOf(r.get(i));
    }

    private static Map<String, String> map(Row r, String field) {
        int i;
        try {
            i = r.fieldIndex(field);
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
        if (r.isNullAt(i)) {
            return Map.of();
        }
        Map<String, String> javaMap = r.getJavaMap(i);
        return Collections.unmodifiableMap(new TreeMap<>(new LinkedHashMap<>(javaMap)));
    }
}
