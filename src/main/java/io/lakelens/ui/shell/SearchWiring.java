package io.lakelens.ui.shell;

import io.lakelens.AppContext;
import io.lakelens.cache.Cache;
import io.lakelens.cache.CacheStatus;
import io.lakelens.lake.AsOf;
import io.lakelens.search.SearchFields;
import io.lakelens.search.SearchRequest;
import io.lakelens.search.SearchResult;
import io.lakelens.search.SearchService;
import io.lakelens.search.StrategyKind;
import io.lakelens.ui.kit.BackgroundTask;
import io.lakelens.ui.kit.Connections;
import io.lakelens.ui.kit.LakeState;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.TaskExecutor;
import io.lakelens.ui.kit.UiErrors;

import java.util.concurrent.CompletionStage;

/** The window's search service (the context's, with its cache) and the header's cache indicator. */
final class SearchWiring {
    private SearchWiring() {
    }

    /**
     * The context's search service. It connects to Redis (or starts one) on first use, which
     * can take seconds, so it is reached only from background threads: the first search, or
     * {@link #watchCache}.
     */
    static SearchService create(AppContext context) {
        return new SearchService() {
            @Override
            public CompletionStage<SearchResult> search(SearchRequest request, StrategyKind strategy) {
                return context.search().search(request, strategy);
            }

            @Override
            public CompletionStage<SearchFields> fields(String table, AsOf asOf) {
                return context.search().fields(table, asOf);
            }

            @Override
            public org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> allRows(SearchRequest request, long version) {
                return context.search().allRows(request, version);
            }
        };
    }

    /** Connects the cache in the background and keeps the header's indicator in step with it. */
    static void watchCache(AppContext context, Connections connections, TaskExecutor tasks, Notifier notifier,
                           LakeState lake) {
        if (context.config().noRedis()) {
            connections.cacheProperty().set(Connections.Cache.OFF);
            connections.cacheDetailProperty().set("Started with --no-redis: every search reads Delta.");
            return;
        }
        connections.cacheProperty().set(Connections.Cache.CONNECTING);
        BackgroundTask.wrap(() -> {
                    Cache cache = context.cache();
                    cache.addStatusListener(status -> tasks.ui(() -> show(connections, cache, status)));
                    // Another LakeLens (or this one's feed) committed: the header shows the new version.
                    cache.onInvalidation((table, version) -> tasks.ui(() -> lake.versionPublished(table, version)));
                    return cache;
                })
                .withTitle("Connecting the cache")
                .onSuccess(cache -> {
                    show(connections, cache, cache.status());
                    cache.warning().ifPresent(notifier::warning);
                })
                .onFailure(e -> {
                    connections.cacheProperty().set(Connections.Cache.DOWN);
                    connections.cacheDetailProperty().set(UiErrors.message(e));
                })
                .executeWith(tasks);
    }

    static void show(Connections connections, Cache cache, CacheStatus status) {
        connections.cacheProperty().set(switch (status) {
            case EXTERNAL -> Connections.Cache.EXTERNAL;
            case EMBEDDED -> Connections.Cache.EMBEDDED;
            case DOWN -> Connections.Cache.DOWN;
            case NONE -> Connections.Cache.OFF;
        });
        connections.cacheDetailProperty().set(cache.description()
                + (status == CacheStatus.DOWN ? " — not answering; searches read Delta and it reconnects by itself" : "")
                + cache.warning().map(w -> "\n" + w).orElse(""));
    }
}
