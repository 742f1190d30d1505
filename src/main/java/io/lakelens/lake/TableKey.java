package io.lakelens.lake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The columns that identify one row of a table, as the table itself declares them in its
 * {@value #PROPERTY} property (a comma-separated list, e.g. {@code symbol,trade_date}). Any
 * table can carry it: {@code lakelens generate} sets it on the tables it builds, and a user can
 * set it with {@code ALTER TABLE … SET TBLPROPERTIES ('lakelens.key' = 'id')}. Diffs and row
 * histories match rows on it unless the caller names other columns ({@code --key}); a table
 * without it is compared whole row against whole row. Stateless.
 */
public final class TableKey {
    /** The table property naming a table's key columns. */
    public static final String PROPERTY = "lakelens.key";

    private TableKey() {
    }

    /** The key a table's properties declare, in order; empty when they declare none. */
    public static List<String> declared(Map<String, String> properties) {
        String text = properties == null ? null : properties.get(PROPERTY);
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String c = part.strip();
            if (!c.isEmpty() && !out.contains(c)) {
                out.add(c);
            }
        }
        return List.copyOf(out);
    }

    /** The property value declaring {@code columns} as the key. */
    public static String value(List<String> columns) {
        return String.join(",", columns);
    }
}
