package io.lakelens.search;

import java.util.Optional;

/**
 * Metrics of one strategy since the service started (or was reset). Latencies are in
 * milliseconds, measured from the call to {@link SearchService#search} to the answer.
 *
 * @param count        searches answered or failed
 * @param errors       searches that failed
 * @param hits         answers read from the cache (fallbacks excluded)
 * @param misses       cache lookups that missed (the answer was then read from Delta)
 * @param fallbacks    circuit-breaker answers served from an older cached result
 * @param kernelReads  Delta reads through Kernel
 * @param sparkReads   Delta reads through Spark
 * @param rows         rows returned in pages
 * @param cachedBytes  mean size of a cached page, in bytes (0 if none stored or read)
 * @param breaker      the breaker state, for the circuit-breaker strategy
 */
public record StrategyStats(StrategyKind strategy, long count, long errors, long hits, long misses, long fallbacks,
                            long kernelReads, long sparkReads, long rows, double p50Ms, double p95Ms, double p99Ms,
                            double maxMs, double meanMs, double cachedBytes, Optional<BreakerState> breaker) {

    /** Hits over cache lookups; 0 when the strategy never looked (database-only). */
    public double hitRatio() {
        long lookups = hits + misses;
        return lookups == 0 ? 0 : (double) hits / lookups;
    }
}
