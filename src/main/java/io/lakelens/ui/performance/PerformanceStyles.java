package io.lakelens.ui.performance;

/** Style classes of the Performance tab (rules in {@code assets/css/lakelens.css}). */
final class PerformanceStyles {
    private PerformanceStyles() {
    }

    static final String TAB = "ll-performance";
    static final String CHART = "ll-perf-chart";
    static final String P95 = "ll-p95";
    static final String SERIES = "ll-series";
    static final String BREAKER = "ll-breaker";
    static final String BREAKER_OPEN = "ll-breaker-open";
    static final String LEGEND = "ll-perf-legend";
    static final String CACHE_PANEL = "ll-cache-panel";
    static final String CACHE_OFF = "ll-cache-off";
    static final String SUBTABS = "ll-perf-subtabs";
}
