package io.lakelens.ui.audit;

import io.lakelens.LakeLensException;
import io.lakelens.analytics.CancelHandle;
import io.lakelens.analytics.quality.QualityChecker;
import io.lakelens.analytics.quality.QualityReport;
import io.lakelens.analytics.quality.QualityReport.CommitRef;
import io.lakelens.analytics.quality.QualityReport.TrackedFinding;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.AsOfs;
import io.lakelens.ui.kit.BackgroundTask;
import io.lakelens.ui.kit.JobState;
import io.lakelens.ui.kit.RunningTask;
import io.lakelens.ui.kit.TaskExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
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

/**
 * The quality section: the picked table's data-quality findings across a range of versions,
 * each with the commit that introduced it and the one that fixed it, and the findings per
 * version (the trend). Picking a finding reads the rows it is about, as they were when it
 * appeared. Checks run on the task executor with progress and can be cancelled; a new check
 * cancels the last one.
 */
public final class QualityViewModel {
    /** A commit behind the picked finding, for the details table. */
    public record CommitRow(String role, CommitRef commit) {
    }

    private final QualityChecker checker;
    private final ObservableStringValue table;
    private final TaskExecutor tasks;

    private final StringProperty since = new SimpleStringProperty("");
    private final StringProperty version = new SimpleStringProperty("latest");
    private final ReadOnlyObjectWrapper<QualityReport> report = new ReadOnlyObjectWrapper<>();
    private final ObservableList<TrackedFinding> findings = FXCollections.observableArrayList();
    private final ObjectProperty<TrackedFinding> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<QualityChecker.RowSample> rows = new ReadOnlyObjectWrapper<>();
    private final ObservableList<CommitRow> commits = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rowsTitle = new ReadOnlyStringWrapper("");
    private final JobState job = new JobState();
    private RunningTask check;
    private RunningTask rowRead;
    private CompletableFuture<QualityChecker.RowSample> rowsShown = CompletableFuture.completedFuture(null);

    /** @param table the table the Audit tab shows */
    QualityViewModel(QualityChecker checker, ObservableStringValue table, TaskExecutor tasks) {
        this.checker = checker;
        this.table = table;
        this.tasks = tasks;
        selected.addListener((o, a, f) -> showFinding(f));
        table.addListener((o, a, b) -> clear());
    }

    /** Another table: the last check's findings are not about it. */
    private void clear() {
        cancel();
        selected.set(null);
        findings.clear();
        report.set(null);
        summary.set("");
        job.clear();
    }

    /** First version checked: a version or date-time; empty = the oldest in the log. */
    public StringProperty sinceProperty() {
        return since;
    }

    /** Last version checked; {@code latest} by default. */
    public StringProperty versionProperty() {
        return version;
    }

    public ReadOnlyObjectProperty<QualityReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** Open findings first, then fixed ones, then schema changes, each by version introduced. */
    public ObservableList<TrackedFinding> findings() {
        return findings;
    }

    /** The finding picked in the grid; its rows and commits follow. */
    public ObjectProperty<TrackedFinding> selectedProperty() {
        return selected;
    }

    /** The picked finding's rows, as they were at the version that introduced it. */
    public ReadOnlyObjectProperty<QualityChecker.RowSample> rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    /** What the rows are: the finding and the version they were read at. */
    public ReadOnlyStringProperty rowsTitleProperty() {
        return rowsTitle.getReadOnlyProperty();
    }

    /** The commit that introduced the picked finding and, once gone, the one that fixed it. */
    public ObservableList<CommitRow> commits() {
        return commits;
    }

    /** The last check in one line: versions, open, fixed, schema changes. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return job.runningProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return job.progressProperty();
    }

    public ReadOnlyStringProperty stepProperty() {
        return job.stepProperty();
    }

    /** The last failure in one line; empty after a success. */
    public ReadOnlyStringProperty errorProperty() {
        return job.errorProperty();
    }

