package io.lakelens.ui.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lakelens.lake.OperationKind;
import io.lakelens.lake.TimeTravel;
import io.lakelens.lake.Timeline;
import io.lakelens.lake.TimelineNode;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** The history section: the table's commits, filtered by operation, user, dates and reason; the selected one as JSON. */
public final class HistoryViewModel {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final TimeTravel timeTravel;
    private final ObservableStringValue table;
    private final AuditSteps steps;
    private final Consumer<Timeline> loaded;

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

    /** @param loaded told of each history read (the export section takes its version range) */
    HistoryViewModel(TimeTravel timeTravel, ObservableStringValue table, AuditSteps steps, Consumer<Timeline> loaded) {
        this.timeTravel = timeTravel;
        this.table = table;
        this.steps = steps;
        this.loaded = loaded;
        operationFilter.addListener((o, a, b) -> refilter());
        userFilter.addListener((o, a, b) -> refilter());
        fromDate.addListener((o, a, b) -> refilter());
        toDate.addListener((o, a, b) -> refilter());
        reasonFilter.addListener((o, a, b) -> refilter());
        selected.addListener((o, a, b) -> details.set(b == null ? "" : detailsJson(b)));
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

    /** Reads the table's history (its log only). */
    public CompletableFuture<Timeline> load() {
        String t = table.get();
        long keep = selected.get() == null ? -1 : selected.get().version();
        return steps.run("Reading the history of " + t, () -> timeTravel.timeline(t), tl -> {
            timeline.set(tl);
            List<TimelineNode> newestFirst = new ArrayList<>(tl.nodes());
            Collections.reverse(newestFirst);
            commits.setAll(newestFirst);
            users.setAll(newestFirst.stream().map(TimelineNode::user).filter(u -> !u.isBlank()).distinct().sorted().toList());
            if (userFilter.get() != null && !users.contains(userFilter.get())) {
                userFilter.set(null);
            }
            selected.set(tl.node(keep).orElse(newestFirst.isEmpty() ? null : newestFirst.get(0)));
            loaded.accept(tl);
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
}
