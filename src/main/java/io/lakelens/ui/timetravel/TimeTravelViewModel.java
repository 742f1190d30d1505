package io.lakelens.ui.timetravel;

import io.lakelens.LakeLensException;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.AsOfs;
import io.lakelens.lake.BrowsePage;
import io.lakelens.lake.BrowseRequest;
import io.lakelens.lake.RestorePlan;
import io.lakelens.lake.RestoreResult;
import io.lakelens.lake.SchemaChange;
import io.lakelens.lake.TimeTravel;
import io.lakelens.lake.Timeline;
import io.lakelens.lake.TimelineNode;
import io.lakelens.lake.VersionDiff;
import io.lakelens.search.SearchRequest;
import io.lakelens.search.SearchResult;
import io.lakelens.search.SearchService;
import io.lakelens.search.StrategyKind;
import io.lakelens.ui.kit.BackgroundTask;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.OperationReport;
import io.lakelens.ui.kit.RunningTask;
import io.lakelens.ui.kit.StatusModel;
import io.lakelens.ui.kit.TaskExecutor;
import io.lakelens.ui.kit.UiErrors;
import io.lakelens.ui.kit.Formats;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * State and commands of the Time Travel tab: the selected table's version timeline and the
 * selected version, browsing as of a version or time, comparing two versions, the schema
 * timeline and the guarded restore. Each slow step runs on the task executor; starting one
 * cancels the previous one of its kind. Selecting a version prepares the other panes for it
 * (browse it, compare it with the version before, restore to it).
 */
public final class TimeTravelViewModel {
    /** Rows per page of a diff. */
    public static final int DIFF_PAGE = 100;
    /** Rows of the restore preview listed for confirmation. */
    public static final int PREVIEW_ROWS = 50;

    private final TimeTravel timeTravel;
    private final SearchService search;
    private final TaskExecutor tasks;
    private final Notifier notifier;
    private final StatusModel status;
    private final boolean readOnly;
    private final Runnable lakeChanged;

    private final StringProperty table = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<Timeline> timeline = new ReadOnlyObjectWrapper<>();
    private final ObservableList<TimelineNode> nodes = FXCollections.observableArrayList();
    private final ObjectProperty<TimelineNode> selected = new SimpleObjectProperty<>();
    private final DoubleProperty zoom = new SimpleDoubleProperty(1.0);
    private final StringProperty jumpText = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<SchemaChange> schemaChanges = FXCollections.observableArrayList();

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

    private final StringProperty fromText = new SimpleStringProperty("");
    private final StringProperty toText = new SimpleStringProperty("latest");
    private final StringProperty keyText = new SimpleStringProperty("");
    private final ObjectProperty<VersionDiff.ChangeKind> diffKind = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<VersionDiff.Summary> diffSummary = new ReadOnlyObjectWrapper<>();
    private final ObservableList<VersionDiff.RowChange> diffRows = FXCollections.observableArrayList();
    private final ObservableList<String> diffKeyColumns = FXCollections.observableArrayList();
    private final ObservableList<String> diffValueColumns = FXCollections.observableArrayList();
    private final ReadOnlyLongWrapper diffOffset = new ReadOnlyLongWrapper(0);
    private final ReadOnlyBooleanWrapper comparing = new ReadOnlyBooleanWrapper(false);
    private VersionDiff diff;

    private final StringProperty restoreTarget = new SimpleStringProperty("");
    private final StringProperty restoreReason = new SimpleStringProperty("");
    private final BooleanProperty acknowledged = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<RestorePlan> restorePlan = new ReadOnlyObjectWrapper<>();
    private final ObservableList<VersionDiff.RowChange> previewRows = FXCollections.observableArrayList();
    private final ObservableList<String> previewKeyColumns = FXCollections.observableArrayList();
    private final ObservableList<String> previewValueColumns = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper restoreMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper restoring = new ReadOnlyBooleanWrapper(false);
    private final BooleanBinding canRestore;

    private RunningTask timelineTask;
    private RunningTask browseTask;
    private RunningTask diffTask;
    private RunningTask restoreTask;

