package io.lakelens.ui.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lakelens.LakeLensException;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.AsOfs;
import io.lakelens.lake.AuditExport;
import io.lakelens.lake.AuditReport;
import io.lakelens.lake.Integrity;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.OperationKind;
import io.lakelens.lake.RowEvent;
import io.lakelens.lake.RowTrail;
import io.lakelens.lake.TimeTravel;
import io.lakelens.lake.Timeline;
import io.lakelens.lake.TimelineNode;
import io.lakelens.lake.VersionDiff;
import io.lakelens.ui.kit.BackgroundTask;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.RunningTask;
import io.lakelens.ui.kit.TaskExecutor;
import io.lakelens.ui.kit.UiErrors;
import io.lakelens.ui.kit.Formats;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * State and commands of the Audit tab: the table's history with filters (operation, user,
 * date range, reason text), the selected commit's details as formatted JSON, a row's trail
 * from the change data feed, integrity verification and the audit report export. Slow work
 * runs on the task executor.
 */
public final class AuditViewModel {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final LakeEngine engine;
    private final TimeTravel timeTravel;
    private final Integrity integrity;
    private final TaskExecutor tasks;
    private final Notifier notifier;

    private final StringProperty table = new SimpleStringProperty("");
    private final ObservableList<TimelineNode> commits = FXCollections.observableArrayList();
    private final FilteredList<TimelineNode> filtered = new FilteredList<>(commits, n -> true);
    private final ObservableList<String> users = FXCollections.observableArrayList();
    private final ObjectProperty<OperationKind> operationFilter = new SimpleObjectProperty<>();
    private final ObjectProperty<String> userFilter = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> fromDate = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> toDate = new SimpleObjectProperty<>();
    private final StringProperty reasonFilter = new SimpleStringProperty("");
    private final ObjectProperty<TimelineNode> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Timeline> timeline = new ReadOnlyObjectWrapper<>();

    private final StringProperty keyText = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<RowTrail> trail = new ReadOnlyObjectWrapper<>();
    private final ObservableList<RowEvent> events = FXCollections.observableArrayList();
    private final ObservableList<Integrity.Verification> checks = FXCollections.observableArrayList();

    private final StringProperty exportFrom = new SimpleStringProperty("0");
    private final StringProperty exportTo = new SimpleStringProperty("latest");
    private final BooleanProperty exportTrail = new SimpleBooleanProperty(true);

    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private RunningTask current;

    public AuditViewModel(LakeEngine engine, TaskExecutor tasks, Notifier notifier) {
        this.engine = engine;
        this.timeTravel = new TimeTravel(engine);
        this.integrity = new Integrity(engine);
        this.tasks = tasks;
        this.notifier = notifier;
        operationFilter.addListener((o, a, b) -> refilter());
        userFilter.addListener((o, a, b) -> refilter());
        fromDate.addListener((o, a, b) -> refilter());
        toDate.addListener((o, a, b) -> refilter());
        reasonFilter.addListener((o, a, b) -> refilter());
        selected.addListener((o, a, b) -> details.set(b == null ? "" : detailsJson(b)));
    }

    // ------------------------------------------------------------------ properties

    public StringProperty tableProperty() {
        return table;
    }

    /** The commits passing the filters, newest first. */
    public ObservableList<TimelineNode> history() {
        return filtered;
    }

    /** Every commit, newest first. */
    public ObservableList<TimelineNode> commits() {
        return commits;
    }

    /** The users who committed, for the user filter. */
    public ObservableList<String> users() {
        return users;
    }

    /** Null = every operation. */
    public ObjectProperty<OperationKind> operationFilterProperty() {
        return operationFilter;
    }

    /** Null = every user. */
    public ObjectProperty<String> userFilterProperty() {
        return userFilter;
    }

    public ObjectProperty<LocalDate> fromDateProperty() {
        return fromDate;
    }

    public ObjectProperty<LocalDate> toDateProperty() {
        return toDate;
    }

    /** Text the reason must contain (case-insensitive). */
    public StringProperty reasonFilterProperty() {
        return reasonFilter;
    }

    public ObjectProperty<TimelineNode> selectedProperty() {
        return selected;
    }

    /** The selected commit with all operation parameters and metrics, as indented JSON. */
    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Timeline> timelineProperty() {
        return timeline.getReadOnlyProperty();
    }

    /** The row to trace, e.g. {@code trade_id=42} or {@code symbol=AAPL,trade_date=2024-03-15}. */
    public StringProperty keyTextProperty() {
        return keyText;
    }

    public ReadOnlyObjectProperty<RowTrail> trailProperty() {
        return trail.getReadOnlyProperty();
    }

    public ObservableList<RowEvent> events() {
        return events;
    }

    /** Integrity results, in the order they were checked. */
    public ObservableList<Integrity.Verification> checks() {
        return checks;
    }

