package io.lakelens.lake.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakelens.LakeLensException;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Computes {@link TableHealth} from the Delta log alone (Kernel snapshot and commit files): no
 * Spark job, no change to the table. Thread-safe; each call reads the latest version.
 */
public final class HealthInspector {
    /** OPTIMIZE's target file size when the engine sets none (Delta's own default). */
    static final long DELTA_DEFAULT_MAX_FILE_SIZE = 1024L * 1024 * 1024;
    static final String MAX_FILE_SIZE = "spark.databricks.delta.optimize.maxFileSize";
    static final String MIN_FILE_SIZE = "spark.databricks.delta.optimize.minFileSize";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LakeEngine engine;

    public HealthInspector(LakeEngine engine) {
        this.engine = engine;
    }

    /** OPTIMIZE's target file size in bytes for this engine. */
    public long targetFileBytes() {
        return sessionBytes(MAX_FILE_SIZE, DELTA_DEFAULT_MAX_FILE_SIZE);
    }

    /** Files below this size are OPTIMIZE candidates. */
    long minFileBytes() {
        return sessionBytes(MIN_FILE_SIZE, DELTA_DEFAULT_MAX_FILE_SIZE);
    }

    /** The default small-file threshold: a quarter of the target file size. */
    public long defaultSmallFileThreshold() {
        return Math.max(1, targetFileBytes() / 4);
    }

