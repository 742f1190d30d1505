package io.lakelens.analytics;

import io.lakelens.LakeLensException;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.Errors;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.TableName;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs read-only SQL over the lake's tables, each visible by its name: a name that is not a
 * plain identifier is quoted with backticks ({@code `sales/2024/Daily-Prices`}). An as-of
 * applies to every table the query names: the engine reads each at that version or time (the
 * SQL text is never rewritten). With no as-of, the tables are catalogue tables, so the SQL
 * itself may time-travel ({@code market_data VERSION AS OF 3}, {@code TIMESTAMP AS OF '…'}).
 * Each query runs in its own child session, so the names it sees never leak into another
 * query. A table the query does not name is never opened, so a damaged table elsewhere in the
 * lake does not stop it.
 * Thread-safe; the methods block, so call them from a background thread.
 */
public final class QueryService {
    private final LakeEngine engine;

    public QueryService(LakeEngine engine) {
        this.engine = engine;
    }

    public LakeEngine engine() {
        return engine;
    }

    /**
     * A result: column names and types, rows, and what was read.
     *
     * @param rows         at most the {@code maxRows} asked for
     * @param truncated    true when the query had more rows than {@code maxRows}
     * @param versionsRead each lake table the query names → the version read at the as-of
     * @param elapsedMs    wall time from parsing to the last row collected
     */
    public record QueryResult(List<String> columns, List<String> types, List<List<Object>> rows, boolean truncated,
                              Map<String, Long> versionsRead, long elapsedMs) {

        /** Pages of {@code pageSize} rows (at least one page, even when empty). */
        public int pageCount(int pageSize) {
            return Math.max(1, (rows.size() + pageSize - 1) / pageSize);
        }

        /** Rows of the 1-based {@code page}, clamped to the last page. */
        public List<List<Object>> page(int page, int pageSize) {
            if (pageSize < 1) {
                throw new LakeLensException("A page holds at least one row, not " + pageSize + ".");
            }
            int p = Math.min(Math.max(1, page), pageCount(pageSize));
            int from = (p - 1) * pageSize;
            return rows.subList(Math.min(from, rows.size()), Math.min(from + pageSize, rows.size()));
        }
    }

    /** The DataFrame of a read-only query, with the lake's tables registered at {@code asOf}. */
    public Dataset<Row> dataFrame(String sql, AsOf asOf, Map<String, Long> versionsRead) {
        SparkSession session = engine.spark().newSession();
        SqlGuard.requireRead(session, sql);
        List<String> named = mentioned(sql);
        LakeCatalog.use(engine, session);
        for (String table : named) {
            long version = engine.resolveVersion(table, asOf);
            versionsRead.put(table, version);
            if (!(asOf instanceof AsOf.Latest)) {
                // A temporary view shadows the catalogue table: the whole query reads that version.
                engine.read(session, table, new AsOf.Version(version)).createOrReplaceTempView(TableName.quote(table));
            }
        }
        try {
            return session.sql(sql);
        } catch (Exception e) { // AnalysisException is checked but thrown undeclared
            for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) {
                if (c instanceof LakeLensException le) { // the lake catalog's own refusal, e.g. a name leading outside
                    throw new LakeLensException(le.getMessage(), e);
                }
            }
            if (e instanceof AnalysisException ae) {
                String hint = !(asOf instanceof AsOf.Latest) && String.valueOf(ae.getMessage()).contains("TIME_TRAVEL")
                        ? " The as-of (" + asOf + ") already reads every table at that point; use either it or "
                        + "VERSION AS OF in the SQL, not both." : "";
                throw new LakeLensException(SqlErrors.analysis(ae) + hint, e);
            }
            throw new LakeLensException("The query cannot run: " + Errors.abbreviate(Errors.rootMessage(e)), e);
        }
    }

    /** Runs a read-only query and collects at most {@code maxRows} rows. */
    public QueryResult run(String sql, AsOf asOf, int maxRows) {
        return run(sql, asOf, maxRows, new CancelHandle());
    }

    /**
     * Runs a read-only query and collects at most {@code maxRows} rows; its Spark jobs stop
     * when {@code cancel} is cancelled ({@link QueryCancelledException}).
     */
    public QueryResult run(String sql, AsOf asOf, int maxRows, CancelHandle cancel) {
        if (maxRows < 1) {
            throw new LakeLensException("A query returns at least one row, not " + maxRows + ".");
        }
        long t0 = System.nanoTime();
        Map<String, Long> versions = new LinkedHashMap<>();
        Dataset<Row> df = dataFrame(sql, asOf, versions);
        List<Row> collected = cancel.run(engine.spark(), "SQL: " + Errors.abbreviate(sql), () -> {
            try {
                return df.limit(maxRows + 1).collectAsList();
            } catch (LakeLensException e) {
                throw e;
            } catch (Exception e) {
                if (versions.isEmpty()) {
                    throw Errors.forRead("the query", asOf, e);
                }
                String table = versions.keySet().iterator().next();
                throw Errors.forRead(table, asOf, e, engine.tablePath(table));
            }
        });
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

    /**
     * The plans of a query without running it: parsed, analysed, optimised and physical, as
     * Spark's {@code EXPLAIN EXTENDED} prints them.
     */
    public String explain(String sql, AsOf asOf) {
        Dataset<Row> df = dataFrame(sql, asOf, new LinkedHashMap<>());
        try {
            return Plans.extended(df);
        } catch (Exception e) {
            throw new LakeLensException("Cannot explain the query: " + Errors.abbreviate(Errors.rootMessage(e)), e);
        }
    }

    /**
     * The lake's tables a query names, in the order they first appear: identifiers in backticks
     * or plain, and table names in string arguments ({@code table_changes('market_data', 0)}),
     * each checked against the disk (a folder with a {@code _delta_log} under the lake), so no
     * walk of the lake is needed. Names that are not tables are left to SQL to report.
     */
    List<String> mentioned(String sql) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : SqlText.identifiers(sql)) {
            if (!TableName.isValid(id)) {
                continue;
            }
            try {
                Path dir = engine.tablePath(id);
                if (Files.exists(dir.resolve("_delta_log"), LinkOption.NOFOLLOW_LINKS)) {
                    out.add(TableName.of(id).path());
                }
            } catch (LakeLensException e) {
                // a name leading outside the lake: the lake catalog refuses it when SQL resolves it
            }
        }
        return List.copyOf(out);
    }

    /** Tables of the lake → their column names at the latest version, for completion. Reads only the logs. */
    public Map<String, List<String>> catalogue() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String t : engine.tableNames()) {
            try {
                var schema = engine.snapshot(t, AsOf.LATEST).getSchema();
                out.put(t, schema.fields().stream().map(f -> f.getName()).toList());
            } catch (LakeLensException e) { // an unreadable table is still listed, without columns
                out.put(t, List.of());
            }
        }
        return out;
    }

}
