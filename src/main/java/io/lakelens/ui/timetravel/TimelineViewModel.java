package io.lakelens.ui.timetravel;

import io.lakelens.LakeLensException;
import io.lakelens.lake.AsOfs;
import io.lakelens.lake.SchemaChange;
import io.lakelens.lake.TimeTravel;
import io.lakelens.lake.Timeline;
import io.lakelens.lake.TimelineNode;
import io.lakelens.ui.kit.BackgroundTask;
import io.lakelens.ui.kit.Formats;
import io.lakelens.ui.kit.RunningTask;
import io.lakelens.ui.kit.TaskExecutor;
import io.lakelens.ui.kit.UiErrors;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/** The timeline section: the table's commits, the selected one, zoom, jump and the schema timeline. */
public final class TimelineViewModel {
    private final TimeTravel timeTravel;
    private final ObservableStringValue table;
    private final TaskExecutor tasks;
    private final StringProperty error;

    private final ReadOnlyObjectWrapper<Timeline> timeline = new ReadOnlyObjectWrapper<>();
    private final ObservableList<TimelineNode> nodes = FXCollections.observableArrayList();
    private final ObjectProperty<TimelineNode> selected = new SimpleObjectProperty<>();
    private final DoubleProperty zoom = new SimpleDoubleProperty(1.0);
    private final StringProperty jumpText = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<SchemaChange> schemaChanges = FXCollections.observableArrayList();
    private RunningTask timelineTask;

    /**
     * @param table the table whose history is shown
     * @param error the tab's error line, written on failure and cleared when a step starts
     */
    TimelineViewModel(TimeTravel timeTravel, ObservableStringValue table, TaskExecutor tasks, StringProperty error) {
        this.timeTravel = timeTravel;
        this.table = table;
        this.tasks = tasks;
        this.error = error;
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

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Schema changes, newest first. */
    public ObservableList<SchemaChange> schemaChanges() {
        return schemaChanges;
    }

    /** Reads the table's timeline (the log only) and selects the latest version, or keeps the selection. */
    public CompletableFuture<Timeline> load() {
        CompletableFuture<Timeline> shown = new CompletableFuture<>();
        String t = table.get();
        if (t == null || t.isBlank()) {
            shown.completeExceptionally(new LakeLensException("Pick a table first."));
            return shown;
        }
        Sections.cancel(timelineTask);
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
                    newestFirst.sort(Comparator.comparingLong(SchemaChange::version).reversed());
                    schemaChanges.setAll(newestFirst);
                    TimelineNode pick = tl.node(keep).orElse(tl.node(tl.latest()).orElse(null));
                    selected.set(null);
                    selected.set(pick);
                    shown.complete(tl);
                })
                .onFailure(e -> UiErrors.fail(error, e, shown))
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

    /** The version before {@code n} on the timeline ({@code n} itself when it is the first). */
    long versionBefore(TimelineNode n) {
        Timeline tl = timeline.get();
        return tl == null ? n.version() - 1 : tl.nodes().stream().filter(x -> x.version() < n.version())
                .mapToLong(TimelineNode::version).max().orElse(n.version());
    }

    void cancel() {
        Sections.cancel(timelineTask);
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
