package io.lakelens.analytics;

import io.lakelens.search.StrategyKind;

import java.util.List;
import java.util.Map;

/**
 * The answer to an {@link AnalysisRequest}, with what produced it.
 *
 * @param request      what was asked
 * @param data         the typed answer
 * @param plan         the Spark plan(s) that computed it ({@code queryExecution().simpleString()})
 * @param versionsRead table → Delta version read (for risk: the "now" side; "then" is in the report)
 * @param latencyMs    wall time of the request in milliseconds (fractional)
 * @param cacheHit     true when the cache answered (the plan is then the one that computed the cached answer)
 * @param strategy     the strategy that answered
 */
public record AnalysisResult(AnalysisRequest request, AnalysisData data, String plan, Map<String, Long> versionsRead,
                             double latencyMs, boolean cacheHit, StrategyKind strategy) {
    public AnalysisResult {
        versionsRead = Map.copyOf(versionsRead);
    }

    public AnalysisKind kind() {
        return data.kind();
    }

    /** The formula, in words. */
    public String method() {
        return data.kind().method();
    }

    public List<ResultTable> tables() {
        return data.tables();
    }

    public List<ChartSeries> series() {
        return data.series();
    }

    /** E.g. {@code market_data v12 · 431 ms · Delta}. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        versionsRead.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append(sb.isEmpty() ? "" : ", ").append(e.getKey()).append(" v").append(e.getValue()));
        sb.append(String.format(java.util.Locale.ROOT, " · %.0f ms · %s", latencyMs, cacheHit ? "cache hit" : "Delta"));
        return sb.toString();
    }
}
