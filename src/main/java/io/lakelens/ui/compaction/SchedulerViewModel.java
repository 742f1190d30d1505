package io.lakelens.ui.compaction;

import io.lakelens.LakeLensException;
import io.lakelens.lake.maintenance.CompactionPolicy;
import io.lakelens.lake.maintenance.CompactionRun;
import io.lakelens.lake.maintenance.CompactionScheduler;
import io.lakelens.ui.kit.BackgroundTask;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.TaskExecutor;
import io.lakelens.ui.kit.UiErrors;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The scheduler section: the picked table's compaction policy, all policies, and the runs, newest first. */
public final class SchedulerViewModel {
    private final CompactionScheduler scheduler;
    private final ObservableStringValue table;
    private final TaskExecutor tasks;
    private final Notifier notifier;
    private final StringProperty error;

    private final ObservableList<CompactionPolicy> policies = FXCollections.observableArrayList();
    private final ObservableList<CompactionRun> runs = FXCollections.observableArrayList();
    private final DoubleProperty policyRatio = new SimpleDoubleProperty(0.5);
    private final IntegerProperty policyMaxFiles = new SimpleIntegerProperty(0);
    private final IntegerProperty policyEvery = new SimpleIntegerProperty(15);
    private final StringProperty policyWindow = new SimpleStringProperty("");
    private final StringProperty policyZOrder = new SimpleStringProperty("");

    /** @param compacted called on the UI thread after a scheduled run committed */
    SchedulerViewModel(CompactionScheduler scheduler, ObservableStringValue table, TaskExecutor tasks, Notifier notifier,
                       StringProperty error, Runnable compacted) {
        this.scheduler = scheduler;
        this.table = table;
        this.tasks = tasks;
        this.notifier = notifier;
        this.error = error;
        scheduler.onRun(run -> tasks.ui(() -> {
            runs.add(0, run);
            if (run.outcome() == CompactionRun.Outcome.COMPACTED) {
                compacted.run();
            }
        }));
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

    /** Loads policies and past runs (from the lake) into the lists. */
    public void loadScheduler() {
        BackgroundTask.wrap(() -> new Loaded(scheduler.policies(), scheduler.runs()))
                .onSuccess(r -> {
                    policies.setAll(r.policies());
                    runs.setAll(r.runs());
                    r.policies().stream().filter(x -> x.table().equals(table.get())).findFirst().ifPresent(this::showPolicy);
                })
                .onFailure(e -> error.set(UiErrors.message(e)))
                .executeWith(tasks);
    }

    private record Loaded(List<CompactionPolicy> policies, List<CompactionRun> runs) {
    }

    private void showPolicy(CompactionPolicy p) {
        policyRatio.set(p.smallFileRatio());
        policyMaxFiles.set(p.maxFiles());
        policyEvery.set(p.everyMinutes());
        policyWindow.set(p.window());
        policyZOrder.set(String.join(", ", p.zOrderBy()));
    }

    /** Saves the form as the picked table's policy; false (with the reason on the tab's error line) if invalid. */
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
}