    /** Completes (on the UI thread) once the picked finding's rows are shown. */
    public CompletableFuture<QualityChecker.RowSample> rowsShown() {
        return rowsShown;
    }

    /** Checks every version of the range; completes on the UI thread once the findings are shown. */
    public CompletableFuture<QualityReport> check() {
        CompletableFuture<QualityReport> shown = new CompletableFuture<>();
        String t = table.get();
        AsOf from;
        AsOf to;
        try {
            if (t == null || t.isBlank()) {
                throw new LakeLensException("Pick a table to check.");
            }
            from = since.get() == null || since.get().isBlank() ? null : AsOfs.parse(since.get());
            to = version.get() == null || version.get().isBlank() ? null : AsOfs.parse(version.get());
        } catch (LakeLensException e) {
            job.refuse(e.getMessage());
            shown.completeExceptionally(e);
            return shown;
        }
        cancel();
        BackgroundTask<QualityReport> work = BackgroundTask.withProgress(ctx -> {
                    CancelHandle handle = new CancelHandle();
                    ctx.onCancel(handle::cancel);
                    return checker.check(t, to, from, handle, (s, f) -> ctx.progress(f, s));
                })
                .withTitle("Checking the data quality of " + t)
                .onSuccess(r -> {
                    show(r);
                    shown.complete(r);
                });
        check = job.track(work, "Checking the data quality of " + t + " …", "Quality check cancelled.", shown).executeWith(tasks);
        return shown;
    }

    /** Cancels the running check and row read, if any. */
    public void cancel() {
        if (check != null && !check.isDone()) {
            check.cancel();
        }
        if (rowRead != null && !rowRead.isDone()) {
            rowRead.cancel();
        }
    }

    private void show(QualityReport r) {
        report.set(r);
        List<TrackedFinding> ordered = new ArrayList<>(r.findings());
        ordered.sort(java.util.Comparator.comparing((TrackedFinding f) -> f.status().ordinal())
                .thenComparingLong(f -> f.introduced().version()));
        selected.set(null);
        findings.setAll(ordered);
        long changes = r.findings().size() - r.open().size() - r.fixed().size();
        summary.set(String.format(Locale.ROOT, "%s, versions %d to %d: %d open, %d fixed, %d schema change%s", r.table(),
                r.fromVersion(), r.toVersion(), r.open().size(), r.fixed().size(), changes, changes == 1 ? "" : "s")
                + (r.notes().isEmpty() ? "" : " · " + String.join("; ", r.notes())));
        job.done(String.format(Locale.ROOT, "Checked %d version%s in %.1f s.", r.trend().size(), r.trend().size() == 1 ? "" : "s",
                r.seconds()));
    }

    private void showFinding(TrackedFinding f) {
        if (rowRead != null && !rowRead.isDone()) {
            rowRead.cancel();
        }
        rows.set(null);
        commits.clear();
        if (f == null) {
            rowsTitle.set("");
            rowsShown = CompletableFuture.completedFuture(null);
            return;
        }
        commits.add(new CommitRow(f.introducedBeforeRange() ? "present at (introduced then or earlier)" : "introduced by",
                f.introduced()));
        if (f.fixed() != null) {
            commits.add(new CommitRow("fixed by", f.fixed()));
        }
        String t = table.get();
        long at = f.introduced().version();
        rowsTitle.set(f.atVersion().rule().title() + " · " + f.atVersion().where() + " · rows at v" + at);
        CompletableFuture<QualityChecker.RowSample> shown = new CompletableFuture<>();
        rowsShown = shown;
        rowRead = BackgroundTask.withProgress(ctx -> {
                    CancelHandle handle = new CancelHandle();
                    ctx.onCancel(handle::cancel);
                    return checker.rows(t, at, f.atVersion(), handle);
                })
                .withTitle("Reading the rows of a finding")
                .onSuccess(sample -> {
                    rows.set(sample);
                    shown.complete(sample);
                })
                .onFailure(e -> job.failed(e, shown))
                .onCancelled(() -> shown.cancel(false))
                .executeWith(tasks);
    }
}