    public StringProperty exportFromProperty() {
        return exportFrom;
    }

    public StringProperty exportToProperty() {
        return exportTo;
    }

    /** Whether the report includes the traced row's history. */
    public BooleanProperty exportTrailProperty() {
        return exportTrail;
    }

    /** The last outcome for people (export written, verification result); empty at first. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    // ------------------------------------------------------------------ history

    /** Reads the table's history (its log only). */
    public CompletableFuture<Timeline> load() {
        String t = table.get();
        long keep = selected.get() == null ? -1 : selected.get().version();
        return run("Reading the history of " + t, () -> timeTravel.timeline(t), tl -> {
            timeline.set(tl);
            List<TimelineNode> newestFirst = new ArrayList<>(tl.nodes());
            java.util.Collections.reverse(newestFirst);
            commits.setAll(newestFirst);
            users.setAll(newestFirst.stream().map(TimelineNode::user).filter(u -> !u.isBlank()).distinct().sorted().toList());
            if (userFilter.get() != null && !users.contains(userFilter.get())) {
                userFilter.set(null);
            }
            selected.set(tl.node(keep).orElse(newestFirst.isEmpty() ? null : newestFirst.get(0)));
            exportTo.set(String.valueOf(tl.latest()));
            exportFrom.set(String.valueOf(tl.earliest()));
        });
    }

    public void clearFilters() {
        operationFilter.set(null);
        userFilter.set(null);
        fromDate.set(null);
        toDate.set(null);
        reasonFilter.set("");
    }

    private void refilter() {
        OperationKind op = operationFilter.get();
        String user = userFilter.get();
        LocalDate from = fromDate.get();
        LocalDate to = toDate.get();
        String text = reasonFilter.get() == null ? "" : reasonFilter.get().strip().toLowerCase(Locale.ROOT);
        Predicate<TimelineNode> p = n -> {
            LocalDate day = n.timestamp().atZone(ZoneOffset.UTC).toLocalDate();
            return (op == null || n.kind() == op)
                    && (user == null || user.equals(n.user()))
                    && (from == null || !day.isBefore(from))
                    && (to == null || !day.isAfter(to))
                    && (text.isEmpty() || n.reason().toLowerCase(Locale.ROOT).contains(text));
        };
        filtered.setPredicate(p);
    }

    static String detailsJson(TimelineNode n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", n.version());
        m.put("timestamp", n.timestamp().toString());
        m.put("user", n.user());
        m.put("operation", n.operation());
        m.put("kind", n.kind().label());
        m.put("reason", n.reason());
        m.put("rowsAdded", n.rowsAdded());
        m.put("rowsUpdated", n.rowsUpdated());
        m.put("rowsRemoved", n.rowsRemoved());
        m.put("filesAdded", n.filesAdded());
        m.put("filesRemoved", n.filesRemoved());
        m.put("bytesAdded", n.bytesAdded());
        m.put("bytesRemoved", n.bytesRemoved());
        m.put("readable", n.readable());
        if (!n.readable()) {
            m.put("status", n.status().label());
            m.put("missingFiles", n.missingFiles());
            if (n.removedBy() >= 0) {
                m.put("removedByVacuumAtVersion", n.removedBy());
            }
        }
        m.put("operationParameters", n.commit().operationParameters());
        m.put("operationMetrics", n.commit().operationMetrics());
        if (!n.schemaChanges().isEmpty()) {
            m.put("schemaChanges", n.schemaChanges().stream().map(c -> c.describe()).toList());
        }
        m.put("userMetadata", n.commit().userMetadata());
        m.put("engineInfo", n.commit().engineInfo());
        try {
            return JSON.writeValueAsString(m);
        } catch (Exception e) {
            return m.toString();
        }
    }

    // ------------------------------------------------------------------ row trail

    /** Shows every change to the row the key names. */
    public CompletableFuture<RowTrail> showTrail() {
        String t = table.get();
        String key = keyText.get();
        return run("Tracing " + key + " in " + t, () -> timeTravel.trail(t, key), this::showTrail);
    }

    private void showTrail(RowTrail r) {
        trail.set(r);
        events.setAll(r.events());
        message.set(r.events().size() + " change" + (r.events().size() == 1 ? "" : "s") + " to " + r.key()
                + (r.note().isEmpty() ? "" : ". " + r.note()));
    }

