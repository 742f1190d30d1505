package io.lakelens.search;

import io.lakelens.TestLakes;
import io.lakelens.cache.CacheConnection;
import io.lakelens.cache.CacheSettings;
import io.lakelens.cache.CacheStatus;
import io.lakelens.cache.EmbeddedRedis;
import io.lakelens.cache.RedisCache;
import io.lakelens.cache.TableVersions;
import io.lakelens.lake.LakeEngine;

import java.nio.file.Path;
import java.time.Duration;

/** A lake with the test market data, a real Redis process, and a search service over both. */
final class SearchHarness implements AutoCloseable {
    final Path lake;
    final LakeEngine engine;
    final EmbeddedRedis redis;
    final RedisCache cache;
    final TableVersions versions;
    final DefaultSearchService service;

    SearchHarness(Path lake, SearchSettings settings) {
        this(lake, settings, true);
    }

    SearchHarness(Path lake, SearchSettings settings, boolean createTable) {
        this.lake = lake;
        this.engine = TestLakes.engine(lake);
        if (createTable) {
            MarketDataFixture.create(engine);
        }
        this.redis = EmbeddedRedis.start(64);
        CacheSettings cs = CacheSettings.defaults().withReconnectMaxDelay(Duration.ofMillis(200));
        this.cache = new RedisCache(CacheConnection.connect(redis.url(), CacheStatus.EMBEDDED, "test Redis", null, cs), cs);
        this.versions = new TableVersions(engine, cache, settings.versionRecheck());
        this.service = new DefaultSearchService(engine, cache, versions, settings);
    }

    SearchResult search(SearchRequest r, StrategyKind k) {
        return service.searchNow(r, k);
    }

    @Override
    public void close() {
        service.close();
        cache.close();
        redis.close();
        engine.close();
    }
}
