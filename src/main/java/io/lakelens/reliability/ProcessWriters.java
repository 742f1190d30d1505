package io.lakelens.reliability;

import io.delta.tables.DeltaTable;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.SparkSession;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Several OS processes write to one table of one local lake at the same time: this JVM and
 * {@link LakeAgent} child JVMs. Each writer appends its own batches, merges into and deletes
 * from batches it appended earlier, and two of them run OPTIMIZE on the way. Every row is
 * tagged with its writer and batch, so the table afterwards tells exactly which acknowledged
 * writes landed, and whether any landed in part.
 */
public final class ProcessWriters {
    /** The batch the table starts with. */
    private static final Op SEED = new Op(Kind.APPEND, 0);

    private ProcessWriters() {
    }

    /** The writes a plan is made of; each prints as its {@link LakeAgent} command word. */
    enum Kind {
        APPEND, MERGE, DELETE, OPTIMIZE;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One write of a writer's plan. */
    record Op(Kind kind, long batch) {
        /** The agent's command for it. */
        String command(String table, String writer, int rows, boolean unguarded) {
            return switch (kind) {
                case APPEND -> "append " + table + " " + writer + " " + batch + " " + rows + (unguarded ? " unguarded" : "");
                case MERGE -> "merge " + table + " " + writer + " " + batch + " " + rows;
                case DELETE -> "delete " + table + " " + writer + " " + batch;
                case OPTIMIZE -> "optimize " + table;
            };
        }

        /** A short label for the version log: A3 (append of batch 3), M2, D2, O. */
        String label() {
            return switch (kind) {
                case APPEND -> "A" + batch;
                case MERGE -> "M" + batch;
                case DELETE -> "D" + batch;
                case OPTIMIZE -> "O";
            };
        }

        /** Runs it in this process, as {@code writer}. */
        void run(SparkSession s, String path, String writer, int rows) {
            switch (kind) {
                case APPEND -> LakeAgent.batch(s, writer, batch, rows).write().format("delta").mode("append").save(path);
                case MERGE -> LakeAgent.merge(s, path, writer, batch, rows);
                case DELETE -> LakeAgent.delete(s, path, writer, batch);
                case OPTIMIZE -> DeltaTable.forPath(s, path).optimize().executeCompaction();
            }
        }
    }

    /**
     * What each writer does: append batch 1..rounds; after each append from the second on,
     * merge into (even rounds) or delete half of (odd rounds) the batch before; OPTIMIZE once
     * after the second append when {@code optimize}. The unguarded control only appends.
     */
    static List<Op> plan(int rounds, boolean mixed, boolean optimize) {
        List<Op> ops = new ArrayList<>();
        for (long b = 1; b <= rounds; b++) {
            ops.add(new Op(Kind.APPEND, b));
            if (mixed && b >= 2) {
                ops.add(new Op(b % 2 == 0 ? Kind.MERGE : Kind.DELETE, b - 1));
            }
            if (optimize && b == 2) {
                ops.add(new Op(Kind.OPTIMIZE, 0));
            }
        }
        return ops;
    }

    /** What the acknowledged writes of all writers leave: rows and sum of {@code val} per "writer/batch". */
    static final class Ledger {
        final Map<String, Long> rows = new ConcurrentHashMap<>();
        final Map<String, Long> vals = new ConcurrentHashMap<>();
        final int batchRows;

        Ledger(int batchRows) {
            this.batchRows = batchRows;
        }

        void acknowledged(String writer, Op op) {
            String key = writer + "/" + op.batch();
            switch (op.kind()) {
                case APPEND -> {
                    rows.put(key, (long) batchRows);
                    vals.put(key, 0L);
                }
                case MERGE -> vals.put(key, rows.getOrDefault(key, 0L));
                case DELETE -> {
                    rows.compute(key, (k, n) -> n == null ? 0L : n - (batchRows + 1) / 2);
                    vals.put(key, 0L); // only merged batches carry val = 1, and no batch is both merged and deleted
                }
                case OPTIMIZE -> { } // changes files, not rows
            }
        }

        /** The batches whose rows or values differ from what landed. */
        List<String> differences(TableCheck.Landed landed) {
            List<String> out = new ArrayList<>();
            rows.forEach((k, n) -> {
                if (!n.equals(landed.batches().get(k)) || !vals.get(k).equals(landed.valSums().getOrDefault(k, 0L))) {
                    out.add(k);
                }
            });
            return out;
        }

        /** Rows missing, extra or with a lost update. */
        long lostRows(TableCheck.Landed landed) {
            long lost = TableCheck.lostRows(rows, Map.of(), landed.batches());
            for (var e : vals.entrySet()) {
                lost += Math.abs(e.getValue() - landed.valSums().getOrDefault(e.getKey(), 0L));
            }
            return lost;
        }
    }

