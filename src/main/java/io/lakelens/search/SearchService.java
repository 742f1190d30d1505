package io.lakelens.search;

import io.lakelens.lake.AsOf;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

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

    /**
     * The symbols, sectors and exchanges of {@code market_data}'s latest version, for
     * suggestions (one Spark aggregation, begun once Spark is up; no thread waits for Spark
     * meanwhile). {@link SearchFacets#NONE} when the lake has no {@code market_data}.
     */
    CompletionStage<SearchFacets> facets();

    /**
     * Every row of a search, not only a page: the rows matching {@code request} (its query,
     * filters and sort; its page and page size are ignored) at table version {@code version}
     * (the one the page on screen came from), in the order of its pages. One lazy, unpaged Spark
     * read that never goes through the cache: nothing is read until the caller runs an action,
     * and writing it out or iterating it ({@code toLocalIterator}) takes a bounded part at a
     * time, so memory does not grow with the number of rows. Reads the table's log on the
     * calling thread: call it off the FX thread. Fails with a {@link io.lakelens.LakeLensException}
     * for bad input (unknown table, vacuumed version, unknown column). Thread-safe.
     */
    default Dataset<Row> allRows(SearchRequest request, long version) {
        throw new io.lakelens.LakeLensException("This search service cannot read whole results.");
    }
}
