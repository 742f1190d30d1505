package io.lakelens.ui.performance;

import io.lakelens.TestLakes;
import io.lakelens.ViewModelTest;
import io.lakelens.cache.CacheConnection;
import io.lakelens.cache.CacheSettings;
import io.lakelens.cache.RedisCache;
import io.lakelens.cache.TableVersions;
import io.lakelens.data.MarketFeed;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import io.lakelens.search.DefaultSearchService;
import io.lakelens.search.MarketDataFixture;
import io.lakelens.search.SearchSettings;
import io.lakelens.search.StrategyKind;
import io.lakelens.ui.kit.CurrentThreadTaskExecutor;
import io.lakelens.ui.kit.Notifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Performance ViewModel against a real lake and search service (no Redis: the cache always misses). */
@Timeout(300)
@ViewModelTest
class PerformanceViewModelTest {
    @TempDir
    static Path lake;
    @TempDir
    static Path out;
    static LakeEngine engine;
    static RedisCache cache;
    static DefaultSearchService search;
    static PerformanceViewModel model;
    static CurrentThreadTaskExecutor tasks;

    @BeforeAll
    static void start() {
        engine = TestLakes.engine(lake);
        MarketDataFixture.create(engine);
        CacheSettings cs = CacheSettings.defaults();
        cache = new RedisCache(CacheConnection.none("no cache", Optional.empty()), cs);
        search = new DefaultSearchService(engine, cache, new TableVersions(engine, cache, Duration.ofSeconds(1)),
                SearchSettings.defaults());
        tasks = new CurrentThreadTaskExecutor();
        model = new PerformanceViewModel(engine, search, search::metrics, tasks, new Notifier(Runnable::run),
                rate -> new MarketFeed(engine, rate));
    }

    @AfterAll
    static void stop() {
        model.close();
        search.close();
        cache.close();
    }

    @Test
    void theSamplerTicksOnTheExecutorUntilStopped() {
        model.samples().clear();
        model.startSampling();
        try {
            assertTrue(model.isSampling());
            tasks.tick();
            tasks.tick();
            assertEquals(2, model.samples().size(), "each tick of the executor takes one sample");
        } finally {
            model.stopSampling();
        }
        assertFalse(model.isSampling());
        tasks.tick();
        assertEquals(2, model.samples().size(), "a stopped sampler takes no more samples");
    }

    @Test
    void samplesKeepFifteenMinutesAndExportAsCsv() throws Exception {
        model.samples().clear();
        for (int i = 0; i < PerformanceViewModel.KEEP + 5; i++) {
            model.sampleNow();
        }
        assertEquals(PerformanceViewModel.KEEP, model.samples().size());
        assertTrue(model.samples().get(0).heapUsedMb() > 0);
        Path csv = out.resolve("perf.csv");
        model.exportCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(PerformanceViewModel.KEEP + 1, lines.size());
        assertTrue(lines.get(0).startsWith("time,cache-first_p50_ms,cache-first_p95_ms,database-only_p50_ms"), lines.get(0));
        assertTrue(lines.get(0).endsWith("ingest_rows_per_s,heap_used_mb,spark_jobs,spark_job_max_ms"));
    }

    @Test
    void theLoadGeneratorsSearchesShowUpInSamplesAndResults() throws Exception {
        model.loadRateProperty().set(4);
        model.strategyProperty(StrategyKind.CIRCUIT_BREAKER).set(false);
        model.strategyProperty(StrategyKind.HYBRID).set(false);
        model.startLoad().join();
        assertTrue(model.loadRunningProperty().get());
        model.sampleNow(); // the counts before any search: the rate of the next sample is measured from here
        for (int i = 0; i < 4; i++) {
            tasks.tick(); // each tick of the generator sends one search
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (model.results().stream().mapToLong(StrategyResult::searches).sum() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(100); // the searches answer on the search service's threads
            model.sampleNow();
        }
        model.sampleNow(); // at least one sample after the answers, however fast they came
        model.stopLoad();
        assertFalse(model.loadRunningProperty().get());
        List<StrategyResult> results = List.copyOf(model.results());
        assertTrue(results.stream().mapToLong(StrategyResult::searches).sum() >= 4, results.toString());
        assertTrue(results.stream().noneMatch(r -> r.strategy() == StrategyKind.HYBRID), "only the chosen strategies run");
        assertTrue(results.stream().allMatch(r -> r.errors() == 0), results.toString());
        assertTrue(results.stream().allMatch(r -> r.p50Ms() > 0 && r.p95Ms() >= r.p50Ms()));
        assertTrue(model.samples().stream().anyMatch(s -> !s.latency().isEmpty()), "latency reached the charts' samples");
        assertTrue(model.samples().stream().anyMatch(s -> s.qps() > 0));
    }

    @Test
    void theFeedControlStartsAndStopsTheFeedWithoutLosingTicks() {
        long before = engine.read("market_data", AsOf.LATEST).count();
        model.feedRateProperty().set(20);
        model.startFeed().join();
        assertTrue(model.feedRunningProperty().get());
        try {
            Thread.sleep(2500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        model.sampleNow();
        var stats = model.stopFeed().join();
        assertFalse(model.feedRunningProperty().get());
        assertTrue(stats.rowsCommitted() > 0, stats.summary());
        assertEquals(stats.rowsGenerated(), stats.rowsCommitted());
        assertEquals(before + stats.rowsCommitted(), engine.read("market_data", AsOf.LATEST).count());
        assertTrue(model.feedStatusProperty().get().startsWith("Stopped: "), model.feedStatusProperty().get());
    }
}
