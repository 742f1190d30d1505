package io.lakelens.lake.maintenance;

import java.util.Map;

/**
 * One data file of a table version, as the Delta log records it.
 *
 * @param path             path relative to the table folder, URL-decoded ({@code k=1/part-0001.parquet})
 * @param sizeBytes        file size in bytes
 * @param records          rows in the file from its statistics, or -1 when the log has no statistics
 * @param partition        partition column values; empty for an unpartitioned table
 * @param deletedRows      rows hidden by the file's deletion vector; 0 when it has none
 * @param deletionVector   path of the file's deletion vector relative to the table folder; null when none or inline
 * @param modificationTime milliseconds since the epoch
 */
public record DataFile(String path, long sizeBytes, long records, Map<String, String> partition,
                       long deletedRows, String deletionVector, long modificationTime) {

    public boolean hasDeletionVector() {
        return deletedRows > 0 || deletionVector != null;
    }

    /** The partition as a folder-style key ({@code k=1/d=2}); empty for an unpartitioned table. */
    public String partitionKey() {
        if (partition.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        partition.forEach((k, v) -> {
            if (!sb.isEmpty()) {
                sb.append('/');
            }
            sb.append(k).append('=').append(v == null ? "null" : v);
        });
        return sb.toString();
    }
}
