package io.lakelens.search;

import io.lakelens.lake.AsOf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A search service made on first use: every call asks {@code service} for the real one, which
 * may connect to Redis (or start one) the first time and take seconds, so callers call it from
 * background threads only. Thread-safe as far as the supplier is.
 */
public final class LazySearchService implements SearchService {
    private final Supplier<SearchService> service;

    public LazySearchService(Supplier<SearchService> service) {
        this.service = service;
    }

    @Override
    public CompletionStage<SearchResult> search(SearchRequest request, StrategyKind strategy) {
        return service.get().search(request, strategy);
    }

    @Override
    public CompletionStage<SearchFields> fields(String table, AsOf asOf) {
        return service.get().fields(table, asOf);
    }

    @Override
    public CompletionStage<SearchFacets> facets() {
        return service.get().facets();
    }

    @Override
    public Dataset<Row> allRows(SearchRequest request, long version) {
        return service.get().allRows(request, version);
    }
}
