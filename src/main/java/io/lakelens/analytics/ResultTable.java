package io.lakelens.analytics;

import java.util.List;

/**
 * One table of an analysis result, as the CLI prints it and the UI's grid shows it.
 *
 * @param name    short title, e.g. {@code sectors} or {@code drivers}
 * @param columns column names
 * @param rows    rows in column order; values are String, Long, Integer, Double, LocalDate or null
 */
public record ResultTable(String name, List<String> columns, List<List<Object>> rows) {
    public ResultTable {
        columns = List.copyOf(columns);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
    }
}