    /** Traces the first row the selected commit changed (its key taken from the commit's diff). */
    public CompletableFuture<RowTrail> traceRowChangedBy(TimelineNode n) {
        String t = table.get();
        Timeline tl = timeline.get();
        if (n == null || tl == null) {
            LakeLensException e = new LakeLensException("Select a commit first.");
            error.set(e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        long before = tl.nodes().stream().filter(x -> x.version() < n.version()).mapToLong(TimelineNode::version).max().orElse(-1);
        if (before < 0) {
            LakeLensException e = new LakeLensException("Version " + n.version() + " is the first; pick a later commit to trace a row it changed.");
            error.set(e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        return run("Tracing a row changed by version " + n.version(), () -> {
            String key;
            try (VersionDiff d = timeTravel.diff(t, new AsOf.Version(before), new AsOf.Version(n.version()), List.of())) {
                if (d.summary().keyIsWholeRow()) {
                    throw new LakeLensException("Table " + t + " has no key, so a row cannot be named; type one, e.g. id=42.");
                }
                List<VersionDiff.RowChange> rows = d.page(null, 0, 1);
                if (rows.isEmpty()) {
                    throw new LakeLensException("Version " + n.version() + " changed no rows of " + t + ".");
                }
                key = keyText(rows.get(0).key());
            }
            return timeTravel.trail(t, key);
        }, r -> {
            keyText.set(r.key().replace(", ", ","));
            showTrail(r);
        });
    }

    static String keyText(Map<String, Object> key) {
        return key.entrySet().stream().map(e -> {
            String v = Formats.value(e.getValue());
            return e.getKey() + "=" + (v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
        }).collect(Collectors.joining(","));
    }

    // ------------------------------------------------------------------ integrity

    /** Verifies the selected version, recording its checksum if none is stored (unless read-only). */
    public CompletableFuture<Integrity.Verification> verifySelected() {
        TimelineNode n = selected.get();
        if (n == null) {
            LakeLensException e = new LakeLensException("Select a version to verify.");
            error.set(e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        String t = table.get();
        return run("Verifying version " + n.version() + " of " + t, () -> integrity.verify(t, n.version(), true), v -> {
            checks.add(0, v);
            message.set(v.message());
            if (v.status().failed()) {
                notifier.warning(v.message());
            }
        });
    }

    /** Re-verifies every version with a stored checksum and records the latest's if missing. */
    public CompletableFuture<List<Integrity.Verification>> verifyAll() {
        String t = table.get();
        return run("Verifying " + t, () -> integrity.verifyAll(t, true), list -> {
            checks.setAll(list);
            long failed = list.stream().filter(v -> v.status().failed()).count();
            String text = failed == 0 ? "All " + list.size() + " checked version" + (list.size() == 1 ? "" : "s") + " of " + t
                    + " match their checksums." : failed + " version" + (failed == 1 ? "" : "s") + " of " + t + " failed verification.";
            message.set(text);
            if (failed > 0) {
                notifier.warning(text);
            }
        });
    }

    // ------------------------------------------------------------------ export

    /** The report's file name in a folder: {@code audit-TABLE-vFROM-TO.html}. */
    public String exportFileName(AuditExport.Format format) {
        return "audit-" + table.get() + "-v" + exportFrom.get().strip() + "-" + exportTo.get().strip().replace(':', '-')
                + (format == AuditExport.Format.HTML ? ".html" : ".csv");
    }

    /** Writes the audit report for the export range into {@code folder}; never outside it. */
    public CompletableFuture<Path> export(Path folder, AuditExport.Format format) {
        String t = table.get();
        String key = exportTrail.get() && trail.get() != null ? keyText.get() : null;
        AsOf from;
        AsOf to;
        Path file;
        try {
            from = AsOfs.parse(exportFrom.get());
            to = AsOfs.parse(exportTo.get());
            file = AuditExport.fileIn(folder, exportFileName(format), engine.lakeRoot());
        } catch (LakeLensException e) {
            error.set(e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        return run("Exporting the audit report of " + t, () -> {
            AuditReport report = AuditReport.build(engine, t, from, to, key, false);
            return AuditExport.write(report, file, engine.lakeRoot());
        }, p -> {
            message.set("Audit report written to " + p);
            notifier.success("Audit report written to " + p);
        });
    }

    // ------------------------------------------------------------------ common

    public void cancel() {
        if (current != null && !current.isDone()) {
            current.cancel();
        }
    }

    private <T> CompletableFuture<T> run(String title, java.util.concurrent.Callable<T> work, java.util.function.Consumer<T> show) {
        CompletableFuture<T> shown = new CompletableFuture<>();
        cancel();
        current = BackgroundTask.wrap(work)
                .withTitle(title)
                .onRunning(() -> {
                    busy.set(true);
                    error.set("");
                })
                .onSuccess(r -> {
                    show.accept(r);
                    shown.complete(r);
                })
                .onFailure(e -> {
                    error.set(UiErrors.message(e));
                    shown.completeExceptionally(e);
                })
                .onCancelled(() -> shown.cancel(false))
                .onFinished(() -> busy.set(false))
                .executeWith(tasks);
        return shown;
    }
}
