package io.lakelens.analytics;

import io.lakelens.LakeLensException;
import io.lakelens.lake.AsOf;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The SQL console's service: runs read-only queries (as of any version or time, applied by
 * the engine), explains them, exports their full results, and remembers every query in the
 * user's history. Errors are {@link LakeLensException}s whose message is the short line to
 * show (with the position in the query for SQL errors); the cause holds the details.
 * Thread-safe; the methods block, so call them from a background thread.
 */
public final class SqlConsole {
    /** The rows a console query collects; more are left to an export. */
    public static final int MAX_ROWS = 10_000;

    private final QueryService queries;
    private final ResultExport exports;
    private final ConsoleStore store;
    private final Clock clock;

    public SqlConsole(QueryService queries, ConsoleStore store) {
        this(queries, store, Clock.systemUTC());
    }

    public SqlConsole(QueryService queries, ConsoleStore store, Clock clock) {
        this.queries = queries;
        this.exports = new ResultExport(queries);
        this.store = store;
        this.clock = clock;
    }

    public ConsoleStore store() {
        return store;
    }

    public List<SqlExamples.SqlExample> examples() {
        return SqlExamples.all();
    }

    /**
     * Runs {@code sql} as of {@code asOfText} (as the user typed it) and records it in the
     * history, failed or not (a cancelled query is not recorded).
     */
    public QueryService.QueryResult run(String sql, String asOfText, CancelHandle cancel) {
        long t0 = System.nanoTime();
        String asOfLabel = asOfText == null || asOfText.isBlank() ? "latest" : asOfText.strip();
        try {
            AsOf asOf = io.lakelens.lake.AsOfs.parse(asOfText);
            QueryService.QueryResult r = queries.run(sql, asOf, MAX_ROWS, cancel);
            record(sql, asOfLabel, r.rows().size(), r.elapsedMs(), null);
            return r;
        } catch (QueryCancelledException e) {
            throw e;
        } catch (LakeLensException e) {
            record(sql, asOfLabel, -1, (System.nanoTime() - t0) / 1_000_000, e.getMessage());
            throw e;
        }
    }

    /** The query's plans (parsed, analysed, optimised, physical) without running it. */
    public String explain(String sql, String asOfText) {
        return queries.explain(sql, io.lakelens.lake.AsOfs.parse(asOfText));
    }

    /** Writes every row of the query to {@code folder/fileName}; see {@link ResultExport}. */
    public ResultExport.Exported export(String sql, String asOfText, Path folder, String fileName, ExportFormat format,
                                        boolean overwrite, CancelHandle cancel) {
        return exports.export(sql, io.lakelens.lake.AsOfs.parse(asOfText), folder, fileName, format, overwrite, cancel);
    }

    /** Table → columns, for completion. */
    public Map<String, List<String>> catalogue() {
        return queries.catalogue();
    }

    private void record(String sql, String asOf, long rows, long ms, String error) {
        if (sql == null || sql.isBlank()) {
            return;
        }
        try {
            store.record(new ConsoleStore.HistoryEntry(sql.strip(), asOf, clock.instant(), rows, ms, error));
        } catch (LakeLensException ignored) {
            // an unwritable settings file must not hide the query's own result or error
        }
    }
}
