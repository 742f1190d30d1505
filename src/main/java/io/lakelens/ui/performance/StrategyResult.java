package io.lakelens.ui.performance;

import io.lakelens.search.StrategyKind;

/**
 * One row of the load generator's results table: its searches of one strategy since it started.
 *
 * @param hitRatio cache hits / answers, 0..1
 */
public record StrategyResult(StrategyKind strategy, long searches, long errors, double p50Ms, double p95Ms, double p99Ms,
                             double meanMs, double hitRatio) {
}
