package io.lakelens.ui.compaction;

import io.lakelens.LakeLensException;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.SparkJobs;
import io.lakelens.lake.maintenance.CompactionPolicy;
import io.lakelens.lake.maintenance.CompactionRun;
import io.lakelens.lake.maintenance.CompactionScheduler;
import io.lakelens.lake.maintenance.DeltaProperty;
import io.lakelens.lake.maintenance.Durations;
import io.lakelens.lake.maintenance.HealthInspector;
import io.lakelens.lake.maintenance.OptimizeRequest;
import io.lakelens.lake.maintenance.OptimizeResult;
import io.lakelens.lake.maintenance.Optimizer;
import io.lakelens.lake.maintenance.PropertyChange;
import io.lakelens.lake.maintenance.PropertyEditor;
import io.lakelens.lake.maintenance.TableHealth;
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
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * State and commands of the Compaction tab: the picked table's health, its maintenance
 * properties (edited, previewed as the exact statement, then applied), OPTIMIZE with progress,
 * cancel and a before/after, the VACUUM simulator and runner, and the compaction scheduler's
 * policies and runs. Commands run on the task executor; results and scheduler events reach
 * the properties on the UI thread through {@link TaskExecutor#ui}. One job of each kind at a time.
 */
public final class CompactionViewModel {
    private final LakeEngine engine;
    private final CompactionScheduler scheduler;
    private final TaskExecutor tasks;
    private final Notifier notifier;
    private final StatusModel status;
    private final Runnable lakeChanged;

    private final StringProperty table = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    private final ReadOnlyObjectWrapper<TableHealth> health = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper healthLoading = new ReadOnlyBooleanWrapper(false);

    private final ObservableList<PropertyRow> propertyRows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<PropertyChange> pendingChange = new ReadOnlyObjectWrapper<>();
    private final StringProperty propertyReason = new SimpleStringProperty("");

    private final StringProperty zOrder = new SimpleStringProperty("");
    private final StringProperty where = new SimpleStringProperty("");
    private final StringProperty optimizeReason = new SimpleStringProperty("");
    private final BooleanProperty measureRead = new SimpleBooleanProperty(true);
    private final ReadOnlyBooleanWrapper optimizing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper optimizeProgress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper optimizeStep = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<OptimizeResult> optimizeResult = new ReadOnlyObjectWrapper<>();

    private final StringProperty retention = new SimpleStringProperty("168h");
    private final BooleanProperty overrideShortRetention = new SimpleBooleanProperty(false);
    private final StringProperty vacuumReason = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<VacuumPlan> vacuumPlan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<VacuumResult> vacuumResult = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper vacuumBusy = new ReadOnlyBooleanWrapper(false);
    private final BooleanBinding canRunVacuum;

    private final ObservableList<CompactionPolicy> policies = FXCollections.observableArrayList();
    private final ObservableList<CompactionRun> runs = FXCollections.observableArrayList();
    private final DoubleProperty policyRatio = new SimpleDoubleProperty(0.5);
    private final IntegerProperty policyMaxFiles = new SimpleIntegerProperty(0);
    private final IntegerProperty policyEvery = new SimpleIntegerProperty(15);
    private final StringProperty policyWindow = new SimpleStringProperty("");
    private final StringProperty policyZOrder = new SimpleStringProperty("");

    private RunningTask healthTask;
    private RunningTask optimizeTask;
    private RunningTask vacuumTask;

    /**
     * @param lakeChanged called on the UI thread after a commit this tab made (so other tabs reload)
     */
    public CompactionViewModel(LakeEngine engine, CompactionScheduler scheduler, TaskExecutor tasks, Notifier notifier,
                               StatusModel status, Runnable lakeChanged) {
        this.engine = engine;
        this.scheduler = scheduler;
        this.tasks = tasks;
        this.notifier = notifier;
        this.status = status;
        this.lakeChanged = lakeChanged;
        this.canRunVacuum = Bindings.createBooleanBinding(() -> {
            VacuumPlan p = vacuumPlan.get();
            return p != null && !vacuumBusy.get() && (!p.needsOverride() || overrideShortRetention.get());
        }, vacuumPlan, vacuumBusy, overrideShortRetention);
        // Results belong to a table: they go when another table is picked, not when the pick
        // blinks to empty and back while the lake's table list is re-read.
        String[] shown = {table.get()};
        table.addListener((o, a, b) -> {
            if (b == null || b.equals(shown[0])) {
                return;
            }
            shown[0] = b;
            health.set(null);
            optimizeResult.set(null);
            vacuumPlan.set(null);
            vacuumResult.set(null);
            pendingChange.set(null);
            propertyRows.clear();
        });
        retention.addListener((o, a, b) -> vacuumPlan.set(null));
        scheduler.onRun(run -> tasks.ui(() -> {
            runs.add(0, run);
            if (run.outcome() == CompactionRun.Outcome.COMPACTED) {
                lakeChanged.run();
            }
        }));
    }

    // ---- health -------------------------------------------------------------------------

    /** Reads the picked table's health (and its property rows). Completes on the UI thread. */
    public CompletableFuture<TableHealth> refreshHealth() {
        CompletableFuture<TableHealth> done = new CompletableFuture<>();
        String t = table.get();
        if (t == null || t.isBlank()) {
            done.completeExceptionally(new LakeLensException("Pick a table first."));
            return done;
        }
        if (healthTask != null) {
            healthTask.cancel();
        }
        healthTask = BackgroundTask.wrap(() -> new HealthInspector(engine).inspect(t))
                .onRunning(() -> healthLoading.set(true))
                .onSuccess(h -> {
                    error.set("");
                    health.set(h);
                    loadPropertyRows(h);
                    done.complete(h);
                })
                .onFailure(e -> fail(e, done))
                .onCancelled(() -> done.cancel(false))
                .onFinished(() -> healthLoading.set(false))
                .executeWith(tasks);
        return done;
    }

    private void loadPropertyRows(TableHealth h) {
        propertyRows.clear();
        pendingChange.set(null);
        for (DeltaProperty p : DeltaProperty.values()) {
            h.properties().stream().filter(v -> v.key().equals(p.key())).findFirst().ifPresent(v ->
                    propertyRows.add(new PropertyRow(p, v.value(), v.source().equals("default"))));
        }
    }

    // ---- properties ---------------------------------------------------------------------

    /**
     * Validates the edited rows and shows the statement to confirm ({@link #pendingChangeProperty()}).
     * Runs inline: it reads the log only. Returns false (with {@link #errorProperty()}) on bad input.
     */
    public boolean previewProperties() {
        Map<String, String> edits = new LinkedHashMap<>();
        for (PropertyRow r : propertyRows) {
            if (r.changed()) {
                edits.put(r.key(), r.editProperty().get().strip());
            }
        }
        try {
            if (edits.isEmpty()) {
                throw new LakeLensException("No property was changed; edit a value first.");
            }
            pendingChange.set(new PropertyEditor(engine).preview(table.get(), edits));
            error.set("");
            return true;
        } catch (LakeLensException e) {
            pendingChange.set(null);
            error.set(e.getMessage());
            return false;
        }
    }

    public void discardPropertyChange() {
        pendingChange.set(null);
    }

    /** Applies the confirmed change as one commit; completes with the new version. */
    public CompletableFuture<Long> applyProperties() {
        CompletableFuture<Long> done = new CompletableFuture<>();
        PropertyChange change = pendingChange.get();
        if (change == null) {
            done.completeExceptionally(new LakeLensException("Preview the change first."));
            return done;
        }
        String reason = propertyReason.get();
        BackgroundTask.wrap(() -> new PropertyEditor(engine).apply(change, reason))
                .withTitle("Setting properties of " + change.table())
                .onSuccess(v -> {
                    pendingChange.set(null);
                    notifier.success("Properties of " + change.table() + " set (version " + v + ").");
                    status.report(OperationReport.of("SET TBLPROPERTIES " + change.table()).withVersion(v));
                    lakeChanged.run();
                    done.complete(v);
                    refreshHealth();
                })
                .onFailure(e -> fail(e, done))
                .executeWith(tasks);
        return done;
    }

    // ---- optimize -----------------------------------------------------------------------

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
                    return new Optimizer(engine).optimize(request, control);
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
                    if (r.committed()) {
                        lakeChanged.run();
                    }
                    status.report(OperationReport.of("OPTIMIZE " + t).withLatency(r.elapsed().toMillis()).withVersion(r.versionAfter()));
                    done.complete(r);
                    refreshHealth();
                })
                .onFailure(e -> {
                    optimizeStep.set(UiErrors.message(e));
                    fail(e, done);
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

    // ---- vacuum -------------------------------------------------------------------------

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
                    return new VacuumPlanner(engine).plan(t, keep, control);
                })
                .withTitle("VACUUM dry run of " + t)
                .onRunning(() -> vacuumBusy.set(true))
                .onSuccess(p -> {
                    error.set("");
                    vacuumResult.set(null);
                    vacuumPlan.set(p);
                    done.complete(p);
                })
                .onFailure(e -> fail(e, done))
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
                    return new VacuumPlanner(engine).vacuum(plan.table(), plan.retention(), override, reason, control);
                })
                .withTitle("VACUUM " + plan.table())
                .onRunning(() -> vacuumBusy.set(true))
                .onSuccess(r -> {
                    vacuumResult.set(r);
                    vacuumPlan.set(null);
                    notifier.success(String.format(Locale.ROOT, "VACUUM %s deleted %d files; versions before %d are no longer readable.",
                            plan.table(), r.deletedFiles(), plan.earliestReadableAfter()));
                    status.report(OperationReport.of("VACUUM " + plan.table()).withLatency(r.elapsed().toMillis()).withVersion(r.version()));
                    lakeChanged.run();
                    done.complete(r);
                    refreshHealth();
                })
                .onFailure(e -> fail(e, done))
                .onCancelled(() -> done.cancel(false))
                .onFinished(() -> vacuumBusy.set(false))
                .executeWith(tasks);
        return done;
    }

    // ---- scheduler ----------------------------------------------------------------------

    /** Loads policies and past runs (from the lake) into the lists. */
    public void loadScheduler() {
        BackgroundTask.wrap(() -> new Object[]{scheduler.policies(), scheduler.runs()})
                .onSuccess(r -> {
                    @SuppressWarnings("unchecked")
                    List<CompactionPolicy> p = (List<CompactionPolicy>) r[0];
                    @SuppressWarnings("unchecked")
                    List<CompactionRun> rs = (List<CompactionRun>) r[1];
                    policies.setAll(p);
                    runs.setAll(rs);
                    p.stream().filter(x -> x.table().equals(table.get())).findFirst().ifPresent(this::showPolicy);
                })
                .onFailure(e -> error.set(UiErrors.message(e)))
                .executeWith(tasks);
    }

    private void showPolicy(CompactionPolicy p) {
        policyRatio.set(p.smallFileRatio());
        policyMaxFiles.set(p.maxFiles());
        policyEvery.set(p.everyMinutes());
        policyWindow.set(p.window());
        policyZOrder.set(String.join(", ", p.zOrderBy()));
    }

    /** Saves the form as the picked table's policy; false (with the reason in {@link #errorProperty()}) if invalid. */
    public boolean savePolicy() {
        try {
            List<String> z = Arrays.stream(policyZOrder.get() == null ? new String[0] : policyZOrder.get().split(","))
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
            CompactionPolicy p = new CompactionPolicy(table.get(), true, policyRatio.get(), policyMaxFiles.get(),
                    policyEvery.get(), policyWindow.get(), z);
            scheduler.setPolicy(p);
            policies.setAll(scheduler.policies());
            error.set("");
            notifier.info("Compaction policy saved: " + p.describe() + ".");
            return true;
        } catch (LakeLensException e) {
            error.set(e.getMessage());
            return false;
        }
    }

    public void removePolicy() {
        scheduler.removePolicy(table.get());
        policies.setAll(scheduler.policies());
    }

    /** Checks the picked table against its policy now (runs OPTIMIZE if due). */
    public CompletableFuture<CompactionRun> runPolicyNow(boolean force) {
        try {
            return scheduler.runNow(table.get(), force);
        } catch (LakeLensException e) {
            error.set(e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
    }

    // ---- shared -------------------------------------------------------------------------

    private <T> void fail(Throwable e, CompletableFuture<T> done) {
        String m = UiErrors.message(e);
        error.set(m);
        done.completeExceptionally(e);
    }

    /** Cancels reads nobody will look at (leaving the tab); writes in progress are left to finish. */
    public void cancelReads() {
        if (healthTask != null) {
            healthTask.cancel();
        }
        if (vacuumTask != null && vacuumPlan.get() == null && vacuumResult.get() == null && !canRunVacuum.get()) {
            vacuumTask.cancel();
        }
    }

    /**
     * Picks the lake's table that OPTIMIZE would help most (most files it would remove), for
     * opening the tab on something worth looking at. Completes with the table picked.
     */
    public CompletableFuture<String> pickTableMostInNeed() {
        CompletableFuture<String> done = new CompletableFuture<>();
        BackgroundTask.wrap(() -> {
                    HealthInspector inspector = new HealthInspector(engine);
                    String best = null;
                    long gain = -1;
                    for (String t : engine.tableNames()) {
                        TableHealth h = inspector.inspect(t);
                        long g = h.fileCount() - h.estimatedFilesAfter();
                        if (g > gain) {
                            gain = g;
                            best = t;
                        }
                    }
                    return best;
                })
                .onSuccess(t -> {
                    if (t != null) {
                        table.set(t);
                    }
                    done.complete(table.get());
                })
                .onFailure(e -> fail(e, done))
                .executeWith(tasks);
        return done;
    }

    /** A Z-order column worth suggesting for the picked table: {@code symbol} when it has one with statistics. */
    public String zOrderSuggestion() {
        TableHealth h = health.get();
        if (h == null) {
            return "";
        }
        try {
            var snap = engine.snapshot(table.get(), AsOf.LATEST);
            if (snap.getSchema().fieldNames().contains("symbol") && !snap.getPartitionColumnNames().contains("symbol")) {
                Optimizer.validateZOrder(List.of("symbol"), snap.getSchema(), snap.getPartitionColumnNames(),
                        snap.getTableProperties());
                return "symbol";
            }
        } catch (LakeLensException e) {
            // no statistics on symbol: plain compaction
        }
        return "";
    }

    public StringProperty tableProperty() {
        return table;
    }

    /** The last failure in one line; empty after a success. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TableHealth> healthProperty() {
        return health.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty healthLoadingProperty() {
        return healthLoading.getReadOnlyProperty();
    }

    public ObservableList<PropertyRow> propertyRows() {
        return propertyRows;
    }

    /** The validated change awaiting confirmation, with its statement; null when none. */
    public ReadOnlyObjectProperty<PropertyChange> pendingChangeProperty() {
        return pendingChange.getReadOnlyProperty();
    }

    public StringProperty propertyReasonProperty() {
        return propertyReason;
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

    public ObservableList<CompactionPolicy> policies() {
        return policies;
    }

    /** Newest first. */
    public ObservableList<CompactionRun> runs() {
        return runs;
    }

    public DoubleProperty policyRatioProperty() {
        return policyRatio;
    }

    public IntegerProperty policyMaxFilesProperty() {
        return policyMaxFiles;
    }

    public IntegerProperty policyEveryProperty() {
        return policyEvery;
    }

    public StringProperty policyWindowProperty() {
        return policyWindow;
    }

    public StringProperty policyZOrderProperty() {
        return policyZOrder;
    }
}
