package io.lakelens.cache;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Redis cache as the rest of LakeLens uses it: bytes under version-keyed {@link CacheKey}s,
 * each living for its key's {@link TtlClass}. No method ever fails because of the cache: an
 * outage, a timeout or an unreadable value is a miss, and a failed store is ignored, so a
 * caller always falls through to Delta. Thread-safe; futures complete on Lettuce or
 * LakeLens threads, so callers must not block inside their callbacks.
 */
public interface Cache extends AutoCloseable {
    /** Pub/sub channel on which a LakeLens that committed to a table announces its new version. */
    String INVALIDATE_CHANNEL = "lakelens:invalidate";

    CacheStatus status();

    /** One line naming the cache (never a password). */
    String description();

    /** Why the configured cache is not in use, if it is not. */
    Optional<String> warning();

    /** Called on a LakeLens thread when the status changes (Redis died or came back). */
    void addStatusListener(Consumer<CacheStatus> listener);

    void removeStatusListener(Consumer<CacheStatus> listener);

    /** The stored bytes, or empty on a miss, an outage or a timeout. */
    CompletableFuture<Optional<byte[]>> get(CacheKey key);

    /** Stores bytes for the key's TTL class; completes with false if not stored. */
    CompletableFuture<Boolean> put(CacheKey key, byte[] value);

    /**
     * The cached value, or else the loader's, stored before the future completes. Concurrent
     * calls for one key in this process share one lookup and one load (single flight); the
     * loader runs on {@code executor}, never on a Lettuce thread. A loader failure fails the
     * future of every caller sharing it and stores nothing.
     */
    <T> CompletableFuture<Lookup<T>> getOrCompute(CacheKey key, ValueCodec<T> codec, Supplier<T> loader, Executor executor);

    /** Tells every LakeLens on this Redis that {@code table} now has {@code version}. */
    void publishInvalidation(String table, long version);

    /** Calls the listener with (table, version) for each invalidation, including this process's own. */
    void onInvalidation(BiConsumer<String, Long> listener);

    /** Stops calling a listener given to {@link #onInvalidation} (a window closing its live views). */
    void removeInvalidationListener(BiConsumer<String, Long> listener);

    /** Deletes every key of a table (for cold benchmark runs); returns how many went. */
    long clear(String table);

    /** Counters since start. */
    CacheCounters counters();

    @Override
    void close();
}
