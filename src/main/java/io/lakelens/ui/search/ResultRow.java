package io.lakelens.ui.search;

import java.util.List;
import java.util.Map;

/** One row of a search answer, read by column name. */
public record ResultRow(Map<String, Integer> index, List<Object> values) {

    public Object get(String column) {
        Integer i = index.get(column);
        return i == null || i >= values.size() ? null : values.get(i);
    }

    public String text(String column) {
        Object v = get(column);
        return v == null ? "" : v.toString();
    }

    /** The value as a number, or NaN when absent or not numeric. */
    public double number(String column) {
        Object v = get(column);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }
}
