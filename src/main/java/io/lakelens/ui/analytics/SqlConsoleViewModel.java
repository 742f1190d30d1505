package io.lakelens.ui.analytics;

import io.lakelens.LakeLensException;
import io.lakelens.analytics.CancelHandle;
import io.lakelens.analytics.ConsoleStore;
import io.lakelens.analytics.ExportFormat;
import io.lakelens.analytics.QueryService;
import io.lakelens.analytics.ResultExport;
import io.lakelens.analytics.SqlConsole;
import io.lakelens.analytics.SqlExamples;
import io.lakelens.analytics.SqlText;
import io.lakelens.ui.kit.BackgroundTask;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.OperationReport;
import io.lakelens.ui.kit.RunningTask;
import io.lakelens.ui.kit.StatusModel;
import io.lakelens.ui.kit.TaskExecutor;
import io.lakelens.ui.kit.UiErrors;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * State and commands of the SQL console: the query text and its as-of, the result shown page
 * by page, the plan, the error (short line plus details), history, saved queries, the seed's
 * examples and completion from the catalogue. Queries run on the task executor, one at a time.
 */
public final class SqlConsoleViewModel {
    /** The pager's choices: the grids' page sizes (Preferences offers these), and larger ones for query results. */
    public static final List<Integer> PAGE_SIZES = List.of(10, 20, 25, 50, 100, 500);

    private final SqlConsole console;
    private final TaskExecutor tasks;
    private final StatusModel status;
    private final Notifier notifier;

    private final StringProperty sql = new SimpleStringProperty(SqlExamples.VERSION_AS_OF_SECTOR.sql());
    private final StringProperty asOf = new SimpleStringProperty("latest");
    private final IntegerProperty pageSize = new SimpleIntegerProperty(50);
    private final ReadOnlyIntegerWrapper page = new ReadOnlyIntegerWrapper(1);
    private final ReadOnlyIntegerWrapper pageCount = new ReadOnlyIntegerWrapper(1);
    private final ReadOnlyObjectWrapper<QueryService.QueryResult> result = new ReadOnlyObjectWrapper<>();
    private final ObservableList<List<Object>> pageRows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper plan = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper errorDetails = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<ConsoleStore.HistoryEntry> history = FXCollections.observableArrayList();
    private final ObservableList<ConsoleStore.SavedQuery> saved = FXCollections.observableArrayList();
    private final ObservableList<SqlExamples.SqlExample> examples = FXCollections.observableArrayList(SqlExamples.all());
    private volatile Map<String, List<String>> catalogue = Map.of();
    private RunningTask current;

    public SqlConsoleViewModel(SqlConsole console, TaskExecutor tasks, StatusModel status, Notifier notifier) {
        this.console = console;
        this.tasks = tasks;
        this.status = status;
        this.notifier = notifier;
        // keep the first row on screen visible, as the search pager does
        pageSize.addListener((o, a, b) -> showPage((page.get() - 1) * Math.max(1, a.intValue()) / Math.max(1, b.intValue()) + 1));
    }

    /**
     * Pages by {@code preferred} (the Preferences' page size) now and each time it changes,
     * keeping the first row on screen visible; the pager can still choose another size meanwhile.
     */
    public void followPageSize(javafx.beans.value.ObservableIntegerValue preferred) {
        usePageSize(preferred.get());
        preferred.addListener((o, a, b) -> usePageSize(b.intValue()));
    }

    private void usePageSize(int rows) {
        if (rows > 0) {
            pageSize.set(rows);
        }
    }

    public StringProperty sqlProperty() {
        return sql;
    }

    public StringProperty asOfProperty() {
        return asOf;
    }

    public IntegerProperty pageSizeProperty() {
        return pageSize;
    }

