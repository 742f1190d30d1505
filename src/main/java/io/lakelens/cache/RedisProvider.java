package io.lakelens.cache;

import io.lakelens.Config;
import io.lakelens.LakeLensException;

import java.util.Optional;

/**
 * Decides which cache a LakeLens process uses, in this order:
 * <ol>
 *   <li>{@code --no-redis}: none;</li>
 *   <li>{@code --redis URL} / {@code REDIS_URL}: that Redis; if it cannot be reached or refuses the
 *       password, none, with a one-line warning (the app runs on without a cache);</li>
 *   <li>otherwise an embedded Redis: the lake's shared one if it answers
 *       ({@code <lake>/.lakelens/redis.json}); else, for {@link EmbeddedLifetime#SHARED}, a new
 *       detached one that stops itself when idle, and for {@link EmbeddedLifetime#PROCESS} one
 *       owned by this process and stopped with it;</li>
 *   <li>if no Redis can be started: none, with a warning.</li>
 * </ol>
 */
public final class RedisProvider {
    private RedisProvider() {
    }

    /** How long an embedded Redis this process starts lives. */
    public enum EmbeddedLifetime {
        /** Stopped when this process closes its context (the window, tests). */
        PROCESS,
        /** Outlives this process and serves the next ones until idle (short CLI commands). */
        SHARED
    }

    public static CacheConnection connect(Config config, CacheSettings settings, EmbeddedLifetime lifetime) {
        if (config.noRedis()) {
            return CacheConnection.none("none (--no-redis)", Optional.empty());
        }
        if (config.redisUrl().isPresent()) {
            String url = config.redisUrl().get();
            try {
                String where;
                try {
                    where = CacheConnection.display(io.lettuce.core.RedisURI.create(url));
                } catch (RuntimeException e) {
                    where = CacheConnection.safeUrl(url);
                }
                return CacheConnection.connect(url, CacheStatus.EXTERNAL, "external Redis " + where, null, settings);
            } catch (LakeLensException e) {
                return CacheConnection.none("none (" + e.getMessage() + ")",
                        Optional.of(e.getMessage() + "; running without a cache."));
            }
        }
        Optional<SharedRedis.Endpoint> shared = SharedRedis.find(config.lakeRoot());
        if (shared.isEmpty() && lifetime == EmbeddedLifetime.SHARED) {
            try {
                shared = Optional.of(SharedRedis.obtain(config.lakeRoot(), settings));
            } catch (LakeLensException e) {
                // an unwritable lake folder: fall back to a Redis of our own
                shared = Optional.empty();
            }
        }
        if (shared.isPresent()) {
            SharedRedis.Endpoint e = shared.get();
            try {
                return CacheConnection.connect(e.url(), CacheStatus.EMBEDDED,
                        "embedded Redis " + e.version() + " on 127.0.0.1:" + e.port() + " (shared by this lake, "
                                + (e.reused() ? "started " + e.startedAt() : "started now") + ", pid " + e.redisPid() + ")",
                        null, settings);
            } catch (LakeLensException ex) {
                // it stopped between the check and the connect; start our own below
            }
        }
        EmbeddedRedis redis;
        try {
            redis = EmbeddedRedis.start(settings.embeddedMaxMemoryMb());
            // Stopped with this process even when it ends without closing its context (a
            // terminated window): an orphaned server would keep its port and memory.
            EmbeddedRedis owned = redis;
            Runtime.getRuntime().addShutdownHook(new Thread(owned::close, "lakelens-redis-stop"));
        } catch (LakeLensException e) {
            return CacheConnection.none("none (" + e.getMessage() + ")",
                    Optional.of(e.getMessage() + " Running without a cache."));
        }
        try {
            return CacheConnection.connect(redis.url(), CacheStatus.EMBEDDED,
                    "embedded Redis " + redis.version() + " on 127.0.0.1:" + redis.port() + " (" + redis.binary().description()
                            + ", pid " + redis.pid() + ", stopped on exit)", redis, settings);
        } catch (LakeLensException e) {
            redis.close();
            return CacheConnection.none("none (" + e.getMessage() + ")", Optional.of(e.getMessage() + "; running without a cache."));
        }
    }
}
