package io.lakelens.data;

import java.util.Map;

/**
 * What a generation built.
 *
 * @param rowsPerTable     rows at each table's latest version, by table name
 * @param versionsPerTable number of versions (commits) of each table
 * @param elapsedMs        wall-clock time of the whole generation, Spark start-up included
 * @param rowsPerSecond    total rows of all tables divided by the elapsed time
 */
public record GenerationReport(DatasetSize size, long seed, Map<String, Long> rowsPerTable,
                               Map<String, Long> versionsPerTable, long elapsedMs, double rowsPerSecond) {
    public GenerationReport {
        rowsPerTable = Map.copyOf(rowsPerTable);
        versionsPerTable = Map.copyOf(versionsPerTable);
    }

    public long totalRows() {
        return rowsPerTable.values().stream().mapToLong(Long::longValue).sum();
    }
}
