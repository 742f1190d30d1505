package io.lakelens.lake.maintenance;

import io.lakelens.LakeLensException;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.Errors;
import io.lakelens.lake.LakeEngine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates and applies table-property edits. {@link #preview} changes nothing and returns the
 * exact statement for the analyst to confirm; {@link #apply} runs it as one commit carrying
 * the user and reason. Thread-safe.
 */
public final class PropertyEditor {
    private static final Duration SEVEN_DAYS = Duration.ofDays(7);

    private final LakeEngine engine;

    public PropertyEditor(LakeEngine engine) {
        this.engine = engine;
    }

    /**
     * Validates {@code edits} (key to value as typed) against the allow-list and the current
     * table. Throws {@link LakeLensException} naming the first bad key or value.
     */
    public PropertyChange preview(String table, Map<String, String> edits) {
        if (edits == null || edits.isEmpty()) {
            throw new LakeLensException("No property to change; give at least one key=value.");
        }
        var snap = engine.snapshot(table, AsOf.LATEST);
        Map<String, String> current = snap.getTableProperties();
        Map<DeltaProperty, String> canonical = new LinkedHashMap<>();
        edits.forEach((k, v) -> {
            DeltaProperty p = DeltaProperty.require(k);
            if (canonical.containsKey(p)) {
                throw new LakeLensException(p.key() + " is given twice.");
            }
            canonical.put(p, p.canonical(v));
        });
        List<PropertyChange.Item> items = new ArrayList<>();
        canonical.forEach((p, v) -> {
            String now = current.get(p.key());
            items.add(new PropertyChange.Item(p, now == null ? p.defaultValue() : now, now == null, v));
        });
        List<String> warnings = warnings(canonical, current);
        return new PropertyChange(table, snap.getVersion(), List.copyOf(items), statement(table, canonical), List.copyOf(warnings));
    }

    /** Runs the previewed change as one commit with {@code reason}; returns the new version. */
    public long apply(PropertyChange change, String reason) {
        String why = reason == null || reason.isBlank() ? change.defaultReason() : reason.strip();
        long now = engine.latestVersion(change.table());
        if (now != change.baseVersion()) {
            // Still valid (the values were checked by type), but the analyst confirmed "current" values
            // that may have changed: make them preview again rather than overwrite a newer edit blindly.
            var fresh = preview(change.table(), asEdits(change));
            if (!fresh.changes().equals(change.changes())) {
                throw new LakeLensException("Table " + change.table() + " changed since the preview (now version " + now
                        + "); review the properties again before applying.");
            }
        }
        return engine.write(change.table(), why, session -> {
            try {
                session.sql(change.statement());
            } catch (Exception e) { // Spark throws checked exceptions undeclared
                throw new LakeLensException("Setting properties on " + change.table() + " failed: "
                        + Errors.abbreviate(Errors.rootMessage(e)) + "; nothing was changed.", e);
            }
            return engine.latestVersion(change.table());
        });
    }

    private static Map<String, String> asEdits(PropertyChange change) {
        Map<String, String> m = new LinkedHashMap<>();
        change.changes().forEach(i -> m.put(i.property().key(), i.newValue()));
        return m;
    }

    private String statement(String table, Map<DeltaProperty, String> values) {
        StringBuilder sb = new StringBuilder("ALTER TABLE ").append(identifier(engine, table)).append(" SET TBLPROPERTIES (");
        boolean first = true;
        for (var e : values.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            // Keys come from the enum and values from DeltaProperty.canonical: neither is user text.
            sb.append('\'').append(e.getKey().key()).append("' = '").append(e.getValue()).append('\'');
        }
        return sb.append(')').toString();
    }

    /**
     * {@code delta.`/lake/table`} for a table of this lake. The folder comes from the engine
     * (validated name under the lake root); a root containing a backtick cannot be quoted safely.
     */
    static String identifier(LakeEngine engine, String table) {
        String path = engine.requireTable(table).toAbsolutePath().toString();
        if (path.indexOf('`') >= 0) {
            throw new LakeLensException("The lake folder " + engine.lakeRoot() + " contains a backtick (`), which Delta SQL "
                    + "cannot name; move the lake to a folder without one.");
        }
        return "delta.`" + path + "`";
    }

    private static List<String> warnings(Map<DeltaProperty, String> values, Map<String, String> current) {
        List<String> w = new ArrayList<>();
        String deleted = values.get(DeltaProperty.DELETED_FILE_RETENTION);
        if (deleted != null && Durations.parse(deleted).compareTo(SEVEN_DAYS) < 0) {
            w.add("Deleted files kept less than 7 days: VACUUM may then delete files that running queries or "
                    + "recent time travel still read.");
        }
        String log = values.getOrDefault(DeltaProperty.LOG_RETENTION, current.get(DeltaProperty.LOG_RETENTION.key()));
        String del = deleted != null ? deleted : current.get(DeltaProperty.DELETED_FILE_RETENTION.key());
        Duration logD = Durations.parse(log == null ? DeltaProperty.LOG_RETENTION.defaultValue() : log);
        Duration delD = Durations.parse(del == null ? DeltaProperty.DELETED_FILE_RETENTION.defaultValue() : del);
        if (logD.compareTo(delD) < 0) {
            w.add("Log retention (" + Durations.human(logD) + ") is shorter than deleted-file retention ("
                    + Durations.human(delD) + "): versions disappear from history before their files may be vacuumed.");
        }
        if ("true".equals(values.get(DeltaProperty.DELETION_VECTORS)) && !"true".equals(current.get(DeltaProperty.DELETION_VECTORS.key()))) {
            w.add("Enabling deletion vectors upgrades the table protocol; readers without deletion-vector support "
                    + "can no longer read it.");
        }
        if ("false".equals(values.get(DeltaProperty.CHANGE_DATA_FEED)) && "true".equals(current.get(DeltaProperty.CHANGE_DATA_FEED.key()))) {
            w.add("Turning off the change data feed stops per-row history and diffs for later commits.");
        }
        if ("true".equals(values.get(DeltaProperty.APPEND_ONLY))) {
            w.add("An append-only table refuses DELETE, UPDATE and MERGE (restores included).");
        }
        return w;
    }
}
