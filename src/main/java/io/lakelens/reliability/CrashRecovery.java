package io.lakelens.reliability;

import io.delta.tables.DeltaTable;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.Integrity;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;

/**
 * kill -9 of a LakeLens process in the middle of a write, then recovery in this process: the
 * table must open at its last committed version, every version must read, no acknowledged
 * batch may be missing and no batch may be half there or changed, the dead writer's lock file
 * must not block the next writer, and the interrupted operation run again must complete.
 *
 * <p>The kill must land while the operation is in flight: after the child printed BEGIN and
 * before it printed ACK. Which it did is read from the child's whole output once the reader has
 * drained it (the child is dead then, so nothing races the check). A single operation that
 * finished before the kill time is not a crash: the scenario runs again on a fresh table with
 * a kill time inside the duration it just measured, up to {@value #MAX_ATTEMPTS} times.
 */
public final class CrashRecovery {
    /** What the killed process was doing. */
    public enum Kind {
        APPEND("append"), OPTIMIZE("optimize"), RESTORE("restore"), INTEGRITY_SIDECAR("checksum write");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** Words for the summary: "append", "checksum write". */
        public String label() {
            return label;
        }

        /** The scenario name of a kill during this kind of write. */
        public String scenario() {
            return "kill -9 during " + label;
        }
    }

    /** Attempts at landing a kill inside the operation before the scenario reports that it could not. */
    static final int MAX_ATTEMPTS = 4;
    /** Batches of the OPTIMIZE table, each its own small file. */
    private static final int SMALL_FILES = 40;

    private CrashRecovery() {
    }

    /** The table as it was before the child was started, and what the checks need from then. */
    private record Setup(String table, long versionBefore, TableCheck.Landed before, TableCheck.Landed atV0,
                         Map<String, Long> acked, int sidecarBefore) {
    }

    /** Where a kill landed: the table, the killed child, the operation in flight and how far in. */
    private record Landing(Setup setup, ChildJvm child, String inFlight, long killedAfterMs, int attempt) {
    }

    /**
     * @param rows        rows per appended batch (the OPTIMIZE table gets 40 small files of that size)
     * @param extraChecks called after recovery with the table name; returns problems found (e.g.
     *                    {@code lakelens verify}); empty when none
     */
    public static ScenarioResult run(LakeEngine engine, String table, Kind kind, int rows, Random rnd, Path logDir,
                                     Function<String, List<String>> extraChecks) {
        List<String> problems = new ArrayList<>();
        List<String> misses = new ArrayList<>();
        Landing landing = null;
        ChildJvm child = null;
        long measuredMs = -1; // how long the single operation took when it finished before the kill
        try {
            for (int attempt = 1; attempt <= MAX_ATTEMPTS && landing == null; attempt++) {
                String t = attempt == 1 ? table : table + "_" + attempt;
                Setup setup = setup(engine, t, kind, rows);
                if (child == null) {
                    child = ChildJvm.start("crash-" + kind.name().toLowerCase() + "-" + System.nanoTime(),
                            LakeAgent.class.getName(), List.of(engine.lakeRoot().toString()), List.of("-Xmx768m"), Map.of(),
                            logDir);
                    child.await(l -> l.startsWith("READY"), Duration.ofMinutes(3));
                }
                Strike s = strike(child, t, kind, rows, rnd, measuredMs);
                if (s.finishedFirst() >= 0) {
                    // the operation finished before the kill time: not a crash; again, on a fresh
                    // table, with a kill time inside the duration just measured
                    measuredMs = s.finishedFirst();
                    misses.add("attempt " + attempt + ": " + kind.label() + " finished in " + measuredMs + " ms, before the kill time");
                    continue;
                }
                ChildJvm killed = child;
                child = null;
                // killed and drained: every line it printed is in, so this is what it acknowledged
                String inFlight = s.inFlight();
                if (inFlight == null) {
                    misses.add("attempt " + attempt + ": the kill landed after the child's ACK");
                    continue;
                }
                landing = new Landing(setup, killed, inFlight, s.killedAfterMs(), attempt);
            }
        } finally {
            if (child != null) {
                child.kill();
            }
        }
        if (landing == null) {
            problems.add("no kill landed before the child acknowledged its work in " + MAX_ATTEMPTS + " attempts (" + misses + ")");
            return new ScenarioResult(kind.scenario(), MAX_ATTEMPTS, problems.size(), 0, "PROBLEMS: " + problems);
        }
        return check(engine, kind, rows, landing, misses, problems, extraChecks);
    }