    /**
     * @param search      the window's search service, for searching as of a version; null leaves it out
     * @param readOnly    true hides and refuses restore (the lake was opened read-only)
     * @param lakeChanged called after a restore so the window re-reads the lake
     */
    public TimeTravelViewModel(TimeTravel timeTravel, SearchService search, TaskExecutor tasks, Notifier notifier,
                               StatusModel status, boolean readOnly, Runnable lakeChanged) {
        this.timeTravel = timeTravel;
        this.search = search;
        this.tasks = tasks;
        this.notifier = notifier;
        this.status = status;
        this.readOnly = readOnly;
        this.lakeChanged = lakeChanged;
        canRestore = Bindings.createBooleanBinding(() -> !readOnly && restorePlan.get() != null && acknowledged.get()
                        && restoreReason.get() != null && !restoreReason.get().isBlank() && !restoring.get(),
                restorePlan, acknowledged, restoreReason, restoring);
        selected.addListener((o, a, n) -> prepareFor(n));
        restoreTarget.addListener((o, a, b) -> clearPlan());
    }

    // ------------------------------------------------------------------ properties

    public StringProperty tableProperty() {
        return table;
    }

    public ReadOnlyObjectProperty<Timeline> timelineProperty() {
        return timeline.getReadOnlyProperty();
    }

    /** The commits of the table, oldest first. */
    public ObservableList<TimelineNode> nodes() {
        return nodes;
    }

    public ObjectProperty<TimelineNode> selectedProperty() {
        return selected;
    }

    /** Timeline zoom: 1 is the default spacing; 0.25 to 4. */
    public DoubleProperty zoomProperty() {
        return zoom;
    }

    /** A version number or a date-time to jump to. */
    public StringProperty jumpTextProperty() {
        return jumpText;
    }

    /** The last failure in one line; empty when the last step succeeded. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ObservableList<SchemaChange> schemaChanges() {
        return schemaChanges;
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

    public StringProperty fromTextProperty() {
        return fromText;
    }

    public StringProperty toTextProperty() {
        return toText;
    }

    /** Key columns, comma-separated; empty = the table's default key. */
    public StringProperty keyTextProperty() {
        return keyText;
    }

    /** Which changes the diff table lists; null = all. */
    public ObjectProperty<VersionDiff.ChangeKind> diffKindProperty() {
        return diffKind;
    }

    public ReadOnlyObjectProperty<VersionDiff.Summary> diffSummaryProperty() {
        return diffSummary.getReadOnlyProperty();
    }

    public ObservableList<VersionDiff.RowChange> diffRows() {
        return diffRows;
    }

    public ObservableList<String> diffKeyColumns() {
        return diffKeyColumns;
    }

    public ObservableList<String> diffValueColumns() {
        return diffValueColumns;
    }

