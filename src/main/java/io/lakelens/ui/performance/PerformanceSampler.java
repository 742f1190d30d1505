package io.lakelens.ui.performance;

import io.lakelens.lake.SparkJobTimes;
import io.lakelens.search.BreakerState;
import io.lakelens.search.SearchMetrics;
import io.lakelens.search.StrategyKind;
import io.lakelens.search.StrategyStats;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Turns one second of activity into a {@link PerformanceSample}: latency percentiles of the
 * load generator's searches that ended in the second, queries, hits and errors from the search
 * metrics (every search of the window, not only the generator's), the breaker state, the rows
 * the feed committed, the heap, and the Spark jobs that ended. Not thread-safe: one sampler
 * thread calls {@link #sample}.
 */
final class PerformanceSampler {
    private final LoadGenerator load;
    private final SearchMetrics metrics;
    private final SparkJobTimes jobs;
    private final LongSupplier feedCommittedRows;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private long lastCount = -1;
    private long lastErrors;
    private long lastHits;
    private long lastMisses;
    private long lastFeedRows = -1;
    private long lastAt = System.nanoTime();

    /**
     * @param load              may be null when no generator is attached
     * @param metrics           may be null when the window has no search service
     * @param jobs              may be null before Spark started
     * @param feedCommittedRows rows the feed has committed so far (0 when it never ran)
     */
    PerformanceSampler(LoadGenerator load, SearchMetrics metrics, SparkJobTimes jobs, LongSupplier feedCommittedRows) {
        this.load = load;
        this.metrics = metrics;
        this.jobs = jobs;
        this.feedCommittedRows = feedCommittedRows;
    }

    PerformanceSample sample(List<LoadGenerator.Outcome> outcomes) {
        long now = System.nanoTime();
        double seconds = Math.max(0.001, (now - lastAt) / 1e9);
        lastAt = now;
        Map<StrategyKind, List<Double>> byStrategy = new EnumMap<>(StrategyKind.class);
        long loadErrors = 0;
        for (LoadGenerator.Outcome o : outcomes) {
            if (o.error()) {
                loadErrors++;
            } else {
                byStrategy.computeIfAbsent(o.strategy(), k -> new ArrayList<>()).add(o.latencyMs());
            }
        }
        Map<StrategyKind, double[]> latency = new EnumMap<>(StrategyKind.class);
        byStrategy.forEach((k, v) -> {
            Collections.sort(v);
            latency.put(k, new double[]{percentile(v, 0.50), percentile(v, 0.95)});
        });

        double qps;
        long errors;
        double hitRatio;
        BreakerState breaker = BreakerState.CLOSED;
        if (metrics != null) {
            long count = 0;
            long errs = 0;
            long hits = 0;
            long misses = 0;
            for (StrategyStats s : metrics.all()) {
                count += s.count();
                errs += s.errors();
                hits += s.hits();
                misses += s.misses();
            }
            if (lastCount < 0 || count < lastCount) { // first sample, or the metrics were reset
                lastCount = count;
                lastErrors = errs;
                lastHits = hits;
                lastMisses = misses;
            }
            qps = (count - lastCount) / seconds;
            errors = errs - lastErrors;
            long lookups = (hits - lastHits) + (misses - lastMisses);
            hitRatio = lookups == 0 ? -1 : (double) (hits - lastHits) / lookups;
            lastCount = count;
            lastErrors = errs;
            lastHits = hits;
            lastMisses = misses;
            breaker = metrics.breakerState();
        } else {
            qps = outcomes.size() / seconds;
            errors = loadErrors;
            long hits = outcomes.stream().filter(LoadGenerator.Outcome::cacheHit).count();
            hitRatio = outcomes.isEmpty() ? -1 : (double) hits / outcomes.size();
        }

        long fed = feedCommittedRows.getAsLong();
        double ingest = lastFeedRows < 0 || fed < lastFeedRows ? 0 : (fed - lastFeedRows) / seconds;
        lastFeedRows = fed;

        List<Long> ended = jobs == null ? List.of() : jobs.drain();
        double jobMax = ended.stream().mapToLong(Long::longValue).max().orElse(0);
        double heapMb = memory.getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
        return new PerformanceSample(Instant.now(), latency, qps, hitRatio, errors, breaker, ingest, heapMb, ended.size(), jobMax);
    }

    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    LoadGenerator load() {
        return load;
    }

    SparkJobTimes jobs() {
        return jobs;
    }

    SearchMetrics metrics() {
        return metrics;
    }
}
