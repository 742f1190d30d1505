package io.lakelens.ui.audit;

import io.lakelens.LakeLensException;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.RowEvent;
import io.lakelens.lake.RowTrail;
import io.lakelens.lake.TimeTravel;
import io.lakelens.lake.Timeline;
import io.lakelens.lake.TimelineNode;
import io.lakelens.lake.VersionDiff;
import io.lakelens.ui.kit.Formats;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableObjectValue;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** The row-trail section: every change to one row, from the change data feed (or by comparing versions), named by its key or by a commit. */
public final class RowTrailViewModel {
    private final TimeTravel timeTravel;
    private final ObservableStringValue table;
    private final ObservableObjectValue<Timeline> timeline;
    private final AuditSteps steps;

    private final StringProperty keyText = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<RowTrail> trail = new ReadOnlyObjectWrapper<>();
    private final ObservableList<RowEvent> events = FXCollections.observableArrayList();

    /** @param timeline the history section's timeline, to find the version before a commit */
    RowTrailViewModel(TimeTravel timeTravel, ObservableStringValue table, ObservableObjectValue<Timeline> timeline,
                      AuditSteps steps) {
        this.timeTravel = timeTravel;
        this.table = table;
        this.timeline = timeline;
        this.steps = steps;
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

    /** Shows every change to the row the key names. */
    public CompletableFuture<RowTrail> showTrail() {
        String t = table.get();
        String key = keyText.get();
        return steps.run("Tracing " + key + " in " + t, () -> timeTravel.trail(t, key), this::showTrail);
    }

    private void showTrail(RowTrail r) {
        trail.set(r);
        events.setAll(r.events());
        steps.message(r.events().size() + " change" + (r.events().size() == 1 ? "" : "s") + " to " + r.key()
                + (r.note().isEmpty() ? "" : ". " + r.note()));
    }

    /**
     * Closes the trail on screen (Ctrl+W): its changes go, the key stays for tracing it again.
     * Says whether a trail was open.
     */
    public boolean close() {
        if (trail.get() == null && events.isEmpty()) {
            return false;
        }
        trail.set(null);
        events.clear();
        return true;
    }

    /** Traces the first row the selected commit changed (its key taken from the commit's diff). */
    public CompletableFuture<RowTrail> traceRowChangedBy(TimelineNode n) {
        String t = table.get();
        Timeline tl = timeline.get();
        if (n == null || tl == null) {
            return steps.refuse(new LakeLensException("Select a commit first."));
        }
        long before = tl.nodes().stream().filter(x -> x.version() < n.version()).mapToLong(TimelineNode::version).max().orElse(-1);
        if (before < 0) {
            return steps.refuse(new LakeLensException("Version " + n.version()
                    + " is the first; pick a later commit to trace a row it changed."));
        }
        return steps.run("Tracing a row changed by version " + n.version(), () -> {
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
}
