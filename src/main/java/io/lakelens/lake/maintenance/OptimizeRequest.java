package io.lakelens.lake.maintenance;

import java.util.List;

/**
 * What to OPTIMIZE.
 *
 * @param zOrderBy    columns to Z-order by; empty for plain compaction
 * @param where       partition predicate as typed ({@code region = 'EU'}); null or blank for all partitions
 * @param reason      recorded in the commit; a default is used when blank
 * @param measureRead whether to time a representative selective read before and after
 */
public record OptimizeRequest(String table, List<String> zOrderBy, String where, String reason, boolean measureRead) {
    public OptimizeRequest {
        zOrderBy = zOrderBy == null ? List.of() : List.copyOf(zOrderBy);
    }

    public static OptimizeRequest compaction(String table) {
        return new OptimizeRequest(table, List.of(), null, null, true);
    }

    public OptimizeRequest withZOrder(List<String> cols) {
        return new OptimizeRequest(table, cols, where, reason, measureRead);
    }

    public OptimizeRequest withWhere(String predicate) {
        return new OptimizeRequest(table, zOrderBy, predicate, reason, measureRead);
    }

    public OptimizeRequest withReason(String why) {
        return new OptimizeRequest(table, zOrderBy, where, why, measureRead);
    }

    public OptimizeRequest withMeasureRead(boolean measure) {
        return new OptimizeRequest(table, zOrderBy, where, reason, measure);
    }

    String commitReason() {
        if (reason != null && !reason.isBlank()) {
            return reason.strip();
        }
        return "OPTIMIZE" + (zOrderBy.isEmpty() ? "" : " ZORDER BY " + String.join(", ", zOrderBy))
                + (where == null || where.isBlank() ? "" : " WHERE " + where.strip());
    }
}
