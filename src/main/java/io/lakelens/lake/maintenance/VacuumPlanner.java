package io.lakelens.lake.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.delta.tables.DeltaTable;
import io.lakelens.LakeLensException;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.CommitMetadata;
import io.lakelens.lake.Errors;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.SparkJobs;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The VACUUM safety simulator and runner. {@link #plan} asks Delta which files a VACUUM
 * would delete (its own DRY RUN, so the list is exactly Delta's) and replays the log to find
 * the versions that need any of them. {@link #vacuum} runs it, with the user and reason in
 * the VACUUM's log entries. Thread-safe.
 */
public final class VacuumPlanner {
    /** Delta's default retention; shorter needs an explicit override. */
    public static final Duration SEVEN_DAYS = Duration.ofDays(7);
    private static final String CHECK = "spark.databricks.delta.retentionDurationCheck.enabled";
    /**
     * VACUUM lists the table folder with this many tasks; Spark's default of 10,000 turned a
     * VACUUM of a 20-file table into minutes of empty tasks on two cores.
     */
    private static final String LISTING_PARALLELISM = "spark.sql.sources.parallelPartitionDiscovery.parallelism";

    private final LakeEngine engine;

    public VacuumPlanner(LakeEngine engine) {
        this.engine = engine;
    }

    /** Computes what VACUUM with {@code retention} would delete. Changes nothing. */
    public VacuumPlan plan(String table, Duration retention) {
        return plan(table, retention, new SparkJobs.Control());
    }

    public VacuumPlan plan(String table, Duration retention, SparkJobs.Control control) {
        SparkJobs.Control ctl = control == null ? new SparkJobs.Control() : control;
        checkRetention(retention);
        Path dir = engine.requireTable(table);
        var snap = engine.snapshot(table, AsOf.LATEST);
        Duration safe = safeRetention(snap.getTableProperties());
        String root = TableFiles.tableRoot(snap.getPath());

        SparkSession child = engine.spark().newSession();
        child.conf().set(LISTING_PARALLELISM, listingParallelism(child));
        if (retention.compareTo(safe) < 0) {
            // A dry run deletes nothing, so simulating a short retention is always allowed.
            child.conf().set(CHECK, "false");
        }
        String sql = "VACUUM " + PropertyEditor.identifier(engine, table) + " RETAIN " + hours(retention) + " HOURS DRY RUN";
        List<Row> rows = SparkJobs.run(child, ctl, "VACUUM dry run of " + table, () -> child.sql(sql).collectAsList());

        Set<String> tombstones = new HashSet<>();
        DeltaLogFiles log = new DeltaLogFiles(dir);
        Set<String> doomed = new HashSet<>();
        for (Row r : rows) {
            String rel = TableFiles.relative(r.getString(0), root);
            // The dry run also names folders it would remove once empty; only files are listed and sized.
            if (!Files.isDirectory(rel.startsWith("/") ? Path.of(rel) : dir.resolve(rel))) {
                doomed.add(rel);
            }
        }
        ctl.phase("replaying the log of " + table);
        long earliest = log.earliestReconstructable();
        List<VacuumPlan.VersionLoss> losses = losses(table, log, earliest, snap.getVersion(), root, doomed, tombstones);
        List<VacuumPlan.FileToDelete> classified = new ArrayList<>();
        long total = 0;
        for (String rel : doomed) {
            long size = sizeOf(dir, rel);
            total += size;
            classified.add(new VacuumPlan.FileToDelete(rel, size, kind(rel, tombstones)));
        }
        classified.sort((a, b) -> a.path().compareTo(b.path()));

        List<String> warnings = new ArrayList<>();
        if (retention.compareTo(safe) < 0) {
            warnings.add("Retention " + Durations.human(retention) + " is under the safe minimum of " + Durations.human(safe)
                    + ": queries reading an older version right now, and any writer still finishing, can fail. "
                    + "Running it needs the short-retention override.");
        }
        if (!losses.isEmpty()) {
            warnings.add(losses.size() + " version" + (losses.size() == 1 ? "" : "s") + " (" + losses.get(0).version()
                    + (losses.size() > 1 ? "–" + losses.get(losses.size() - 1).version() : "") + ") can no longer be read as of, "
                    + "restored to or diffed after this VACUUM.");
        }
        return new VacuumPlan(table, snap.getVersion(), retention, safe, List.copyOf(classified), total, earliest,
                List.copyOf(losses), List.copyOf(warnings));
    }

    /**
     * Runs VACUUM with {@code retention}. A retention under {@link VacuumPlan#safeRetention()}
     * is refused unless {@code overrideShortRetention}; the override disables Delta's own check
     * in this run's session only.
     */
    public VacuumResult vacuum(String table, Duration retention, boolean overrideShortRetention, String reason,
                               SparkJobs.Control control) {
        SparkJobs.Control ctl = control == null ? new SparkJobs.Control() : control;
        long t0 = System.nanoTime();
        VacuumPlan plan = plan(table, retention, ctl);
        if (plan.needsOverride() && !overrideShortRetention) {
            throw new LakeLensException("Retention " + Durations.human(retention) + " is under the safe minimum of "
                    + Durations.human(plan.safeRetention()) + " for " + table + "; " + plan.versionsLosingTimeTravel().size()
                    + " versions would lose time travel. Pass the short-retention override to run it anyway.");
        }
        String why = reason == null || reason.isBlank() ? "VACUUM RETAIN " + Durations.human(retention) : reason.strip();
        String path = engine.requireTable(table).toString();
        long deleted = engine.write(table, why, session -> {
            session.conf().set(LISTING_PARALLELISM, listingParallelism(session));
            if (plan.needsOverride()) {
                session.conf().set(CHECK, "false");
            }
            // VACUUM's START/END log entries carry the commit metadata (user and reason).
            session.conf().set("spark.databricks.delta.vacuum.logging.enabled", "true");
            return SparkJobs.run(session, ctl, "VACUUM " + table, () -> {
                List<Row> out = DeltaTable.forPath(session, path).vacuum(retention.toSeconds() / 3600.0).collectAsList();
                return (long) out.size();
            });
        });
        long version = engine.latestVersion(table);
        long reported = deletedFromLog(table, version);
        return new VacuumResult(plan, reported >= 0 ? reported : deleted, version, CommitMetadata.currentUser(), why,
                Duration.ofNanos(System.nanoTime() - t0));
    }

    private long deletedFromLog(String table, long version) {
        try {
            JsonNode info = new DeltaLogFiles(engine.requireTable(table)).commitInfo(version);
            if (info != null && "VACUUM END".equals(info.path("operation").asText())) {
                return info.path("operationMetrics").path("numDeletedFiles").asLong(-1);
            }
        } catch (LakeLensException ignored) {
            // the count is informative only
        }
        return -1;
    }

    private static String listingParallelism(SparkSession session) {
        return Integer.toString(Math.max(2, 2 * session.sparkContext().defaultParallelism()));
    }

    static void checkRetention(Duration retention) {
        if (retention == null || retention.isNegative()) {
            throw new LakeLensException("Retention must be zero or more, e.g. 168h.");
        }
        if (retention.compareTo(Duration.ofDays(3650)) > 0) {
            throw new LakeLensException("Retention of more than 10 years keeps every file; nothing would be vacuumed.");
        }
    }

    /** Seven days, or the table's deleted-file retention when that is longer (Delta's own check uses it). */
    static Duration safeRetention(Map<String, String> properties) {
        String v = properties.get(DeltaProperty.DELETED_FILE_RETENTION.key());
        Duration table = SEVEN_DAYS;
        if (v != null) {
            try {
                table = Durations.parse(v);
            } catch (LakeLensException ignored) {
                // Delta would reject the property first; the default stands
            }
        }
        return table.compareTo(SEVEN_DAYS) > 0 ? table : SEVEN_DAYS;
    }

    static String hours(Duration d) {
        double h = d.toSeconds() / 3600.0;
        return h == Math.rint(h) ? Long.toString((long) h) : String.format(Locale.ROOT, "%.4f", h);
    }

    private static long sizeOf(Path dir, String rel) {
        try {
            Path p = rel.startsWith("/") ? Path.of(rel) : dir.resolve(rel);
            return Files.size(p);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static VacuumPlan.Kind kind(String rel, Set<String> tombstones) {
        if (rel.startsWith("_change_data/")) {
            return VacuumPlan.Kind.CHANGE_DATA;
        }
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        if (name.startsWith("deletion_vector_")) {
            return VacuumPlan.Kind.DELETION_VECTOR;
        }
        return tombstones.contains(rel) ? VacuumPlan.Kind.REMOVED_DATA : VacuumPlan.Kind.UNTRACKED;
    }

    /**
     * Replays the log from the oldest reconstructable version, tracking the files (data and
     * deletion vectors) each version needs; a version loses time travel when one of them is doomed.
     * Removed paths are collected into {@code tombstones}.
     */
    private List<VacuumPlan.VersionLoss> losses(String table, DeltaLogFiles log, long earliest, long latest, String root,
                                                Set<String> doomed, Set<String> tombstones) {
        Map<String, Integer> needed = new HashMap<>();
        int[] missing = {0};
        TableFiles start = TableFiles.read(engine, table, new AsOf.Version(earliest));
        for (DataFile f : start.files()) {
            need(needed, f.path(), doomed, missing);
            if (f.deletionVector() != null) {
                need(needed, f.deletionVector(), doomed, missing);
            }
        }
        List<VacuumPlan.VersionLoss> out = new ArrayList<>();
        for (long v = earliest; v <= latest; v++) {
            JsonNode info = null;
            if (v > earliest) {
                List<JsonNode> actions = log.actions(v);
                for (JsonNode a : actions) {
                    if (a.has("remove")) {
                        JsonNode rm = a.get("remove");
                        String p = TableFiles.relative(rm.path("path").asText(), root);
                        tombstones.add(p);
                        release(needed, p, doomed, missing);
                        dvPath(rm, root).ifPresent(dv -> release(needed, dv, doomed, missing));
                    }
                }
                for (JsonNode a : actions) {
                    if (a.has("add")) {
                        JsonNode add = a.get("add");
                        need(needed, TableFiles.relative(add.path("path").asText(), root), doomed, missing);
                        dvPath(add, root).ifPresent(dv -> need(needed, dv, doomed, missing));
                    } else if (a.has("commitInfo")) {
                        info = a.get("commitInfo");
                    }
                }
            } else {
                info = log.commitInfo(v);
            }
            if (missing[0] > 0) {
                Instant ts = info == null ? Instant.EPOCH : Instant.ofEpochMilli(info.path("timestamp").asLong(0));
                String op = info == null ? "" : info.path("operation").asText("");
                out.add(new VacuumPlan.VersionLoss(v, ts, op, missing[0]));
            }
        }
        // Paths removed before the oldest reconstructable version are still tombstones to VACUUM.
        for (long v : log.commitsNewestFirst()) {
            if (v <= earliest) {
                for (JsonNode a : log.actions(v)) {
                    if (a.has("remove")) {
                        tombstones.add(TableFiles.relative(a.get("remove").path("path").asText(), root));
                    }
                }
            }
        }
        return out;
    }

    private static void need(Map<String, Integer> needed, String path, Set<String> doomed, int[] missing) {
        int n = needed.merge(path, 1, Integer::sum);
        if (n == 1 && doomed.contains(path)) {
            missing[0]++;
        }
    }

    private static void release(Map<String, Integer> needed, String path, Set<String> doomed, int[] missing) {
        Integer n = needed.get(path);
        if (n == null) {
            return;
        }
        if (n <= 1) {
            needed.remove(path);
            if (doomed.contains(path)) {
                missing[0]--;
            }
        } else {
            needed.put(path, n - 1);
        }
    }

    private static Optional<String> dvPath(JsonNode action, String root) {
        JsonNode dv = action.get("deletionVector");
        if (dv == null || dv.isNull()) {
            return Optional.empty();
        }
        try {
            DeletionVectorDescriptor d = new DeletionVectorDescriptor(dv.path("storageType").asText(),
                    dv.path("pathOrInlineDv").asText(),
                    dv.has("offset") && !dv.get("offset").isNull() ? Optional.of(dv.get("offset").asInt()) : Optional.empty(),
                    dv.path("sizeInBytes").asInt(), dv.path("cardinality").asLong());
            return d.isOnDisk() ? Optional.of(TableFiles.relative(d.getAbsolutePath(root), root)) : Optional.empty();
        } catch (RuntimeException e) {
            throw new LakeLensException("A deletion vector in the log of " + URI.create(root).getPath() + " is unreadable: "
                    + Errors.abbreviate(e.getMessage()), e);
        }
    }
}
