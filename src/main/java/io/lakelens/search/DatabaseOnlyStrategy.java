package io.lakelens.search;

/** Blue: always Delta, never the cache: the engine's own answer, for compliance and time travel. */
final class DatabaseOnlyStrategy implements Strategy {
    private final SearchCore core;

    DatabaseOnlyStrategy(SearchCore core) {
        this.core = core;
    }

    @Override
    public StrategyKind kind() {
        return StrategyKind.DATABASE_ONLY;
    }

    @Override
    public Answer search(SearchRequest request, long startNanos) {
        SearchCore.Resolved v = core.resolve(request);
        Page p = core.read(request, v);
        return new Answer(Strategy.result(p, kind(), SearchResult.Source.DELTA, false, false,
                "always Delta (" + p.routeDetail() + ")", startNanos), false, 0);
    }
}
