package io.lakelens.reliability;

import io.delta.tables.DeltaTable;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.Errors;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * N threads append, merge and delete on one table while OPTIMIZE runs, all through
 * {@link LakeEngine#write}; optionally another engine in the same JVM appends to the table
 * without LakeLens's lock, so LakeLens's merges and deletes lose real commit races and must
 * retry. Each thread owns its own ids and keeps a ledger of what its acknowledged writes
 * did; afterwards the table must hold exactly the union of the ledgers.
 */
public final class ConcurrentWriters {
    static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType, false)
            .add("writer", DataTypes.StringType, false)
            .add("batch", DataTypes.LongType, false)
            .add("val", DataTypes.LongType, false);

    /**
     * @param threads        LakeLens writer threads
     * @param opsPerThread   writes each thread attempts (append, merge and delete in turn, shuffled)
     * @param rows           rows per append (merges and deletes touch about half as many)
     * @param outsideAppends blind appends by another engine that does not take LakeLens's lock
     * @param seed           for the choice of operations and ids
     */
    public record Params(int threads, int opsPerThread, int rows, int outsideAppends, long seed) {
    }

    private ConcurrentWriters() {
    }

    public static ScenarioResult run(LakeEngine engine, String table, Params p) {
        String path = engine.tablePath(table).toString();
        engine.write(table, "create table for concurrent writers", s -> {
            s.createDataFrame(List.of(), SCHEMA).write().format("delta").mode("overwrite").save(path);
            return null;
        });
        long retriesBefore = engine.conflictRetries();
        Map<Long, Long> ledger = new ConcurrentHashMap<>(); // id -> val, of acknowledged writes
        AtomicLong ops = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<String> failureMessages = new CopyOnWriteArrayList<>();
        AtomicBoolean writersDone = new AtomicBoolean();
        AtomicLong optimizes = new AtomicLong();

        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < p.threads(); t++) {
            final int me = t;
            writers.add(Thread.ofPlatform().name("writer-" + t).start(() -> {
                Random rnd = new Random(p.seed() * 31 + me);
                Map<Long, Long> mine = new HashMap<>();
                long nextId = (me + 1L) * 1_000_000_000L;
                for (int i = 0; i < p.opsPerThread(); i++) {
                    int kind = i < 2 ? 0 : rnd.nextInt(3); // start with appends so merges and deletes find rows
                    ops.incrementAndGet();
                    try {
                        switch (kind) {
                            case 0 -> {
                                long first = nextId;
                                nextId += p.rows();
                                long batch = i;
                                engine.write(table, "append " + p.rows() + " rows (writer " + me + ")", s -> {
                                    s.range(first, first + p.rows()).select(col("id"), lit("w" + me).as("writer"),
                                            lit(batch).as("batch"), lit(0L).as("val"))
                                            .write().format("delta").mode("append").save(path);
                                    return null;
                                });
                                for (long id = first; id < first + p.rows(); id++) {
                                    mine.put(id, 0L);
                                }
                            }
                            case 1 -> {
                                List<Long> existing = pick(mine, p.rows() / 2, rnd);
                                List<Long> fresh = new ArrayList<>();
                                for (int k = 0; k < Math.max(1, p.rows() / 2); k++) {
                                    fresh.add(nextId++);
                                }
                                List<Row> src = new ArrayList<>();
                                for (long id : existing) {
                                    src.add(RowFactory.create(id, "w" + me, (long) i, 0L));
                                }
                                for (long id : fresh) {
                                    src.add(RowFactory.create(id, "w" + me, (long) i, 0L));
                                }
                                engine.write(table, "upsert " + src.size() + " rows (writer " + me + ")", s -> {
                                    merge(s, path, src);
                                    return null;
                                });
                                for (long id : existing) {
                                    mine.merge(id, 1L, Long::sum);
                                }
                                for (long id : fresh) {
                                    mine.put(id, 0L);
                                }
                            }
                            default -> {
                                List<Long> gone = pick(mine, Math.max(1, p.rows() / 2), rnd);
                                if (gone.isEmpty()) {
                                    continue;
                                }
                                engine.write(table, "delete " + gone.size() + " rows (writer " + me + ")", s -> {
                                    DeltaTable.forPath(s, path).delete(col("id").isin(gone.toArray()));
                                    return null;
                                });
                                gone.forEach(mine::remove);
                            }
                        }
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        failureMessages.add(e.getMessage());
                    }
                }
                ledger.putAll(mine);
            }));
        }
        Thread optimizer = Thread.ofPlatform().name("optimizer").start(() -> {
            while (!writersDone.get()) {
                try {
                    engine.write(table, "compact small files", s -> {
                        DeltaTable.forPath(s, path).optimize().executeCompaction();
                        return null;
                    });
                    optimizes.incrementAndGet();
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                    failureMessages.add("optimize: " + e.getMessage());
                }
                sleep(150);
            }
        });
        Map<Long, Long> outside = new ConcurrentHashMap<>();
        AtomicLong outsideFailures = new AtomicLong();
        Thread other = Thread.ofPlatform().name("other-engine").start(() -> {
            SparkSession s = engine.spark().newSession();
            for (int i = 0; i < p.outsideAppends(); i++) {
                long first = 900_000_000_000L + (long) i * p.rows();
                try {
                    s.range(first, first + p.rows()).select(col("id"), lit("other").as("writer"),
                            lit((long) i).as("batch"), lit(0L).as("val"))
                            .write().format("delta").mode("append").save(path);
                    for (long id = first; id < first + p.rows(); id++) {
                        outside.put(id, 0L);
                    }
                } catch (Exception e) { // Spark's checked exceptions arrive undeclared
                    outsideFailures.incrementAndGet();
                    failureMessages.add("other engine: " + Errors.rootMessage(e));
                }
                sleep(50);
            }
        });
        join(writers);
        join(List.of(other));
        writersDone.set(true);
        join(List.of(optimizer));

        Map<Long, Long> expected = new HashMap<>(ledger);
        expected.putAll(outside);
        Map<Long, Long> actual = new HashMap<>();
        var df = engine.read(table, AsOf.LATEST);
        for (Row r : engine.readAction(table, AsOf.LATEST, () -> df.select("id", "val").collectAsList())) {
            actual.merge(r.getLong(0), r.getLong(1), (a, b) -> -1L); // a duplicate id is wrong
        }
        long lost = 0;
        for (var e : expected.entrySet()) {
            if (!e.getValue().equals(actual.get(e.getKey()))) {
                lost++;
            }
        }
        for (Long id : actual.keySet()) {
            if (!expected.containsKey(id)) {
                lost++;
            }
        }
        long retries = engine.conflictRetries() - retriesBefore;
        String detail = p.threads() + " threads, " + optimizes.get() + " OPTIMIZE, " + p.outsideAppends()
                + " unlocked appends by another engine; " + retries + " conflict retries; verified the id and merged value "
                + "of every row acknowledged writes left (" + expected.size() + "), no duplicate or extra id: " + actual.size()
                + " found, " + lost + " wrong"
                + (failureMessages.isEmpty() ? "" : "; failures: " + Errors.abbreviate(String.join(" / ", failureMessages)));
        return new ScenarioResult("concurrent writers + OPTIMIZE", ops.get() + optimizes.get() + p.outsideAppends(),
                failures.get() + outsideFailures.get(), lost, detail);
    }

    private static void merge(SparkSession s, String path, List<Row> src) {
        var source = s.createDataFrame(src, SCHEMA).as("s");
        Map<String, Column> bump = Map.of("val", col("t.val").plus(lit(1L)));
        DeltaTable.forPath(s, path).as("t").merge(source, col("t.id").equalTo(col("s.id")))
                .whenMatched().update(bump)
                .whenNotMatched().insertAll()
                .execute();
    }

    private static List<Long> pick(Map<Long, Long> ids, int n, Random rnd) {
        List<Long> all = new ArrayList<>(ids.keySet());
        java.util.Collections.shuffle(all, rnd);
        return all.subList(0, Math.min(n, all.size()));
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void join(List<Thread> threads) {
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
