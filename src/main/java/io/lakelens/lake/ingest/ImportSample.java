package io.lakelens.lake.ingest;

import java.util.List;

/**
 * The first rows of a source read with a preview's schema, for the analyst to look at before
 * confirming an import: the rows that fit (as text, in the schema's column order) and the rows
 * among them that do not, each with its reason. Nothing is written to take it.
 *
 * @param columns the schema's columns, Delta-safe names and types
 * @param rows    up to the asked number of rows that fit, each value as text ({@code null} stays null)
 * @param scanned how many source rows were looked at
 * @param bad     the rows among the scanned ones that do not fit the schema, with the reason each
 */
public record ImportSample(List<ImportColumn> columns, List<List<String>> rows, int scanned, List<ImportResult.BadRow> bad) {
    public ImportSample {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        bad = List.copyOf(bad);
    }

    /** A column of the import's schema: its Delta-safe name and its type as Spark SQL writes it ({@code double}, {@code decimal(10,2)}). */
    public record ImportColumn(String name, String type) {
    }
}
