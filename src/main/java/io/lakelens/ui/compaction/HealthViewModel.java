package io.lakelens.ui.compaction;

import io.lakelens.LakeLensException;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.maintenance.HealthInspector;
import io.lakelens.lake.maintenance.Optimizer;
import io.lakelens.lake.maintenance.TableHealth;
import io.lakelens.ui.kit.BackgroundTask;
import io.lakelens.ui.kit.RunningTask;
import io.lakelens.ui.kit.TaskExecutor;
import io.lakelens.ui.kit.UiErrors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The health section: the picked table's files, sizes, partitions and verdict. */
public final class HealthViewModel {
    private final LakeEngine engine;
    private final HealthInspector inspector;
    private final StringProperty table;
    private final TaskExecutor tasks;
    private final StringProperty error;
    private final Consumer<TableHealth> loaded;

    private final ReadOnlyObjectWrapper<TableHealth> health = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper healthLoading = new ReadOnlyBooleanWrapper(false);
    private RunningTask healthTask;

    /**
     * @param engine the lake, for its table list and the picked table's schema
     * @param table  the picked table; {@link #pickTableMostInNeed()} sets it
     * @param loaded told of each health read (the properties section shows its properties)
     */
    HealthViewModel(LakeEngine engine, HealthInspector inspector, StringProperty table, TaskExecutor tasks,
                    StringProperty error, Consumer<TableHealth> loaded) {
        this.engine = engine;
        this.inspector = inspector;
        this.table = table;
        this.tasks = tasks;
        this.error = error;
        this.loaded = loaded;
    }

    public ReadOnlyObjectProperty<TableHealth> healthProperty() {
        return health.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty healthLoadingProperty() {
        return healthLoading.getReadOnlyProperty();
    }

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
        healthTask = BackgroundTask.wrap(() -> inspector.inspect(t))
                .onRunning(() -> healthLoading.set(true))
                .onSuccess(h -> {
                    error.set("");
                    health.set(h);
                    loaded.accept(h);
                    done.complete(h);
                })
                .onFailure(e -> UiErrors.fail(error, e, done))
                .onCancelled(() -> done.cancel(false))
                .onFinished(() -> healthLoading.set(false))
                .executeWith(tasks);
        return done;
    }

    /**
     * Picks the lake's table that OPTIMIZE would help most (most files it would remove), for
     * opening the tab on something worth looking at. Completes with the table picked.
     */
    public CompletableFuture<String> pickTableMostInNeed() {
        CompletableFuture<String> done = new CompletableFuture<>();
        BackgroundTask.wrap(() -> {
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
                .onFailure(e -> UiErrors.fail(error, e, done))
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

    void clear() {
        health.set(null);
    }

    void cancel() {
        if (healthTask != null) {
            healthTask.cancel();
        }
    }
}
