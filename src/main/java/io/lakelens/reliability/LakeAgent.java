package io.lakelens.reliability;

import io.delta.tables.DeltaTable;
import io.lakelens.Config;
import io.lakelens.lake.Errors;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * A LakeLens process that writes to a lake on command: the "other window" of the
 * reliability scenarios. It reads one command per line on standard input and reports on
 * standard output, one line per event, so the process that started it can tell exactly
 * which writes were acknowledged before it was killed:
 * <pre>
 * append TABLE WRITER BATCH ROWS [unguarded]   BEGIN WRITER BATCH / ACK WRITER BATCH ROWS at vN / FAIL WRITER BATCH why
 * merge TABLE WRITER BATCH ROWS                BEGIN/ACK/FAIL merge WRITER BATCH: MERGE sets val = 1 on the batch's rows
 * delete TABLE WRITER BATCH                    BEGIN/ACK/FAIL delete WRITER BATCH: deletes the batch's even ids
 * loop-append TABLE WRITER FIRST ROWS          the same for FIRST, FIRST+1, … until killed
 * optimize TABLE | restore TABLE VERSION       BEGIN op / ACK op at vN / FAIL op why
 * loop-integrity TABLE                         records the latest version's checksum again and again (sidecar writes)
 * hold TABLE | release                         HOLDING TABLE / RELEASED TABLE (the write lock, doing nothing)
 * exit
 * </pre>
 * An acknowledgement of a table write ends with the version this process committed it as (the
 * version its own Delta log holds right after the commit), so a check can line up each
 * writer's commits with the versions it reads.
 * Every write goes through {@link LakeEngine#write}, except {@code unguarded} appends, which
 * write through Spark directly as another engine sharing the folder would. Lines starting
 * with {@code WAIT} report that a write waited for the lock and who held it.
 */
public final class LakeAgent {
    private final LakeEngine engine;
    private volatile CountDownLatch release = new CountDownLatch(0);

    private LakeAgent(Path lake, String master) {
        this.engine = new LakeEngine(new Config(lake.toAbsolutePath().normalize(), master, false, Optional.empty(), true, false));
        engine.writeGuard().onWait(msg -> say("WAIT " + msg));
        engine.onConflictRetry(msg -> say("RETRY " + msg));
    }

    /** Arguments: the lake folder, and optionally the Spark master (default local[1]). */
    public static void main(String[] args) throws Exception {
        LakeAgent agent = new LakeAgent(Path.of(args[0]), args.length > 1 ? args[1] : "local[1]");
        agent.engine.spark();
        say("READY " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] a = line.trim().split("\\s+");
            if (a[0].equals("exit")) {
                break;
            }
            agent.handle(a);
        }
        agent.engine.close();
        System.exit(0);
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private void handle(String[] a) {
        switch (a[0]) {
            case "append" -> append(a[1], a[2], Long.parseLong(a[3]), Integer.parseInt(a[4]), a.length > 5 && a[5].equals("unguarded"));
            case "loop-append" -> {
                for (long b = Long.parseLong(a[3]); ; b++) {
                    append(a[1], a[2], b, Integer.parseInt(a[4]), false);
                }
            }
            case "merge" -> op("merge " + a[2] + " " + a[3], () -> engine.write(a[1], "merge batch " + a[3] + " by " + a[2], s -> {
                String path = engine.tablePath(a[1]).toString();
                merge(s, path, a[2], Long.parseLong(a[3]), Integer.parseInt(a[4]));
                return committedVersion(s, path);
            }));
            case "delete" -> op("delete " + a[2] + " " + a[3], () -> engine.write(a[1], "delete half of batch " + a[3] + " by " + a[2], s -> {
                String path = engine.tablePath(a[1]).toString();
                delete(s, path, a[2], Long.parseLong(a[3]));
                return committedVersion(s, path);
            }));
            case "optimize" -> op("optimize", () -> engine.write(a[1], "compact small files", s -> {
                String path = engine.tablePath(a[1]).toString();
                DeltaTable.forPath(s, path).optimize().executeCompaction();
                return committedVersion(s, path);
            }));
            case "restore" -> op("restore", () -> engine.write(a[1], "restore to version " + a[2], s -> {
                String path = engine.tablePath(a[1]).toString();
                DeltaTable.forPath(s, path).restoreToVersion(Long.parseLong(a[2]));
                return committedVersion(s, path);
            }));
            case "loop-integrity" -> {
                var integrity = new io.lakelens.lake.Integrity(engine);
                for (long i = 1; ; i++) {
                    op("integrity " + i, () -> {
                        integrity.record(a[1], engine.latestVersion(a[1]));
                        return null;
                    });
                }
            }
            case "hold" -> hold(a[1]);
            case "release" -> release.countDown();
            default -> say("FAIL unknown command " + a[0]);
        }
    }

    /** One batch of {@code rows} rows tagged with writer and batch, so a reader can tell whether it landed whole. */
    static Dataset<Row> batch(SparkSession s, String writer, long batch, int rows) {
        return s.range(rows).select(col("id").plus(lit(batch * 1_000_000L)).as("id"), lit(writer).as("writer"),
                lit(batch).as("batch"), lit(0L).as("val"));
    }

    /** Batches 0..count-1 of {@code rows} rows each, as one frame (ids as in {@link #batch}). */
    static Dataset<Row> batches(SparkSession s, String writer, int count, int rows) {
        return s.range((long) count * rows).select(col("id").mod(rows).plus(col("id").divide(rows).cast("long").multiply(1_000_000L)).as("id"),
                lit(writer).as("writer"), col("id").divide(rows).cast("long").as("batch"), lit(0L).as("val"));
    }

    /** MERGE the batch's own ids back into the table, setting {@code val} to 1 on each. */
    static void merge(SparkSession s, String path, String writer, long batch, int rows) {
        DeltaTable.forPath(s, path).as("t")
                .merge(batch(s, writer, batch, rows).as("s"),
                        col("t.id").equalTo(col("s.id")).and(col("t.writer").equalTo(col("s.writer"))))
                .whenMatched().update(java.util.Map.of("val", lit(1L)))
                .execute();
    }

    /** Deletes the batch's even ids: half of it, rounded up. */
    static void delete(SparkSession s, String path, String writer, long batch) {
        DeltaTable.forPath(s, path).delete(col("writer").equalTo(lit(writer)).and(col("batch").equalTo(lit(batch)))
                .and(col("id").mod(2).equalTo(0)));
    }

    /**
     * The version this process's Delta log holds for the table: right after a commit, the
     * version that commit was written as (Delta installs it as the table's snapshot).
     */
    static long committedVersion(SparkSession s, String path) {
        return org.apache.spark.sql.delta.DeltaLog.forTable(s, path).unsafeVolatileSnapshot().version();
    }

    private void append(String table, String writer, long batch, int rows, boolean unguarded) {
        String path = engine.tablePath(table).toString();
        say("BEGIN " + writer + " " + batch);
        try {
            long version;
            if (unguarded) {
                SparkSession s = engine.spark().newSession();
                batch(s, writer, batch, rows).write().format("delta").mode("append").save(path);
                version = committedVersion(s, path);
            } else {
                version = engine.write(table, "append batch " + batch + " by " + writer, s -> {
                    batch(s, writer, batch, rows).write().format("delta").mode("append").save(path);
                    return committedVersion(s, path);
                });
            }
            say("ACK " + writer + " " + batch + " " + rows + " at v" + version);
        } catch (Exception e) { // Spark's checked exceptions arrive undeclared
            say("FAIL " + writer + " " + batch + " " + Errors.rootMessage(e));
        }
    }

    /** Runs one operation between BEGIN and ACK (with the committed version, when it has one) or FAIL. */
    private void op(String name, java.util.function.Supplier<Long> work) {
        say("BEGIN " + name);
        try {
            Long version = work.get();
            say("ACK " + name + (version == null ? "" : " at v" + version));
        } catch (Exception e) {
            say("FAIL " + name + " " + Errors.rootMessage(e));
        }
    }

    private void hold(String table) {
        CountDownLatch held = new CountDownLatch(1);
        release = new CountDownLatch(1);
        CountDownLatch mine = release;
        Thread t = new Thread(() -> engine.writeGuard().withLock(table, "holding the lock for a test", () -> {
            say("HOLDING " + table);
            held.countDown();
            try {
                mine.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }), "agent-hold");
        t.start();
        try {
            held.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        new Thread(() -> {
            try {
                t.join();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            say("RELEASED " + table);
        }, "agent-release").start();
    }
}