    public ReadOnlyIntegerProperty pageProperty() {
        return page.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty pageCountProperty() {
        return pageCount.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<QueryService.QueryResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The rows of the page shown. */
    public ObservableList<List<Object>> pageRows() {
        return pageRows;
    }

    /** E.g. {@code 20 rows · 231 ms · market_data v1}. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty planProperty() {
        return plan.getReadOnlyProperty();
    }

    /** The short message of the last failure (with the position in the query), empty if none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Everything the engine said about the last failure, for the expandable details. */
    public ReadOnlyStringProperty errorDetailsProperty() {
        return errorDetails.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Past queries, newest first. */
    public ObservableList<ConsoleStore.HistoryEntry> history() {
        return history;
    }

    public ObservableList<ConsoleStore.SavedQuery> saved() {
        return saved;
    }

    public ObservableList<SqlExamples.SqlExample> examples() {
        return examples;
    }

    /** Reads history, saved queries and the catalogue (table and column names) in the background. */
    public CompletableFuture<Void> load() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        BackgroundTask.wrap(() -> {
                    catalogue = console.catalogue();
                    return new Object[]{console.store().history(), console.store().saved()};
                })
                .onSuccess(lists -> {
                    @SuppressWarnings("unchecked") List<ConsoleStore.HistoryEntry> h = (List<ConsoleStore.HistoryEntry>) lists[0];
                    @SuppressWarnings("unchecked") List<ConsoleStore.SavedQuery> s = (List<ConsoleStore.SavedQuery>) lists[1];
                    history.setAll(h);
                    saved.setAll(s);
                    done.complete(null);
                })
                .onFailure(e -> {
                    notifier.error(e);
                    done.completeExceptionally(e);
                })
                .executeWith(tasks);
        return done;
    }

    /** Runs the query; the stage completes once its result or error is shown. */
    public CompletableFuture<QueryService.QueryResult> run() {
        CompletableFuture<QueryService.QueryResult> shown = new CompletableFuture<>();
        String text = sql.get();
        String at = asOf.get();
        cancel();
        current = BackgroundTask.withProgress(ctx -> {
                    CancelHandle handle = new CancelHandle();
                    ctx.onCancel(handle::cancel);
                    return console.run(text, at, handle);
                })
                .withTitle("SQL query")
                .onRunning(() -> {
                    running.set(true);
                    clearError();
                })
                .onSuccess(r -> {
                    result.set(r);
                    plan.set("");
                    showPage(1);
                    summary.set(String.format(Locale.ROOT, "%,d row%s%s · %,d ms%s", r.rows().size(),
                            r.rows().size() == 1 ? "" : "s",
                            r.truncated() ? " (first " + SqlConsole.MAX_ROWS + "; export for all)" : "", r.elapsedMs(),
                            r.versionsRead().isEmpty() ? "" : " · " + versions(r.versionsRead())));
                    OperationReport report = OperationReport.of("SQL query").withLatency(r.elapsedMs()).withCacheHit(false);
                    status.report(r.versionsRead().size() == 1
                            ? report.withVersion(r.versionsRead().values().iterator().next()) : report);
                    shown.complete(r);
                })
                .onFailure(e -> {
                    showError(e);
                    shown.completeExceptionally(e);
                })
                .onCancelled(() -> {
                    summary.set("Cancelled");
                    shown.cancel(false);
                })
                .onFinished(() -> {
                    running.set(false);
                    refreshHistory();
                })
                .executeWith(tasks);
        return shown;
    }

    /** Cancels the running query (its Spark jobs stop). */
    public void cancel() {
        if (current != null && !current.isDone()) {
            current.cancel();
        }
    }

    /** Shows the query's plans without running it. */
    public CompletableFuture<String> explain() {
        CompletableFuture<String> shown = new CompletableFuture<>();
        String text = sql.get();
        String at = asOf.get();
        BackgroundTask.wrap(() -> console.explain(text, at))
                .onRunning(this::clearError)
                .onSuccess(p -> {
                    plan.set(p);
                    shown.complete(p);
                })
                .onFailure(e -> {
                    showError(e);
                    shown.completeExceptionally(e);
                })
                .executeWith(tasks);
        return shown;
    }

    /** Exports every row of the current query to {@code folder/fileName}. */
    public CompletableFuture<ResultExport.Exported> export(Path folder, String fileName, ExportFormat format, boolean overwrite) {
        CompletableFuture<ResultExport.Exported> done = new CompletableFuture<>();
        String text = sql.get();
        String at = asOf.get();
        BackgroundTask.withProgress(ctx -> {
                    CancelHandle handle = new CancelHandle();
                    ctx.onCancel(handle::cancel);
                    return console.export(text, at, folder, fileName, format, overwrite, handle);
                })
                .withTitle("Export to " + format.label())
                .onSuccess(x -> {
                    notifier.success(String.format(Locale.ROOT, "Exported %,d rows to %s", x.rows(), x.file()));
                    done.complete(x);
                })
                .onFailure(e -> {
                    notifier.error(e);
                    done.completeExceptionally(e);
                })
                .executeWith(tasks);
        return done;
    }

    public void firstPage() {
        showPage(1);
    }

    public void previousPage() {
        showPage(page.get() - 1);
    }

    public void nextPage() {
        showPage(page.get() + 1);
    }

    public void lastPage() {
        showPage(pageCount.get());
    }

    private void showPage(int p) {
        QueryService.QueryResult r = result.get();
        if (r == null) {
            pageRows.clear();
            page.set(1);
            pageCount.set(1);
            return;
        }
        int size = Math.max(1, pageSize.get());
        pageCount.set(r.pageCount(size));
        int clamped = Math.min(Math.max(1, p), pageCount.get());
        page.set(clamped);
        pageRows.setAll(r.page(clamped, size));
    }

    /** Puts a past query back in the editor. */
    public void load(ConsoleStore.HistoryEntry entry) {
        sql.set(entry.sql());
        asOf.set(entry.asOf());
    }

    public void load(ConsoleStore.SavedQuery query) {
        sql.set(query.sql());
        asOf.set(query.asOf());
    }

    /** Puts an example in the editor; one that time-travels in its SQL puts the as-of back to latest. */
    public void load(SqlExamples.SqlExample example) {
        sql.set(example.sql());
        if (!example.asOfSelector()) {
            asOf.set("latest");
        }
    }

    /** Saves the editor's query under {@code name}. */
    public void save(String name) {
        try {
            ConsoleStore.SavedQuery q = console.store().save(name, sql.get(), asOf.get());
            saved.setAll(console.store().saved());
            notifier.success("Saved query '" + q.name() + "'");
        } catch (LakeLensException e) {
            notifier.error(e.getMessage());
        }
    }

    public void delete(ConsoleStore.SavedQuery query) {
        console.store().delete(query.name());
        saved.setAll(console.store().saved());
    }

    /** Completions for the word ending at {@code caret}: tables, columns, keywords. */
    public List<String> complete(String text, int caret) {
        return SqlText.complete(text, caret, catalogue, 12);
    }

    private void refreshHistory() {
        history.setAll(console.store().history());
    }

    private void clearError() {
        error.set("");
        errorDetails.set("");
    }

    private void showError(Throwable e) {
        error.set(UiErrors.message(e));
        StringBuilder details = new StringBuilder();
        for (Throwable c = e; c != null && details.length() < 20_000; c = c.getCause()) {
            details.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append("\n\n");
            if (c.getCause() == c) {
                break;
            }
        }
        errorDetails.set(details.toString().strip());
    }

    private static String versions(Map<String, Long> v) {
        return v.entrySet().stream().map(e -> e.getKey() + " v" + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("");
    }
}
