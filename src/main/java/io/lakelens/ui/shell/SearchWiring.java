package io.lakelens.ui.shell;

import io.lakelens.AppContext;
import io.lakelens.cache.Cache;
import io.lakelens.cache.CacheStatus;
import io.lakelens.search.DefaultSearchService;
import io.lakelens.search.SearchService;

import java.util.concurrent.CompletableFuture;

/** Builds the window's search service (and its cache) and keeps the header's cache indicator current. */
final class SearchWiring {
    private SearchWiring() {
    }

    /**
     * Connects the cache (or starts an embedded Redis) off the UI thread; searches asked for
     * before that is done wait for it. Cache status changes reach the header through
     * {@link TaskExecutor#ui}.
     */
    static SearchService create(AppContext context, Connections connections, TaskExecutor tasks) {
        connections.cacheProperty().set(Connections.Cache.CONNECTING);
        CompletableFuture<DefaultSearchService> ready = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                DefaultSearchService service = context.search();
                Cache cache = service.cache();
                cache.addStatusListener(status -> tasks.ui(() -> show(connections, cache, status)));
                tasks.ui(() -> show(connections, cache, cache.status()));
                ready.complete(service);
            } catch (RuntimeException e) {
                tasks.ui(() -> connections.cacheProperty().set(Connections.Cache.OFF));
                ready.completeExceptionally(e);
            }
        }, "lakelens-search-start");
        starter.setDaemon(true);
        starter.start();
        return (request, strategy) -> ready.thenCompose(s -> s.search(request, strategy));
    }

    private static void show(Connections connections, Cache cache, CacheStatus status) {
        connections.cacheProperty().set(switch (status) {
            case EMBEDDED -> Connections.Cache.EMBEDDED;
            case EXTERNAL -> Connections.Cache.EXTERNAL;
            case DOWN -> Connections.Cache.DOWN;
            case NONE -> Connections.Cache.OFF;
        });
        connections.cacheDetailProperty().set(cache.warning().orElse(cache.description()));
    }
}
