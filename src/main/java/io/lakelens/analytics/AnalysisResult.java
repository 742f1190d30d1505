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
 * @param fallback     true when Delta failed and this is the newest cached answer, possibly of older versions
 *                     (then {@code versionsRead} are the versions that answer was computed from)
 * @param reason       why the strategy answered the way it did, one line
 */
public record AnalysisResult(AnalysisRequest request, AnalysisData data, String plan, Map<String, Long> versionsRead,
                             double latencyMs, boolean cacheHit, StrategyKind strategy, boolean fallback, String reason) {
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
        sb.append(String.format(java.util.Locale.ROOT, " · %s ms · %s · %s", latencyMs < 10 ? String.format(java.util.Locale.ROOT, "%.2f", latencyMs)
                : String.format(java.util.Locale.ROOT, "%.0f", latencyMs), strategy.displayName(), fallback ? "fallback: " + reason : reason));
        return sb.toString();
    }
}
