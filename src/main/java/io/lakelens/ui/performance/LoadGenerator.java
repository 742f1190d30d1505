package io.lakelens.ui.performance;

import io.lakelens.LakeLensException;
import io.lakelens.search.SearchRequest;
import io.lakelens.search.SearchResult;
import io.lakelens.search.SearchService;
import io.lakelens.search.StrategyKind;
import io.lakelens.ui.kit.RunningTask;
import io.lakelens.ui.kit.TaskExecutor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends searches at a steady rate, spread over the chosen strategies, drawn from a query mix,
 * so the Performance charts have load to show. Each answer (or failure) is recorded with its
 * strategy and latency; {@link #drain()} hands them to the sampler. At most {@code maxInFlight}
 * searches run at once: when the engine cannot keep up, the generator skips rather than queues,
 * and counts the skips. It ticks on the window's executor ({@link TaskExecutor#every}). Thread-safe.
 */
public final class LoadGenerator implements AutoCloseable {
    /** Which searches to send. */
    public enum Mix {
        /** Exact symbols: the cache-friendly lookups of a watch list. */
        SYMBOLS("Symbols (repeated lookups)"),
        /** Sector names and company-name fragments: wider scans. */
        BROWSE("Sectors and names (scans)"),
        /** Both, half and half. */
        MIXED("Mixed");

        private final String label;

        Mix(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One finished search. */
    public record Outcome(StrategyKind strategy, double latencyMs, boolean error, boolean cacheHit, long atNanos) {
    }

    private final SearchService search;
    private final TaskExecutor tasks;
    private final List<String> symbols;
    private final List<String> browse;
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final SplittableRandom random = new SplittableRandom(42);
    private volatile RunningTask ticking;
    private volatile Semaphore inFlight;

    /**
     * @param symbols symbols to look up (from the lake), not empty
     * @param browse  sector names and name fragments for the wider searches, not empty
     */
    public LoadGenerator(SearchService search, TaskExecutor tasks, List<String> symbols, List<String> browse) {
        if (symbols.isEmpty() || browse.isEmpty()) {
            throw new LakeLensException("The load generator needs symbols and sectors from market_data.");
        }
        this.search = search;
        this.tasks = tasks;
        this.symbols = List.copyOf(symbols);
        this.browse = List.copyOf(browse);
    }

    /**
     * Starts sending {@code perSecond} searches a second (1 to 200), strategies taken in turn.
     * Replaces a running configuration.
     */
    public synchronized void start(int perSecond, Mix mix, List<StrategyKind> strategies, int maxInFlight) {
        if (perSecond < 1 || perSecond > 200) {
            throw new LakeLensException("The load rate must be 1 to 200 searches per second.");
        }
        if (strategies.isEmpty()) {
            throw new LakeLensException("Pick at least one strategy for the load.");
        }
        stop();
        List<StrategyKind> order = List.copyOf(strategies);
        Semaphore permits = new Semaphore(Math.max(1, maxInFlight));
        inFlight = permits;
        Duration period = Duration.ofNanos(1_000_000_000L / perSecond);
        AtomicLong n = new AtomicLong();
        ticking = tasks.every(period, () -> {
            StrategyKind k = order.get((int) (n.getAndIncrement() % order.size()));
            if (!permits.tryAcquire()) {
                skipped.incrementAndGet();
                return;
            }
            SearchRequest request = SearchRequest.of(query(mix));
            long t0 = System.nanoTime();
            sent.incrementAndGet();
            try {
                search.search(request, k).whenComplete((SearchResult r, Throwable e) -> {
                    permits.release();
                    double ms = r != null ? r.latencyMs() : (System.nanoTime() - t0) / 1e6;
                    outcomes.add(new Outcome(k, ms, e != null, r != null && r.cacheHit(), System.nanoTime()));
                });
            } catch (RuntimeException e) {
                permits.release();
                outcomes.add(new Outcome(k, (System.nanoTime() - t0) / 1e6, true, false, System.nanoTime()));
            }
        });
    }

    private String query(Mix mix) {
        boolean lookup = switch (mix) {
            case SYMBOLS -> true;
            case BROWSE -> false;
            case MIXED -> random.nextBoolean();
        };
        // A skewed pick (a few symbols get most lookups) like a real watch list, so caches warm up.
        if (lookup) {
            int i = (int) Math.min(symbols.size() - 1, Math.floor(Math.pow(random.nextDouble(), 3) * symbols.size()));
            return symbols.get(i);
        }
        return browse.get(random.nextInt(browse.size()));
    }

    public synchronized void stop() {
        if (ticking != null) {
            ticking.cancel();
            ticking = null;
        }
    }

    public boolean isRunning() {
        return ticking != null;
    }

    /** The outcomes recorded since the last call, oldest first. */
    public List<Outcome> drain() {
        List<Outcome> out = new ArrayList<>();
        Outcome o;
        while ((o = outcomes.poll()) != null) {
            out.add(o);
        }
        return out;
    }

    public long sent() {
        return sent.get();
    }

    /** Ticks skipped because {@code maxInFlight} searches were still running. */
    public long skipped() {
        return skipped.get();
    }

    @Override
    public void close() {
        stop();
    }
}
