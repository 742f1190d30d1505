package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.cache.FeedPrices;
import io.lakelens.data.MarketFeed;

/** Connects the feed to the cache: price keys per batch, and its versions announced to other LakeLens windows. */
final class FeedListeners {
    private FeedListeners() {
    }

    static void attach(AppContext ctx, MarketFeed feed) {
        if (ctx.config().noRedis()) {
            return;
        }
        feed.onBatch(new FeedPrices(ctx.cache(), ctx.tableVersions()));
    }
}
