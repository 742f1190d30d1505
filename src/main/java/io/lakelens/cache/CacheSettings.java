package io.lakelens.cache;

import io.lakelens.LakeLensException;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Cache tuning with the reason for each default.
 *
 * @param commandTimeout    how long one Redis command may take before it counts as a miss: a
 *                          cache that answers later than Delta is no cache (Lettuce's default is 60 s)
 * @param connectTimeout    how long connecting may take at start-up and on each reconnect
 * @param reconnectMaxDelay the longest pause between reconnect attempts after an outage
 * @param ttls              time to live per {@link TtlClass}
 * @param embeddedMaxMemoryMb memory cap of an embedded Redis; least recently used keys go first
 * @param sharedIdle        how long a detached embedded Redis started by the CLI lives without clients
 */
public record CacheSettings(Duration commandTimeout, Duration connectTimeout, Duration reconnectMaxDelay,
                            Map<TtlClass, Duration> ttls, int embeddedMaxMemoryMb, Duration sharedIdle) {

    public CacheSettings {
        EnumMap<TtlClass, Duration> all = new EnumMap<>(TtlClass.class);
        for (TtlClass c : TtlClass.values()) {
            all.put(c, c.defaultTtl());
        }
        if (ttls != null) {
            all.putAll(ttls);
        }
        ttls = Map.copyOf(all);
    }

    public static CacheSettings defaults() {
        return new CacheSettings(Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(2),
                Map.of(), 256, Duration.ofMinutes(15));
    }

    /**
     * Defaults overridden by {@code LAKELENS_CACHE_TIMEOUT_MS}, {@code LAKELENS_TTL_REALTIME},
     * {@code LAKELENS_TTL_QUERIES}, {@code LAKELENS_TTL_ANALYTICS}, {@code LAKELENS_TTL_FALLBACK}
     * (seconds) and {@code LAKELENS_REDIS_IDLE_MINUTES}.
     */
    public static CacheSettings fromEnvironment(Map<String, String> env) {
        CacheSettings d = defaults();
        Duration timeout = d.commandTimeout;
        if (env.get("LAKELENS_CACHE_TIMEOUT_MS") != null) {
            timeout = Duration.ofMillis(positive(env, "LAKELENS_CACHE_TIMEOUT_MS"));
        }
        EnumMap<TtlClass, Duration> ttl = new EnumMap<>(TtlClass.class);
        for (TtlClass c : TtlClass.values()) {
            String name = "LAKELENS_TTL_" + c.name();
            if (env.get(name) != null) {
                ttl.put(c, Duration.ofSeconds(positive(env, name)));
            }
        }
        Duration idle = d.sharedIdle;
        if (env.get("LAKELENS_REDIS_IDLE_MINUTES") != null) {
            idle = Duration.ofMinutes(positive(env, "LAKELENS_REDIS_IDLE_MINUTES"));
        }
        return new CacheSettings(timeout, d.connectTimeout, d.reconnectMaxDelay, ttl, d.embeddedMaxMemoryMb, idle);
    }

    private static long positive(Map<String, String> env, String name) {
        try {
            long v = Long.parseLong(env.get(name).trim());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new LakeLensException(name + "=" + env.get(name) + " is not a positive whole number.");
    }

    public Duration ttl(TtlClass c) {
        return ttls.get(c);
    }

    public CacheSettings withTtl(TtlClass c, Duration d) {
        EnumMap<TtlClass, Duration> m = new EnumMap<>(ttls);
        m.put(c, d);
        return new CacheSettings(commandTimeout, connectTimeout, reconnectMaxDelay, m, embeddedMaxMemoryMb, sharedIdle);
    }

    public CacheSettings withCommandTimeout(Duration d) {
        return new CacheSettings(d, connectTimeout, reconnectMaxDelay, ttls, embeddedMaxMemoryMb, sharedIdle);
    }

    public CacheSettings withReconnectMaxDelay(Duration d) {
        return new CacheSettings(commandTimeout, connectTimeout, d, ttls, embeddedMaxMemoryMb, sharedIdle);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "timeout %d ms, TTL realtime %ds / queries %ds / analytics %ds",
                commandTimeout.toMillis(), ttls.get(TtlClass.REALTIME).toSeconds(),
                ttls.get(TtlClass.QUERIES).toSeconds(), ttls.get(TtlClass.ANALYTICS).toSeconds());
    }
}
