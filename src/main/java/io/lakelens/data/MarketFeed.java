package io.lakelens.data;

import io.lakelens.LakeLensException;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.Errors;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;


/**
 * The live market feed: simulated ticks appended to {@code market_data} in micro-batches, each
 * a real Delta commit with reason {@code live feed}. The rate is kept over time, not per batch:
 * when a commit is slow (OPTIMIZE holding the table, a busy machine) the next batch carries the
 * ticks owed. Ticks are held until their commit succeeds; a commit that loses a race with
 * another writer is retried (by {@link LakeEngine#write}) as the same idempotent transaction
 * ({@code txnAppId}/{@code txnVersion}), so no tick is lost or written twice.
 *
 * <p>Batched appends of rows built on the driver were measured against Structured Streaming
 * (rate source → foreachBatch → the same append) on this 2-core machine; see
 * {@code FeedModeBenchmark}. Figures: see the class comment there. Batched appends sustained
 * more and are what the feed uses.
 *
 * <p>Thread-safe: start and stop from any thread; listeners run on the feed's thread after
 * each commit.
 */
public final class MarketFeed implements AutoCloseable {
    /** The reason every feed commit records. */
    public static final String REASON = "live feed";

    private final LakeEngine engine;
    private final String table;
    private final int rowsPerSecond;
    private final Duration interval;
    private final String appId = "lakelens-feed-" + UUID.randomUUID();
    private final List<Consumer<FeedBatch>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong generated = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();
    private volatile long firstVersion = -1;
    private volatile long lastVersion = -1;
    private volatile String lastError = "";
    private volatile Instant started;
    private volatile Instant stopped;
    private volatile boolean running;
    private Thread thread;
    private TickGenerator generator;

    /**
     * @param rowsPerSecond ticks per second, 1 to 1,000,000
     * @param interval      time between batches (about one second)
     */
    public MarketFeed(LakeEngine engine, String table, int rowsPerSecond, Duration interval) {
        if (rowsPerSecond < 1 || rowsPerSecond > 1_000_000) {
            throw new LakeLensException("The feed rate must be 1 to 1,000,000 rows per second, not " + rowsPerSecond + ".");
        }
        if (interval.toMillis() < 50 || interval.toMillis() > 60_000) {
            throw new LakeLensException("The batch interval must be between 50 ms and 60 s.");
        }
        engine.tablePath(table);
        this.engine = engine;
        this.table = table;
        this.rowsPerSecond = rowsPerSecond;
        this.interval = interval;
    }

    public MarketFeed(LakeEngine engine, int rowsPerSecond) {
        this(engine, MarketData.NAME, rowsPerSecond, Duration.ofSeconds(1));
    }

    public String table() {
        return table;
    }

    public int rowsPerSecond() {
        return rowsPerSecond;
    }

    /** Called on the feed thread after each committed batch. */
    public void onBatch(Consumer<FeedBatch> listener) {
        listeners.add(listener);
    }

    public boolean isRunning() {
        return running;
    }

