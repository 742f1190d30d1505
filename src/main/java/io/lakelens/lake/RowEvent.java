package io.lakelens.lake;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One change to a row, from the change data feed, with who made it, when and why.
 *
 * @param key     the row's identifying columns and values
 * @param changes the cells that changed, old → new (every cell for an insert or a delete)
 * @param before  the row before the change (empty for an insert)
 * @param after   the row after it (empty for a delete)
 */
public record RowEvent(long version, Instant timestamp, String user, String operation, String reason, Kind kind,
                       Map<String, Object> key, List<VersionDiff.CellChange> changes,
                       Map<String, Object> before, Map<String, Object> after) {

    public enum Kind {
        /** The row already existed when the change feed begins; earlier history is not recorded. */
        PRESENT,
        INSERTED,
        UPDATED,
        DELETED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
