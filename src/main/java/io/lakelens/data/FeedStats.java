package io.lakelens.data;

import java.time.Duration;
import java.util.Locale;

/**
 * Totals of a feed run so far.
 *
 * @param rowsGenerated ticks produced
 * @param rowsCommitted ticks in committed batches (equal to rowsGenerated once stopped cleanly)
 * @param conflicts     commit attempts that lost a race with another writer and were retried
 * @param firstVersion  version of the first batch, -1 before it
 * @param lastVersion   version of the latest batch, -1 before it
 * @param lastError     the last failure that delayed a batch (its rows were kept and committed later), or empty
 */
public record FeedStats(String table, long rowsGenerated, long rowsCommitted, long batches, long conflicts,
                        long firstVersion, long lastVersion, Duration elapsed, String lastError) {

    public double rowsPerSecond() {
        double s = elapsed.toMillis() / 1000.0;
        return s <= 0 ? 0 : rowsCommitted / s;
    }

    public long pending() {
        return rowsGenerated - rowsCommitted;
    }

    public String summary() {
        return String.format(Locale.ROOT, "%,d rows in %,d batches over %.1f s (%,.0f rows/s) into %s, versions %d–%d; %d conflict%s retried%s.",
                rowsCommitted, batches, elapsed.toMillis() / 1000.0, rowsPerSecond(), table, firstVersion, lastVersion,
                conflicts, conflicts == 1 ? "" : "s", pending() == 0 ? "" : "; " + pending() + " rows NOT committed");
    }
}
