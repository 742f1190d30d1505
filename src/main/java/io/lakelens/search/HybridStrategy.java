package io.lakelens.search;

import io.lakelens.cache.CacheStatus;
import io.lakelens.cache.Lookup;
import io.lakelens.lake.AsOf;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Purple: routes each request by its shape and the cache's state, and says why. As-of reads go
 * to Delta (time travel is read from the engine itself); a cache that is down or slow is
 * bypassed; deep pages are read directly and not cached (they are rarely revisited); anything
 * else is looked up in the cache, and after a miss the next page is warmed in the background.
 */
final class HybridStrategy implements Strategy {
    /** One request in this many still consults a cache judged slow, so the judgement can recover. */
    private static final int SLOW_PROBE_EVERY = 20;

    private final SearchCore core;
    private final AtomicLong requests = new AtomicLong();

    HybridStrategy(SearchCore core) {
        this.core = core;
    }

    @Override
    public StrategyKind kind() {
        return StrategyKind.HYBRID;
    }

    @Override
    public Answer search(SearchRequest request, long startNanos) {
        SearchCore.Resolved v = core.resolve(request);
        SearchSettings s = core.settings;
        if (!(request.asOf() instanceof AsOf.Latest)) {
            return direct(request, v, "as-of read of version " + v.version() + ": time travel goes to Delta", startNanos);
        }
        CacheStatus status = core.cache.status();
        if (!status.isUp()) {
            return direct(request, v, "cache " + status.label() + ": Delta", startNanos);
        }
        double getMs = core.cache.counters().getEwmaMs();
        if (getMs > s.hybridSlowCacheMs() && requests.incrementAndGet() % SLOW_PROBE_EVERY != 0) {
            return direct(request, v, String.format(Locale.ROOT, "cache slow (GET ≈ %.1f ms): Delta", getMs), startNanos);
        }
        if (request.page() > s.hybridDeepPage()) {
            return direct(request, v, "deep page " + request.page() + ": Delta, not cached", startNanos);
        }
        Lookup<Page> l = core.cached(request, v);
        Page p = l.value();
        return switch (l.outcome()) {
            case HIT -> new Answer(Strategy.result(p, kind(), SearchResult.Source.CACHE, true, false,
                    "hot: answered from the cache", startNanos), true, l.bytes());
            case MISS -> {
                boolean warm = s.warmNextPage() && p.page() < p.pageCount();
                if (warm) {
                    core.warm(request.withPage(p.page() + 1), v);
                }
                yield new Answer(Strategy.result(p, kind(), SearchResult.Source.DELTA, false, false,
                        "cold: Delta (" + p.routeDetail() + "), cached" + (warm ? "; warming page " + (p.page() + 1) : ""),
                        startNanos), true, l.bytes());
            }
            case SHARED -> new Answer(Strategy.result(p, kind(), SearchResult.Source.DELTA, false, false,
                    "cold: shared the Delta read of an identical search in flight", startNanos), true, l.bytes());
            case BYPASS -> new Answer(Strategy.result(p, kind(), SearchResult.Source.DELTA, false, false,
                    "cache went down: Delta (" + p.routeDetail() + ")", startNanos), false, 0);
        };
    }

    private Answer direct(SearchRequest request, SearchCore.Resolved v, String why, long startNanos) {
        Page p = core.read(request, v);
        return new Answer(Strategy.result(p, kind(), SearchResult.Source.DELTA, false, false,
                why + " (" + p.routeDetail() + ")", startNanos), false, 0);
    }
}