    /**
     * Loads the symbol universe (a Spark job over the table) and starts the feed thread.
     * Throws when the table is missing or has no symbols.
     */
    public synchronized void start() {
        if (running) {
            return;
        }
        if (engine.config().readOnly()) {
            throw new LakeLensException("The lake is open read-only; the feed cannot append to " + table + ".");
        }
        if (generator == null) {
            generator = TickGenerator.fromTable(engine, table);
        }
        running = true;
        started = Instant.now();
        stopped = null;
        thread = new Thread(this::loop, "lakelens-feed");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Stops generating, commits the ticks still held and returns the totals. Waits for the
     * last commit (up to a minute per attempt).
     */
    public FeedStats stop() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t != null) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (stopped == null && started != null) {
                stopped = Instant.now();
            }
            thread = null;
        }
        return stats();
    }

    /** Runs for {@code duration} on the calling thread's behalf and returns the totals. */
    public FeedStats runFor(Duration duration) {
        start();
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return stop();
    }

    public FeedStats stats() {
        Instant s = started;
        Instant e = stopped != null ? stopped : Instant.now();
        return new FeedStats(table, generated.get(), committed.get(), batches.get(), conflicts.get(), firstVersion, lastVersion,
                s == null ? Duration.ZERO : Duration.between(s, e), lastError);
    }

    /** Ticks waiting for their commit; once attempted, a batch's rows and transaction number never change. */
    private static final class Pending {
        final long txn;
        final List<Row> rows = new ArrayList<>();
        final Map<String, Double> prices = new LinkedHashMap<>();
        boolean attempted;

        Pending(long txn) {
            this.txn = txn;
        }
    }

    private void loop() {
        long start = System.nanoTime();
        long nextTxn = 1;
        Deque<Pending> queue = new ArrayDeque<>();
        int stopAttempts = 0;
        while (true) {
            long tickStart = System.nanoTime();
            boolean stopping = !running;
            long owed = (long) ((tickStart - start) / 1e9 * rowsPerSecond) - generated.get();
            long held = queue.stream().mapToLong(p -> p.rows.size()).sum();
            // Catch up after a slow commit, but never hold more than a minute of ticks in memory.
            int n = (int) Math.max(0, Math.min(owed, 60L * rowsPerSecond - held));
            if (n > 0) {
                Pending tail = queue.peekLast();
                if (tail == null || tail.attempted) {
                    tail = new Pending(nextTxn++);
                    queue.addLast(tail);
                }
                TickGenerator.Batch b = generator.next(n, Instant.now());
                tail.rows.addAll(b.rows());
                tail.prices.putAll(b.lastPrices());
                generated.addAndGet(n);
            }
            while (!queue.isEmpty()) {
                Pending p = queue.peekFirst();
                p.attempted = true;
                long conflictsBefore = conflicts.get();
                long t0 = System.nanoTime();
                long version = commit(p.rows, p.txn);
                if (version < 0) {
                    break;
                }
                queue.removeFirst();
                committed.addAndGet(p.rows.size());
                long batchNo = batches.incrementAndGet();
                FeedBatch fb = new FeedBatch(table, batchNo, version, p.rows.size(), (System.nanoTime() - t0) / 1_000_000,
                        (int) (conflicts.get() - conflictsBefore), Map.copyOf(p.prices), Instant.now());
                for (Consumer<FeedBatch> l : listeners) {
                    try {
                        l.accept(fb);
                    } catch (RuntimeException ignored) {
                        // a failing listener (cache down) must not stop ingest
                    }
                }
            }
            if (stopping && (queue.isEmpty() || ++stopAttempts > 5)) {
                break;
            }
            long sleepMs = (stopping ? 1000 : interval.toMillis()) - (System.nanoTime() - tickStart) / 1_000_000;
            if (sleepMs > 0) {
                try {
                    Thread.sleep(sleepMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
        stopped = Instant.now();
    }

    /**
     * Commits the held ticks as transaction {@code txn} of this feed; returns the new version, or
     * -1 after a failure (the ticks stay held). A lost commit race is retried by the engine; the
     * transaction id makes a retry of a commit that did land a no-op instead of a duplicate.
     */
    private long commit(List<Row> rows, long txn) {
        String path = engine.tablePath(table).toString();
        long retriesBefore = engine.conflictRetries();
        try {
            long version = engine.write(table, REASON, session -> {
                try {
                    // One file per batch: the feed's files are small already; splitting them doubles the count.
                    session.createDataFrame(rows, generator.schema()).coalesce(1).write().format("delta").mode("append")
                            .option("txnAppId", appId).option("txnVersion", txn).save(path);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) { // Spark throws checked exceptions undeclared
                    throw new LakeLensException("Appending ticks failed: " + Errors.abbreviate(Errors.rootMessage(e)), e);
                }
                return engine.latestVersion(table);
            });
            if (firstVersion < 0) {
                firstVersion = version;
            }
            lastVersion = version;
            return version;
        } catch (RuntimeException e) {
            lastError = e instanceof LakeLensException ? e.getMessage() : Errors.rootMessage(e);
            return -1;
        } finally {
            // The engine counts retries of all its writes; while the feed holds the table's lock they are its own.
            conflicts.addAndGet(Math.max(0, engine.conflictRetries() - retriesBefore));
        }
    }

    @Override
    public void close() {
        stop();
    }
}
