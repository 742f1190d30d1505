package io.lakelens.analytics;

import io.lakelens.LakeLensException;
import io.lakelens.search.StrategyKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Times each analysis three ways on the lake's latest version: cold (its first run in this
 * process once Spark has started, cache cleared, straight from Delta), warm from Delta (database-only, repeated) and
 * from the cache (cache-first after one run filled it, repeated). Latency is the service's own
 * wall time per request, version resolution included. Progress is reported per run; the run
 * stops when {@code cancelled} says so.
 */
public final class AnalyticsBench {
    /**
     * Figures of one analysis, in milliseconds.
     *
     * @param coldMs  the first run (Spark plans and compiles this analysis for the first time)
     * @param warmRuns how many database-only runs the warm figures summarise
     * @param hitRuns  how many cache hits the hit figures summarise (0 when there is no cache)
     */
    public record Line(AnalysisKind kind, double coldMs, double warmP50Ms, double warmP95Ms, int warmRuns,
                       double hitP50Ms, double hitP95Ms, int hitRuns, String versions) {
    }

    private final AnalyticsService service;
    private final Consumer<String> progress;
    private final BooleanSupplier cancelled;

    public AnalyticsBench(AnalyticsService service, Consumer<String> progress, BooleanSupplier cancelled) {
        this.service = service;
        this.progress = progress;
        this.cancelled = cancelled;
    }

    /** The request each analysis is timed with: the whole table at its latest version. */
    public static AnalysisRequest request(AnalysisKind kind) {
        return AnalysisRequest.of(kind);
    }

    public List<Line> run(int warmRuns, int hitRuns) {
        return run(warmRuns, hitRuns, List.of(AnalysisKind.values()));
    }

    /** Benches {@code kinds}, in the order given. */
    public List<Line> run(int warmRuns, int hitRuns, List<AnalysisKind> kinds) {
        if (warmRuns < 1 || hitRuns < 0) {
            throw new LakeLensException("The analytics bench needs at least one warm run.");
        }
        service.clearCache();
        progress.accept("Starting Spark (not measured)…");
        service.startEngine();
        List<Line> lines = new ArrayList<>();
        for (AnalysisKind k : kinds) {
            AnalysisRequest r = request(k);
            step(k, "cold");
            AnalysisResult cold = service.run(r, StrategyKind.DATABASE_ONLY, new CancelHandle());
            double[] warm = new double[warmRuns];
            for (int i = 0; i < warmRuns; i++) {
                step(k, "warm " + (i + 1) + "/" + warmRuns);
                warm[i] = service.run(r, StrategyKind.DATABASE_ONLY, new CancelHandle()).latencyMs();
            }
            step(k, "filling the cache");
            service.run(r, StrategyKind.CACHE_FIRST, new CancelHandle());
            List<Double> hits = new ArrayList<>();
            for (int i = 0; i < hitRuns; i++) {
                step(k, "cache hit " + (i + 1) + "/" + hitRuns);
                AnalysisResult h = service.run(r, StrategyKind.CACHE_FIRST, new CancelHandle());
                if (h.cacheHit()) {
                    hits.add(h.latencyMs());
                }
            }
            double[] hit = hits.stream().mapToDouble(Double::doubleValue).toArray();
            lines.add(new Line(k, cold.latencyMs(), percentile(warm, 50), percentile(warm, 95), warm.length,
                    percentile(hit, 50), percentile(hit, 95), hit.length, versions(cold)));
        }
        return lines;
    }

    private void step(AnalysisKind k, String what) {
        if (cancelled.getAsBoolean()) {
            throw new QueryCancelledException("The analytics bench");
        }
        progress.accept(String.format(Locale.ROOT, "%s: %s", k.title(), what));
    }

    private static String versions(AnalysisResult r) {
        StringBuilder sb = new StringBuilder();
        r.versionsRead().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> sb.append(sb.isEmpty() ? "" : ", ").append(e.getKey()).append(" v").append(e.getValue()));
        return sb.toString();
    }

    /** Nearest-rank percentile; NaN for no samples. */
    static double percentile(double[] values, int p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int rank = (int) Math.ceil(p / 100.0 * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }
}
