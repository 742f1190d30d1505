package io.lakelens.ui.compaction;

import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.change.ChangeRunner;
import io.lakelens.lake.maintenance.CompactionScheduler;
import io.lakelens.lake.maintenance.HealthInspector;
import io.lakelens.lake.maintenance.PropertyEditor;
import io.lakelens.lake.maintenance.VacuumPlanner;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.StatusModel;
import io.lakelens.ui.kit.TaskExecutor;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Compaction tab: the picked table and its five sections (health, properties, optimize,
 * vacuum, scheduler), which share one error line. A commit any section makes re-reads the
 * table's health and tells the window the lake changed; picking another table clears every
 * section's results. Each section runs one job of its kind at a time on the task executor.
 */
public final class CompactionViewModel {
    private final StringProperty table = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final HealthViewModel health;
    private final PropertiesViewModel properties;
    private final OptimizeViewModel optimize;
    private final VacuumViewModel vacuum;
    private final SchedulerViewModel scheduler;
    private final Runnable lakeChanged;

    /**
     * @param engine      the lake: its table list and schemas
     * @param lakeChanged called on the UI thread after a commit this tab made (so other tabs reload)
     */
    public CompactionViewModel(LakeEngine engine, HealthInspector inspector, PropertyEditor editor, ChangeRunner changes,
                               VacuumPlanner planner, CompactionScheduler compactionScheduler, TaskExecutor tasks,
                               Notifier notifier, StatusModel status, Runnable lakeChanged) {
        this.lakeChanged = lakeChanged;
        properties = new PropertiesViewModel(editor, changes, table, tasks, notifier, status, error, this::committedHere);
        health = new HealthViewModel(engine, inspector, table, tasks, error, properties::show);
        optimize = new OptimizeViewModel(changes, table, tasks, status, error, committed -> {
            if (committed) {
                lakeChanged.run();
            }
            health.refreshHealth();
        });
        vacuum = new VacuumViewModel(planner, changes, table, tasks, notifier, status, error, this::committedHere);
        scheduler = new SchedulerViewModel(compactionScheduler, table, tasks, notifier, error, lakeChanged);
        // Results belong to a table: they go when another table is picked, not when the pick
        // blinks to empty and back while the lake's table list is re-read.
        String[] shown = {table.get()};
        table.addListener((o, a, b) -> {
            if (b == null || b.equals(shown[0])) {
                return;
            }
            shown[0] = b;
            health.clear();
            optimize.clear();
            vacuum.clear();
            properties.clear();
        });
    }

    private void committedHere() {
        lakeChanged.run();
        health.refreshHealth();
    }

    public StringProperty tableProperty() {
        return table;
    }

    /** The last failure of any section in one line; empty after a success. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public HealthViewModel healthModel() {
        return health;
    }

    public PropertiesViewModel propertiesModel() {
        return properties;
    }

    public OptimizeViewModel optimizeModel() {
        return optimize;
    }

    public VacuumViewModel vacuumModel() {
        return vacuum;
    }

    public SchedulerViewModel schedulerModel() {
        return scheduler;
    }

    /** Cancels reads nobody will look at (leaving the tab); writes in progress are left to finish. */
    public void cancelReads() {
        health.cancel();
        vacuum.cancelDryRun();
    }
}