    public ReadOnlyLongProperty diffOffsetProperty() {
        return diffOffset.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty comparingProperty() {
        return comparing.getReadOnlyProperty();
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public StringProperty restoreTargetProperty() {
        return restoreTarget;
    }

    public StringProperty restoreReasonProperty() {
        return restoreReason;
    }

    /** The analyst ticked "I have checked the rows that will change". */
    public BooleanProperty acknowledgedProperty() {
        return acknowledged;
    }

    public ReadOnlyObjectProperty<RestorePlan> restorePlanProperty() {
        return restorePlan.getReadOnlyProperty();
    }

    /** The first rows the restore will change, named for the confirmation. */
    public ObservableList<VersionDiff.RowChange> previewRows() {
        return previewRows;
    }

    public ObservableList<String> previewKeyColumns() {
        return previewKeyColumns;
    }

    public ObservableList<String> previewValueColumns() {
        return previewValueColumns;
    }

    public ReadOnlyStringProperty restoreMessageProperty() {
        return restoreMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty restoringProperty() {
        return restoring.getReadOnlyProperty();
    }

    /** True once a preview exists, the rows are acknowledged and a reason is given. */
    public BooleanBinding canRestoreProperty() {
        return canRestore;
    }

    // ------------------------------------------------------------------ timeline

    /** Reads the table's timeline (the log only) and selects the latest version, or keeps the selection. */
    public CompletableFuture<Timeline> load() {
        CompletableFuture<Timeline> shown = new CompletableFuture<>();
        String t = table.get();
        if (t == null || t.isBlank()) {
            shown.completeExceptionally(new LakeLensException("Pick a table first."));
            return shown;
        }
        cancel(timelineTask);
        long keep = selected.get() == null ? -1 : selected.get().version();
        timelineTask = BackgroundTask.wrap(() -> timeTravel.timeline(t))
                .withTitle("Reading the history of " + t)
                .onRunning(() -> {
                    loading.set(true);
                    error.set("");
                })
                .onSuccess(tl -> {
                    timeline.set(tl);
                    nodes.setAll(tl.nodes());
                    List<SchemaChange> newestFirst = new ArrayList<>(tl.schemaChanges());
                    newestFirst.sort(java.util.Comparator.comparingLong(SchemaChange::version).reversed());
                    schemaChanges.setAll(newestFirst);
                    TimelineNode pick = tl.node(keep).orElse(tl.node(tl.latest()).orElse(null));
                    selected.set(null);
                    selected.set(pick);
                    shown.complete(tl);
                })
                .onFailure(e -> fail(e, shown))
                .onCancelled(() -> shown.cancel(false))
                .onFinished(() -> loading.set(false))
                .executeWith(tasks);
        return shown;
    }

    public void select(long version) {
        Timeline tl = timeline.get();
        if (tl != null) {
            tl.node(version).ifPresent(selected::set);
        }
    }

    /** Selects the version the jump text names: a version number or the version as of a date-time. */
    public boolean jump() {
        Timeline tl = timeline.get();
        if (tl == null) {
            error.set("The timeline is still loading.");
            return false;
        }
        try {
            long v = tl.resolve(AsOfs.parse(jumpText.get()));
            selected.set(tl.node(v).orElseThrow(() -> new LakeLensException("Version " + v + " is not on the timeline.")));
            error.set("");
            return true;
        } catch (LakeLensException e) {
            error.set(e.getMessage());
            return false;
        }
    }

    /** One sentence on why the selected version cannot be read; empty when it can. */
    public String unreadableReason(TimelineNode n) {
        Timeline tl = timeline.get();
        return tl == null || n == null ? "" : tl.whyUnreadable(n);
    }

    private void prepareFor(TimelineNode n) {
        if (n == null) {
            return;
        }
        asOfText.set(String.valueOf(n.version()));
        Timeline tl = timeline.get();
        long before = tl == null ? n.version() - 1 : tl.nodes().stream().filter(x -> x.version() < n.version())
                .mapToLong(TimelineNode::version).max().orElse(n.version());
        fromText.set(String.valueOf(before));
        toText.set(String.valueOf(n.version()));
        restoreTarget.set(String.valueOf(n.version()));
    }

    // ------------------------------------------------------------------ browse

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
        return new BrowseRequest(table.get(), AsOfs.parse(asOfText.get()), filters, sort, 1, 50);
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
        cancel(browseTask);
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
                .onFailure(e -> fail(e, shown))
                .onCancelled(() -> shown.cancel(false))
                .onFinished(() -> browsing.set(false))
                .executeWith(tasks);
        return shown;
    }

    private CompletableFuture<BrowsePage> browse(BrowseRequest request) {
        CompletableFuture<BrowsePage> shown = new CompletableFuture<>();
        cancel(browseTask);
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
                    source.set(request.asOf() instanceof AsOf.Timestamp ts
                            ? request.asOf().toString().replace("timestamp ", "") + " reads version " + p.version() + " · " + p.summary()
                            : p.summary());
                    if (!columns.equals(p.columns())) {
                        columns.setAll(p.columns());
                    }
                    status.report(OperationReport.of("Browse as of version " + p.version())
                            .withLatency((System.nanoTime() - t0) / 1e6).withVersion(p.version()));
                    shown.complete(p);
                })
                .onFailure(e -> fail(e, shown))
                .onCancelled(() -> shown.cancel(false))
                .onFinished(() -> browsing.set(false))
                .executeWith(tasks);
        return shown;
    }

    // ------------------------------------------------------------------ compare

