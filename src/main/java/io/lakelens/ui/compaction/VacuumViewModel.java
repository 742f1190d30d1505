package io.lakelens.ui.compaction;

import io.lakelens.LakeLensException;
import io.lakelens.lake.SparkJobs;
import io.lakelens.lake.change.ChangeRunner;
import io.lakelens.lake.change.LakeChange;
import io.lakelens.lake.maintenance.Durations;
import io.lakelens.lake.maintenance.VacuumPlan;
import io.lakelens.lake.maintenance.VacuumPlanner;
import io.lakelens.lake.maintenance.VacuumResult;
import io.lakelens.ui.kit.BackgroundTask;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.OperationReport;
import io.lakelens.ui.kit.RunningTask;
import io.lakelens.ui.kit.StatusModel;
import io.lakelens.ui.kit.TaskExecutor;
import io.lakelens.ui.kit.UiErrors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/** The vacuum section: a dry run that names the files and versions a VACUUM would cost, then the guarded run. */
public final class VacuumViewModel {
    private final VacuumPlanner planner;
    private final ChangeRunner changes;
    private final ObservableStringValue table;
    private final TaskExecutor tasks;
    private final Notifier notifier;
    private final StatusModel status;
    private final StringProperty error;
    private final Runnable committed;

    private final StringProperty retention = new SimpleStringProperty("168h");
    private final BooleanProperty overrideShortRetention = new SimpleBooleanProperty(false);
    private final StringProperty vacuumReason = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<VacuumPlan> vacuumPlan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<VacuumResult> vacuumResult = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper vacuumBusy = new ReadOnlyBooleanWrapper(false);
    private final BooleanBinding canRunVacuum;
    private RunningTask vacuumTask;

    /** @param committed called on the UI thread after a VACUUM committed */
    VacuumViewModel(VacuumPlanner planner, ChangeRunner changes, ObservableStringValue table, TaskExecutor tasks, Notifier notifier,
                    StatusModel status, StringProperty error, Runnable committed) {
        this.planner = planner;
        this.changes = changes;
        this.table = table;
        this.tasks = tasks;
        this.notifier = notifier;
        this.status = status;
        this.error = error;
        this.committed = committed;
        this.canRunVacuum = Bindings.createBooleanBinding(() -> {
            VacuumPlan p = vacuumPlan.get();
            return p != null && !vacuumBusy.get() && (!p.needsOverride() || overrideShortRetention.get());
        }, vacuumPlan, vacuumBusy, overrideShortRetention);
        retention.addListener((o, a, b) -> vacuumPlan.set(null));
    }

    /** As typed: {@code 168h}, {@code 7 days}, {@code 0h}. */
    public StringProperty retentionProperty() {
        return retention;
    }

    public BooleanProperty overrideShortRetentionProperty() {
        return overrideShortRetention;
    }

    public StringProperty vacuumReasonProperty() {
        return vacuumReason;
    }

    public ReadOnlyObjectProperty<VacuumPlan> vacuumPlanProperty() {
        return vacuumPlan.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<VacuumResult> vacuumResultProperty() {
        return vacuumResult.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty vacuumBusyProperty() {
        return vacuumBusy.getReadOnlyProperty();
    }

    /** True when a plan exists, nothing runs, and a short retention (if any) is overridden. */
    public BooleanBinding canRunVacuumBinding() {
        return canRunVacuum;
    }

    /** Simulates VACUUM with the typed retention (a dry run); completes with the plan. */
    public CompletableFuture<VacuumPlan> simulateVacuum() {
        CompletableFuture<VacuumPlan> done = new CompletableFuture<>();
        String t = table.get();
        if (t == null || t.isBlank()) {
            LakeLensException e = new LakeLensException("Pick a table to simulate VACUUM on.");
            error.set(e.getMessage());
            done.completeExceptionally(e);
            return done;
        }
        Duration keep;
        try {
            keep = Durations.parse(retention.get());
        } catch (LakeLensException e) {
            error.set(e.getMessage());
            done.completeExceptionally(e);
            return done;
        }
        vacuumTask = BackgroundTask.withProgress(ctx -> {
                    SparkJobs.Control control = new SparkJobs.Control(p -> ctx.progress(-1, p.stage()));
                    ctx.onCancel(control::cancel);
                    return planner.plan(t, keep, control);
                })
                .withTitle("VACUUM dry run of " + t)
                .onRunning(() -> vacuumBusy.set(true))
                .onSuccess(p -> {
                    error.set("");
                    vacuumResult.set(null);
                    vacuumPlan.set(p);
                    done.complete(p);
                })
                .onFailure(e -> UiErrors.fail(error, e, done))
                .onCancelled(() -> done.cancel(false))
                .onFinished(() -> vacuumBusy.set(false))
                .executeWith(tasks);
        return done;
    }

    /** Runs the simulated VACUUM; refused (by {@link #canRunVacuumBinding()}) until short retentions are overridden. */
    public CompletableFuture<VacuumResult> runVacuum() {
        CompletableFuture<VacuumResult> done = new CompletableFuture<>();
        VacuumPlan plan = vacuumPlan.get();
        if (plan == null) {
            done.completeExceptionally(new LakeLensException("Simulate the VACUUM first."));
            return done;
        }
        boolean override = overrideShortRetention.get();
        String reason = vacuumReason.get();
        vacuumTask = BackgroundTask.withProgress(ctx -> {
                    SparkJobs.Control control = new SparkJobs.Control(p -> ctx.progress(-1, p.stage()));
                    ctx.onCancel(control::cancel);
                    return changes.run(new LakeChange.Vacuum(plan, override, reason), control).result();
                })
                .withTitle("VACUUM " + plan.table())
                .onRunning(() -> vacuumBusy.set(true))
                .onSuccess(r -> {
                    vacuumResult.set(r);
                    vacuumPlan.set(null);
                    notifier.success(String.format(Locale.ROOT, "VACUUM %s deleted %d files; versions before %d are no longer readable.",
                            plan.table(), r.deletedFiles(), plan.earliestReadableAfter()));
                    status.report(OperationReport.of("VACUUM " + plan.table()).withLatency(r.elapsed().toMillis()).withVersion(r.version()));
                    committed.run();
                    done.complete(r);
                })
                .onFailure(e -> UiErrors.fail(error, e, done))
                .onCancelled(() -> done.cancel(false))
                .onFinished(() -> vacuumBusy.set(false))
                .executeWith(tasks);
        return done;
    }

    /** Cancels a dry run nobody will look at; a VACUUM that may be deleting files is left to finish. */
    void cancelDryRun() {
        if (vacuumTask != null && vacuumPlan.get() == null && vacuumResult.get() == null && !canRunVacuum.get()) {
            vacuumTask.cancel();
        }
    }

    void clear() {
        vacuumPlan.set(null);
        vacuumResult.set(null);
    }
}
