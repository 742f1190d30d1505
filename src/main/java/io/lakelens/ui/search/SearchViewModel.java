package io.lakelens.ui.search;

import io.lakelens.LakeLensException;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.search.SearchRequest;
import io.lakelens.search.SearchResult;
import io.lakelens.search.StrategyKind;
import io.lakelens.ui.kit.BackgroundTask;
import io.lakelens.ui.kit.OperationReport;
import io.lakelens.ui.kit.RunningTask;
import io.lakelens.ui.kit.UiErrors;
import io.lakelens.ui.kit.UiServices;
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

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The Search tab's state and commands: query, filters, sort, paging and strategy; the last
 * answer and its rows; the last answer of each strategy for the same request. Searches run
 * through the window's {@link io.lakelens.search.SearchService} as background tasks; a new
 * search cancels the one still running. No controls here: the view binds.
 */
public final class SearchViewModel {
    private final UiServices services;

    private final StringProperty query = new SimpleStringProperty("");
    private final ObjectProperty<String> sector = new SimpleObjectProperty<>();
    private final ObjectProperty<String> exchange = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final ObjectProperty<Double> minPrice = new SimpleObjectProperty<>();
    private final ObjectProperty<Double> maxPrice = new SimpleObjectProperty<>();
    private final ObjectProperty<Long> minVolume = new SimpleObjectProperty<>();
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
    private RunningTask optionsTask;
    private final List<RunningTask> comparing = new ArrayList<>();

    public SearchViewModel(UiServices services) {
        this.services = services;
        canGoBack = Bindings.createBooleanBinding(() -> page.get() > 1, page);
        canGoForward = Bindings.createBooleanBinding(() -> page.get() >= 1 && page.get() < pageCount.get(), page, pageCount);
    }

    // ---- inputs ----

    public StringProperty queryProperty() {
        return query;
    }

    public ObjectProperty<String> sectorProperty() {
        return sector;
    }

    public ObjectProperty<String> exchangeProperty() {
        return exchange;
    }

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    public ObjectProperty<Double> minPriceProperty() {
        return minPrice;
    }

    public ObjectProperty<Double> maxPriceProperty() {
        return maxPrice;
    }

    public ObjectProperty<Long> minVolumeProperty() {
        return minVolume;
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
            r = new SearchRequest(MarketData.NAME, query.get(), filters(), sort.get(), 1, pageSize.get(),
                    io.lakelens.lake.AsOf.LATEST);
        } catch (LakeLensException e) {
            error.set(e.getMessage());
            services.notifier().error(e.getMessage());
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
        sector.set(null);
        exchange.set(null);
        from.set(null);
        to.set(null);
        minPrice.set(null);
        maxPrice.set(null);
        minVolume.set(null);
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
        services.tasks().ui(() -> {
            RunningTask t = BackgroundTask.fromStage(() -> services.search().search(r, k))
                    .onSuccess(answer -> {
                        if (r.equals(request.get())) {
                            comparison.put(k, answer);
                        }
                    })
                    .onFailure(e -> services.notifier().error(k.displayName() + ": " + UiErrors.message(e)))
                    .onFinished(() -> done.complete(null))
                    .executeWith(services.tasks());
            comparing.add(t);
        });
        return done;
    }

    /** Loads the symbols, sectors and exchanges the filters offer (needs Spark; runs in the background). */
    public void loadOptions() {
        if (optionsTask != null) {
            optionsTask.cancel();
        }
        optionsTask = BackgroundTask.wrap(() -> SearchOptionsReader.read(services.engine()))
                .onSuccess(options::set)
                .onFailure(e -> options.set(SearchOptions.NONE))
                .executeWith(services.tasks());
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
    }

    public boolean hasAnswer() {
        return result.get() != null;
    }

    private SearchRequest.Filters filters() {
        return SearchRequest.Filters.NONE.withSector(sector.get()).withExchange(exchange.get())
                .withDates(from.get(), to.get()).withPrices(minPrice.get(), maxPrice.get())
                .withMinVolume(minVolume.get());
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
        running = BackgroundTask.fromStage(() -> services.search().search(r, kind))
                .onRunning(() -> busy.set(true))
                .onSuccess(answer -> {
                    show(r, answer);
                    done.complete(answer);
                })
                .onFailure(e -> {
                    error.set(UiErrors.message(e));
                    services.notifier().error(e);
                    done.completeExceptionally(e);
                })
                .onCancelled(() -> done.cancel(false))
                .onFinished(() -> busy.set(false))
                .executeWith(services.tasks());
        return done;
    }

    private void show(SearchRequest r, SearchResult answer) {
        // A clamped answer is for the last page: the request on screen says so too.
        SearchRequest shown = answer.page() == r.page() ? r : r.withPage(answer.page());
        request.set(shown);
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
        services.status().report(answer.strategy() == StrategyKind.DATABASE_ONLY && !answer.cacheHit()
                ? report : report.withCacheHit(answer.cacheHit()));
    }

    private static String noticeFor(SearchRequest r, SearchResult answer) {
        List<String> parts = new ArrayList<>();
        if (answer.clamped()) {
            parts.add(String.format(Locale.ROOT, "Page %d is past the end; showing the last page, %d.", r.page(), answer.page()));
        }
        if (answer.fallback()) {
            parts.add("Delta did not answer: this is a cached answer from version " + answer.version() + ".");
        }
        answer.reason().filter(s -> !s.isBlank()).ifPresent(parts::add);
        return String.join(" ", parts);
    }

    /** "AAPL", "all market data in Technology", … — what the status bar says was searched. */
    static String describe(SearchRequest r) {
        String what = r.query().isEmpty() ? "all market data" : "\"" + abbreviate(r.query()) + "\"";
        List<String> where = new ArrayList<>();
        r.filters().sector().ifPresent(where::add);
        r.filters().exchange().ifPresent(where::add);
        boolean narrowed = r.filters().from().isPresent() || r.filters().to().isPresent() || r.filters().minPrice().isPresent()
                || r.filters().maxPrice().isPresent() || r.filters().minVolume().isPresent();
        return what + (where.isEmpty() ? "" : " in " + String.join(", ", where)) + (narrowed ? " (filtered)" : "");
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 39) + "…" : s;
    }

    /** For the view's per-column formatting: is this column a number the table right-aligns. */
    public static boolean isNumeric(String column) {
        return NUMERIC.contains(column);
    }

    static final List<String> NUMERIC = List.of(MarketData.OPEN, MarketData.HIGH, MarketData.LOW, MarketData.CLOSE,
            MarketData.VOLUME, MarketData.VWAP, MarketData.MARKET_CAP, MarketData.CHANGE_PCT);

    /** The strategy and page on screen, for screenshots and tests. */
    public Optional<SearchResult> answer() {
        return Optional.ofNullable(result.get());
    }
}
