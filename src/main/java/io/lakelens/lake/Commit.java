package io.lakelens.lake;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of a table's history ({@code DESCRIBE HISTORY}), typed.
 *
 * @param user   who made it: the {@code user} of LakeLens's commit metadata, else the engine's userName
 * @param reason the {@code reason} LakeLens recorded, else the raw userMetadata, else empty
 */
public record Commit(long version, Instant timestamp, String user, String operation,
                     Map<String, String> operationParameters, Map<String, String> operationMetrics,
                     String userMetadata, String engineInfo, String reason) {

    public long metric(String name) {
        String v = operationMetrics.get(name);
        if (v == null) {
            return 0;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Rows this commit added plus rows it removed or rewrote, for sizing a timeline node. */
    public long rowsChanged() {
        return metric("numOutputRows") + metric("numDeletedRows") + metric("numUpdatedRows")
                + metric("numTargetRowsInserted") + metric("numTargetRowsUpdated") + metric("numTargetRowsDeleted");
    }
}
