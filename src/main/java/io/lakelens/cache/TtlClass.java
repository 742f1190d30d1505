package io.lakelens.cache;

import java.time.Duration;

/**
 * How long a cached value lives, by what it holds. The defaults are the seed's: latest quotes
 * change every second, searches are worth five minutes, aggregates an hour. Version-keyed
 * entries never go stale, so a TTL only bounds memory and the life of unpopular answers;
 * {@link CacheSettings} overrides them.
 */
public enum TtlClass {
    /** {@code price:*}: latest quotes. */
    REALTIME("price", Duration.ofSeconds(1)),
    /** {@code search:*}: one page of one search at one version. */
    QUERIES("search", Duration.ofMinutes(5)),
    /** {@code analytics:*}: aggregates and other derived values. */
    ANALYTICS("analytics", Duration.ofHours(1)),
    /**
     * {@code last:*}: the newest answer to a search at any version, kept longer so the
     * circuit breaker has something to fall back to when Delta fails.
     */
    FALLBACK("last", Duration.ofHours(24));

    private final String keyClass;
    private final Duration defaultTtl;

    TtlClass(String keyClass, Duration defaultTtl) {
        this.keyClass = keyClass;
        this.defaultTtl = defaultTtl;
    }

    /** The key segment of values of this class, e.g. {@code search}. */
    public String keyClass() {
        return keyClass;
    }

    public Duration defaultTtl() {
        return defaultTtl;
    }
}
