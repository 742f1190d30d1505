package io.lakelens.analytics;

import io.lakelens.LakeLensException;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.Errors;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs read-only SQL over the lake's tables, each visible by its name. An as-of applies to
 * every table the query names: the engine reads each at that version or time (the SQL text
 * is never rewritten). Each query runs in its own child session, so the names it sees never
 * leak into another query. Thread-safe.
 */
public final class QueryService {
    private final LakeEngine engine;

    public QueryService(LakeEngine engine) {
        this.engine = engine;
    }

    /** A result: column names and types, rows, and what was read. */
    public record QueryResult(List<String> columns, List<String> types, List<List<Object>> rows, boolean truncated,
                              Map<String, Long> versionsRead, long elapsedMs) {
    }

    /** The DataFrame of a read-only query, with the lake's tables registered at {@code asOf}. */
    public Dataset<Row> dataFrame(String sql, AsOf asOf, Map<String, Long> versionsRead) {
        SparkSession session = engine.spark().newSession();
        SqlGuard.requireRead(session, sql);
        for (String table : engine.tableNames()) {
            if (mentions(sql, table)) {
                Dataset<Row> df = engine.read(session, table, asOf);
                versionsRead.put(table, engine.resolveVersion(table, asOf));
                df.createOrReplaceTempView(table);
            }
        }
        try {
            return session.sql(sql);
        } catch (Exception e) { // AnalysisException is checked but thrown undeclared
            if (e instanceof AnalysisException ae) {
                throw new LakeLensException(SqlErrors.analysis(ae), e);
            }
            throw new LakeLensException("The query cannot run: " + Errors.abbreviate(Errors.rootMessage(e)), e);
        }
    }

    /** Runs a read-only query and collects at most {@code maxRows} rows. */
    public QueryResult run(String sql, AsOf asOf, int maxRows) {
        long t0 = System.nanoTime();
        Map<String, Long> versions = new LinkedHashMap<>();
        Dataset<Row> df = dataFrame(sql, asOf, versions);
        List<Row> collected;
        try {
            collected = df.limit(maxRows + 1).collectAsList();
        } catch (LakeLensException e) {
            throw e;
        } catch (Exception e) {
            String table = versions.isEmpty() ? "the query" : versions.keySet().iterator().next();
            throw Errors.forRead(table, asOf, e);
        }
        List<String> cols = List.of(df.columns());
        List<String> types = new ArrayList<>();
        for (var f : df.schema().fields()) {
            types.add(f.dataType().simpleString());
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(maxRows, collected.size()); i++) {
            Row r = collected.get(i);
            List<Object> values = new ArrayList<>(r.size());
            for (int c = 0; c < r.size(); c++) {
                values.add(r.get(c));
            }
            rows.add(values);
        }
        return new QueryResult(cols, types, rows, collected.size() > maxRows, versions, (System.nanoTime() - t0) / 1_000_000);
    }

    static boolean mentions(String sql, String table) {
        return Pattern.compile("(?i)(?<![A-Za-z0-9_])" + Pattern.quote(table) + "(?![A-Za-z0-9_])").matcher(sql).find();
    }
}
