package io.lakelens.lake.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A finished import.
 *
 * @param rowsWritten rows the commit added
 * @param badRows     rows that could not be read with the schema; not loaded, counted and sampled
 * @param samples     up to five bad rows with the reason each was refused
 */
public record ImportResult(String table, ImportRequest.Mode mode, long version, long rowsWritten, long badRows,
                           List<BadRow> samples, Duration elapsed, String reason) {

    /** A row that was not loaded: where it came from, its raw text and why. */
    public record BadRow(String file, String raw, String reason) {
    }

    public double rowsPerSecond() {
        double s = elapsed.toMillis() / 1000.0;
        return s <= 0 ? 0 : rowsWritten / s;
    }

    public String summary() {
        return String.format(Locale.ROOT, "Imported %,d rows into %s (version %d, %s) in %.1f s, %,.0f rows/s; %,d bad row%s skipped.",
                rowsWritten, table, version, mode.name().toLowerCase(Locale.ROOT), elapsed.toMillis() / 1000.0, rowsPerSecond(),
                badRows, badRows == 1 ? "" : "s");
    }
}