    /** Compares the from and to versions and shows the first page of changed rows. */
    public CompletableFuture<VersionDiff.Summary> compare() {
        CompletableFuture<VersionDiff.Summary> shown = new CompletableFuture<>();
        String t = table.get();
        AsOf from;
        AsOf to;
        try {
            from = AsOfs.parse(fromText.get());
            to = AsOfs.parse(toText.get());
        } catch (LakeLensException e) {
            error.set(e.getMessage());
            shown.completeExceptionally(e);
            return shown;
        }
        List<String> key = keyColumns(keyText.get());
        VersionDiff.ChangeKind kind = diffKind.get();
        long t0 = System.nanoTime();
        cancel(diffTask);
        diffTask = BackgroundTask.withProgress(ctx -> {
                    VersionDiff d = timeTravel.diff(t, from, to, key);
                    if (ctx.isCancelled()) {
                        d.close();
                        return null;
                    }
                    return new DiffPage(d, d.page(kind, 0, DIFF_PAGE));
                })
                .withTitle("Comparing versions of " + t)
                .onRunning(() -> {
                    comparing.set(true);
                    error.set("");
                })
                .onSuccess(dp -> {
                    if (dp == null) {
                        shown.cancel(false);
                        return;
                    }
                    closeDiff();
                    diff = dp.diff();
                    diffSummary.set(dp.diff().summary());
                    diffKeyColumns.setAll(dp.diff().keyColumns());
                    diffValueColumns.setAll(changedFirst(dp.diff().valueColumns(), dp.rows()));
                    diffOffset.set(0);
                    diffRows.setAll(dp.rows());
                    VersionDiff.Summary sum = dp.diff().summary();
                    status.report(OperationReport.of("Compare v" + sum.fromVersion() + " → v" + sum.toVersion())
                            .withLatency((System.nanoTime() - t0) / 1e6).withVersion(sum.toVersion()));
                    shown.complete(sum);
                })
                .onFailure(e -> fail(e, shown))
                .onCancelled(() -> shown.cancel(false))
                .onFinished(() -> comparing.set(false))
                .executeWith(tasks);
        return shown;
    }

    private record DiffPage(VersionDiff diff, List<VersionDiff.RowChange> rows) {
    }

    public CompletableFuture<List<VersionDiff.RowChange>> nextDiffPage() {
        return diffPage(diffOffset.get() + DIFF_PAGE);
    }

    public CompletableFuture<List<VersionDiff.RowChange>> previousDiffPage() {
        return diffPage(Math.max(0, diffOffset.get() - DIFF_PAGE));
    }

    private CompletableFuture<List<VersionDiff.RowChange>> diffPage(long offset) {
        CompletableFuture<List<VersionDiff.RowChange>> shown = new CompletableFuture<>();
        VersionDiff d = diff;
        if (d == null || offset >= Math.max(1, total(d.summary(), diffKind.get()))) {
            shown.complete(List.copyOf(diffRows));
            return shown;
        }
        VersionDiff.ChangeKind kind = diffKind.get();
        cancel(diffTask);
        diffTask = BackgroundTask.wrap(() -> d.page(kind, offset, DIFF_PAGE))
                .onRunning(() -> comparing.set(true))
                .onSuccess(rows -> {
                    diffOffset.set(offset);
                    diffRows.setAll(rows);
                    shown.complete(rows);
                })
                .onFailure(e -> fail(e, shown))
                .onCancelled(() -> shown.cancel(false))
                .onFinished(() -> comparing.set(false))
                .executeWith(tasks);
        return shown;
    }

    /** Rows of the diff that the current kind filter lists. */
    public static long total(VersionDiff.Summary s, VersionDiff.ChangeKind kind) {
        if (s == null) {
            return 0;
        }
        if (kind == null) {
            return s.total();
        }
        return switch (kind) {
            case ADDED -> s.added();
            case REMOVED -> s.removed();
            case CHANGED -> s.changed();
        };
    }

    private void closeDiff() {
        if (diff != null) {
            VersionDiff old = diff;
            diff = null;
            BackgroundTask.wrap(old::close).executeWith(tasks);
        }
    }

    // ------------------------------------------------------------------ restore

    /** Previews restoring to the target version: its diff against now, the first rows named. */
    public CompletableFuture<RestorePlan> previewRestore() {
        CompletableFuture<RestorePlan> shown = new CompletableFuture<>();
        if (readOnly) {
            LakeLensException e = new LakeLensException("The lake is open read-only; restore is not available.");
            error.set(e.getMessage());
            shown.completeExceptionally(e);
            return shown;
        }
        String t = table.get();
        AsOf target;
        try {
            target = AsOfs.parse(restoreTarget.get());
        } catch (LakeLensException e) {
            error.set(e.getMessage());
            shown.completeExceptionally(e);
            return shown;
        }
        List<String> key = keyColumns(keyText.get());
        cancel(restoreTask);
        restoreTask = BackgroundTask.withProgress(ctx -> {
                    RestorePlan plan = timeTravel.previewRestore(t, target, key);
                    return new Preview(plan, plan.diff().page(null, 0, PREVIEW_ROWS));
                })
                .withTitle("Previewing a restore of " + t)
                .onRunning(() -> {
                    restoring.set(true);
                    error.set("");
                    restoreMessage.set("");
                })
                .onSuccess(p -> {
                    clearPlan();
                    restorePlan.set(p.plan());
                    previewKeyColumns.setAll(p.plan().diff().keyColumns());
                    previewValueColumns.setAll(changedFirst(p.plan().diff().valueColumns(), p.rows()));
                    previewRows.setAll(p.rows());
                    restoreMessage.set(p.plan().describe());
                    shown.complete(p.plan());
                })
                .onFailure(e -> fail(e, shown))
                .onCancelled(() -> shown.cancel(false))
                .onFinished(() -> restoring.set(false))
                .executeWith(tasks);
        return shown;
    }

