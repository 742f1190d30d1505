package io.lakelens.ui.timetravel;

import io.lakelens.LakeLensException;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.AsOfs;
import io.lakelens.lake.BrowsePage;
import io.lakelens.lake.BrowseRequest;
import io.lakelens.lake.TimeTravel;
import io.lakelens.search.SearchRequest;
import io.lakelens.search.SearchResult;
import io.lakelens.search.SearchService;
import io.lakelens.search.StrategyKind;
import io.lakelens.ui.kit.BackgroundTask;
import io.lakelens.ui.kit.OperationReport;
import io.lakelens.ui.kit.RunningTask;
import io.lakelens.ui.kit.StatusModel;
import io.lakelens.ui.kit.TaskExecutor;
import io.lakelens.ui.kit.UiErrors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/** The browse section: the table as of a version or time, filtered, sorted and paged, or searched as of it. */
public final class BrowseViewModel {
    /** Rows per browse page. */
    static final int PAGE_ROWS = 50;

    private final TimeTravel timeTravel;
    private final SearchService search;
    private final ObservableStringValue table;
    private final TaskExecutor tasks;
    private final StatusModel status;
    private final StringProperty error;

    private final StringProperty asOfText = new SimpleStringProperty("latest");
    private final ObjectProperty<String> filterColumn = new SimpleObjectProperty<>();
    private final ObjectProperty<BrowseRequest.FilterOp> filterOp = new SimpleObjectProperty<>(BrowseRequest.FilterOp.EQUALS);
    private final StringProperty filterValue = new SimpleStringProperty("");
    private final ObjectProperty<String> sortColumn = new SimpleObjectProperty<>();
    private final BooleanProperty sortAscending = new SimpleBooleanProperty(true);
    private final ReadOnlyObjectWrapper<BrowsePage> page = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper browsing = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<String> columns = FXCollections.observableArrayList();
    private final StringProperty searchText = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper("");
    private BrowseRequest lastRequest;
    private SearchRequest lastSearch;
    private RunningTask browseTask;

    /**
     * @param search the window's search service, for searching as of a version; null leaves it out
     * @param error  the tab's error line
     */
    BrowseViewModel(TimeTravel timeTravel, SearchService search, ObservableStringValue table, TaskExecutor tasks,
                    StatusModel status, StringProperty error) {
        this.timeTravel = timeTravel;
        this.search = search;
        this.table = table;
        this.tasks = tasks;
        this.status = status;
        this.error = error;
    }

    /** What to browse: {@code latest}, a version or a date-time. */
    public StringProperty asOfTextProperty() {
        return asOfText;
    }

    public ObjectProperty<String> filterColumnProperty() {
        return filterColumn;
    }

    public ObjectProperty<BrowseRequest.FilterOp> filterOpProperty() {
        return filterOp;
    }

    public StringProperty filterValueProperty() {
        return filterValue;
    }

    public ObjectProperty<String> sortColumnProperty() {
        return sortColumn;
    }

    public BooleanProperty sortAscendingProperty() {
        return sortAscending;
    }

