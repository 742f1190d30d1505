package io.lakelens.reliability;

import io.delta.tables.DeltaTable;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.Integrity;
import io.lakelens.lake.LakeEngine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;

/**
 * kill -9 of a LakeLens process in the middle of a write, then recovery in this process: the
 * table must open at its last committed version, every version must read, no acknowledged
 * batch may be missing and no batch may be half there, the dead writer's lock file must not
 * block the next writer, and the interrupted operation run again must complete.
 */
public final class CrashRecovery {
    /** What the killed process was doing. */
    public enum Kind { APPEND, OPTIMIZE, RESTORE, INTEGRITY_SIDECAR }

    private CrashRecovery() {
    }

    /**
     * @param rows  rows per appended batch (the OPTIMIZE table gets 40 small files of that size)
     * @param extraChecks called after recovery with the table name; returns problems found (e.g.
     *                    {@code lakelens verify}); empty when none
     */
    public static ScenarioResult run(LakeEngine engine, String table, Kind kind, int rows, Random rnd, Path logDir,
                                     java.util.function.Function<String, List<String>> extraChecks) {
        String path = engine.tablePath(table).toString();
        Map<String, Long> acked = new HashMap<>();
        Map<String, Long> maybe = new HashMap<>();
        long rowsBefore;
        switch (kind) {
            case APPEND -> {
                engine.write(table, "seed", s -> {
                    LakeAgent.batch(s, "seed", 0, rows).write().format("delta").mode("append").save(path);
                    return null;
                });
                acked.put("seed/0", (long) rows);
            }
            case OPTIMIZE, INTEGRITY_SIDECAR -> engine.write(table, "40 small files", s -> {
                LakeAgent.batch(s, "seed", 0, rows * 40).repartition(40).write().format("delta").mode("append").save(path);
                return null;
            });
            case RESTORE -> {
                engine.write(table, "v0", s -> {
                    LakeAgent.batch(s, "seed", 0, rows).write().format("delta").mode("append").save(path);
                    return null;
                });
                engine.write(table, "v1", s -> {
                    LakeAgent.batch(s, "more", 1, rows * 3).repartition(3).write().format("delta").mode("append").save(path);
                    return null;
                });
                engine.write(table, "v2", s -> {
                    DeltaTable.forPath(s, path).delete(col("id").lt(rows / 2));
                    return null;
                });
            }
        }
        rowsBefore = count(engine, table);
        long versionBefore = engine.latestVersion(table);
        Integrity integrity = new Integrity(engine);
        integrity.record(table, versionBefore); // what `lakelens verify` checks afterwards
        int sidecarBefore = integrity.records(table).size();

        ChildJvm child = ChildJvm.start("crash-" + kind.name().toLowerCase() + "-" + System.nanoTime(),
                LakeAgent.class.getName(), List.of(engine.lakeRoot().toString()), List.of("-Xmx768m"), Map.of(), logDir);
        long killedAfterMs;
        try {
            child.await(l -> l.startsWith("READY"), Duration.ofMinutes(3));
            Predicate<String> begin = l -> l.startsWith("BEGIN");
            Predicate<String> ack = l -> l.startsWith("ACK");
            long periodNs;
            int n;
            switch (kind) {
                case APPEND -> {
                    n = 2 + rnd.nextInt(3);
                    child.send("loop-append " + table + " crash 1 " + rows);
                    child.await(ack, n, Duration.ofMinutes(3));
                    periodNs = child.arrival(ack, n) - child.arrival(ack, n - 1);
                }
                case OPTIMIZE -> {
                    n = 0;
                    periodNs = Duration.ofSeconds(4).toNanos();
                    child.send("optimize " + table);
                }
                case INTEGRITY_SIDECAR -> {
                    n = 1 + rnd.nextInt(2);
                    child.send("loop-integrity " + table);
                    child.await(ack, n, Duration.ofMinutes(3));
                    periodNs = n > 1 ? child.arrival(ack, n) - child.arrival(ack, n - 1) : Duration.ofSeconds(3).toNanos();
                }
                default -> {
                    n = 0;
                    periodNs = Duration.ofSeconds(3).toNanos();
                    child.send("restore " + table + " 0");
                }
            }
            child.await(begin, n + 1, Duration.ofMinutes(3));
            long delayMs = (long) (rnd.nextDouble() * Math.max(1, periodNs / 1_000_000));
            ConcurrentWriters.sleep(delayMs);
            killedAfterMs = delayMs;
        } finally {
            child.kill();
        }
        for (String l : child.lines()) {
            String[] w = l.split(" ");
            if (w[0].equals("ACK") && w.length == 4) {
                acked.put(w[1] + "/" + w[2], Long.parseLong(w[3]));
            }
            if (w[0].equals("BEGIN") && w.length == 3) {
                maybe.put(w[1] + "/" + w[2], (long) rows);
            }
        }
        List<String> problems = new ArrayList<>();
        Path lockFile = engine.lakeRoot().resolve(".lakelens/locks/" + table + ".lock");
        String staleHolder = read(lockFile);
        // The lock file keeps its last holder's line. Killed before it took the lock (on a busy
        // machine its Spark may still be starting), the child leaves this process's line there.
        boolean killedHolding = staleHolder.startsWith(Long.toString(child.pid()));
        boolean killedBeforeLocking = staleHolder.startsWith(ProcessHandle.current().pid() + " ");
        if (!killedHolding && !killedBeforeLocking) {
            problems.add("the lock file does not name the killed process (" + staleHolder + ")");
        }
        long latest = engine.latestVersion(table);
        Map<Long, String> unreadable = TableCheck.unreadableVersions(engine, table, 200);
        unreadable.forEach((v, why) -> problems.add("version " + v + " unreadable: " + why));
        long lost = 0;
        String what;
        switch (kind) {
            case APPEND -> {
                Map<String, Long> present = TableCheck.batches(engine, table);
                lost = TableCheck.lostRows(acked, maybe, present);
                long lastBegun = child.count(l -> l.startsWith("BEGIN"));
                boolean lastLanded = present.containsKey("crash/" + lastBegun);
                what = "killed " + killedAfterMs + " ms into batch " + lastBegun + " (" + (lastLanded ? "it had committed" : "not committed")
                        + "); " + (acked.size() - 1) + " acknowledged batches all present";
                engine.write(table, "append after the crash", s -> {
                    LakeAgent.batch(s, "recovery", 1, rows).write().format("delta").mode("append").save(path);
                    return null;
                });
                if (!Long.valueOf(rows).equals(TableCheck.batches(engine, table).get("recovery/1"))) {
                    problems.add("the append after the crash did not land");
                }
            }
            case OPTIMIZE -> {
                long after = count(engine, table);
                lost = Math.abs(after - rowsBefore);
                boolean committed = latest > versionBefore;
                what = "killed " + killedAfterMs + " ms into OPTIMIZE (" + (committed ? "it had committed" : "not committed") + ")";
                engine.write(table, "compact small files again", s -> {
                    DeltaTable.forPath(s, path).optimize().executeCompaction();
                    return null;
                });
                lost += Math.abs(count(engine, table) - rowsBefore);
            }
            case INTEGRITY_SIDECAR -> {
                lost = Math.abs(count(engine, table) - rowsBefore);
                int records = integrity.records(table).size();
                what = "killed " + killedAfterMs + " ms into a checksum record (" + (records - sidecarBefore) + " records landed, "
                        + child.count(l -> l.startsWith("ACK")) + " acknowledged)";
                if (records - sidecarBefore < child.count(l -> l.startsWith("ACK"))) {
                    problems.add("an acknowledged checksum record is missing");
                }
                integrity.record(table, engine.latestVersion(table));
            }
            default -> {
                long v0 = engine.readAction(table, new AsOf.Version(0), () -> engine.read(table, new AsOf.Version(0)).count());
                long after = count(engine, table);
                boolean committed = latest > versionBefore;
                if (after != (committed ? v0 : rowsBefore)) {
                    lost = Math.abs(after - (committed ? v0 : rowsBefore));
                }
                what = "killed " + killedAfterMs + " ms into RESTORE (" + (committed ? "it had committed" : "not committed") + ")";
                engine.write(table, "restore to version 0 again", s -> {
                    DeltaTable.forPath(s, path).restoreToVersion(0);
                    return null;
                });
                lost += Math.abs(count(engine, table) - v0);
            }
        }
        for (Integrity.Verification v : integrity.verifyAll(table, true)) {
            if (!v.status().ok()) {
                problems.add("verify v" + v.version() + ": " + v.status().label() + " " + v.message());
            }
        }
        problems.addAll(extraChecks.apply(table));
        String detail = what + "; verify passed; opened at v" + latest + ", " + (latest + 1 - unreadable.size()) + "/" + (latest + 1)
                + " versions readable; " + (killedHolding ? "stale lock of pid " + child.pid() + " did not block the retry; "
                : "killed before it took the lock; ") + tempFiles(engine, table)
                + " temp files left in _delta_log" + (problems.isEmpty() ? "" : "; PROBLEMS: " + problems);
        return new ScenarioResult("kill -9 during " + kind.name().toLowerCase(), kind == Kind.APPEND ? acked.size() + 2L : 2,
                problems.size(), lost, detail);
    }

    private static long count(LakeEngine engine, String table) {
        var df = engine.read(table, AsOf.LATEST);
        return engine.readAction(table, AsOf.LATEST, df::count);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static long tempFiles(LakeEngine engine, String table) {
        try (Stream<Path> s = Files.list(engine.tablePath(table).resolve("_delta_log"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        } catch (IOException e) {
            return -1;
        }
    }
}
