package io.lakelens.lake;

import java.util.List;

/**
 * Every change to the rows a key names, oldest first.
 *
 * @param fromVersion first version the change feed covers
 * @param toVersion   the latest version
 * @param truncated   true when more events exist than were returned
 * @param note        what the trail cannot show (e.g. versions before the change feed), or empty
 */
public record RowTrail(String table, String key, long fromVersion, long toVersion, List<RowEvent> events,
                       boolean truncated, String note) {
}
