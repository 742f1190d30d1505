package io.lakelens.ui.search;

import io.lakelens.LakeLensException;
import io.lakelens.analytics.CancelHandle;
import io.lakelens.analytics.ExportFormat;
import io.lakelens.analytics.ResultExport;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import io.lakelens.search.SearchFacets;
import io.lakelens.search.SearchFields;
import io.lakelens.search.SearchRequest;
import io.lakelens.search.SearchResult;
import io.lakelens.search.SearchService;
import io.lakelens.search.StrategyKind;
import io.lakelens.ui.kit.BackgroundTask;
import io.lakelens.ui.kit.LakeState;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.OperationReport;
import io.lakelens.ui.kit.RunningTask;
import io.lakelens.ui.kit.StatusModel;
import io.lakelens.ui.kit.TaskExecutor;
import io.lakelens.ui.kit.UiErrors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.CompletableFuture;

/**
 * The Search tab's state and commands: query, filters, sort, paging and strategy; the last
 * answer and its rows; the last answer of each strategy for the same request. Searches run
 * through the window's {@link SearchService} as background tasks; a new
 * search cancels the one still running. No controls here: the view binds.
 */
public final class SearchViewModel {
    private final SearchService search;
    private final LakeEngine engine;
    private final LakeState lake;
    private final TaskExecutor tasks;
    private final Notifier notifier;
    private final StatusModel status;

    /** market_data's filters, in its tuned order: the other tables show every pick list, then every range. */
    static final List<String> MARKET_FILTERS = List.of(MarketData.SECTOR, MarketData.EXCHANGE, MarketData.TRADE_DATE,
            MarketData.CLOSE, MarketData.VOLUME);

    private final ReadOnlyStringWrapper table = new ReadOnlyStringWrapper(MarketData.NAME);
    private final StringProperty query = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<SearchFields> fields = new ReadOnlyObjectWrapper<>();
    private final ObservableList<FilterField> filterFields = FXCollections.observableArrayList();
    private final ObjectProperty<StrategyKind> strategy = new SimpleObjectProperty<>(StrategyKind.CACHE_FIRST);
    private final IntegerProperty pageSize = new SimpleIntegerProperty(20);
    private final ObjectProperty<SearchRequest.Sort> sort = new SimpleObjectProperty<>(SearchRequest.Sort.DEFAULT);

    private final ReadOnlyObjectWrapper<SearchRequest> request = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<SearchResult> result = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ResultRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper page = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyIntegerWrapper pageCount = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ObservableMap<StrategyKind, SearchResult> comparison = FXCollections.observableMap(new EnumMap<>(StrategyKind.class));
    private final ReadOnlyObjectWrapper<SearchOptions> options = new ReadOnlyObjectWrapper<>(SearchOptions.NONE);
    private final BooleanProperty filtersShown = new SimpleBooleanProperty(true);

    private final BooleanBinding canGoBack;
    private final BooleanBinding canGoForward;
    private RunningTask running;
    /** The request of the answer on screen (not one still being fetched): what "Export all rows…" writes. */
    private SearchRequest answered;
    private RunningTask optionsTask;
    private RunningTask fieldsTask;
    private final List<RunningTask> comparing = new ArrayList<>();
    /** The first page, asked for while the window is being built; the first search takes it over. */
    private final AtomicReference<Prefetch> prefetched = new AtomicReference<>();

    private record Prefetch(SearchRequest request, StrategyKind strategy, CompletionStage<SearchResult> answer) {
    }

    /**
     * @param search the window's search service (its cache and metrics are shared)
     * @param engine the lake, read for the filters' choices
     * @param lake the lake's tables, to pick from
     */
    public SearchViewModel(SearchService search, LakeEngine engine, LakeState lake, TaskExecutor tasks,
                           Notifier notifier, StatusModel status) {
        this.search = search;
        this.engine = engine;
        this.lake = lake;
        this.tasks = tasks;
        this.notifier = notifier;
        this.status = status;
        canGoBack = Bindings.createBooleanBinding(() -> page.get() > 1, page);
        canGoForward = Bindings.createBooleanBinding(() -> page.get() >= 1 && page.get() < pageCount.get(), page, pageCount);
    }

    // ---- inputs ----

    /** The table searched; change it with {@link #useTable}. */
    public ReadOnlyStringProperty tableProperty() {
        return table.getReadOnlyProperty();
    }

    /** The lake's tables, to pick from. */
    public ObservableList<String> tables() {
        return lake.tables();
    }

