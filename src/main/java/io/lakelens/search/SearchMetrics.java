package io.lakelens.search;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Per-strategy counters and latency histograms. Latencies go into an HdrHistogram (1 µs to
 * 1 h at 3 significant digits, a few dozen KB each) rather than a sampled reservoir, so p99
 * is exact to 0.1 % however long LakeLens runs. Recording is lock-free; listeners are called
 * on the search thread after each answer (the UI must hop to its own thread). Thread-safe.
 */
public final class SearchMetrics {
    private static final class PerStrategy {
        final Histogram latency = new ConcurrentHistogram(1, 3_600_000_000L, 3);
        final LongAdder count = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder hits = new LongAdder();
        final LongAdder misses = new LongAdder();
        final LongAdder fallbacks = new LongAdder();
        final LongAdder kernel = new LongAdder();
        final LongAdder spark = new LongAdder();
        final LongAdder rows = new LongAdder();
        final LongAdder bytes = new LongAdder();
        final LongAdder bytesCount = new LongAdder();
    }

    private volatile Map<StrategyKind, PerStrategy> all = fresh();
    private final List<Consumer<StrategyStats>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<BreakerState>> breakerListeners = new CopyOnWriteArrayList<>();
    private volatile BreakerState breaker = BreakerState.CLOSED;

    private static Map<StrategyKind, PerStrategy> fresh() {
        Map<StrategyKind, PerStrategy> m = new EnumMap<>(StrategyKind.class);
        for (StrategyKind k : StrategyKind.values()) {
            m.put(k, new PerStrategy());
        }
        return m;
    }

    void recordAnswer(SearchResult r, boolean lookedUp, int cachedBytes) {
        PerStrategy s = all.get(r.strategy());
        s.latency.recordValue(Math.max(1, Math.round(r.latencyMs() * 1000)));
        s.count.increment();
        if (r.fallback()) {
            s.fallbacks.increment();
        } else if (r.cacheHit()) {
            s.hits.increment();
        } else if (lookedUp) {
            s.misses.increment();
        }
        r.route().ifPresent(route -> (route.equals(Route.SPARK.id()) ? s.spark : s.kernel).increment());
        s.rows.add(r.rows().size());
        if (cachedBytes > 0) {
            s.bytes.add(cachedBytes);
            s.bytesCount.increment();
        }
        notify(r.strategy());
    }

    void recordError(StrategyKind kind, double latencyMs) {
        PerStrategy s = all.get(kind);
        s.latency.recordValue(Math.max(1, Math.round(latencyMs * 1000)));
        s.count.increment();
        s.errors.increment();
        notify(kind);
    }

    void breakerChanged(BreakerState state) {
        breaker = state;
        breakerListeners.forEach(l -> l.accept(state));
    }

    private void notify(StrategyKind kind) {
        if (!listeners.isEmpty()) {
            StrategyStats st = stats(kind);
            listeners.forEach(l -> l.accept(st));
        }
    }

    public BreakerState breakerState() {
        return breaker;
    }

    /** Called with a strategy's new stats after each of its searches. */
    public void addListener(Consumer<StrategyStats> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<StrategyStats> listener) {
        listeners.remove(listener);
    }

    /** Called when the circuit breaker opens, half-opens or closes. */
    public void addBreakerListener(Consumer<BreakerState> listener) {
        breakerListeners.add(listener);
    }

    public void removeBreakerListener(Consumer<BreakerState> listener) {
        breakerListeners.remove(listener);
    }

    public StrategyStats stats(StrategyKind kind) {
        PerStrategy s = all.get(kind);
        Histogram h = s.latency.copy();
        boolean any = h.getTotalCount() > 0;
        long bc = s.bytesCount.sum();
        return new StrategyStats(kind, s.count.sum(), s.errors.sum(), s.hits.sum(), s.misses.sum(), s.fallbacks.sum(),
                s.kernel.sum(), s.spark.sum(), s.rows.sum(),
                any ? h.getValueAtPercentile(50) / 1000.0 : 0, any ? h.getValueAtPercentile(95) / 1000.0 : 0,
                any ? h.getValueAtPercentile(99) / 1000.0 : 0, any ? h.getMaxValue() / 1000.0 : 0,
                any ? h.getMean() / 1000.0 : 0, bc == 0 ? 0 : (double) s.bytes.sum() / bc,
                kind == StrategyKind.CIRCUIT_BREAKER ? Optional.of(breaker) : Optional.empty());
    }

    public List<StrategyStats> all() {
        List<StrategyStats> out = new ArrayList<>();
        for (StrategyKind k : StrategyKind.values()) {
            out.add(stats(k));
        }
        return out;
    }

    /** Starts every strategy's figures afresh (the breaker state is kept: it is state, not a figure). */
    public void reset() {
        all = fresh();
    }
}
