package io.lakelens.reliability;

import io.lakelens.lake.LakeEngine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Several OS processes append to one table of one local lake at the same time: this JVM and
 * {@link LakeAgent} child JVMs. Each batch is tagged with its writer and number, so the table
 * afterwards tells exactly which acknowledged batches landed, and whether any landed in part.
 */
public final class ProcessWriters {
    private ProcessWriters() {
    }

    /**
     * @param agents      running {@link LakeAgent}s on the same lake (READY already printed)
     * @param rounds      batches each writer appends
     * @param rows        rows per batch
     * @param unguarded   the agents write without LakeLens's lock (the control experiment)
     * @param parentToo   this JVM appends too, through {@link LakeEngine#write}
     */
    public static ScenarioResult run(LakeEngine engine, String table, List<ChildJvm> agents, int rounds, int rows,
                                     boolean unguarded, boolean parentToo) {
        String path = engine.tablePath(table).toString();
        if (!java.nio.file.Files.isDirectory(engine.tablePath(table).resolve("_delta_log"))) {
            engine.write(table, "seed", s -> {
                LakeAgent.batch(s, "seed", 0, rows).write().format("delta").mode("append").save(path);
                return null;
            });
        }
        Map<String, Long> acked = new ConcurrentHashMap<>();
        acked.put("seed/0", (long) rows);
        AtomicLong parentWaits = new AtomicLong();
        engine.writeGuard().onWait(msg -> parentWaits.incrementAndGet());
        Map<String, Integer> before = new HashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (ChildJvm a : agents) {
            before.put(a.name(), (int) a.count(l -> l.startsWith("ACK ") || l.startsWith("FAIL ")));
            firstLine.put(a.name(), a.lines().size());
            for (int b = 1; b <= rounds; b++) {
                a.send("append " + table + " " + a.name() + " " + b + " " + rows + (unguarded ? " unguarded" : ""));
            }
        }
        AtomicLong failures = new AtomicLong();
        Thread parent = null;
        if (parentToo) {
            parent = Thread.ofPlatform().name("parent-writer").start(() -> {
                for (int b = 1; b <= rounds; b++) {
                    long batch = b;
                    try {
                        engine.write(table, "append batch " + b + " by parent", s -> {
                            LakeAgent.batch(s, "parent", batch, rows).write().format("delta").mode("append").save(path);
                            return null;
                        });
                        acked.put("parent/" + b, (long) rows);
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
            });
        }
        long waits = 0;
        for (ChildJvm a : agents) {
            a.await(l -> l.startsWith("ACK ") || l.startsWith("FAIL "), before.get(a.name()) + rounds,
                    Duration.ofMinutes(5));
            List<String> mine = a.lines();
            for (String l : mine.subList(firstLine.get(a.name()), mine.size())) {
                String[] w = l.split(" ");
                if (w[0].equals("ACK") && w[1].equals(a.name())) {
                    acked.put(w[1] + "/" + w[2], Long.parseLong(w[3]));
                } else if (w[0].equals("FAIL") && w[1].equals(a.name())) {
                    failures.incrementAndGet();
                } else if (w[0].equals("WAIT")) {
                    waits++;
                }
            }
        }
        if (parent != null) {
            ConcurrentWriters.join(List.of(parent));
        }
        engine.writeGuard().onWait(null);
        TableCheck.Landed landed = TableCheck.landed(engine, table);
        long lost = TableCheck.lostRows(acked, Map.of(), landed.batches());
        List<String> missing = missing(acked, landed);
        int writers = agents.size() + (parentToo ? 1 : 0);
        String detail = writers + " processes x " + rounds + " batches" + (unguarded ? " WITHOUT the lock" : " through the lock")
                + "; " + (waits + parentWaits.get()) + " lock waits; " + acked.size() + " batches acknowledged, "
                + missing.size() + " missing at v" + landed.version() + (missing.isEmpty() ? "" : " " + missing);
        if (!missing.isEmpty()) {
            // Every writer has finished, so a second read tells a read that missed commits
            // (they show now) from commits that never reached the log (still missing).
            TableCheck.Landed again = TableCheck.landed(engine, table);
            detail += "; read again at v" + again.version() + ": " + missing(acked, again).size() + " still missing";
        }
        return new ScenarioResult(unguarded ? "control: processes without the lock" : "two+ processes, one lake",
                (long) writers * rounds, failures.get(), lost, detail);
    }

    private static List<String> missing(Map<String, Long> acked, TableCheck.Landed landed) {
        List<String> missing = new ArrayList<>();
        acked.forEach((k, v) -> {
            if (!v.equals(landed.batches().get(k))) {
                missing.add(k);
            }
        });
        return missing;
    }
}
