package io.lakelens.ui.shell;

import io.lakelens.AppContext;
import io.lakelens.LakeLensException;
import io.lakelens.search.SearchService;

import java.util.concurrent.CompletableFuture;

/** Builds the window's search service (and its cache) and keeps the header's cache indicator current. */
final class SearchWiring {
    private SearchWiring() {
    }

    static SearchService create(AppContext context, Connections connections, TaskExecutor tasks) {
        connections.cacheProperty().set(Connections.Cache.OFF);
        return (request, strategy) -> CompletableFuture.failedFuture(
                new LakeLensException("This build has no search engine yet."));
    }
}
