package io.lakelens.lake;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the catalogue knows of one Delta table at its latest version. */
public record TableInfo(String name, String path, long version, long rowCount, long fileCount,
                        long sizeBytes, List<String> partitionColumns, Instant lastCommit,
                        Map<String, String> properties) {
}
