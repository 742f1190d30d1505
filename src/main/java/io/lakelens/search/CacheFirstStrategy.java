package io.lakelens.search;

import io.lakelens.cache.Lookup;

/** Green: Redis first; on a miss Delta, and the answer is cached for next time. */
final class CacheFirstStrategy implements Strategy {
    private final SearchCore core;

    CacheFirstStrategy(SearchCore core) {
        this.core = core;
    }

    @Override
    public StrategyKind kind() {
        return StrategyKind.CACHE_FIRST;
    }

    @Override
    public Answer search(SearchRequest request, long startNanos) {
        SearchCore.Resolved v = core.resolve(request);
        Lookup<Page> l = core.cached(request, v);
        Page p = l.value();
        return switch (l.outcome()) {
            case HIT -> new Answer(Strategy.result(p, kind(), SearchResult.Source.CACHE, true, false, null, startNanos),
                    true, l.bytes());
            case MISS -> new Answer(Strategy.result(p, kind(), SearchResult.Source.DELTA, false, false,
                    "cache miss: read Delta (" + p.routeDetail() + "), cached " + SearchCore.size(l.bytes()), startNanos),
                    true, l.bytes());
            case SHARED -> new Answer(Strategy.result(p, kind(), SearchResult.Source.DELTA, false, false,
                    "cache miss: shared the Delta read of an identical search in flight", startNanos), true, l.bytes());
            case BYPASS -> new Answer(Strategy.result(p, kind(), SearchResult.Source.DELTA, false, false,
                    "cache " + core.cache.status().label() + ": read Delta (" + p.routeDetail() + ")", startNanos), false, 0);
        };
    }
}
