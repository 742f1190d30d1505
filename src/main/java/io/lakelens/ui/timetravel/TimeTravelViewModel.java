package io.lakelens.ui.timetravel;

import io.lakelens.lake.TimeTravel;
import io.lakelens.lake.TimelineNode;
import io.lakelens.lake.change.ChangeRunner;
import io.lakelens.search.SearchService;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.StatusModel;
import io.lakelens.ui.kit.TaskExecutor;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Time Travel tab: the selected table and its four sections (timeline, browse, compare,
 * restore), which share one error line. Selecting a version on the timeline prepares the other
 * sections for it (browse it, compare it with the version before, restore to it); a restore
 * reloads the timeline. Each section runs its slow steps on the task executor and cancels the
 * previous one of its kind.
 */
public final class TimeTravelViewModel {
    private final StringProperty table = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final StringProperty keyText = new SimpleStringProperty("");
    private final TimelineViewModel timeline;
    private final BrowseViewModel browse;
    private final CompareViewModel compare;
    private final RestoreViewModel restore;

    /**
     * @param search      the window's search service, for searching as of a version; null leaves it out
     * @param readOnly    true hides and refuses restore (the lake was opened read-only)
     * @param lakeChanged called after a restore so the window re-reads the lake
     */
    public TimeTravelViewModel(TimeTravel timeTravel, ChangeRunner changes, SearchService search, TaskExecutor tasks, Notifier notifier,
                               StatusModel status, boolean readOnly, Runnable lakeChanged) {
        timeline = new TimelineViewModel(timeTravel, table, tasks, error);
        browse = new BrowseViewModel(timeTravel, search, table, tasks, status, error);
        compare = new CompareViewModel(timeTravel, table, tasks, status, error, keyText);
        restore = new RestoreViewModel(timeTravel, changes, table, tasks, notifier, error, keyText, readOnly, () -> {
            lakeChanged.run();
            timeline.load();
        });
        timeline.selectedProperty().addListener((o, a, n) -> prepareFor(n));
    }

    public StringProperty tableProperty() {
        return table;
    }

    /** The last failure of any section in one line; empty when the last step succeeded. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public TimelineViewModel timelineModel() {
        return timeline;
    }

    public BrowseViewModel browseModel() {
        return browse;
    }

    public CompareViewModel compareModel() {
        return compare;
    }

    public RestoreViewModel restoreModel() {
        return restore;
    }

    public boolean isReadOnly() {
        return restore.isReadOnly();
    }

    /** True while any section is reading or writing. */
    public BooleanExpression busyProperty() {
        return timeline.loadingProperty().or(browse.browsingProperty()).or(compare.comparingProperty())
                .or(restore.restoringProperty());
    }

    private void prepareFor(TimelineNode n) {
        if (n == null) {
            return;
        }
        browse.asOfTextProperty().set(String.valueOf(n.version()));
        compare.fromTextProperty().set(String.valueOf(timeline.versionBefore(n)));
        compare.toTextProperty().set(String.valueOf(n.version()));
        restore.restoreTargetProperty().set(String.valueOf(n.version()));
    }

    /** Cancels running reads and previews (leaving the tab). A restore in flight is not interrupted. */
    public void cancel() {
        timeline.cancel();
        browse.cancel();
        compare.cancel();
        restore.cancel();
    }

    /** Frees the cached rows of the current diff and restore preview. */
    public void dispose() {
        cancel();
        compare.closeDiff();
        restore.clearPlan();
    }
}