    private long sessionBytes(String key, long fallback) {
        String v = engine.isStarted() ? engine.spark().conf().get(key, engine.sessionSettings().get(key))
                : engine.sessionSettings().get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public TableHealth inspect(String table) {
        return inspect(table, defaultSmallFileThreshold());
    }

    public TableHealth inspect(String table, long smallFileThresholdBytes) {
        if (smallFileThresholdBytes < 1) {
            throw new LakeLensException("The small-file threshold must be at least 1 byte.");
        }
        TableFiles tf = TableFiles.read(engine, table, AsOf.LATEST);
        return of(tf, smallFileThresholdBytes, targetFileBytes(), minFileBytes(),
                new DeltaLogFiles(engine.requireTable(table)));
    }

    static TableHealth of(TableFiles tf, long threshold, long target, long minFileSize, DeltaLogFiles log) {
        List<DataFile> files = tf.files();
        long fileCount = files.size();
        long bytes = tf.totalBytes();
        long small = files.stream().filter(f -> f.sizeBytes() < threshold).count();
        double smallRatio = fileCount == 0 ? 0 : (double) small / fileCount;

        long rows = tf.totalRows();
        long minRows = -1;
        long maxRows = -1;
        long avgRows = -1;
        if (rows >= 0 && fileCount > 0) {
            minRows = files.stream().mapToLong(f -> f.records() - f.deletedRows()).min().orElse(0);
            maxRows = files.stream().mapToLong(f -> f.records() - f.deletedRows()).max().orElse(0);
            avgRows = rows / fileCount;
        }

        List<TableHealth.PartitionStat> parts = new ArrayList<>();
        long estimatedAfter = 0;
        for (Map.Entry<String, List<DataFile>> e : tf.byPartition().entrySet()) {
            List<DataFile> pf = e.getValue();
            long pBytes = pf.stream().mapToLong(DataFile::sizeBytes).sum();
            long pRows = pf.stream().anyMatch(f -> f.records() < 0) ? -1
                    : pf.stream().mapToLong(f -> f.records() - f.deletedRows()).sum();
            long pSmall = pf.stream().filter(f -> f.sizeBytes() < threshold).count();
            parts.add(new TableHealth.PartitionStat(e.getKey(), pf.size(), pBytes, pRows, pSmall));
            estimatedAfter += filesAfterOptimize(pf, target, minFileSize);
        }
        double skew = skew(parts);

        long dvFiles = files.stream().filter(DataFile::hasDeletionVector).count();
        long deleted = files.stream().mapToLong(DataFile::deletedRows).sum();

        ZOrder z = lastZOrder(log, tf.version());
        List<String> clustering = tf.clusteringColumns();
        List<TableHealth.PropertyValue> props = properties(tf.properties(), target);

        boolean needs = estimatedAfter < fileCount && small >= 2;
        List<String> findings = new ArrayList<>();
        String verdict = verdict(fileCount, bytes, small, parts, estimatedAfter, needs, threshold, target, findings);
        if (dvFiles > 0) {
            findings.add(String.format(Locale.ROOT, "%d file%s carry deletion vectors hiding %,d deleted row%s; OPTIMIZE rewrites them without those rows.",
                    dvFiles, dvFiles == 1 ? "" : "s", deleted, deleted == 1 ? "" : "s"));
        }
        if (parts.size() > 1 && skew >= 4) {
            TableHealth.PartitionStat biggest = parts.stream().max((a, b) -> Long.compare(a.bytes(), b.bytes())).orElseThrow();
            findings.add(String.format(Locale.ROOT, "Partitions are skewed: %s holds %s, %.0f× the median partition.",
                    biggest.key(), Bytes.human(biggest.bytes()), skew));
        }
        if (!z.columns().isEmpty()) {
            findings.add("Last Z-ordered by " + String.join(", ", z.columns()) + " at version " + z.version()
                    + (z.commitsSince() == 0 ? "." : "; " + z.commitsSince() + " commit" + (z.commitsSince() == 1 ? "" : "s")
                    + " since then added files outside that order."));
        }
        if (rows >= 0 && fileCount > 1 && maxRows > 0 && avgRows > 0 && avgRows < 1000) {
            findings.add(String.format(Locale.ROOT, "Only %,d rows per file on average; each file costs a footer read and a task.", avgRows));
        }
        if (Boolean.parseBoolean(value(props, DeltaProperty.AUTO_COMPACT.key())) || Boolean.parseBoolean(value(props, DeltaProperty.OPTIMIZE_WRITE.key()))) {
            findings.add("Auto compaction or optimized writes are on: new writes already produce fewer, larger files.");
        } else if (needs) {
            findings.add("Optimized writes and auto compaction are off; a compaction policy or delta.autoOptimize.autoCompact keeps small files from piling up.");
        }
        return new TableHealth(tf.table(), tf.version(), fileCount, bytes, SizeHistogram.of(files), threshold, small,
                smallRatio, rows, minRows, avgRows, maxRows, tf.partitionColumns(), List.copyOf(parts), skew,
                z.columns(), z.version(), z.commitsSince(), clustering, dvFiles, deleted, props, target,
                estimatedAfter, needs, verdict, List.copyOf(findings));
    }

    /**
     * Files left in one partition after OPTIMIZE: candidates (files under the minimum size) are
     * bin-packed to the target size when there are at least two of them; other files stay.
     */
    static long filesAfterOptimize(List<DataFile> partitionFiles, long target, long minFileSize) {
        List<DataFile> candidates = partitionFiles.stream().filter(f -> f.sizeBytes() < minFileSize).toList();
        long others = partitionFiles.size() - candidates.size();
        boolean withDv = partitionFiles.stream().anyMatch(DataFile::hasDeletionVector);
        if (candidates.size() < 2 && !withDv) {
            return partitionFiles.size();
        }
        long candidateBytes = candidates.stream().mapToLong(DataFile::sizeBytes).sum();
        return others + Math.max(1, (candidateBytes + target - 1) / target);
    }

    private static String verdict(long files, long bytes, long small, List<TableHealth.PartitionStat> parts, long after,
                                  boolean needs, long threshold, long target, List<String> findings) {
        if (files == 0) {
            return "The table is empty: no data files.";
        }
        long partsWithSmall = parts.stream().filter(p -> p.smallFiles() >= 2).count();
        String where = parts.size() <= 1 ? "" : String.format(Locale.ROOT, " in %d partition%s", partsWithSmall,
                partsWithSmall == 1 ? "" : "s");
        if (needs) {
            double factor = (double) files / Math.max(1, after);
            findings.add(String.format(Locale.ROOT, "%,d files hold %s (%s per file on average); files under %s count as small; OPTIMIZE aims for %s per file.",
                    files, Bytes.human(bytes), Bytes.human(bytes / files), Bytes.human(threshold), Bytes.human(target)));
            return String.format(Locale.ROOT, "%,d small file%s%s; OPTIMIZE would cut file count ~%s× (%,d → ~%,d file%s).",
                    small, small == 1 ? "" : "s", where, factor >= 10 ? String.format(Locale.ROOT, "%.0f", factor)
                            : String.format(Locale.ROOT, "%.1f", factor), files, after, after == 1 ? "" : "s");
        }
        return String.format(Locale.ROOT, "Healthy: %,d file%s, %s, %,d small; OPTIMIZE would gain little.",
                files, files == 1 ? "" : "s", Bytes.human(bytes), small);
    }

    private static double skew(List<TableHealth.PartitionStat> parts) {
        if (parts.size() < 2) {
            return 1;
        }
        long[] sizes = parts.stream().mapToLong(TableHealth.PartitionStat::bytes).sorted().toArray();
        double median = sizes.length % 2 == 1 ? sizes[sizes.length / 2]
                : (sizes[sizes.length / 2 - 1] + sizes[sizes.length / 2]) / 2.0;
        return median <= 0 ? 1 : sizes[sizes.length - 1] / median;
    }

    record ZOrder(List<String> columns, long version, long commitsSince) {
    }

    /** The last OPTIMIZE with ZORDER BY still in the log, walking back from the latest commit. */
    static ZOrder lastZOrder(DeltaLogFiles log, long latest) {
        long seen = 0;
        for (long v : log.commitsNewestFirst()) {
            if (v > latest) {
                continue;
            }
            JsonNode info = log.commitInfo(v);
            if (info != null && "OPTIMIZE".equals(info.path("operation").asText())) {
                List<String> cols = jsonList(info.path("operationParameters").path("zOrderBy").asText(""));
                if (!cols.isEmpty()) {
                    return new ZOrder(cols, v, seen);
                }
            }
            if (info == null || !"OPTIMIZE".equals(info.path("operation").asText())) {
                seen++;
            }
        }
        return new ZOrder(List.of(), -1, 0);
    }

    static List<String> jsonList(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            JsonNode n = JSON.readTree(text);
            List<String> out = new ArrayList<>();
            if (n.isArray()) {
                n.forEach(x -> out.add(x.asText()));
            }
            return List.copyOf(out);
        } catch (Exception e) {
            return List.of();
        }
    }

    private static List<TableHealth.PropertyValue> properties(Map<String, String> props, long target) {
        List<TableHealth.PropertyValue> out = new ArrayList<>();
        for (DeltaProperty p : DeltaProperty.values()) {
            String v = props.get(p.key());
            out.add(new TableHealth.PropertyValue(p.key(), v == null ? p.defaultValue() : v, v == null ? "default" : "table",
                    p.description()));
            if (p == DeltaProperty.AUTO_COMPACT) {
                out.add(new TableHealth.PropertyValue("target file size", Bytes.human(target), "session",
                        "OPTIMIZE's target (" + MAX_FILE_SIZE + "); Delta has no per-table property for it."));
            }
        }
        return List.copyOf(out);
    }

    private static String value(List<TableHealth.PropertyValue> props, String key) {
        return props.stream().filter(p -> p.key().equals(key)).map(TableHealth.PropertyValue::value).findFirst().orElse(null);
    }
}
