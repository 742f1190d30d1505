package io.lakelens.ui.audit;

import io.lakelens.LakeLensException;
import io.lakelens.analytics.CancelHandle;
import io.lakelens.analytics.QueryCancelledException;
import io.lakelens.analytics.quality.QualityChecker;
import io.lakelens.analytics.report.QualitySection;
import io.lakelens.analytics.report.RegulatoryReport;
import io.lakelens.analytics.report.ReportWriter;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.AsOfs;
import io.lakelens.lake.LakeEngine;
import io.lakelens.ui.kit.BackgroundTask;
import io.lakelens.ui.kit.JobState;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.RunningTask;
import io.lakelens.ui.kit.TaskExecutor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The "Export report…" dialog: the regulatory report of the picked table over a range of
 * versions (or times), with its data-quality findings, written as PDF or HTML to a file the
 * analyst names. Runs on the task executor with progress; cancel stops the quality check (the
 * rest is a few reads of the log). Says where it wrote the report, or why it could not.
 */
public final class ReportViewModel {
    private final LakeEngine engine;
    private final QualityChecker checker;
    private final ObservableStringValue table;
    private final TaskExecutor tasks;
    private final Notifier notifier;

    private final StringProperty from = new SimpleStringProperty("0");
    private final StringProperty to = new SimpleStringProperty("latest");
    private final StringProperty file = new SimpleStringProperty("");
    private final BooleanProperty quality = new SimpleBooleanProperty(true);
    private final JobState job = new JobState();
    private RunningTask current;

    /** @param engine the lake the report reads, and whose tables it never writes into */
    ReportViewModel(LakeEngine engine, QualityChecker checker, ObservableStringValue table, TaskExecutor tasks, Notifier notifier) {
        this.engine = engine;
        this.checker = checker;
        this.table = table;
        this.tasks = tasks;
        this.notifier = notifier;
    }

    /** First version or date-time of the period. */
    public StringProperty fromProperty() {
        return from;
    }

    /** Last version or date-time; {@code latest} by default. */
    public StringProperty toProperty() {
        return to;
    }

    /** The report file, ending in .pdf or .html. */
    public StringProperty fileProperty() {
        return file;
    }

    /** Whether the report checks data quality at every version of the period. */
    public BooleanProperty qualityProperty() {
        return quality;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return job.runningProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return job.progressProperty();
    }

    /** Where the report was written, or what is being done. */
    public ReadOnlyStringProperty messageProperty() {
        return job.stepProperty();
    }

    /** Why the last report could not be written, in one line. */
    public ReadOnlyStringProperty errorProperty() {
        return job.errorProperty();
    }

    /** The period of a freshly read history: from its oldest readable version. */
    void range(io.lakelens.lake.Timeline tl) {
        from.set(String.valueOf(tl.earliest()));
    }

    /** A file name for the chooser: {@code report-TABLE-vFROM-TO.pdf}. */
    public String suggestedFileName() {
        return "report-" + table.get() + "-v" + safe(from.get()) + "-" + safe(to.get()) + ".pdf";
    }

    private static String safe(String s) {
        return (s == null ? "" : s.strip()).replaceAll("[^A-Za-z0-9._-]", "-");
    }

    /** Writes the report; completes on the UI thread with the file written. */
    public CompletableFuture<Path> write() {
        CompletableFuture<Path> shown = new CompletableFuture<>();
        String t = table.get();
        boolean withQuality = quality.get();
        AsOf fromAsOf;
        AsOf toAsOf;
        Path target;
        try {
            if (t == null || t.isBlank()) {
                throw new LakeLensException("Pick a table to report on.");
            }
            fromAsOf = AsOfs.parse(from.get() == null || from.get().isBlank() ? "0" : from.get());
            toAsOf = to.get() == null || to.get().isBlank() ? AsOf.LATEST : AsOfs.parse(to.get());
            if (file.get() == null || file.get().isBlank()) {
                throw new LakeLensException("Choose the report file (.pdf or .html).");
            }
            target = Path.of(file.get().strip());
            ReportWriter.Format.of(target);
        } catch (LakeLensException | java.nio.file.InvalidPathException e) {
            String line = e instanceof LakeLensException ? e.getMessage() : "'" + file.get() + "' is not a file path.";
            job.refuse(line);
            shown.completeExceptionally(e);
            return shown;
        }
        cancel();
        BackgroundTask<Path> work = BackgroundTask.withProgress(ctx -> {
                    Path checked = ReportWriter.checkTarget(target, engine.lakeRoot());
                    engine.requireTable(t);
                    QualitySection section = null;
                    if (withQuality) {
                        CancelHandle handle = new CancelHandle();
                        ctx.onCancel(handle::cancel);
                        section = QualitySection.of(checker.check(t, toAsOf, fromAsOf, handle,
                                (s, f) -> ctx.progress(0.85 * f, "Data quality: " + s)));
                    }
                    if (ctx.isCancelled()) {
                        throw new QueryCancelledException("The report");
                    }
                    ctx.progress(0.9, "Gathering the commits and verifying the recorded checksums");
                    RegulatoryReport report = RegulatoryReport.build(engine, t, fromAsOf, toAsOf, section);
                    if (ctx.isCancelled()) {
                        throw new QueryCancelledException("The report");
                    }
                    ctx.progress(0.97, "Writing " + checked.getFileName());
                    return ReportWriter.write(report, checked, engine.lakeRoot());
                })
                .withTitle("Writing the report of " + t)
                .onSuccess(p -> {
                    String text = String.format(Locale.ROOT, "Report written to %s", p);
                    job.done(text);
                    notifier.success(text);
                    shown.complete(p);
                });
        current = job.track(work, "Writing the report of " + t + " …", "Report cancelled; nothing was written.", shown)
                .executeWith(tasks);
        return shown;
    }

    /** Cancels the report being written, if any. */
    public void cancel() {
        if (current != null && !current.isDone()) {
            current.cancel();
        }
    }
}
