package io.lakelens;

import io.lakelens.analytics.AnalyticsService;
import io.lakelens.cache.Cache;
import io.lakelens.cache.CacheSettings;
import io.lakelens.cache.RedisCache;
import io.lakelens.cache.RedisProvider;
import io.lakelens.cache.TableVersions;
import io.lakelens.lake.LakeEngine;
import io.lakelens.search.DefaultSearchService;
import io.lakelens.search.SearchSettings;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The services of one running LakeLens (CLI command or window), built from a {@link Config}.
 * Closing it stops them in reverse order of creation.
 */
public final class AppContext implements AutoCloseable {
    private final Config config;
    private final LakeEngine engine;
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private RedisProvider.EmbeddedLifetime redisLifetime = RedisProvider.EmbeddedLifetime.PROCESS;
    private SearchSettings searchSettings = SearchSettings.defaults();
    private RedisCache cache;
    private TableVersions versions;
    private DefaultSearchService search;
    private AnalyticsService analytics;

    public AppContext(Config config) {
        this.config = config;
        // lakes generated before tables declared their key (lakelens.key) keep their usual keys
        this.engine = new LakeEngine(config).defaultKeys(io.lakelens.data.Tables::defaultKey);
        closeables.push(engine);
    }

    public Config config() {
        return config;
    }

    public LakeEngine engine() {
        return engine;
    }

    /**
     * How long an embedded Redis started for this context lives: with the context (default) or,
     * for short CLI commands, shared by later processes on the same lake. Set before {@link #cache()}.
     */
    public synchronized AppContext embeddedRedisLifetime(RedisProvider.EmbeddedLifetime lifetime) {
        this.redisLifetime = lifetime;
        return this;
    }

    /** Search tuning for {@link #search()}; set before it is first called. */
    public synchronized AppContext searchSettings(SearchSettings settings) {
        this.searchSettings = settings;
        return this;
    }

    /**
     * The cache, connected on first use (external, embedded or none; see {@link RedisProvider}).
     * Never fails: without Redis it is a cache that always misses, and {@link Cache#warning()} says why.
     */
    public synchronized Cache cache() {
        if (cache == null) {
            CacheSettings settings = CacheSettings.fromEnvironment(System.getenv());
            cache = own(new RedisCache(RedisProvider.connect(config, settings, redisLifetime), settings));
        }
        return cache;
    }

    /** The latest version of each table as cache keys see it. */
    public synchronized TableVersions tableVersions() {
        if (versions == null) {
            versions = new TableVersions(engine, cache(), searchSettings.versionRecheck());
        }
        return versions;
    }

    /** The search service, created on first use with its cache. */
    public synchronized DefaultSearchService search() {
        if (search == null) {
            search = own(new DefaultSearchService(engine, cache(), tableVersions(), searchSettings));
        }
        return search;
    }

    /**
     * The named analyses over this context's engine and cache, created on first use and shared
     * by everything that runs in this process (one executor and circuit breaker, not one per run).
     */
    public synchronized AnalyticsService analytics() {
        if (analytics == null) {
            analytics = own(new AnalyticsService(engine, this::cache, this::tableVersions));
        }
        return analytics;
    }

    /** Registers something to close with the context (closed last-in, first-out). */
    public synchronized <T extends AutoCloseable> T own(T closeable) {
        closeables.push(closeable);
        return closeable;
    }

    @Override
    public synchronized void close() {
        while (!closeables.isEmpty()) {
            try {
                closeables.pop().close();
            } catch (Exception ignored) {
                // closing is best effort; the process is ending
            }
        }
    }
}
