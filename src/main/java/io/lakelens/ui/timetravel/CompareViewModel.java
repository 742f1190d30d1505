package io.lakelens.ui.timetravel;

import io.lakelens.LakeLensException;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.AsOfs;
import io.lakelens.lake.TimeTravel;
import io.lakelens.lake.VersionDiff;
import io.lakelens.ui.kit.BackgroundTask;
import io.lakelens.ui.kit.OperationReport;
import io.lakelens.ui.kit.RunningTask;
import io.lakelens.ui.kit.StatusModel;
import io.lakelens.ui.kit.TaskExecutor;
import io.lakelens.ui.kit.UiErrors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The compare section: the diff of two versions, paged, filtered by kind of change. */
public final class CompareViewModel {
    /** Rows per page of a diff. */
    public static final int DIFF_PAGE = 100;

    private final TimeTravel timeTravel;
    private final ObservableStringValue table;
    private final TaskExecutor tasks;
    private final StatusModel status;
    private final StringProperty error;
    private final StringProperty keyText;

    private final StringProperty fromText = new SimpleStringProperty("");
    private final StringProperty toText = new SimpleStringProperty("latest");
    private final ObjectProperty<VersionDiff.ChangeKind> diffKind = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<VersionDiff.Summary> diffSummary = new ReadOnlyObjectWrapper<>();
    private final ObservableList<VersionDiff.RowChange> diffRows = FXCollections.observableArrayList();
    private final ObservableList<String> diffKeyColumns = FXCollections.observableArrayList();
    private final ObservableList<String> diffValueColumns = FXCollections.observableArrayList();
    private final ReadOnlyLongWrapper diffOffset = new ReadOnlyLongWrapper(0);
    private final ReadOnlyBooleanWrapper comparing = new ReadOnlyBooleanWrapper(false);
    private VersionDiff diff;
    private RunningTask diffTask;

    /**
     * @param error   the tab's error line
     * @param keyText key columns, comma-separated; shared with the restore section
     */
    CompareViewModel(TimeTravel timeTravel, ObservableStringValue table, TaskExecutor tasks, StatusModel status,
                     StringProperty error, StringProperty keyText) {
        this.timeTravel = timeTravel;
        this.table = table;
        this.tasks = tasks;
        this.status = status;
        this.error = error;
        this.keyText = keyText;
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
        List<String> key = Sections.keyColumns(keyText.get());
        VersionDiff.ChangeKind kind = diffKind.get();
        long t0 = System.nanoTime();
        Sections.cancel(diffTask);
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
                    diffValueColumns.setAll(Sections.changedFirst(dp.diff().valueColumns(), dp.rows()));
                    diffOffset.set(0);
                    diffRows.setAll(dp.rows());
                    VersionDiff.Summary sum = dp.diff().summary();
                    status.report(OperationReport.of("Compare v" + sum.fromVersion() + " → v" + sum.toVersion())
                            .withLatency((System.nanoTime() - t0) / 1e6).withVersion(sum.toVersion()));
                    shown.complete(sum);
                })
                .onFailure(e -> UiErrors.fail(error, e, shown))
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
        Sections.cancel(diffTask);
        diffTask = BackgroundTask.wrap(() -> d.page(kind, offset, DIFF_PAGE))
                .onRunning(() -> comparing.set(true))
                .onSuccess(rows -> {
                    diffOffset.set(offset);
                    diffRows.setAll(rows);
                    shown.complete(rows);
                })
                .onFailure(e -> UiErrors.fail(error, e, shown))
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

    void cancel() {
        Sections.cancel(diffTask);
    }

    /** Frees the cached rows of the current diff. */
    void closeDiff() {
        if (diff != null) {
            VersionDiff old = diff;
            diff = null;
            BackgroundTask.wrap(old::close).executeWith(tasks);
        }
    }
}
