package io.lakelens.cli;

import io.lakelens.lake.VersionDiff;
import io.lakelens.lake.maintenance.Bytes;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints a diff's summary and a page of its rows: one line per changed cell, one per added or removed row. */
final class DiffRows {
    private DiffRows() {
    }

    static void summary(PrintWriter out, VersionDiff.Summary s) {
        out.println(s.message());
        out.printf("rows %,d → %,d · size %s → %s · files %d → %d · %s%n", s.rowsFrom(), s.rowsTo(), Bytes.human(s.bytesFrom()),
                Bytes.human(s.bytesTo()), s.filesFrom(), s.filesTo(),
                s.keyIsWholeRow() ? "no key: whole rows compared (a changed row shows as removed + added; name one with --key)"
                        : "key " + String.join(", ", s.key()));
        if (!s.note().isEmpty()) {
            out.println("compared snapshots because " + s.note());
        }
        s.schemaChanges().forEach(c -> out.println("schema: version " + c.version() + ": " + c.describe()));
    }

    static List<String> header(VersionDiff diff) {
        List<String> h = new ArrayList<>();
        h.add("change");
        h.addAll(diff.keyColumns());
        h.add("column");
        h.add("old");
        h.add("new");
        return h;
    }

    static List<List<Object>> rows(List<VersionDiff.RowChange> changes) {
        List<List<Object>> out = new ArrayList<>();
        for (VersionDiff.RowChange r : changes) {
            if (r.kind() == VersionDiff.ChangeKind.CHANGED) {
                for (VersionDiff.CellChange c : r.changes()) {
                    out.add(line(r, c.column(), c.oldValue(), c.newValue()));
                }
            } else {
                Map<String, Object> row = r.kind() == VersionDiff.ChangeKind.ADDED ? r.newRow() : r.oldRow();
                String text = rowText(row, r.key());
                out.add(line(r, "(row)", r.kind() == VersionDiff.ChangeKind.REMOVED ? text : null,
                        r.kind() == VersionDiff.ChangeKind.ADDED ? text : null));
            }
        }
        return out;
    }

    private static List<Object> line(VersionDiff.RowChange r, String column, Object oldValue, Object newValue) {
        List<Object> l = new ArrayList<>();
        l.add(r.kind().label());
        l.addAll(r.key().values());
        l.add(column);
        l.add(oldValue);
        l.add(newValue);
        return l;
    }

    private static String rowText(Map<String, Object> row, Map<String, Object> key) {
        return row.entrySet().stream().filter(e -> !key.containsKey(e.getKey()))
                .map(e -> e.getKey() + "=" + Output.text(e.getValue())).collect(Collectors.joining(", "));
    }

    /** The diff as one JSON document: summary and the page of rows. */
    static Map<String, Object> json(VersionDiff.Summary s, List<VersionDiff.RowChange> page, long offset) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("summary", s);
        m.put("message", s.message());
        m.put("offset", offset);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (VersionDiff.RowChange r : page) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("change", r.kind().label());
            row.put("key", texts(r.key()));
            List<Map<String, Object>> cells = new ArrayList<>();
            for (VersionDiff.CellChange c : r.changes()) {
                Map<String, Object> cell = new LinkedHashMap<>();
                cell.put("column", c.column());
                cell.put("old", jsonValue(c.oldValue()));
                cell.put("new", jsonValue(c.newValue()));
                cells.add(cell);
            }
            row.put("cells", cells);
            rows.add(row);
        }
        m.put("rows", rows);
        return m;
    }

    static Map<String, Object> texts(Map<String, Object> values) {
        Map<String, Object> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k, jsonValue(v)));
        return m;
    }

    static Object jsonValue(Object v) {
        return v == null || v instanceof Number || v instanceof Boolean || v instanceof String ? v : Output.text(v);
    }
}
