package io.lakelens.ui.shell;

import io.lakelens.LakeLensException;
import io.lakelens.lake.SparkJobs;
import io.lakelens.lake.TableName;
import io.lakelens.lake.change.ChangeRunner;
import io.lakelens.lake.change.LakeChange;
import io.lakelens.lake.ingest.DataImporter;
import io.lakelens.lake.ingest.ImportPreview;
import io.lakelens.lake.ingest.ImportRequest;
import io.lakelens.lake.ingest.ImportResult;
import io.lakelens.lake.ingest.ImportSample;
import io.lakelens.ui.kit.BackgroundTask;
import io.lakelens.ui.kit.RunningTask;
import io.lakelens.ui.kit.TaskExecutor;
import io.lakelens.ui.kit.UiErrors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The import wizard for one dropped file or folder: the target table (checked as a lake table
 * name that does not exist yet), the inferred schema with per-column type changes, the first
 * rows read with that schema and the rows that do not fit with their reasons; then the import
 * as one cancellable background change with its reason recorded, and the lake's table list
 * re-read when it committed.
 */
public final class ImportWizardViewModel {
    /** Rows read for the preview (and searched for bad rows). */
    static final int SAMPLE_ROWS = 200;

    private final Path source;
    private final DataImporter importer;
    private final ChangeRunner changes;
    private final TaskExecutor tasks;
    private final Runnable refreshLake;

    private final StringProperty table = new SimpleStringProperty();
    private final StringProperty reason = new SimpleStringProperty();
    private final ReadOnlyStringWrapper tableError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper step = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper analysing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper importing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<ImportResult> result = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ImportSample.ImportColumn> columns = FXCollections.observableArrayList();
    private final ObservableList<List<String>> rows = FXCollections.observableArrayList();
    private final ObservableList<ImportResult.BadRow> badRows = FXCollections.observableArrayList();
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private final BooleanBinding canImport;
    private ImportPreview preview;
    private RunningTask running;

    /** @param refreshLake re-reads the lake's table list; called on the UI thread after an import committed */
    public ImportWizardViewModel(Path source, DataImporter importer, ChangeRunner changes, TaskExecutor tasks, Runnable refreshLake) {
        this.source = source.toAbsolutePath().normalize();
        this.importer = importer;
        this.changes = changes;
        this.tasks = tasks;
        this.refreshLake = refreshLake;
        table.set(defaultTableName(this.source));
        reason.set("import " + this.source.getFileName());
        table.addListener((o, a, b) -> validate());
        validate();
        canImport = Bindings.createBooleanBinding(() -> tableError.get().isEmpty() && !columns.isEmpty()
                        && !analysing.get() && !importing.get() && result.get() == null,
                tableError, columns, analysing, importing, result);
    }

    /** A lake table name from a file name: its stem, lower case, letters, digits and underscores. */
    static String defaultTableName(Path source) {
        String n = source.getFileName() == null ? "imported" : source.getFileName().toString();
        int dot = n.indexOf('.');
        if (dot > 0) {
            n = n.substring(0, dot);
        }
        n = n.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_").replaceAll("^_+|_+$", "");
        if (n.isEmpty()) {
            return "imported";
        }
        return Character.isDigit(n.charAt(0)) ? "t_" + n : n;
    }

    public Path source() {
        return source;
    }

    /** The table to create; must be a valid lake table name, inside the lake, not yet a table. */
    public StringProperty tableProperty() {
        return table;
    }

    /** Recorded as the commit's reason. */
    public StringProperty reasonProperty() {
        return reason;
    }

    /** Why the table name cannot be used, in one line; empty when it can. */
    public ReadOnlyStringProperty tableErrorProperty() {
        return tableError.getReadOnlyProperty();
    }

