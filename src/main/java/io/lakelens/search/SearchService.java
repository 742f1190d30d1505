package io.lakelens.search;

import io.lakelens.lake.AsOf;

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

    /**
     * What a search form offers for a table as of a version: its searched columns, pick lists
     * and ranges. Fails like {@link #search} for bad input.
     */
    CompletionStage<SearchFields> fields(String table, AsOf asOf);
}
