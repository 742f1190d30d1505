package io.lakelens.lake.maintenance;

import io.lakelens.LakeLensException;
import io.lakelens.lake.Errors;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.SparkJobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs compaction policies in the background while LakeLens is open. Every tick it checks the
 * policies that are due and inside their window; a check reads the table's health and runs
 * OPTIMIZE when a threshold is crossed. Never two jobs on one table at once: a job asked for
 * while another on the same table is queued or running is recorded as {@code OVERLAP} and does
 * not start. Policies and runs are persisted by {@link PolicyStore}. Thread-safe.
 */
public final class CompactionScheduler implements AutoCloseable {
    private static final int RUNS_IN_MEMORY = 200;

    private final LakeEngine engine;
    private final PolicyStore store;
    private final Clock clock;
    private final Duration tick;
    private final HealthInspector inspector;
    private final Optimizer optimizer;
    private final Map<String, Instant> running = new ConcurrentHashMap<>();
    private final Map<String, SparkJobs.Control> controls = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastChecked = new ConcurrentHashMap<>();
    private final Deque<CompactionRun> runs = new ConcurrentLinkedDeque<>();
    private final List<Consumer<CompactionRun>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService jobs;
    private volatile ScheduledExecutorService ticker;

    public CompactionScheduler(LakeEngine engine) {
        this(engine, new PolicyStore(engine.lakeRoot()), Clock.systemDefaultZone(), Duration.ofSeconds(30));
    }