    public ReadOnlyObjectProperty<BrowsePage> pageProperty() {
        return page.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty browsingProperty() {
        return browsing.getReadOnlyProperty();
    }

    /** Free text for the Search tab's search, run as of the browse version. */
    public StringProperty searchTextProperty() {
        return searchText;
    }

    public boolean canSearch() {
        return search != null;
    }

    /** Where the shown page came from: a browse, or a Database-only search and its summary. */
    public ReadOnlyStringProperty sourceProperty() {
        return source.getReadOnlyProperty();
    }

    /** Columns of the last page read, for the filter and sort pickers. */
    public ObservableList<String> columns() {
        return columns;
    }

    /** The request the browse controls describe (page 1). */
    public BrowseRequest browseRequest() {
        List<BrowseRequest.ColumnFilter> filters = new ArrayList<>();
        BrowseRequest.FilterOp op = filterOp.get() == null ? BrowseRequest.FilterOp.EQUALS : filterOp.get();
        if (filterColumn.get() != null && !filterColumn.get().isBlank()
                && (!op.needsValue() || (filterValue.get() != null && !filterValue.get().isEmpty()))) {
            filters.add(new BrowseRequest.ColumnFilter(filterColumn.get(), op, filterValue.get()));
        }
        List<BrowseRequest.SortKey> sort = sortColumn.get() == null || sortColumn.get().isBlank() ? List.of()
                : List.of(new BrowseRequest.SortKey(sortColumn.get(), sortAscending.get()));
        return new BrowseRequest(table.get(), AsOfs.parse(asOfText.get()), filters, sort, 1, PAGE_ROWS);
    }

    /** Reads page 1 of the table as of the browse controls. */
    public CompletableFuture<BrowsePage> browse() {
        try {
            return browse(browseRequest());
        } catch (LakeLensException e) {
            error.set(e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
    }

    public CompletableFuture<BrowsePage> nextPage() {
        return turn(+1);
    }

    public CompletableFuture<BrowsePage> previousPage() {
        return turn(-1);
    }

    private CompletableFuture<BrowsePage> turn(int delta) {
        BrowsePage p = page.get();
        if (p == null || (lastRequest == null && lastSearch == null)) {
            return browse();
        }
        int target = Math.max(1, Math.min(p.pageCount(), p.page() + delta));
        return lastSearch != null ? search(lastSearch.withPage(target)) : browse(lastRequest.withPage(target));
    }

    /**
     * Runs the Search tab's search (free text over symbol, company and sector) as of the browse
     * version, always on the Database-only route: a historical answer never comes from the cache.
     */
    public CompletableFuture<BrowsePage> searchAsOf() {
        if (search == null) {
            LakeLensException e = new LakeLensException("Search is not available here.");
            error.set(e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        try {
            SearchRequest request = SearchRequest.of(searchText.get()).withTable(table.get()).withAsOf(AsOfs.parse(asOfText.get()));
            return search(request);
        } catch (LakeLensException e) {
            error.set(e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<BrowsePage> search(SearchRequest request) {
        CompletableFuture<BrowsePage> shown = new CompletableFuture<>();
        Sections.cancel(browseTask);
        browseTask = BackgroundTask.fromStage(() -> search.search(request, StrategyKind.DATABASE_ONLY))
                .withTitle("Searching " + request.table() + " as of " + request.asOf())
                .onRunning(() -> {
                    browsing.set(true);
                    error.set("");
                })
                .onSuccess((SearchResult r) -> {
                    lastSearch = request;
                    lastRequest = null;
                    BrowsePage p = new BrowsePage(request.table(), r.version(), r.columns(), List.of(), r.rows(),
                            r.totalMatches(), r.page(), r.pageCount(), request.pageSize());
                    page.set(p);
                    if (!columns.equals(p.columns())) {
                        columns.setAll(p.columns());
                    }
                    source.set(r.summary() + " · " + r.strategy().displayName() + " as of version " + r.version()
                            + String.format(Locale.ROOT, " · %.0f ms", r.latencyMs()));
                    status.report(OperationReport.of("Search as of version " + r.version()).withLatency(r.latencyMs())
                            .withStrategy(r.strategy()).withCacheHit(r.cacheHit()).withVersion(r.version()));
                    shown.complete(p);
                })
                .onFailure(e -> UiErrors.fail(error, e, shown))
                .onCancelled(() -> shown.cancel(false))
                .onFinished(() -> browsing.set(false))
                .executeWith(tasks);
        return shown;
    }

    private CompletableFuture<BrowsePage> browse(BrowseRequest request) {
        CompletableFuture<BrowsePage> shown = new CompletableFuture<>();
        Sections.cancel(browseTask);
        long t0 = System.nanoTime();
        browseTask = BackgroundTask.wrap(() -> timeTravel.browse(request))
                .withTitle("Reading " + request.table() + " as of " + request.asOf())
                .onRunning(() -> {
                    browsing.set(true);
                    error.set("");
                })
                .onSuccess(p -> {
                    lastRequest = request;
                    lastSearch = null;
                    page.set(p);
                    source.set(request.asOf() instanceof AsOf.Timestamp
                            ? request.asOf().toString().replace("timestamp ", "") + " reads version " + p.version() + " · " + p.summary()
                            : p.summary());
                    if (!columns.equals(p.columns())) {
                        columns.setAll(p.columns());
                    }
                    status.report(OperationReport.of("Browse as of version " + p.version())
                            .withLatency((System.nanoTime() - t0) / 1e6).withVersion(p.version()));
                    shown.complete(p);
                })
                .onFailure(e -> UiErrors.fail(error, e, shown))
                .onCancelled(() -> shown.cancel(false))
                .onFinished(() -> browsing.set(false))
                .executeWith(tasks);
        return shown;
    }

    void cancel() {
        Sections.cancel(browseTask);
    }
}