    private record Preview(RestorePlan plan, List<VersionDiff.RowChange> rows) {
    }

    /** Restores as previewed; refused until the rows are acknowledged and a reason is given. */
    public CompletableFuture<RestoreResult> restore() {
        CompletableFuture<RestoreResult> done = new CompletableFuture<>();
        RestorePlan plan = restorePlan.get();
        if (!canRestore.get()) {
            String why = readOnly ? "The lake is open read-only; restore is not available."
                    : plan == null ? "Preview the restore first."
                    : !acknowledged.get() ? "Confirm that you checked the rows that will change."
                    : "Give a reason; it is recorded in the restore commit.";
            error.set(why);
            done.completeExceptionally(new LakeLensException(why));
            return done;
        }
        String reason = restoreReason.get().strip();
        cancel(restoreTask);
        restoreTask = BackgroundTask.wrap(() -> timeTravel.restore(plan, reason))
                .withTitle("Restoring " + plan.table() + " to version " + plan.targetVersion())
                .onRunning(() -> {
                    restoring.set(true);
                    error.set("");
                })
                .onSuccess(r -> {
                    String text = "Restored " + r.table() + " to version " + r.restoredTo() + "; the restore is version "
                            + r.newVersion() + ".";
                    clearPlan();
                    restoreMessage.set(text);
                    notifier.success(text);
                    lakeChanged.run();
                    done.complete(r);
                    load();
                })
                .onFailure(e -> fail(e, done))
                .onFinished(() -> restoring.set(false))
                .executeWith(tasks);
        return done;
    }

    private void clearPlan() {
        RestorePlan old = restorePlan.get();
        restorePlan.set(null);
        previewRows.clear();
        acknowledged.set(false);
        restoreMessage.set("");
        if (old != null) {
            BackgroundTask.wrap(old::close).executeWith(tasks);
        }
    }

    // ------------------------------------------------------------------ common

    /** Cancels running reads and previews (leaving the tab). A restore in flight is not interrupted. */
    public void cancel() {
        cancel(timelineTask);
        cancel(browseTask);
        cancel(diffTask);
        if (restoreTask != null && !restoring.get()) {
            cancel(restoreTask);
        }
    }

    /** Frees the cached rows of the current diff and restore preview. */
    public void dispose() {
        cancel();
        closeDiff();
        clearPlan();
    }

    private static void cancel(RunningTask task) {
        if (task != null && !task.isDone()) {
            task.cancel();
        }
    }

    private void fail(Throwable e, CompletableFuture<?> stage) {
        error.set(UiErrors.message(e));
        stage.completeExceptionally(e);
    }

    /** Columns that changed in the shown rows come first, so the edit is visible without scrolling. */
    static List<String> changedFirst(List<String> columns, List<VersionDiff.RowChange> rows) {
        java.util.Set<String> changed = new java.util.HashSet<>();
        rows.stream().filter(r -> r.kind() == VersionDiff.ChangeKind.CHANGED)
                .forEach(r -> r.changes().forEach(c -> changed.add(c.column())));
        List<String> out = new ArrayList<>(columns.stream().filter(changed::contains).toList());
        columns.stream().filter(c -> !changed.contains(c)).forEach(out::add);
        return out;
    }

    static List<String> keyColumns(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** E.g. {@code v12 · WRITE · 2024-03-15 10:00:00 UTC · alice · "nightly load"}. */
    public static String describe(TimelineNode n) {
        if (n == null) {
            return "";
        }
        return String.format(Locale.ROOT, "v%d · %s · %s · %s%s · +%,d ~%,d −%,d rows · files +%d −%d", n.version(),
                n.operation(), Formats.time(n.timestamp()), n.user().isBlank() ? "unknown user" : n.user(),
                n.reason().isBlank() ? "" : " · \"" + n.reason() + "\"", n.rowsAdded(), n.rowsUpdated(), n.rowsRemoved(),
                n.filesAdded(), n.filesRemoved());
    }
}
