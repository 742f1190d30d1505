package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.lake.ingest.MarketFeed;

/** Connects the feed to the services of this build that react to new versions (the cache, when present). */
final class FeedListeners {
    private FeedListeners() {
    }

    static void attach(AppContext ctx, MarketFeed feed) {
        // The cache's price keys and invalidation are attached here once the cache is part of the build.
    }
}
