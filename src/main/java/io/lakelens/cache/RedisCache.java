package io.lakelens.cache;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** {@link Cache} over one {@link CacheConnection} (which may be none: then every lookup bypasses). */
public final class RedisCache implements Cache {
    private static final com.fasterxml.jackson.databind.ObjectMapper INVALIDATION_JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final CacheConnection connection;
    private final CacheSettings settings;
    private final ConcurrentHashMap<String, CompletableFuture<?>> inFlight = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, Long>> invalidationListeners = new CopyOnWriteArrayList<>();
    private final LongAdder gets = new LongAdder();
    private final LongAdder hits = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder puts = new LongAdder();
    private final LongAdder bytesRead = new LongAdder();
    private final LongAdder bytesWritten = new LongAdder();
    private final AtomicLong getEwmaNanos = new AtomicLong();

    public RedisCache(CacheConnection connection, CacheSettings settings) {
        this.connection = connection;
        this.settings = settings;
        // timeouts before an outage say nothing about the server that came back
        connection.addStatusListener(status -> {
            if (status.isUp()) {
                getEwmaNanos.set(0);
            }
        });
        connection.subscribe(INVALIDATE_CHANNEL, (channel, message) -> {
            try {
                var node = INVALIDATION_JSON.readTree(message);
                String table = node.path("table").asText("");
                if (io.lakelens.lake.TableName.isValid(table) && node.path("version").canConvertToLong()) {
                    long version = node.path("version").asLong();
                    invalidationListeners.forEach(l -> l.accept(table, version));
                }
            } catch (java.io.IOException | RuntimeException ignored) {
                // not an invalidation of ours: nothing to forget
            }
        });
    }

    public CacheConnection connection() {
        return connection;
    }

    public CacheSettings settings() {
        return settings;
    }

    @Override
    public CacheStatus status() {
        return connection.status();
    }

    @Override
    public String description() {
        return connection.description();
    }

    @Override
    public Optional<String> warning() {
        return connection.warning();
    }

    @Override
    public void addStatusListener(Consumer<CacheStatus> listener) {
        connection.addStatusListener(listener);
    }

    @Override
    public void removeStatusListener(Consumer<CacheStatus> listener) {
        connection.removeStatusListener(listener);
    }

    @Override
    public CompletableFuture<Optional<byte[]>> get(CacheKey key) {
        gets.increment();
        if (!status().isUp()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        long t0 = System.nanoTime();
        try {
            return connection.async().get(key.text()).toCompletableFuture().handle((v, e) -> {
                recordGet(System.nanoTime() - t0);
                if (e != null) {
                    errors.increment();
                    return Optional.empty();
                }
                if (v == null) {
                    return Optional.empty();
                }
                hits.increment();
                bytesRead.add(v.length);
                return Optional.of(v);
            });
        } catch (RuntimeException e) { // rejected at once while disconnected
            errors.increment();
            return CompletableFuture.completedFuture(Optional.empty());
        }
    }

    private void recordGet(long nanos) {
        getEwmaNanos.getAndUpdate(old -> old == 0 ? nanos : (long) (old * 0.7 + nanos * 0.3));
    }

    @Override
    public CompletableFuture<Boolean> put(CacheKey key, byte[] value) {
        if (!status().isUp()) {
            return CompletableFuture.completedFuture(false);
        }
        long ttlMs = settings.ttl(key.ttlClass()).toMillis();
        try {
            return connection.async().set(key.text(), value, SetArgs.Builder.px(ttlMs)).toCompletableFuture()
                    .handle((ok, e) -> {
                        if (e != null || !"OK".equals(ok)) {
                            errors.increment();
                            return false;
                        }
                        puts.increment();
                        bytesWritten.add(value.length);
                        return true;
                    });
        } catch (RuntimeException e) {
            errors.increment();
            return CompletableFuture.completedFuture(false);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<Lookup<T>> getOrCompute(CacheKey key, ValueCodec<T> codec, Supplier<T> loader, Executor executor) {
        CompletableFuture<Lookup<T>> mine = new CompletableFuture<>();
        CompletableFuture<?> existing = inFlight.putIfAbsent(key.text(), mine);
        if (existing != null) {
            return ((CompletableFuture<Lookup<T>>) existing).thenApply(Lookup::shared);
        }
        long t0 = System.nanoTime();
        boolean upAtStart = status().isUp();
        get(key).whenComplete((found, getError) -> {
            double getMs = (System.nanoTime() - t0) / 1e6;
            if (found != null && found.isPresent()) {
                try {
                    T value = codec.decode(found.get());
                    finish(key, mine, new Lookup<>(value, Lookup.Outcome.HIT, found.get().length, getMs), null);
                    return;
                } catch (RuntimeException unreadable) {
                    errors.increment(); // another format version: recompute and overwrite
                }
            }
            try {
                executor.execute(() -> {
                    try {
                        T value = loader.get();
                        if (!upAtStart || !status().isUp()) {
                            finish(key, mine, new Lookup<>(value, Lookup.Outcome.BYPASS, 0, getMs), null);
                            return;
                        }
                        byte[] bytes = codec.encode(value);
                        long p0 = System.nanoTime();
                        put(key, bytes).whenComplete((ok, e) -> finish(key, mine,
                                new Lookup<>(value, Lookup.Outcome.MISS, bytes.length, getMs + (System.nanoTime() - p0) / 1e6), null));
                    } catch (Throwable t) {
                        finish(key, mine, null, t);
                    }
                });
            } catch (RuntimeException rejected) {
                finish(key, mine, null, rejected);
            }
        });
        return mine;
    }

    private <T> void finish(CacheKey key, CompletableFuture<Lookup<T>> f, Lookup<T> value, Throwable error) {
        // leave the flight only once the value is stored, so a later caller's GET finds it
        inFlight.remove(key.text(), f);
        if (error != null) {
            f.completeExceptionally(error);
        } else {
            f.complete(value);
        }
    }

    @Override
    public void publishInvalidation(String table, long version) {
        // JSON written by Jackson: a table name may hold quotes or backslashes
        connection.publish(INVALIDATE_CHANNEL, INVALIDATION_JSON.createObjectNode().put("table", table).put("version", version).toString());
    }

    @Override
    public void onInvalidation(BiConsumer<String, Long> listener) {
        invalidationListeners.add(listener);
    }

    @Override
    public void removeInvalidationListener(BiConsumer<String, Long> listener) {
        invalidationListeners.remove(listener);
    }

    @Override
    public long clear(String table) {
        if (!status().isUp()) {
            return 0;
        }
        long removed = 0;
        try {
            ScanCursor cursor = ScanCursor.INITIAL;
            ScanArgs args = ScanArgs.Builder.matches(CacheKeys.tablePattern(table)).limit(1000);
            do {
                KeyScanCursor<String> page = connection.async().scan(cursor, args).get(5, TimeUnit.SECONDS);
                if (!page.getKeys().isEmpty()) {
                    removed += connection.async().unlink(page.getKeys().toArray(String[]::new)).get(5, TimeUnit.SECONDS);
                }
                cursor = page;
            } while (!cursor.isFinished());
        } catch (Exception e) { // timeouts and outages: a partial clear is still a clear
            errors.increment();
        }
        return removed;
    }

    @Override
    public CacheCounters counters() {
        return new CacheCounters(gets.sum(), hits.sum(), errors.sum(), puts.sum(), bytesRead.sum(), bytesWritten.sum(),
                getEwmaNanos.get() / 1e6);
    }

    @Override
    public void close() {
        connection.close();
    }
}