    public StringProperty queryProperty() {
        return query;
    }

    /** The filters the table's schema offers (pick lists, then ranges); rebuilt when the table changes. */
    public ObservableList<FilterField> filterFields() {
        return filterFields;
    }

    /** The filter on a column, once the table's fields are loaded. */
    public Optional<FilterField> filter(String column) {
        return filterFields.stream().filter(f -> f.column().equals(column)).findFirst();
    }

    /** The table's columns as the search sees them (kinds, searched columns, pick lists); null until loaded. */
    public ReadOnlyObjectProperty<SearchFields> fieldsProperty() {
        return fields.getReadOnlyProperty();
    }

    /** The strategy the next search uses; changing it re-runs the current request (same page) with it. */
    public ObjectProperty<StrategyKind> strategyProperty() {
        return strategy;
    }

    public IntegerProperty pageSizeProperty() {
        return pageSize;
    }

    public ObjectProperty<SearchRequest.Sort> sortProperty() {
        return sort;
    }

    /** Whether the filter panel is open (it starts closed in the compact layout). */
    public BooleanProperty filtersShownProperty() {
        return filtersShown;
    }

    // ---- outputs ----

    /** The request of the answer on screen (or being fetched). */
    public ReadOnlyObjectProperty<SearchRequest> requestProperty() {
        return request.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SearchResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ObservableList<ResultRow> rows() {
        return rows;
    }

    /** {@code Found N results (Page P of X)}, empty before the first answer. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** A remark on the answer: clamped page, fallback from the cache, the hybrid's reason. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** The last failure's one-line message; empty after a success. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty pageProperty() {
        return page.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty pageCountProperty() {
        return pageCount.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public BooleanBinding canGoBackProperty() {
        return canGoBack;
    }

    public BooleanBinding canGoForwardProperty() {
        return canGoForward;
    }

    /** The last answer of each strategy to the request on screen. */
    public ObservableMap<StrategyKind, SearchResult> comparison() {
        return comparison;
    }

    public ReadOnlyObjectProperty<SearchOptions> optionsProperty() {
        return options.getReadOnlyProperty();
    }

    /** Symbols whose ticker or company name starts with {@code text}, at most {@code limit}. */
    public List<Suggestion> suggest(String text, int limit) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return options.get().symbols().stream().filter(s -> s.matches(text)).limit(limit).toList();
    }

    // ---- commands ----

