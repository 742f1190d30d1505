package io.lakelens.search;

import java.util.Optional;

/**
 * One way of answering a search. The four implementations are the four strategies the analyst
 * chooses between; each runs on a search thread and may block (never on the FX thread or a
 * Lettuce thread). Implementations are thread-safe.
 */
sealed interface Strategy permits CacheFirstStrategy, DatabaseOnlyStrategy, CircuitBreakerStrategy, HybridStrategy {

    StrategyKind kind();

    /** Answers; {@code startNanos} is when the search was asked for, so latency includes queueing. */
    Answer search(SearchRequest request, long startNanos);

    /**
     * An answer with what the metrics need besides the result.
     *
     * @param lookedUp    whether the cache was consulted (for the hit ratio)
     * @param cachedBytes size of the cached form of the page, if it was read or stored
     */
    record Answer(SearchResult result, boolean lookedUp, int cachedBytes) {
    }

    static SearchResult result(Page p, StrategyKind kind, SearchResult.Source source, boolean cacheHit, boolean fallback,
                               String reason, long startNanos) {
        return new SearchResult(p.columns(), p.rows(), p.total(), p.page(), p.pageCount(), p.clamped(), kind, source,
                source == SearchResult.Source.DELTA ? Optional.of(p.route().id()) : Optional.empty(),
                (System.nanoTime() - startNanos) / 1e6, p.version(), cacheHit, fallback, Optional.ofNullable(reason), p.reading());
    }
}
