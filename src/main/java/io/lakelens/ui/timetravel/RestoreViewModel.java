package io.lakelens.ui.timetravel;

import io.lakelens.LakeLensException;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.AsOfs;
import io.lakelens.lake.RestorePlan;
import io.lakelens.lake.RestoreResult;
import io.lakelens.lake.TimeTravel;
import io.lakelens.lake.VersionDiff;
import io.lakelens.lake.change.ChangeRunner;
import io.lakelens.lake.change.LakeChange;
import io.lakelens.ui.kit.BackgroundTask;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.RunningTask;
import io.lakelens.ui.kit.TaskExecutor;
import io.lakelens.ui.kit.UiErrors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The restore section: preview a restore to a version, acknowledge the rows, give a reason, restore. */
public final class RestoreViewModel {
    /** Rows of the restore preview listed for confirmation. */
    public static final int PREVIEW_ROWS = 50;

    private final TimeTravel timeTravel;
    private final ChangeRunner changes;
    private final ObservableStringValue table;
    private final TaskExecutor tasks;
    private final Notifier notifier;
    private final StringProperty error;
    private final StringProperty keyText;
    private final boolean readOnly;
    private final Runnable restored;

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
    private RunningTask restoreTask;

    /**
     * @param keyText  key columns, comma-separated; shared with the compare section
     * @param readOnly true refuses the preview and the restore (the lake was opened read-only)
     * @param restored called on the UI thread after a restore committed
     */
    RestoreViewModel(TimeTravel timeTravel, ChangeRunner changes, ObservableStringValue table, TaskExecutor tasks, Notifier notifier,
                     StringProperty error, StringProperty keyText, boolean readOnly, Runnable restored) {
        this.timeTravel = timeTravel;
        this.changes = changes;
        this.table = table;
        this.tasks = tasks;
        this.notifier = notifier;
        this.error = error;
        this.keyText = keyText;
        this.readOnly = readOnly;
        this.restored = restored;
        canRestore = Bindings.createBooleanBinding(() -> !readOnly && restorePlan.get() != null && acknowledged.get()
                        && restoreReason.get() != null && !restoreReason.get().isBlank() && !restoring.get(),
                restorePlan, acknowledged, restoreReason, restoring);
        restoreTarget.addListener((o, a, b) -> clearPlan());
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public StringProperty restoreTargetProperty() {
        return restoreTarget;
    }

    /** Key columns, comma-separated; empty = the table's default key. */
    public StringProperty keyTextProperty() {
        return keyText;
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
        List<String> key = Sections.keyColumns(keyText.get());
        Sections.cancel(restoreTask);
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
                    previewValueColumns.setAll(Sections.changedFirst(p.plan().diff().valueColumns(), p.rows()));
                    previewRows.setAll(p.rows());
                    restoreMessage.set(p.plan().describe());
                    shown.complete(p.plan());
                })
                .onFailure(e -> UiErrors.fail(error, e, shown))
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
        Sections.cancel(restoreTask);
        restoreTask = BackgroundTask.wrap(() -> changes.run(new LakeChange.Restore(plan, reason), null).result())
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
                    restored.run();
                    done.complete(r);
                })
                .onFailure(e -> UiErrors.fail(error, e, done))
                .onFinished(() -> restoring.set(false))
                .executeWith(tasks);
        return done;
    }

    /** Cancels a preview; a restore in flight is not interrupted. */
    void cancel() {
        if (restoreTask != null && !restoring.get()) {
            Sections.cancel(restoreTask);
        }
    }

    void clearPlan() {
        RestorePlan old = restorePlan.get();
        restorePlan.set(null);
        previewRows.clear();
        acknowledged.set(false);
        restoreMessage.set("");
        if (old != null) {
            BackgroundTask.wrap(old::close).executeWith(tasks);
        }
    }
}