    /** Searches with the current query and filters, from page 1. */
    public CompletableFuture<SearchResult> search() {
        SearchRequest r;
        try {
            r = new SearchRequest(table.get(), query.get(), filters(), sort.get(), 1, pageSize.get(),
                    AsOf.LATEST);
        } catch (LakeLensException e) {
            error.set(e.getMessage());
            notifier.error(e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        return run(r, strategy.get());
    }

    public CompletableFuture<SearchResult> firstPage() {
        return goTo(1);
    }

    public CompletableFuture<SearchResult> previousPage() {
        return goTo(page.get() - 1);
    }

    public CompletableFuture<SearchResult> nextPage() {
        return goTo(page.get() + 1);
    }

    public CompletableFuture<SearchResult> lastPage() {
        return goTo(pageCount.get());
    }

    /** Shows page {@code p} of the current request (nothing happens before a first search). */
    public CompletableFuture<SearchResult> goTo(int p) {
        SearchRequest r = request.get();
        if (r == null || p < 1) {
            return CompletableFuture.completedFuture(result.get());
        }
        return run(r.withPage(p), strategy.get());
    }

    /** Changes the page size, keeping the first visible row on screen. */
    public CompletableFuture<SearchResult> changePageSize(int size) {
        pageSize.set(size);
        SearchRequest r = request.get();
        if (r == null || r.pageSize() == size) {
            return CompletableFuture.completedFuture(result.get());
        }
        SearchRequest shown = result.get() == null ? r : r.withPage(result.get().page());
        return run(shown.withPageSize(size), strategy.get());
    }

    /** Sorts by a column; back to page 1. */
    public CompletableFuture<SearchResult> sortBy(String column, boolean descending) {
        sort.set(new SearchRequest.Sort(column, descending));
        SearchRequest r = request.get();
        if (r == null) {
            return search();
        }
        return run(r.withSort(sort.get()), strategy.get());
    }

    /** Switches strategy and asks again for the same query, filters and page. */
    public CompletableFuture<SearchResult> useStrategy(StrategyKind kind) {
        strategy.set(kind);
        SearchRequest r = request.get();
        if (r == null) {
            return CompletableFuture.completedFuture(null);
        }
        SearchRequest same = result.get() == null ? r : r.withPage(result.get().page());
        return run(same, kind);
    }

    public void clearFilters() {
        filterFields.forEach(FilterField::clear);
    }

    /**
     * Searches another table: its filters come from its schema (loaded in the background), the
     * sort goes back to the table's own order, the query stays. Completes with the first answer.
     */
    public CompletableFuture<SearchResult> useTable(String name) {
        if (name == null || name.isBlank()) {
            return CompletableFuture.completedFuture(result.get());
        }
        boolean changed = !name.equals(table.get());
        table.set(name);
        if (changed) {
            filterFields.clear();
            fields.set(null);
            sort.set(SearchRequest.Sort.DEFAULT);
            options.set(SearchOptions.NONE);
        }
        CompletableFuture<SearchResult> first = search();
        // the filters' choices and the symbols are Spark aggregations: asked for once the first
        // page is in, so a table's rows show before Spark is up
        first.whenComplete((r, e) -> tasks.ui(() -> {
            if (name.equals(table.get())) {
                loadFields();
                if (MarketData.NAME.equals(name)) {
                    loadOptions();
                }
            }
        }));
        return first;
    }

    /**
     * Loads what the table's filters offer (two Spark aggregations; runs in the background).
     * Completes when the filters are shown (or could not be read).
     */
    public CompletableFuture<SearchFields> loadFields() {
        if (fieldsTask != null) {
            fieldsTask.cancel();
        }
        String t = table.get();
        CompletableFuture<SearchFields> done = new CompletableFuture<>();
        fieldsTask = BackgroundTask.fromStage(() -> search.fields(t, AsOf.LATEST))
                .withTitle("Reading the filters of " + t)
                .onSuccess(f -> {
                    if (t.equals(table.get())) {
                        showFields(f);
                    }
                    done.complete(f);
                })
                .onFailure(e -> {
                    notifier.warning("Filters of " + t + ": " + UiErrors.message(e));
                    done.completeExceptionally(e);
                })
                .onCancelled(() -> done.cancel(false))
                .executeWith(tasks);
        return done;
    }

    private void showFields(SearchFields f) {
        Map<String, FilterField> old = new HashMap<>();
        filterFields.forEach(ff -> old.put(ff.column(), ff));
        List<FilterField> fresh = new ArrayList<>();
        List<SearchFields.Field> shown = new ArrayList<>();
        if (MarketData.NAME.equals(f.table())) {
            MARKET_FILTERS.forEach(c -> f.field(c).ifPresent(shown::add));
        } else {
            f.fields().stream().filter(SearchFields.Field::pickList).forEach(shown::add);
            f.fields().stream().filter(x -> x.kind().ranged()).forEach(shown::add);
        }
        for (SearchFields.Field x : shown) {
            if (!x.pickList() && !x.kind().ranged()) {
                continue;
            }
            FilterField ff = new FilterField(x);
            FilterField before = old.get(x.name());
            if (before != null && before.kind() == ff.kind()) {
                ff.choiceProperty().set(before.choiceProperty().get());
                ff.minProperty().set(before.minProperty().get());
                ff.maxProperty().set(before.maxProperty().get());
            }
            fresh.add(ff);
        }
        fields.set(f);
        filterFields.setAll(fresh);
    }

    /**
     * Asks the request on screen through every strategy not compared yet, one after another so
     * their latencies do not disturb each other. Completes when all have answered.
     */
    public CompletableFuture<Void> compareAll() {
        SearchRequest r = request.get();
        if (r == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (StrategyKind k : StrategyKind.values()) {
            chain = chain.thenCompose(v -> comparison.containsKey(k) || !r.equals(request.get())
                    ? CompletableFuture.completedFuture(null)
                    : compareOne(r, k));
        }
        return chain;
    }

    private CompletableFuture<Void> compareOne(SearchRequest r, StrategyKind k) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        tasks.ui(() -> {
            RunningTask t = BackgroundTask.fromStage(() -> search.search(r, k))
                    .onSuccess(answer -> {
                        if (r.equals(request.get())) {
                            comparison.put(k, answer);
                        }
                    })
                    .onFailure(e -> notifier.error(k.displayName() + ": " + UiErrors.message(e)))
                    .onFinished(() -> done.complete(null))
                    .executeWith(tasks);
            comparing.add(t);
        });
        return done;
    }

    /** Loads market_data's symbols for autocomplete (needs Spark; runs in the background). */
    public void loadOptions() {
        if (optionsTask != null) {
            optionsTask.cancel();
        }
        optionsTask = BackgroundTask.fromStage(() -> search.facets().thenApply(SearchOptions::of))
                .onSuccess(options::set)
                .onFailure(e -> options.set(SearchOptions.NONE))
                .executeWith(tasks);
    }

    /**
     * Writes every row of the answer on screen (all its pages, from the table version its page
     * came from, in its order) to {@code folder/fileName}, as a titled background task that shows
     * progress and can be cancelled. Completes with what was written; failures are also notified.
     */
    public CompletableFuture<ResultExport.Exported> exportAll(Path folder, String fileName, ExportFormat format,
                                                              boolean overwrite) {
        SearchRequest r = answered;
        SearchResult shown = result.get();
        if (r == null || shown == null) {
            LakeLensException e = new LakeLensException("Search first: the export writes every row of the search on screen.");
            notifier.error(e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        long version = shown.version();
        long total = shown.totalMatches();
        CompletableFuture<ResultExport.Exported> done = new CompletableFuture<>();
        BackgroundTask.withProgress(ctx -> {
                    CancelHandle handle = new CancelHandle();
                    ctx.onCancel(handle::cancel);
                    ctx.progress(-1, String.format(Locale.ROOT, "Writing %,d row%s of %s v%d", total, total == 1 ? "" : "s",
                            r.table(), version));
                    Path target = ResultExport.target(folder, fileName, format, overwrite, engine.lakeRoot());
                    return ResultExport.write(search.allRows(r, version), target, format, overwrite, handle);
                })
                .withTitle("Export search results to " + format.label())
                .onSuccess(x -> {
                    notifier.success(String.format(Locale.ROOT, "Exported %,d rows to %s", x.rows(), x.file()));
                    done.complete(x);
                })
                .onFailure(e -> {
                    notifier.error(e);
                    done.completeExceptionally(e);
                })
                .onCancelled(() -> done.cancel(false))
                .executeWith(tasks);
        return done;
    }

    /**
     * Asks the search service at once for the page this tab shows first (the first page of the
     * table the lake opens on, {@link LakeState#defaultTable}), while the window is still
     * being built; the tab's first search takes the answer over when it asks for the same page
     * with the same strategy, so the window shows rows sooner. Any other first search ignores it.
     */
    public void prefetchFirstPage() {
        StrategyKind kind = strategy.get();
        int size = pageSize.get();
        BackgroundTask.wrap(() -> {
            List<String> names;
            try {
                names = engine.tableNames();
            } catch (RuntimeException e) {
                return; // no lake yet, or not readable: the tab's own first search says why
            }
            String t = LakeState.defaultTable(names);
            if (t != null) {
                SearchRequest r = new SearchRequest(t, "", SearchRequest.Filters.NONE, SearchRequest.Sort.DEFAULT, 1, size, AsOf.LATEST);
                prefetched.set(new Prefetch(r, kind, search.search(r, kind)));
            }
        }).executeWith(tasks);
    }

    /** The answer to a search: the prefetched first page if this is the first search and the same one. */
    private CompletionStage<SearchResult> answer(SearchRequest r, StrategyKind kind) {
        Prefetch p = prefetched.getAndSet(null);
        return p != null && p.request().equals(r) && p.strategy() == kind ? p.answer() : search.search(r, kind);
    }

    /** Stops what is running (the analyst left the tab). */
    public void cancel() {
        if (running != null) {
            running.cancel();
        }
        comparing.forEach(RunningTask::cancel);
        comparing.clear();
        if (optionsTask != null) {
            optionsTask.cancel();
        }
        if (fieldsTask != null) {
            fieldsTask.cancel();
        }
    }

    public boolean hasAnswer() {
        return result.get() != null;
    }

    private SearchRequest.Filters filters() {
        SearchRequest.Filters f = SearchRequest.Filters.NONE;
        for (FilterField ff : filterFields) {
            Optional<SearchRequest.ColumnFilter> c = ff.filter();
            if (c.isPresent()) {
                f = f.with(c.get());
            }
        }
        return f;
    }

    private CompletableFuture<SearchResult> run(SearchRequest r, StrategyKind kind) {
        if (running != null) {
            running.cancel();
        }
        SearchRequest previous = request.get();
        if (previous == null || !previous.equals(r)) {
            comparing.forEach(RunningTask::cancel);
            comparing.clear();
            comparison.clear();
        }
        request.set(r);
        CompletableFuture<SearchResult> done = new CompletableFuture<>();
        running = BackgroundTask.fromStage(() -> answer(r, kind))
                .onRunning(() -> busy.set(true))
                .onSuccess(answer -> {
                    show(r, answer);
                    done.complete(answer);
                })
                .onFailure(e -> {
                    error.set(UiErrors.message(e));
                    notifier.error(e);
                    done.completeExceptionally(e);
                })
                .onCancelled(() -> done.cancel(false))
                .onFinished(() -> busy.set(false))
                .executeWith(tasks);
        return done;
    }

    private void show(SearchRequest r, SearchResult answer) {
        // A clamped answer is for the last page: the request on screen says so too.
        SearchRequest shown = answer.page() == r.page() ? r : r.withPage(answer.page());
        request.set(shown);
        answered = shown;
        if (!shown.equals(r)) {
            comparison.clear();
        }
        comparison.put(answer.strategy(), answer);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < answer.columns().size(); i++) {
            index.put(answer.columns().get(i), i);
        }
        List<ResultRow> fresh = new ArrayList<>(answer.rows().size());
        for (List<Object> values : answer.rows()) {
            fresh.add(new ResultRow(index, values));
        }
        rows.setAll(fresh);
        page.set(answer.page());
        pageCount.set(answer.pageCount());
        summary.set(answer.summary());
        error.set("");
        notice.set(noticeFor(r, answer));
        result.set(answer);
        OperationReport report = OperationReport.of("Search " + describe(r) + " · page " + answer.page())
                .withLatency(answer.latencyMs()).withStrategy(answer.strategy())
                .withVersion(answer.version());
        status.report(answer.strategy() == StrategyKind.DATABASE_ONLY && !answer.cacheHit()
                ? report : report.withCacheHit(answer.cacheHit()));
    }

    private static String noticeFor(SearchRequest r, SearchResult answer) {
        List<String> parts = new ArrayList<>();
        answer.emptyReason().ifPresent(parts::add);
        String reading = answer.reading().describe();
        if (!reading.isEmpty()) {
            parts.add(Character.toUpperCase(reading.charAt(0)) + reading.substring(1) + ".");
        }
        if (answer.clamped()) {
            parts.add(String.format(Locale.ROOT, "Page %d is past the end; showing the last page, %d.", r.page(), answer.page()));
        }
        if (answer.fallback()) {
            parts.add("Delta did not answer: this is a cached answer from version " + answer.version() + ".");
        }
        answer.reason().filter(s -> !s.isBlank()).ifPresent(parts::add);
        return String.join(" ", parts);
    }

    /** "AAPL", "all market data in Technology", "all of trading_transactions (filtered)" — what the status bar says was searched. */
    static String describe(SearchRequest r) {
        boolean market = MarketData.NAME.equals(r.table());
        String what = r.query().isEmpty() ? (market ? "all market data" : "all of " + r.table())
                : "\"" + abbreviate(r.query()) + "\"" + (market ? "" : " in " + r.table());
        List<String> where = new ArrayList<>();
        boolean narrowed = false;
        for (SearchRequest.ColumnFilter f : r.filters().list()) {
            if (f instanceof SearchRequest.OneOf o) {
                where.addAll(o.values());
            } else {
                narrowed = true;
            }
        }
        return what + (where.isEmpty() ? "" : (market ? " in " : " with ") + String.join(", ", where)) + (narrowed ? " (filtered)" : "");
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 39) + "…" : s;
    }

    /** For the view's per-column formatting: is this column a number the table right-aligns. */
    public boolean isNumeric(String column) {
        SearchFields f = fields.get();
        if (f != null && f.table().equals(table.get())) {
            return f.field(column).map(x -> x.kind() == SearchFields.Kind.NUMBER).orElse(false);
        }
        return MarketData.NAME.equals(table.get()) && NUMERIC.contains(column);
    }

    static final List<String> NUMERIC = List.of(MarketData.OPEN, MarketData.HIGH, MarketData.LOW, MarketData.CLOSE,
            MarketData.VOLUME, MarketData.VWAP, MarketData.MARKET_CAP, MarketData.CHANGE_PCT);

    /** The strategy and page on screen, for screenshots and tests. */
    public Optional<SearchResult> answer() {
        return Optional.ofNullable(result.get());
    }
}