    private static Setup setup(LakeEngine engine, String table, Kind kind, int rows) {
        String path = engine.tablePath(table).toString();
        Map<String, Long> acked = new HashMap<>();
        switch (kind) {
            case APPEND -> {
                engine.write(table, "seed", s -> {
                    LakeAgent.batch(s, "seed", 0, rows).write().format("delta").mode("append").save(path);
                    return null;
                });
                acked.put("seed/0", (long) rows);
            }
            case OPTIMIZE, INTEGRITY_SIDECAR -> engine.write(table, SMALL_FILES + " small files", s -> {
                LakeAgent.batches(s, "seed", SMALL_FILES, rows).repartition(SMALL_FILES, col("batch"))
                        .write().format("delta").mode("append").save(path);
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
        long versionBefore = engine.latestVersion(table);
        Integrity integrity = new Integrity(engine);
        integrity.record(table, versionBefore); // what `lakelens verify` checks afterwards
        return new Setup(table, versionBefore, TableCheck.landedAt(engine, table, versionBefore),
                TableCheck.landedAt(engine, table, 0), acked, integrity.records(table).size());
    }

    /**
     * What one strike did: the operation in flight when the kill landed (null if the kill came
     * after its ACK), how far in, or, for a single operation that finished first, its duration.
     */
    private record Strike(String inFlight, long killedAfterMs, long finishedFirst) {
    }

    private static Strike strike(ChildJvm child, String table, Kind kind, int rows, Random rnd, long measuredMs) {
        Predicate<String> begin = l -> l.startsWith("BEGIN ");
        Predicate<String> ack = l -> l.startsWith("ACK ");
        Predicate<String> end = l -> l.startsWith("ACK ") || l.startsWith("FAIL ");
        int begins = (int) child.count(begin);
        int acks = (int) child.count(ack);
        int ends = (int) child.count(end);
        long delayMs;
        switch (kind) {
            case APPEND, INTEGRITY_SIDECAR -> {
                // a loop of writes: let a few be acknowledged, then kill inside a later one
                int n = kind == Kind.APPEND ? 2 + rnd.nextInt(3) : 1 + rnd.nextInt(2);
                child.send(kind == Kind.APPEND ? "loop-append " + table + " crash 1 " + rows : "loop-integrity " + table);
                child.await(ack, acks + n, Duration.ofMinutes(3));
                long oneWriteNs = child.arrival(ack, acks + n) - child.arrival(begin, begins + n);
                child.await(begin, begins + n + 1, Duration.ofMinutes(3));
                delayMs = (long) (rnd.nextDouble() * Math.max(1, oneWriteNs / 1_000_000));
                ConcurrentWriters.sleep(delayMs);
            }
            default -> {
                child.send(kind == Kind.OPTIMIZE ? "optimize " + table : "restore " + table + " 0");
                child.await(begin, begins + 1, Duration.ofMinutes(3));
                long windowMs = measuredMs >= 0 ? measuredMs : (kind == Kind.OPTIMIZE ? 4000 : 3000);
                double fraction = measuredMs >= 0 ? 0.05 + 0.6 * rnd.nextDouble() : rnd.nextDouble();
                delayMs = Math.max(1, (long) (fraction * windowMs));
                if (child.awaitWithin(end, ends + 1, Duration.ofMillis(delayMs))) {
                    String last = child.await(end, ends + 1, Duration.ZERO);
                    if (last.startsWith("FAIL ")) {
                        throw new IllegalStateException("the child's " + kind.label() + " failed before the kill: " + last);
                    }
                    long tookNs = child.arrival(ack, acks + 1) - child.arrival(begin, begins + 1);
                    return new Strike(null, delayMs, Math.max(1, tookNs / 1_000_000));
                }
            }
        }
        child.kill();
        // the operation in flight is the last one begun; it counts only if it was never acknowledged
        List<String> out = child.lines();
        String lastBegun = null;
        for (String l : out) {
            if (l.startsWith("BEGIN ")) {
                lastBegun = l.substring("BEGIN ".length());
            }
        }
        String inFlight = lastBegun;
        boolean acknowledged = inFlight == null || out.stream().anyMatch(l -> l.startsWith("ACK " + inFlight + " ")
                || l.equals("ACK " + inFlight) || l.startsWith("FAIL " + inFlight + " "));
        return new Strike(acknowledged ? null : inFlight, delayMs, -1);
    }

    private static ScenarioResult check(LakeEngine engine, Kind kind, int rows, Landing landing, List<String> misses,
                                        List<String> problems, Function<String, List<String>> extraChecks) {
        Setup setup = landing.setup();
        String table = setup.table();
        String path = engine.tablePath(table).toString();
        ChildJvm child = landing.child();
        Integrity integrity = new Integrity(engine);

        // a checksum record is a write to the lake's checksum table, under that table's lock
        String locked = kind == Kind.INTEGRITY_SIDECAR ? Integrity.SIDECAR : table;
        Path lockFile = engine.lakeRoot().resolve(".lakelens/locks/" + locked + ".lock");
        String staleHolder = read(lockFile);
        // The lock file keeps its last holder's line. Killed before it took the lock (on a busy
        // machine its Spark may still be starting), the child leaves this process's line there.
        boolean killedHolding = staleHolder.startsWith(Long.toString(child.pid()));
        boolean killedBeforeLocking = staleHolder.startsWith(ProcessHandle.current().pid() + " ");
        if (!killedHolding && !killedBeforeLocking) {
            problems.add("the lock file does not name the killed process (" + staleHolder + ")");
        }
        long latest = engine.latestVersion(table);
        boolean committed = latest > setup.versionBefore();
        Map<Long, String> unreadable = TableCheck.unreadableVersions(engine, table, 200);
        unreadable.forEach((v, why) -> problems.add("version " + v + " unreadable: " + why));
        long lost;
        String verified;
        switch (kind) {
            case APPEND -> {
                // what the child acknowledged, read from its full output after it died
                Map<String, Long> acked = new HashMap<>(setup.acked());
                for (String l : child.lines()) {
                    String[] w = l.split(" ");
                    if (w[0].equals("ACK") && w.length >= 4 && w[1].equals("crash")) {
                        acked.put("crash/" + w[2], Long.parseLong(w[3]));
                    }
                }
                long batch = Long.parseLong(landing.inFlight().split(" ")[1]);
                Map<String, Long> maybe = Map.of("crash/" + batch, (long) rows);
                TableCheck.Landed present = TableCheck.landed(engine, table);
                lost = TableCheck.lostRows(acked, maybe, present.batches());
                boolean inFlightLanded = present.batches().containsKey("crash/" + batch);
                // every batch present must hold exactly the rows its writer wrote
                Dataset<Row> written = LakeAgent.batch(engine.spark(), "seed", 0, rows);
                for (String key : present.batches().keySet()) {
                    if (key.startsWith("crash/")) {
                        written = written.union(LakeAgent.batch(engine.spark(), "crash", Long.parseLong(key.substring(6)), rows));
                    }
                }
                TableCheck.Landed expected = TableCheck.expected(written);
                long changed = TableCheck.rowsDiffering(expected, present);
                if (changed > 0) {
                    problems.add(changed + " rows in batches whose content is not what was written");
                }
                engine.write(table, "append after the crash", s -> {
                    LakeAgent.batch(s, "recovery", 1, rows).write().format("delta").mode("append").save(path);
                    return null;
                });
                if (!Long.valueOf(rows).equals(TableCheck.batches(engine, table).get("recovery/1"))) {
                    problems.add("the append after the crash did not land");
                }
                verified = "kill landed " + landing.killedAfterMs() + " ms into batch " + batch + " (" + (inFlightLanded
                        ? "its commit had landed: present whole" : "not committed: absent") + "); all " + (acked.size() - 1)
                        + " acknowledged batches present with the rows and checksums written, no other batch; "
                        + "an append after the crash landed";
            }
            case OPTIMIZE -> {
                TableCheck.Landed afterCrash = TableCheck.landed(engine, table);
                lost = TableCheck.rowsDiffering(setup.before(), afterCrash);
                engine.write(table, "compact small files again", s -> {
                    DeltaTable.forPath(s, path).optimize().executeCompaction();
                    return null;
                });
                long again = TableCheck.rowsDiffering(setup.before(), TableCheck.landed(engine, table));
                lost += again;
                verified = "kill landed " + landing.killedAfterMs() + " ms into OPTIMIZE (" + committedText(committed, latest,
                        setup.versionBefore()) + "); the " + setup.before().batches().size() + " batches' rows and checksums "
                        + "equal to before the crash, after it and after OPTIMIZE ran again";
            }
            case INTEGRITY_SIDECAR -> {
                lost = TableCheck.rowsDiffering(setup.before(), TableCheck.landed(engine, table));
                int records = integrity.records(table).size();
                long acks = child.count(l -> l.startsWith("ACK integrity "));
                if (records - setup.sidecarBefore() < acks) {
                    problems.add("an acknowledged checksum record is missing (" + (records - setup.sidecarBefore()) + " of "
                            + acks + ")");
                }
                integrity.record(table, engine.latestVersion(table));
                verified = "kill landed " + landing.killedAfterMs() + " ms into checksum record " + landing.inFlight().split(" ")[1]
                        + "; all " + acks + " acknowledged records present (" + (records - setup.sidecarBefore())
                        + " landed); the table's " + setup.before().batches().size() + " batches unchanged by checksum; "
                        + "a record after the crash landed";
            }
            default -> {
                TableCheck.Landed expected = committed ? setup.atV0() : setup.before();
                lost = TableCheck.rowsDiffering(expected, TableCheck.landed(engine, table));
                engine.write(table, "restore to version 0 again", s -> {
                    DeltaTable.forPath(s, path).restoreToVersion(0);
                    return null;
                });
                lost += TableCheck.rowsDiffering(setup.atV0(), TableCheck.landed(engine, table));
                verified = "kill landed " + landing.killedAfterMs() + " ms into RESTORE (" + committedText(committed, latest,
                        setup.versionBefore()) + "); rows and checksums per batch equal to " + (committed ? "version 0" : "v"
                        + setup.versionBefore()) + " after the crash and to version 0 after RESTORE ran again";
            }
        }
        List<String> verifyProblems = new ArrayList<>();
        for (Integrity.Verification v : integrity.verifyAll(table, true)) {
            if (!v.status().ok()) {
                verifyProblems.add("verify v" + v.version() + ": " + v.status().label() + " " + v.message());
            }
        }
        problems.addAll(verifyProblems);
        problems.addAll(extraChecks.apply(table));
        String detail = verified + " (before its ACK: checked in the child's drained output"
                + (landing.attempt() > 1 ? "; attempt " + landing.attempt() + ", earlier: " + misses : "") + "); "
                + (latest + 1 - unreadable.size()) + "/" + (latest + 1) + " versions readable; "
                + (verifyProblems.isEmpty() ? "lakelens verify passed; " : "lakelens verify FAILED; ")
                + (killedHolding ? "stale lock of pid " + child.pid() + " did not block the next writer; "
                : "killed before it took the lock; ") + tempFiles(engine, table) + " temp files left in _delta_log"
                + (problems.isEmpty() ? "" : "; PROBLEMS: " + problems);
        long operations = kind == Kind.APPEND ? child.count(l -> l.startsWith("BEGIN ")) + 1 : 2;
        return new ScenarioResult(kind.scenario(), operations, problems.size(), lost, detail);
    }

    private static String committedText(boolean committed, long latest, long before) {
        return committed ? "it had committed as v" + latest : "it had not committed: v" + before + " still the latest";
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
