package io.lakelens.ui.compaction;

import io.lakelens.LakeLensException;
import io.lakelens.lake.change.ChangeRunner;
import io.lakelens.lake.change.LakeChange;
import io.lakelens.lake.maintenance.DeltaProperty;
import io.lakelens.lake.maintenance.PropertyChange;
import io.lakelens.lake.maintenance.PropertyEditor;
import io.lakelens.lake.maintenance.TableHealth;
import io.lakelens.ui.kit.BackgroundTask;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.OperationReport;
import io.lakelens.ui.kit.StatusModel;
import io.lakelens.ui.kit.TaskExecutor;
import io.lakelens.ui.kit.UiErrors;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The properties section: the table's maintenance properties, edited, previewed as a statement, applied. */
public final class PropertiesViewModel {
    private final PropertyEditor editor;
    private final ChangeRunner changes;
    private final ObservableStringValue table;
    private final TaskExecutor tasks;
    private final Notifier notifier;
    private final StatusModel status;
    private final StringProperty error;
    private final Runnable committed;

    private final ObservableList<PropertyRow> propertyRows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<PropertyChange> pendingChange = new ReadOnlyObjectWrapper<>();
    private final StringProperty propertyReason = new SimpleStringProperty("");

    /** @param committed called on the UI thread after the change committed */
    PropertiesViewModel(PropertyEditor editor, ChangeRunner changes, ObservableStringValue table, TaskExecutor tasks, Notifier notifier,
                        StatusModel status, StringProperty error, Runnable committed) {
        this.editor = editor;
        this.changes = changes;
        this.table = table;
        this.tasks = tasks;
        this.notifier = notifier;
        this.status = status;
        this.error = error;
        this.committed = committed;
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

    /** Shows the properties a health read found, as rows to edit; a pending change is dropped. */
    void show(TableHealth h) {
        propertyRows.clear();
        pendingChange.set(null);
        for (DeltaProperty p : DeltaProperty.values()) {
            h.properties().stream().filter(v -> v.key().equals(p.key())).findFirst().ifPresent(v ->
                    propertyRows.add(new PropertyRow(p, v.value(), v.source().equals("default"))));
        }
    }

    /**
     * Validates the edited rows and shows the statement to confirm ({@link #pendingChangeProperty()}).
     * Runs inline: it reads the log only. Returns false (with the tab's error line) on bad input.
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
            pendingChange.set(editor.preview(table.get(), edits));
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
        BackgroundTask.wrap(() -> changes.run(new LakeChange.SetProperties(change, reason), null).version())
                .withTitle("Setting properties of " + change.table())
                .onSuccess(v -> {
                    pendingChange.set(null);
                    notifier.success("Properties of " + change.table() + " set (version " + v + ").");
                    status.report(OperationReport.of("SET TBLPROPERTIES " + change.table()).withVersion(v));
                    committed.run();
                    done.complete(v);
                })
                .onFailure(e -> UiErrors.fail(error, e, done))
                .executeWith(tasks);
        return done;
    }

    void clear() {
        pendingChange.set(null);
        propertyRows.clear();
    }
}
