package io.lakelens.analytics;

import io.lakelens.lake.LakeEngine;
import io.lakelens.search.StrategyKind;

/**
 * Runs the named analyses ({@link AnalysisKind}) over the lake, as of any version or time.
 * Each analysis is built with the DataFrame API from validated parameters (no text of the
 * user's reaches SQL) and reads every table at a pinned version. Blocking: call it from a
 * background thread. Thread-safe; concurrent analyses share the engine's SparkSession.
 */
public final class AnalyticsService {
    private final LakeEngine engine;

    public AnalyticsService(LakeEngine engine) {
        this.engine = engine;
    }

    /** Runs an analysis; see {@link #run(AnalysisRequest, CancelHandle)}. */
    public AnalysisResult run(AnalysisRequest request) {
        return run(request, new CancelHandle());
    }

    /**
     * Runs an analysis from Delta. Fails with a {@link io.lakelens.LakeLensException} naming
     * the problem (missing table or column, unreadable version, unknown symbol), or a
     * {@link QueryCancelledException} when {@code cancel} is cancelled; reads never change the lake.
     */
    public AnalysisResult run(AnalysisRequest request, CancelHandle cancel) {
        long t0 = System.nanoTime();
        AnalysisRun run = new AnalysisRun(engine, request, cancel);
        AnalysisData data = compute(run);
        double ms = (System.nanoTime() - t0) / 1e6;
        return new AnalysisResult(request, data, run.plans(), run.versions, ms, false, StrategyKind.DATABASE_ONLY);
    }

    static AnalysisData compute(AnalysisRun run) {
        return switch (run.request.kind()) {
            case SECTOR -> SectorAnalysis.run(run);
            case VOLATILITY -> VolatilityAnalysis.run(run);
            case MOVERS -> MoversAnalysis.run(run);
            case RISK -> RiskAnalysis.run(run);
        };
    }
}
