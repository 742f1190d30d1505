package io.lakelens.ui.performance;

import io.lakelens.search.BreakerState;
import io.lakelens.search.StrategyKind;

import java.time.Instant;
import java.util.Map;

/**
 * One second of the system, as the Performance charts plot it.
 *
 * @param latency        per strategy, {p50, p95} in ms of the searches that ended in this second (absent: none)
 * @param qps            searches answered in this second (all strategies)
 * @param hitRatio       cache hits / cache lookups in this second, -1 when there was no lookup
 * @param errors         failed searches in this second
 * @param breaker        the circuit breaker's state at the end of the second
 * @param ingestRowsPerS ticks the feed committed in this second
 * @param heapUsedMb     JVM heap in use
 * @param sparkJobs      Spark jobs that ended in this second
 * @param sparkJobMaxMs  the longest of them, 0 when none
 */
public record PerformanceSample(Instant at, Map<StrategyKind, double[]> latency, double qps, double hitRatio, long errors,
                                BreakerState breaker, double ingestRowsPerS, double heapUsedMb, int sparkJobs,
                                double sparkJobMaxMs) {
}
