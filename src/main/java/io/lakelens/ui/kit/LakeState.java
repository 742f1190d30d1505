package io.lakelens.ui.kit;

import io.lakelens.data.DatasetSize;
import io.lakelens.data.Tables;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.LakeTable;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import java.nio.file.Path;
import java.util.List;

/**
 * The lake the window shows: its tables, the table picked in the header, the dataset size of
 * {@code market_data} and the picked table's latest version. Tabs listen to
 * {@link #revisionProperty()} to reload after the lake changed (generation, restore, optimize).
 * Read and written on the UI thread; the lake is read in background tasks.
 */
public final class LakeState {
    private final LakeEngine engine;
    private final TaskExecutor tasks;
    private final ObservableList<String> tables = FXCollections.observableArrayList();
    private final ObservableMap<String, LakeTable> states = FXCollections.observableHashMap();
    private final StringProperty table = new SimpleStringProperty(Tables.MarketData.NAME);
    private final ObjectProperty<DatasetSize> dataset = new SimpleObjectProperty<>();
    private final LongProperty rows = new SimpleLongProperty(-1);
    private final LongProperty tableVersion = new SimpleLongProperty(-1);
    private final IntegerProperty revision = new SimpleIntegerProperty();
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(false);
    private RunningTask versionTask;

    public LakeState(LakeEngine engine, TaskExecutor tasks) {
        this.engine = engine;
        this.tasks = tasks;
        table.addListener((o, a, b) -> readVersion());
    }

    public Path root() {
        return engine.lakeRoot();
    }

    /** Delta tables under the lake root, sorted. */
    public ObservableList<String> tables() {
        return tables;
    }

    /**
     * Each listed table's state once its log has been opened (after {@link #refresh()} lists
     * the names): an unreadable table carries its one-line reason. Absent while not checked.
     */
    public ObservableMap<String, LakeTable> states() {
        return states;
    }

    /** The table picked in the header. */
    public StringProperty tableProperty() {
        return table;
    }

    /** The size class of {@code market_data}, null while unknown or when the lake has none. */
    public ObjectProperty<DatasetSize> datasetProperty() {
        return dataset;
    }

    /** Rows of {@code market_data}, -1 while unknown. */
    public LongProperty rowsProperty() {
        return rows;
    }

    /** Latest version of the picked table, -1 while unknown. */
    public LongProperty tableVersionProperty() {
        return tableVersion;
    }

    /** Bumped each time the lake changed; reload when it moves. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision;
    }

    /** True once the table list has been read at least once. */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public boolean isEmpty() {
        return loaded.get() && tables.isEmpty();
    }

    /**
     * Brings the table list to {@code names} by removing and inserting only what differs: a
     * wholesale replace would clear every picker's value, even for tables still in the lake.
     */
    private void updateInPlace(List<String> names) {
        tables.retainAll(names);
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (i >= tables.size() || !tables.get(i).equals(n)) {
                tables.remove(n);
                tables.add(i, n);
            }
        }
    }

    /**
     * Re-reads the table list (no Spark needed), then counts {@code market_data} (Spark, so
     * it waits for the session). Tabs are told through {@link #revisionProperty()}.
     */
    public RunningTask refresh() {
        return BackgroundTask.wrap(engine::tableNames)
                .onSuccess(names -> {
                    updateInPlace(names);
                    if (!names.isEmpty() && !names.contains(table.get())) {
                        table.set(defaultTable(names));
                    }
                    loaded.set(true);
                    revision.set(revision.get() + 1);
                    readVersion();
                    countRows(names);
                    checkTables();
                })
                .executeWith(tasks);
    }

    /** The table a lake opens on: {@code market_data} if it has one, else its first; null for no tables. */
    public static String defaultTable(List<String> names) {
        return names.isEmpty() ? null : names.contains(Tables.MarketData.NAME) ? Tables.MarketData.NAME : names.getFirst();
    }

    /** Opens every table's log in the background, so the picker can grey out the ones that do not open. */
    private void checkTables() {
        BackgroundTask.wrap(engine::listTables)
                .withTitle("Checking the lake's tables")
                .onSuccess(listing -> {
                    states.keySet().retainAll(listing.names());
                    listing.tables().forEach(t -> states.put(t.name(), t));
                })
                .executeWith(tasks);
    }

    private void countRows(List<String> names) {
        if (!names.contains(Tables.MarketData.NAME)) {
            rows.set(-1);
            dataset.set(null);
            return;
        }
        // from the log's file statistics: the badge shows before Spark has started
        BackgroundTask.wrap(() -> engine.describe(Tables.MarketData.NAME))
                .withTitle("Counting market data")
                .onSuccess(info -> {
                    rows.set(info.rowCount());
                    dataset.set(DatasetSize.ofProperties(info.properties()).orElse(null));
                })
                .executeWith(tasks);
    }

    private void readVersion() {
        String t = table.get();
        if (versionTask != null) {
            versionTask.cancel();
        }
        if (t == null || !tables.contains(t)) {
            tableVersion.set(-1);
            return;
        }
        versionTask = BackgroundTask.wrap(() -> engine.latestVersion(t))
                .onSuccess(tableVersion::set)
                .executeWith(tasks);
    }

    /** A newer version of {@code name} was announced (invalidation message); older news is ignored. */
    public void versionPublished(String name, long version) {
        if (name.equals(table.get()) && version > tableVersion.get()) {
            tableVersion.set(version);
        }
    }

    /** Latest version of a table read now, for callers already on a background thread. */
    public long latestVersionNow(String name) {
        return engine.latestVersion(name);
    }
}