    /** What was found: format, files, size, notes (renamed columns). */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The last failure (reading, a refused type, the import), one line; empty when none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** 0..1 during the import, negative while the amount is unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty analysingProperty() {
        return analysing.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty importingProperty() {
        return importing.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ImportResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The schema the rows will be loaded with (Delta-safe names, chosen types). */
    public ObservableList<ImportSample.ImportColumn> columns() {
        return columns;
    }

    /** The first rows that fit the schema, values as text, in column order. */
    public ObservableList<List<String>> rows() {
        return rows;
    }

    /** Rows among the first ones read that do not fit, with the reason each; they would not be loaded. */
    public ObservableList<ImportResult.BadRow> badRows() {
        return badRows;
    }

    public BooleanBinding canImportBinding() {
        return canImport;
    }

    /** The types a column can be given. */
    public List<String> typeChoices() {
        return ImportPreview.typeChoices();
    }

    private void validate() {
        String t = table.get() == null ? "" : table.get().strip();
        tableError.set(tableProblem(t));
    }

    private String tableProblem(String t) {
        if (t.isEmpty()) {
            return "Name the table to create.";
        }
        if (!TableName.isValid(t)) {
            return "'" + t + "' is not a table name: use letters, digits, _ and - (folders with /).";
        }
        Path dir;
        try {
            dir = changes.engine().tablePath(t);
        } catch (LakeLensException e) {
            return e.getMessage();
        }
        if (Files.isDirectory(dir.resolve("_delta_log"))) {
            return "Table " + t + " already exists; choose another name.";
        }
        if (Files.exists(dir)) {
            return dir + " exists and is not a Delta table; choose another name.";
        }
        return "";
    }

    /** Infers the schema and reads the first rows in the background; completes when they are shown. */
    public CompletableFuture<Void> analyse() {
        return analyse(Map.copyOf(overrides));
    }

    /** Gives {@code column} the type {@code type} and reads the first rows again with it. */
    public CompletableFuture<Void> setType(String column, String type) {
        Map<String, String> next = new LinkedHashMap<>(overrides);
        next.put(column, type);
        return analyse(next);
    }

    private CompletableFuture<Void> analyse(Map<String, String> types) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        // the table name is checked on its own; the preview only needs one that resolves
        ImportRequest request = ImportRequest.of(source, defaultTableName(source)).withTypes(types);
        record Analysis(ImportPreview preview, ImportSample sample) {
        }
        running = BackgroundTask.withProgress(ctx -> {
                    ctx.progress(-1, "reading " + source.getFileName());
                    ImportPreview p = importer.preview(request);
                    return new Analysis(p, importer.sample(p, SAMPLE_ROWS));
                })
                .withTitle("Read " + source.getFileName())
                .onRunning(() -> {
                    analysing.set(true);
                    step.set("Reading " + source.getFileName() + "…");
                })
                .onSuccess(a -> {
                    overrides.clear();
                    overrides.putAll(types);
                    preview = a.preview();
                    error.set("");
                    summary.set(summary(a.preview(), a.sample()));
                    step.set("");
                    columns.setAll(a.sample().columns());
                    rows.setAll(a.sample().rows());
                    badRows.setAll(a.sample().bad());
                    done.complete(null);
                })
                .onFailure(e -> {
                    step.set("");
                    UiErrors.fail(error, e, done);
                })
                .onCancelled(() -> {
                    step.set("Cancelled.");
                    done.cancel(false);
                })
                .onFinished(() -> analysing.set(false))
                .executeWith(tasks);
        return done;
    }

    private static String summary(ImportPreview p, ImportSample s) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s · %d file%s · %,d bytes · first %d rows read, %d bad",
                p.format().name(), p.files(), p.files() == 1 ? "" : "s", p.bytes(), s.scanned(), s.bad().size()));
        p.notes().forEach(n -> sb.append('\n').append(n));
        return sb.toString();
    }

    /**
     * Loads every row into the new table as one commit (with the reason), cancellable; completes
     * with the result, and the lake's table list is re-read.
     */
    public CompletableFuture<ImportResult> importNow() {
        CompletableFuture<ImportResult> done = new CompletableFuture<>();
        validate();
        if (preview == null || !tableError.get().isEmpty() || importing.get()) {
            done.completeExceptionally(new LakeLensException(!tableError.get().isEmpty() ? tableError.get()
                    : preview == null ? "The file has not been read yet." : "The import is already running."));
            return done;
        }
        String t = table.get().strip();
        String why = reason.get() == null || reason.get().isBlank() ? "import " + source.getFileName() : reason.get().strip();
        ImportPreview confirmed = preview.withTarget(t, why);
        running = BackgroundTask.withProgress(ctx -> {
                    SparkJobs.Control control = new SparkJobs.Control(p -> ctx.progress(p.fraction() > 0 ? p.fraction() : -1, p.summary()));
                    ctx.onCancel(control::cancel);
                    return changes.run(new LakeChange.Import(confirmed), control).result();
                })
                .withTitle("Import into " + t)
                .onRunning(() -> {
                    importing.set(true);
                    progress.set(-1);
                    step.set("Importing into " + t + "…");
                })
                .onProgress((f, s) -> {
                    progress.set(f);
                    step.set(s);
                })
                .onSuccess(r -> {
                    error.set("");
                    progress.set(1);
                    result.set(r);
                    step.set(r.summary());
                    refreshLake.run();
                    done.complete(r);
                })
                .onFailure(e -> {
                    progress.set(0);
                    step.set("");
                    UiErrors.fail(error, e, done);
                })
                .onCancelled(() -> {
                    progress.set(0);
                    step.set("Cancelled; nothing was committed.");
                    done.cancel(false);
                })
                .onFinished(() -> importing.set(false))
                .executeWith(tasks);
        return done;
    }

    /** Cancels the read or the import that is running. */
    public void cancel() {
        if (running != null && !running.isDone()) {
            running.cancel();
        }
    }
}
