package io.lakelens.search;

import java.util.concurrent.CompletionStage;

/**
 * Answers searches through one of the four strategies. Thread-safe; never blocks the
 * caller: the work runs on the service's own executor.
 */
public interface SearchService {
    /**
     * Searches. The stage fails with a {@link io.lakelens.LakeLensException} for bad input
     * (unknown table, vacuumed version, …); a cache outage never fails it.
     */
    CompletionStage<SearchResult> search(SearchRequest request, StrategyKind strategy);
}
