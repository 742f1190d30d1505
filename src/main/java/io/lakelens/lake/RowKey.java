package io.lakelens.lake;

import io.lakelens.LakeLensException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A row named by column values, as a user types it: {@code trade_id=42} or
 * {@code symbol=AAPL,trade_date=2024-03-15} (a value with a comma goes in double quotes).
 * Each value is parsed to its column's type, so it reaches Spark as a typed literal.
 */
public record RowKey(List<Part> parts) {

    /** One column of the key with its typed value. */
    public record Part(String column, DataType type, Object value) {
    }

    public RowKey {
        parts = List.copyOf(parts);
    }

    /** Parses a key against a table's schema; unknown columns and malformed values are clear errors. */
    public static RowKey parse(String text, StructType schema, String table) {
        if (text == null || text.isBlank()) {
            throw new LakeLensException("Name the row by its key, e.g. trade_id=42 or symbol=AAPL,trade_date=2024-03-15.");
        }
        List<Part> parts = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String item : split(text)) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new LakeLensException("'" + Errors.abbreviate(item.trim()) + "' is not column=value; name the row like "
                        + "trade_id=42 or symbol=AAPL,trade_date=2024-03-15.");
            }
            StructField f = ColumnValues.field(schema, table, item.substring(0, eq).trim());
            if (seen.contains(f.name().toLowerCase(Locale.ROOT))) {
                throw new LakeLensException("Column " + f.name() + " appears twice in the key '" + Errors.abbreviate(text) + "'.");
            }
            seen.add(f.name().toLowerCase(Locale.ROOT));
            parts.add(new Part(f.name(), f.dataType(), ColumnValues.parse(f.name(), f.dataType(), unquote(item.substring(eq + 1)))));
        }
        return new RowKey(parts);
    }

    public List<String> columns() {
        return parts.stream().map(Part::column).toList();
    }

    /** {@code col1 = v1 AND col2 = v2}, as typed Column expressions. */
    public Column predicate() {
        Column p = null;
        for (Part part : parts) {
            Column c = ColumnValues.col(part.column()).equalTo(org.apache.spark.sql.functions.lit(part.value()));
            p = p == null ? c : p.and(c);
        }
        return p;
    }

    @Override
    public String toString() {
        return parts.stream().map(p -> p.column() + "=" + p.value()).collect(Collectors.joining(", "));
    }

    private static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cur.append("\"\"");
                    i++;
                    continue;
                }
                quoted = !quoted;
                cur.append(ch);
            } else if (ch == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        if (quoted) {
            throw new LakeLensException("The key '" + Errors.abbreviate(text) + "' has an unclosed double quote.");
        }
        out.add(cur.toString());
        return out.stream().filter(s -> !s.isBlank()).toList();
    }

    private static String unquote(String v) {
        String t = v.trim();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            return t.substring(1, t.length() - 1).replace("\"\"", "\"");
        }
        return t;
    }
}