    /** @param tick how often due policies are looked for */
    public CompactionScheduler(LakeEngine engine, PolicyStore store, Clock clock, Duration tick) {
        this.engine = engine;
        this.store = store;
        this.clock = clock;
        this.tick = tick;
        this.inspector = new HealthInspector(engine);
        this.optimizer = new Optimizer(engine);
        this.jobs = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "lakelens-compaction");
            t.setDaemon(true);
            return t;
        });
        List<CompactionRun> saved = store.runs();
        for (int i = saved.size() - 1; i >= 0 && runs.size() < RUNS_IN_MEMORY; i--) {
            runs.addFirst(saved.get(i));
        }
    }

    public List<CompactionPolicy> policies() {
        return store.load();
    }

    /** Adds or replaces the policy of its table (the table must exist) and saves it. */
    public synchronized void setPolicy(CompactionPolicy policy) {
        engine.requireTable(policy.table());
        List<CompactionPolicy> list = new ArrayList<>(store.load());
        list.removeIf(p -> p.table().equals(policy.table()));
        list.add(policy);
        list.sort((a, b) -> a.table().compareTo(b.table()));
        store.save(list);
    }

    public synchronized void removePolicy(String table) {
        List<CompactionPolicy> list = new ArrayList<>(store.load());
        if (list.removeIf(p -> p.table().equals(table))) {
            store.save(list);
        }
    }

    /** Runs and checks, newest first (also those of earlier sessions). */
    public List<CompactionRun> runs() {
        return List.copyOf(runs);
    }

    /** Called on a scheduler thread after each run or check. */
    public void onRun(Consumer<CompactionRun> listener) {
        listeners.add(listener);
    }

    public boolean isRunning(String table) {
        return running.containsKey(table);
    }

    /** Starts checking policies every tick. Idempotent. */
    public synchronized void start() {
        if (ticker != null) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lakelens-compaction-ticker");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                // an unreadable policies file must not stop later ticks; the tab shows load errors
            }
        }, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Looks for due policies and queues their checks; returns the queued jobs. */
    List<CompletableFuture<CompactionRun>> tick() {
        Instant now = clock.instant();
        LocalTime local = LocalTime.now(clock);
        List<CompletableFuture<CompactionRun>> queued = new ArrayList<>();
        for (CompactionPolicy p : store.load()) {
            if (!p.enabled() || !p.inWindow(local)) {
                continue;
            }
            Instant last = lastChecked.get(p.table());
            if (last != null && last.plus(Duration.ofMinutes(p.everyMinutes())).isAfter(now)) {
                continue;
            }
            if (running.containsKey(p.table())) {
                continue; // the running job is this table's check; the next tick looks again
            }
            lastChecked.put(p.table(), now);
            queued.add(submit(p, false, "schedule"));
        }
        return queued;
    }

    /**
     * Checks one table now with its policy (or, without one, the default thresholds) and runs
     * OPTIMIZE if due, or regardless when {@code force}. Completes with an {@code OVERLAP} run
     * at once when a job on the table is already queued or running.
     */
    public CompletableFuture<CompactionRun> runNow(String table, boolean force) {
        engine.requireTable(table);
        CompactionPolicy policy = store.load().stream().filter(p -> p.table().equals(table)).findFirst()
                .orElse(CompactionPolicy.of(table, 0.5, 0, 60));
        return submit(policy, force, "manual");
    }

    /** Cancels the running job on a table, if any. */
    public void cancel(String table) {
        SparkJobs.Control c = controls.get(table);
        if (c != null) {
            c.cancel();
        }
    }

    private CompletableFuture<CompactionRun> submit(CompactionPolicy policy, boolean force, String trigger) {
        Instant started = clock.instant();
        Instant other = running.putIfAbsent(policy.table(), started);
        if (other != null) {
            CompactionRun overlap = new CompactionRun(policy.table(), started, clock.instant(), CompactionRun.Outcome.OVERLAP,
                    trigger, "Skipped: a compaction job on " + policy.table() + " has been running since " + other + ".",
                    -1, -1, -1, -1, -1);
            record(overlap);
            return CompletableFuture.completedFuture(overlap);
        }
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    CompactionRun r = check(policy, force, trigger);
                    record(r);
                    return r;
                } finally {
                    controls.remove(policy.table());
                    running.remove(policy.table());
                }
            }, jobs);
        } catch (RuntimeException e) { // executor shut down
            running.remove(policy.table());
            throw new LakeLensException("The compaction scheduler is stopped.", e);
        }
    }

    private CompactionRun check(CompactionPolicy policy, boolean force, String trigger) {
        Instant started = clock.instant();
        String table = policy.table();
        try {
            TableHealth h = inspector.inspect(table);
            String why = policy.triggeredBy(h);
            if (why.isEmpty() && !force) {
                return new CompactionRun(table, started, clock.instant(), CompactionRun.Outcome.HEALTHY, trigger,
                        "Below thresholds: " + h.verdict(), h.fileCount(), h.fileCount(), h.totalBytes(), h.totalBytes(), h.version());
            }
            SparkJobs.Control ctl = new SparkJobs.Control();
            controls.put(table, ctl);
            String reason = "compaction policy (" + trigger + "): " + (why.isEmpty() ? "run on request" : why);
            OptimizeResult r = optimizer.optimize(new OptimizeRequest(table, policy.zOrderBy(), null, reason, false), ctl);
            return new CompactionRun(table, started, clock.instant(),
                    r.committed() ? CompactionRun.Outcome.COMPACTED : CompactionRun.Outcome.HEALTHY, trigger, r.summary(),
                    r.before().files(), r.after().files(), r.before().bytes(), r.after().bytes(), r.versionAfter());
        } catch (RuntimeException e) {
            String msg = e instanceof LakeLensException ? e.getMessage() : Errors.rootMessage(e);
            return new CompactionRun(table, started, clock.instant(), CompactionRun.Outcome.FAILED, trigger, msg,
                    -1, -1, -1, -1, -1);
        }
    }

    private void record(CompactionRun run) {
        runs.addFirst(run);
        while (runs.size() > RUNS_IN_MEMORY) {
            runs.pollLast();
        }
        try {
            store.append(run);
        } catch (LakeLensException ignored) {
            // a read-only lake keeps runs in memory only
        }
        for (Consumer<CompactionRun> l : listeners) {
            try {
                l.accept(run);
            } catch (RuntimeException ignored) {
                // one failing observer must not hide the run from the others
            }
        }
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
        controls.values().forEach(SparkJobs.Control::cancel);
        jobs.shutdown();
        try {
            // a run already committing finishes, so nothing writes to the lake after close
            jobs.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
