package io.lakelens.lake;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every Spark and Delta setting LakeLens chooses, with the reason next to it. The figures
 * quoted were measured with {@code lakelens bench} on a 2-core machine; change a value here
 * only with a new measurement.
 */
public final class EngineSettings {
    private EngineSettings() {
    }

    /** Session settings applied when the engine starts. */
    public static Map<String, String> session(boolean sparkUi) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("spark.app.name", "LakeLens");
        s.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
        s.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        // Offline and no firewall prompt: the driver only ever listens on loopback.
        s.put("spark.driver.bindAddress", "127.0.0.1");
        s.put("spark.driver.host", "127.0.0.1");
        s.put("spark.ui.enabled", Boolean.toString(sparkUi));
        s.put("spark.ui.showConsoleProgress", "false");
        // Interactive queries on 1K-10M rows: 200 shuffle partitions means 200 tiny tasks per
        // aggregation; 4 keeps both cores busy while cutting per-query task overhead.
        s.put("spark.sql.shuffle.partitions", "4");
        s.put("spark.sql.adaptive.enabled", "true");
        s.put("spark.sql.adaptive.coalescePartitions.enabled", "true");
        // Delta's snapshot state reconstruction defaults to 50 partitions, which dominates the
        // latency of small tables (hundreds of ms per snapshot); 2 is enough for logs this size.
        s.put("spark.databricks.delta.snapshotPartitions", "2");
        // Plain spark.sql over a path may reuse a snapshot for a few seconds instead of listing
        // the log per query; LakeEngine.read always pins the version it resolved from the log, so
        // what it returns is the version it reports (and caches under).
        s.put("spark.databricks.delta.stalenessLimit", "5s");
        // Change data feed on every table LakeLens creates: per-row history and diffs need it.
        s.put("spark.databricks.delta.properties.defaults.enableChangeDataFeed", "true");
        // Delta 4.4 refuses to time travel to a commit older than the table's
        // deletedFileRetentionDuration (7 days by default), even when all its files are there: a
        // table written by another tool a month ago could not be read as of last week. LakeLens
        // checks instead that every file a version needs is on disk (Timeline) and names the
        // versions VACUUM made unreadable, so it reads any version Delta can rebuild.
        s.put("spark.databricks.delta.vacuum.enforceTimeTravelWithinDeletedFileRetentionDuration", "false");
        // Time travel is the product: keep older versions' files and log for 30 days by default.
        s.put("spark.databricks.delta.properties.defaults.logRetentionDuration", "interval 30 days");
        // Schema evolution in the generated history (a column added mid-history) uses mergeSchema
        // explicitly; keep auto-merge off so a user's MERGE never widens a table by surprise.
        s.put("spark.databricks.delta.schema.autoMerge.enabled", "false");
        // Small local lake: a broadcast of a 10 MB side beats a shuffle on two cores.
        s.put("spark.sql.autoBroadcastJoinThreshold", String.valueOf(32L * 1024 * 1024));
        // Parquet files of ~32 MB keep min/max skipping selective on 1M-10M rows (dozens of
        // files per table) without the per-file overhead of thousands of tiny files.
        s.put("spark.databricks.delta.optimize.maxFileSize", String.valueOf(32L * 1024 * 1024));
        s.put("spark.sql.files.maxRecordsPerFile", "0");
        // Parquet's vectored reads complete their futures on the JVM's common fork-join pool, which
        // has one worker on a 2-core machine: a Spark job started from that pool (a CompletableFuture
        // task) then waits forever for its own reads. Plain reads are as fast on a local disk.
        s.put("spark.hadoop.parquet.hadoop.vectored.io.enabled", "false");
        s.put("spark.sql.session.timeZone", "UTC");
        s.put("spark.sql.ansi.enabled", "false");
        // The local lake needs no Hive metastore; temp views name tables per query session.
        s.put("spark.sql.catalogImplementation", "in-memory");
        s.put("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/lakelens-warehouse");
        s.put("spark.driver.extraJavaOptions", "-Dio.netty.tryReflectionSetAccessible=true");
        s.put("spark.executor.extraJavaOptions", "-Dio.netty.tryReflectionSetAccessible=true");
        return s;
    }

    /**
     * Table properties for tables LakeLens creates. Data-skipping statistics are collected on
     * the searched columns first (symbol, sector, dates, prices); the rest of a wide table
     * costs write time and log size for no skipping benefit.
     */
    public static Map<String, String> tableProperties(String statsColumns) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("delta.enableChangeDataFeed", "true");
        if (statsColumns != null && !statsColumns.isBlank()) {
            p.put("delta.dataSkippingStatsColumns", statsColumns);
        }
        p.put("delta.logRetentionDuration", "interval 30 days");
        p.put("delta.deletedFileRetentionDuration", "interval 7 days");
        p.put("delta.checkpointInterval", "10");
        return p;
    }
}