    /**
     * @param agents      running {@link LakeAgent}s on the same lake (READY already printed)
     * @param rounds      batches each writer appends
     * @param rows        rows per batch
     * @param unguarded   the agents append without LakeLens's lock (the control experiment; appends only)
     * @param parentToo   this JVM writes too, through {@link LakeEngine#write}
     */
    public static ScenarioResult run(LakeEngine engine, String table, List<ChildJvm> agents, int rounds, int rows,
                                     boolean unguarded, boolean parentToo) {
        String path = engine.tablePath(table).toString();
        if (!java.nio.file.Files.isDirectory(engine.tablePath(table).resolve("_delta_log"))) {
            engine.write(table, "seed", s -> {
                SEED.run(s, path, "seed", rows);
                return null;
            });
        }
        Ledger ledger = new Ledger(rows);
        ledger.acknowledged("seed", SEED);
        // writer -> its acknowledged writes with the version each was committed as, in order
        Map<String, List<String>> versionLog = new ConcurrentHashMap<>();
        AtomicLong parentWaits = new AtomicLong();
        engine.writeGuard().onWait(msg -> parentWaits.incrementAndGet());
        Map<String, Integer> before = new TreeMap<>();
        Map<String, Integer> firstLine = new TreeMap<>();
        Map<String, List<Op>> plans = new TreeMap<>();
        long operations = 0;
        for (int i = 0; i < agents.size(); i++) {
            ChildJvm a = agents.get(i);
            List<Op> plan = plan(rounds, !unguarded, !unguarded && i == 0);
            plans.put(a.name(), plan);
            operations += plan.size();
            before.put(a.name(), (int) a.count(ProcessWriters::outcome));
            firstLine.put(a.name(), a.lines().size());
            for (Op op : plan) {
                a.send(op.command(table, a.name(), rows, unguarded));
            }
        }
        AtomicLong failures = new AtomicLong();
        Thread parent = null;
        if (parentToo) {
            List<Op> plan = plan(rounds, !unguarded, !unguarded);
            operations += plan.size();
            parent = Thread.ofPlatform().name("parent-writer").start(() -> {
                for (Op op : plan) {
                    try {
                        long v = engine.write(table, op.kind() + " batch " + op.batch() + " by parent", s -> {
                            op.run(s, path, "parent", rows);
                            return LakeAgent.committedVersion(s, path);
                        });
                        ledger.acknowledged("parent", op);
                        versionLog.computeIfAbsent("parent", k -> new ArrayList<>()).add(op.label() + "@v" + v);
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
            });
        }
        long waits = 0;
        for (ChildJvm a : agents) {
            List<Op> plan = plans.get(a.name());
            // On a busy machine one write can take minutes, and a writer waits for the others'
            // writes on the lock: an agent counts as stuck only when it finishes no write in 15 minutes.
            for (int n = 1; n <= plan.size(); n++) {
                a.await(ProcessWriters::outcome, before.get(a.name()) + n, Duration.ofMinutes(15));
            }
            List<String> mine = a.lines();
            for (String l : mine.subList(firstLine.get(a.name()), mine.size())) {
                String[] w = l.split(" ");
                if (w[0].equals("WAIT")) {
                    waits++;
                } else if (w[0].equals("FAIL")) {
                    failures.incrementAndGet();
                } else if (w[0].equals("ACK")) {
                    Op op = null;
                    if (w[1].equals(a.name())) {
                        op = new Op(Kind.APPEND, Long.parseLong(w[2]));
                    } else if ((w[1].equals("merge") || w[1].equals("delete")) && w[2].equals(a.name())) {
                        op = new Op(w[1].equals("merge") ? Kind.MERGE : Kind.DELETE, Long.parseLong(w[3]));
                    } else if (w[1].equals("optimize")) {
                        op = new Op(Kind.OPTIMIZE, 0);
                    }
                    if (op != null) {
                        ledger.acknowledged(a.name(), op);
                        versionLog.computeIfAbsent(a.name(), k -> new ArrayList<>()).add(op.label() + "@" + w[w.length - 1]);
                    }
                }
            }
        }
        if (parent != null) {
            ConcurrentWriters.join(List.of(parent));
        }
        engine.writeGuard().onWait(null);
        TableCheck.Landed landed = TableCheck.landed(engine, table);
        long lost = ledger.lostRows(landed);
        List<String> missing = ledger.differences(landed);
        int writers = agents.size() + (parentToo ? 1 : 0);
        String writes = unguarded ? rounds + " appends each WITHOUT the lock"
                : "appends, merges, deletes and " + (parentToo ? 2 : 1) + " OPTIMIZE through the lock";
        String detail = writers + " processes, " + operations + " writes (" + writes + "); " + (waits + parentWaits.get())
                + " lock waits; verified rows and merged values of " + ledger.rows.size() + " acknowledged batches against "
                + read(landed) + ": " + missing.size() + " wrong" + (missing.isEmpty() ? "" : " " + missing);
        if (!missing.isEmpty()) {
            // Every writer has finished, so a second read tells a read that missed commits
            // (they show now) from commits that never reached the log (still wrong). The version
            // log puts each writer's commits next to the versions read.
            TableCheck.Landed again = TableCheck.landed(engine, table);
            detail += "; read again, " + read(again) + ": " + ledger.differences(again).size() + " still wrong"
                    + "; version log (write@committed version): " + versionLog(versionLog);
        }
        return new ScenarioResult(unguarded ? "control: processes without the lock" : "two+ processes, one lake",
                operations, failures.get(), lost, detail);
    }

    /** "the log's v12 (Spark scanned v12)": what a check read. */
    private static String read(TableCheck.Landed l) {
        return "the log's v" + l.version() + " (Spark scanned v" + l.scannedVersion() + ")";
    }

    /** "agentA [A1@v2 A2@v4 M1@v5], agentB [...], parent [...]". */
    static String versionLog(Map<String, List<String>> log) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(log).forEach((writer, entries) -> sb.append(sb.isEmpty() ? "" : ", ").append(writer).append(" ")
                .append(entries));
        return sb.toString();
    }

    /** A line that ends one command of an agent. */
    private static boolean outcome(String line) {
        return line.startsWith("ACK ") || line.startsWith("FAIL ");
    }
}
