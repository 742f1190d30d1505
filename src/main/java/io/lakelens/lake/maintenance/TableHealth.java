package io.lakelens.lake.maintenance;

import java.util.List;

/**
 * The file-level health of one table version: what OPTIMIZE and VACUUM would act on, and a
 * plain-language verdict with numbers. Immutable.
 *
 * @param smallFileThresholdBytes files below this size count as small
 * @param smallFileRatio          small files / all files, 0..1
 * @param rows                    rows from file statistics (deletion vectors subtracted), -1 if unknown
 * @param partitionSkew           bytes of the largest partition / median partition bytes; 1 when unpartitioned
 * @param zOrderColumns           columns of the last OPTIMIZE … ZORDER BY, empty if none
 * @param zOrderVersion           version of that OPTIMIZE, -1 if none
 * @param commitsSinceZOrder      commits after that OPTIMIZE (their files are not Z-ordered)
 * @param clusteringColumns       liquid-clustering columns, empty if the table is not clustered
 * @param targetFileBytes         the file size OPTIMIZE aims for
 * @param estimatedFilesAfter     file count OPTIMIZE would leave, estimated from bytes per partition
 * @param verdict                 one sentence: the headline
 * @param findings                further sentences, most important first
 */
public record TableHealth(String table, long version, long fileCount, long totalBytes, SizeHistogram histogram,
                          long smallFileThresholdBytes, long smallFiles, double smallFileRatio,
                          long rows, long minRowsPerFile, long avgRowsPerFile, long maxRowsPerFile,
                          List<String> partitionColumns, List<PartitionStat> partitions, double partitionSkew,
                          List<String> zOrderColumns, long zOrderVersion, long commitsSinceZOrder,
                          List<String> clusteringColumns, long deletionVectorFiles, long deletedRows,
                          List<PropertyValue> properties, long targetFileBytes, long estimatedFilesAfter,
                          boolean needsOptimize, String verdict, List<String> findings) {

    /** Files, bytes and rows of one partition. */
    public record PartitionStat(String key, long files, long bytes, long rows, long smallFiles) {
    }

    /**
     * A property that matters for maintenance.
     *
     * @param source "table" when set on the table, "default" when Delta's default applies,
     *               "session" for engine settings with no per-table property
     */
    public record PropertyValue(String key, String value, String source, String description) {
    }

    /** Partitions that hold at least two small files (OPTIMIZE rewrites those). */
    public long partitionsWithSmallFiles() {
        return partitions.stream().filter(p -> p.smallFiles() >= 2).count();
    }

    /** How many times fewer files OPTIMIZE would leave (≥ 1). */
    public double optimizeFactor() {
        return estimatedFilesAfter <= 0 ? 1 : (double) fileCount / estimatedFilesAfter;
    }

    public String property(String key) {
        return properties.stream().filter(p -> p.key().equals(key)).map(PropertyValue::value).findFirst().orElse(null);
    }
}
