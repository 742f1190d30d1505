package io.lakelens.ui.compaction;

import io.lakelens.LakeLensException;
import io.lakelens.lake.SparkJobs;
import io.lakelens.lake.change.ChangeRunner;
import io.lakelens.lake.change.LakeChange;
import io.lakelens.lake.maintenance.OptimizeRequest;
import io.lakelens.lake.maintenance.OptimizeResult;
import io.lakelens.ui.kit.BackgroundTask;
import io.lakelens.ui.kit.OperationReport;
import io.lakelens.ui.kit.RunningTask;
import io.lakelens.ui.kit.StatusModel;
import io.lakelens.ui.kit.TaskExecutor;
import io.lakelens.ui.kit.UiErrors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The optimize section: OPTIMIZE (optionally Z-ordered, on some partitions) with progress, cancel and a before/after. */
public final class OptimizeViewModel {
    private final ChangeRunner changes;
    private final ObservableStringValue table;
    private final TaskExecutor tasks;
    private final StatusModel status;
    private final StringProperty error;
    private final Consumer<Boolean> finished;

    private final StringProperty zOrder = new SimpleStringProperty("");
    private final StringProperty where = new SimpleStringProperty("");
    private final StringProperty optimizeReason = new SimpleStringProperty("");
    private final BooleanProperty measureRead = new SimpleBooleanProperty(true);
    private final ReadOnlyBooleanWrapper optimizing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper optimizeProgress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper optimizeStep = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<OptimizeResult> optimizeResult = new ReadOnlyObjectWrapper<>();
    private RunningTask optimizeTask;

    /** @param finished told, on the UI thread, after a run finished whether it committed */
    OptimizeViewModel(ChangeRunner changes, ObservableStringValue table, TaskExecutor tasks, StatusModel status,
                      StringProperty error, Consumer<Boolean> finished) {
        this.changes = changes;
        this.table = table;
        this.tasks = tasks;
        this.status = status;
        this.error = error;
        this.finished = finished;
    }

    /** Comma-separated Z-order columns; empty for plain compaction. */
    public StringProperty zOrderProperty() {
        return zOrder;
    }

    /** Partition predicate, e.g. {@code region = 'EU'}; empty for all partitions. */
    public StringProperty whereProperty() {
        return where;
    }

    public StringProperty optimizeReasonProperty() {
        return optimizeReason;
    }

    public BooleanProperty measureReadProperty() {
        return measureRead;
    }

    public ReadOnlyBooleanProperty optimizingProperty() {
        return optimizing.getReadOnlyProperty();
    }

    /** 0..1, or negative while unknown. */
    public ReadOnlyDoubleProperty optimizeProgressProperty() {
        return optimizeProgress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty optimizeStepProperty() {
        return optimizeStep.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<OptimizeResult> optimizeResultProperty() {
        return optimizeResult.getReadOnlyProperty();
    }

    /** Runs OPTIMIZE in the background with progress; completes with the before/after. */
    public CompletableFuture<OptimizeResult> optimize() {
        CompletableFuture<OptimizeResult> done = new CompletableFuture<>();
        if (optimizeTask != null && !optimizeTask.isDone()) {
            done.completeExceptionally(new LakeLensException("OPTIMIZE is already running."));
            return done;
        }
        String t = table.get();
        List<String> cols = Arrays.stream(zOrder.get() == null ? new String[0] : zOrder.get().split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        OptimizeRequest request = new OptimizeRequest(t, cols, where.get(), optimizeReason.get(), measureRead.get());
        optimizeTask = BackgroundTask.withProgress(ctx -> {
                    SparkJobs.Control control = new SparkJobs.Control(p -> ctx.progress(p.fraction() > 0 ? p.fraction() : -1, p.summary()));
                    ctx.onCancel(control::cancel);
                    return changes.run(new LakeChange.Optimize(request), control).result();
                })
                .withTitle("OPTIMIZE " + t)
                .onRunning(() -> {
                    optimizing.set(true);
                    optimizeProgress.set(-1);
                    optimizeStep.set("starting");
                })
                .onProgress((f, step) -> {
                    optimizeProgress.set(f);
                    optimizeStep.set(step);
                })
                .onSuccess(r -> {
                    error.set("");
                    optimizeResult.set(r);
                    optimizeStep.set(r.summary());
                    status.report(OperationReport.of("OPTIMIZE " + t).withLatency(r.elapsed().toMillis()).withVersion(r.versionAfter()));
                    finished.accept(r.committed());
                    done.complete(r);
                })
                .onFailure(e -> {
                    optimizeStep.set(UiErrors.message(e));
                    UiErrors.fail(error, e, done);
                })
                .onCancelled(() -> {
                    optimizeStep.set("Cancelled; nothing was committed.");
                    done.cancel(false);
                })
                .onFinished(() -> optimizing.set(false))
                .executeWith(tasks);
        return done;
    }

    public void cancelOptimize() {
        if (optimizeTask != null) {
            optimizeTask.cancel();
        }
    }

    void clear() {
        optimizeResult.set(null);
    }
}
