package io.lakelens.cache;

import io.lakelens.data.FeedBatch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Connects the live feed to the cache: after each committed batch, each ticked symbol's last
 * price goes to its {@code price} key at the batch's version (1 s TTL, {@link TtlClass#REALTIME}).
 * The batch's new version reaches every LakeLens on the same Redis through the engine's commit
 * listener ({@link TableVersions#committed}, which publishes on {@link Cache#INVALIDATE_CHANNEL}),
 * so open searches move to it. A cache outage costs the price keys only; ingest goes on.
 * Thread-safe; called on the feed's thread.
 */
public final class FeedPrices implements Consumer<FeedBatch> {
    private static final long WAIT_MS = 2_000;

    private final Cache cache;
    private final TableVersions versions;

    /** {@code versions} must be the engine's (its creation registers the commit listener that publishes). */
    public FeedPrices(Cache cache, TableVersions versions) {
        this.cache = cache;
        this.versions = versions;
    }

    @Override
    public void accept(FeedBatch batch) {
        String identity = versions.identity(batch.table());
        List<CompletableFuture<Boolean>> puts = new ArrayList<>(batch.lastPrices().size());
        for (Map.Entry<String, Double> e : batch.lastPrices().entrySet()) {
            puts.add(cache.put(CacheKeys.price(batch.table(), identity, batch.version(), e.getKey()), value(batch, e)));
        }
        try {
            // Wait (briefly) so the next batch's keys never overtake these: readers see prices in order.
            CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).get(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception ignored) {
            // a slow or absent cache loses these price keys only; they expire within a second anyway
        }
    }

    /** The stored value: {@code {"symbol":"AAPL","price":187.31,"version":42,"ts":"…"}}. */
    static byte[] value(FeedBatch batch, Map.Entry<String, Double> e) {
        return String.format(Locale.ROOT, "{\"symbol\":\"%s\",\"price\":%s,\"version\":%d,\"ts\":\"%s\"}",
                e.getKey().replace("\\", "\\\\").replace("\"", "\\\""), e.getValue(), batch.version(), batch.committedAt())
                .getBytes(StandardCharsets.UTF_8);
    }
}
