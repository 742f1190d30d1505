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
 * Times each analysis on the lake's latest version with both engines, treated alike: Spark (the
 * baseline: the analysis as a Spark job on the engine's session) and the default engine (the
 * in-process columnar engine, or Spark where it hands a table over). For each engine:
 * <ol>
 * <li><b>cold</b>: before each run every in-JVM cache is dropped (resolved versions, Spark's
 *     Delta log cache) and the cache entries of the tables read are deleted;</li>
 * <li>one untimed run (the same warm-up for both);</li>
 * <li><b>warm</b>: database-only runs, timed;</li>
 * </ol>
 * then <b>cache</b>: cache-first runs after one run filled the cache (hits only). Every answer
 * of the default engine is compared with Spark's ({@link Answers}); a difference is a mismatch.
 * Latency is the wall time of each request in milliseconds, version resolution included.
 * Progress is reported per run; the run stops when {@code cancelled} says so.
 */
public final class AnalyticsBench {
    /** The baseline engine's name in lines. */
    public static final String BASELINE = "spark";

    /**
     * Figures of one analysis in one phase on one engine ({@code spark}, {@code columnar} or
     * {@code cache}), in milliseconds.
     *
     * @param n                 runs the percentiles rest on
     * @param speedupVsBaseline Spark's p50 in the same phase (warm for cache hits) / this p50
     */
    public record Line(String analysis, String phase, String engine, int n, double p50Ms, double p95Ms,
                       Double speedupVsBaseline, String versions) {
    }

    /** Lines, and every difference found between the engines' answers. */
    public record Result(List<Line> lines, List<String> mismatches) {
    }

    private final AnalyticsService service;
    private final Consumer<String> progress;
    private final BooleanSupplier cancelled;
    private final Runnable dropSparkCaches;

    /**
     * @param dropSparkCaches drops the Spark session's in-memory Delta snapshots and cached data
     *                        (the cold runs of both engines call it)
     */
    public AnalyticsBench(AnalyticsService service, Consumer<String> progress, BooleanSupplier cancelled,
                          Runnable dropSparkCaches) {
        this.service = service;
        this.progress = progress;
        this.cancelled = cancelled;
        this.dropSparkCaches = dropSparkCaches;
    }

    /** The request each analysis is timed with: the whole table at its latest version. */
    public static AnalysisRequest request(AnalysisKind kind) {
        return AnalysisRequest.of(kind);
    }

    /** Benches {@code kinds}, in the order given, with {@code coldRuns} cold and {@code warmRuns} warm runs per engine. */
    public Result run(int coldRuns, int warmRuns, int hitRuns, List<AnalysisKind> kinds) {
        if (warmRuns < 1 || coldRuns < 0 || hitRuns < 0) {
            throw new LakeLensException("The analytics bench needs at least one warm run.");
        }
        progress.accept("Starting Spark (not measured)…");
        service.startEngine();
        List<Line> lines = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        for (AnalysisKind k : kinds) {
            AnalysisRequest r = request(k);
            AnalysisResult reference = null;
            List<Line> kindLines = new ArrayList<>();
            for (AnalyticsService.Compute how : List.of(AnalyticsService.Compute.SPARK, AnalyticsService.Compute.COLUMNAR)) {
                String engine = how == AnalyticsService.Compute.SPARK ? BASELINE : "columnar";
                double[] cold = new double[coldRuns];
                for (int i = 0; i < coldRuns; i++) {
                    step(k, engine + " cold " + (i + 1) + "/" + coldRuns);
                    dropCaches();
                    cold[i] = service.compute(r, how, new CancelHandle()).latencyMs();
                }
                step(k, engine + " warm-up");
                AnalysisResult first = service.compute(r, how, new CancelHandle());
                if (how == AnalyticsService.Compute.SPARK) {
                    reference = first;
                } else {
                    if (first.plan().startsWith("-- computed by Spark")) {
                        engine = "spark (" + first.plan().lines().findFirst().orElse("").replace("-- computed by Spark: ", "") + ")";
                    }
                    for (String d : Answers.differences(reference.data(), first.data())) {
                        mismatches.add(k.id() + " (" + engine + " vs spark): " + d);
                    }
                }
                double[] warm = new double[warmRuns];
                for (int i = 0; i < warmRuns; i++) {
                    step(k, engine + " warm " + (i + 1) + "/" + warmRuns);
                    warm[i] = service.compute(r, how, new CancelHandle()).latencyMs();
                }
                String versions = versions(first);
                if (coldRuns > 0) {
                    kindLines.add(line(k, "cold", engine, cold, versions));
                }
                kindLines.add(line(k, "warm", engine, warm, versions));
            }
            service.clearCache();
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
            if (hitRuns > 0) {
                kindLines.add(line(k, "cache", "cache", hits.stream().mapToDouble(Double::doubleValue).toArray(),
                        kindLines.getFirst().versions()));
            }
            lines.addAll(withSpeedups(kindLines));
        }
        return new Result(lines, mismatches);
    }

    private void dropCaches() {
        service.dropCaches();
        service.clearCache();
        dropSparkCaches.run();
    }

    private static Line line(AnalysisKind k, String phase, String engine, double[] ms, String versions) {
        return new Line(k.id(), phase, engine, ms.length, percentile(ms, 50), percentile(ms, 95), null, versions);
    }

    private static List<Line> withSpeedups(List<Line> lines) {
        List<Line> out = new ArrayList<>();
        for (Line l : lines) {
            String phase = l.phase().equals("cache") ? "warm" : l.phase();
            Double speedup = lines.stream().filter(b -> b.engine().equals(BASELINE) && b.phase().equals(phase)).findFirst()
                    .filter(b -> b.n() > 0 && l.n() > 0).map(b -> b.p50Ms() / Math.max(l.p50Ms(), 0.001)).orElse(null);
            out.add(new Line(l.analysis(), l.phase(), l.engine(), l.n(), l.p50Ms(), l.p95Ms(), speedup, l.versions()));
        }
        return out;
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
