package io.lakelens.data;

import io.lakelens.Config;
import io.lakelens.cache.CacheConnection;
import io.lakelens.cache.CacheSettings;
import io.lakelens.cache.RedisCache;
import io.lakelens.cache.TableVersions;
import io.lakelens.data.DatasetSize;
import io.lakelens.data.GenerationListener;
import io.lakelens.data.LakeGenerator;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.maintenance.HealthInspector;
import io.lakelens.lake.maintenance.OptimizeRequest;
import io.lakelens.lake.maintenance.OptimizeResult;
import io.lakelens.lake.maintenance.Optimizer;
import io.lakelens.lake.maintenance.TableHealth;
import io.lakelens.search.DefaultSearchService;
import io.lakelens.search.SearchRequest;
import io.lakelens.search.SearchSettings;
import io.lakelens.search.StrategyKind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The figures of the maintenance work, measured once on a generated lake (run by hand, not a
 * test): {@code java … MaintenanceMeasurements SIZE FEED_RATE FEED_SECONDS}. Fragments
 * market_data with a feed, then OPTIMIZE ZORDER BY symbol with search latency before and after,
 * then the feed's sustained rate while a search loop runs.
 */
public final class MaintenanceMeasurements {
    private MaintenanceMeasurements() {
    }

    public static void main(String[] args) throws Exception {
        DatasetSize size = DatasetSize.parse(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        Path lake = Files.createTempDirectory("lakelens-measure");
        LakeEngine engine = new LakeEngine(new Config(lake, "local[*]", false, Optional.empty(), true, false));
        long t0 = System.nanoTime();
        new LakeGenerator(engine).generate(size, 42, GenerationListener.NONE);
        System.out.printf(Locale.ROOT, "generated %s in %.1f s%n", size, (System.nanoTime() - t0) / 1e9);

        RedisCache noCache = new RedisCache(CacheConnection.none("none", Optional.empty()), CacheSettings.defaults());
        DefaultSearchService search = new DefaultSearchService(engine, noCache,
                new TableVersions(engine, noCache, Duration.ofSeconds(1)), SearchSettings.defaults());

        // 1. Small files, the way they arrive: a minute of live feed at a modest rate.
        FeedStats fragmenting = new MarketFeed(engine, "market_data", 2000, Duration.ofSeconds(1)).runFor(Duration.ofSeconds(60));
        System.out.println("fragmenting feed: " + fragmenting.summary());
        TableHealth before = new HealthInspector(engine).inspect("market_data");
        System.out.println("health before: " + before.verdict());

        // 2. OPTIMIZE ZORDER BY symbol, with the search service timed before and after.
        SearchRequest aapl = SearchRequest.of("AAPL");
        double searchBefore = median(search, aapl, 7);
        OptimizeResult r = new Optimizer(engine).optimize(OptimizeRequest.compaction("market_data")
                .withZOrder(List.of("symbol")).withReason("measurement"), null);
        double searchAfter = median(search, aapl, 7);
        System.out.println(r.summary());
        System.out.printf(Locale.ROOT, "database-only search 'AAPL' median of 7: %.0f ms before, %.0f ms after (%.1f×)%n",
                searchBefore, searchAfter, searchBefore / searchAfter);
        System.out.println("health after: " + new HealthInspector(engine).inspect("market_data").verdict());

        // 3. Sustained feed with a search loop running the whole time.
        AtomicBoolean searching = new AtomicBoolean(true);
        AtomicLong searches = new AtomicLong();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        Thread loop = new Thread(() -> {
            while (searching.get()) {
                try {
                    latencies.add(search.searchNow(aapl, StrategyKind.DATABASE_ONLY).latencyMs());
                    searches.incrementAndGet();
                } catch (RuntimeException e) {
                    // counted as a gap; the feed figure is what is measured here
                }
            }
        });
        loop.start();
        FeedStats sustained = new MarketFeed(engine, "market_data", rate, Duration.ofSeconds(1)).runFor(Duration.ofSeconds(seconds));
        searching.set(false);
        loop.join();
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.println("sustained feed with searches: " + sustained.summary());
        System.out.printf(Locale.ROOT, "searches during the feed: %d, p50 %.0f ms, p95 %.0f ms%n", searches.get(),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2), sorted.isEmpty() ? 0 : sorted.get((int) (sorted.size() * 0.95)));
        search.close();
        noCache.close();
        engine.close();
    }

    private static double median(DefaultSearchService search, SearchRequest request, int n) {
        search.searchNow(request, StrategyKind.DATABASE_ONLY);
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            ms[i] = search.searchNow(request, StrategyKind.DATABASE_ONLY).latencyMs();
        }
        java.util.Arrays.sort(ms);
        return ms[n / 2];
    }
}
