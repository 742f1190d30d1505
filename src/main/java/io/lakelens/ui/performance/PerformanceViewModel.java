package io.lakelens.ui.performance;

import io.lakelens.LakeLensException;
import io.lakelens.data.FeedStats;
import io.lakelens.data.MarketFeed;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.SparkJobTimes;
import io.lakelens.search.SearchFacets;
import io.lakelens.search.SearchMetrics;
import io.lakelens.search.SearchService;
import io.lakelens.search.StrategyKind;
import io.lakelens.text.Csv;
import io.lakelens.ui.kit.BackgroundTask;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.RunningTask;
import io.lakelens.ui.kit.TaskExecutor;
import io.lakelens.ui.kit.UiErrors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * State and commands of the Performance tab: one sample a second (latency per strategy, QPS,
 * hit ratio, errors and breaker, ingest, heap, Spark jobs) kept for 15 minutes, the load
 * generator and its results, and the live feed's Start/Stop. Samples are taken by a tick of the
 * window's executor ({@link TaskExecutor#every}) and reach {@link #samples()} on the UI thread
 * through {@link TaskExecutor#ui}, the one crossing point. Closing it stops the sampler, the load
 * and the feed.
 */
public final class PerformanceViewModel implements AutoCloseable {
    /** Fifteen minutes of one-second samples. */
    public static final int KEEP = 900;
    /** Symbols the load generator looks up at most. */
    private static final int SYMBOLS = 500;

    private final LakeEngine engine;
    private final SearchService search;
    private final Supplier<SearchMetrics> metricsSource;
    private volatile SearchMetrics metrics;
    private final TaskExecutor tasks;
    private final Notifier notifier;
    private final IntFunction<MarketFeed> feeds;

    private final ObservableList<PerformanceSample> samples = FXCollections.observableArrayList();
    private final BooleanProperty paused = new SimpleBooleanProperty(false);
    private final IntegerProperty windowMinutes = new SimpleIntegerProperty(5);

    private final IntegerProperty loadRate = new SimpleIntegerProperty(10);
    private final ObjectProperty<LoadGenerator.Mix> mix = new SimpleObjectProperty<>(LoadGenerator.Mix.MIXED);
    private final Map<StrategyKind, BooleanProperty> strategies = new EnumMap<>(StrategyKind.class);
    private final ReadOnlyBooleanWrapper loadRunning = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<StrategyResult> results = FXCollections.observableArrayList();
    private final Map<StrategyKind, Histogram> resultLatency = new EnumMap<>(StrategyKind.class);
    private final Map<StrategyKind, long[]> resultCounts = new EnumMap<>(StrategyKind.class);

    private final IntegerProperty feedRate = new SimpleIntegerProperty(1000);
    private final ReadOnlyBooleanWrapper feedRunning = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper feedStatus = new ReadOnlyStringWrapper("Feed stopped.");
    private final ReadOnlyStringWrapper loadStatus = new ReadOnlyStringWrapper("Load generator stopped.");

    private volatile LoadGenerator load;
    private volatile MarketFeed feed;
    private volatile SparkJobTimes jobTimes;
    private RunningTask sampler;
    private PerformanceSampler sampling;

    /**
     * @param metrics    the search service's metrics (null when there is none); asked for on the
     *                   sampler thread, since building the search service may start Redis
     * @param feeds   a new live feed at the given ticks per second, not started, its cache listeners
     *                attached (price keys, invalidation); called on a worker thread
     */
    public PerformanceViewModel(LakeEngine engine, SearchService search, Supplier<SearchMetrics> metrics, TaskExecutor tasks,
                                Notifier notifier, IntFunction<MarketFeed> feeds) {
        this.engine = engine;
        this.search = search;
        this.metricsSource = metrics;
        this.tasks = tasks;
        this.notifier = notifier;
        this.feeds = feeds;
        for (StrategyKind k : StrategyKind.values()) {
            strategies.put(k, new SimpleBooleanProperty(true));
        }
    }

    // ---- sampling -----------------------------------------------------------------------

    /** Starts sampling once a second and watching Spark's jobs (once Spark is up). Idempotent. */
    public synchronized void startSampling() {
        if (sampler != null) {
            return;
        }
        RunningTask ticking = tasks.every(Duration.ofSeconds(1), this::sampleNow);
        sampler = ticking;
        SparkJobTimes.watch(engine).thenAccept(t -> keepJobTimes(ticking, t));
    }

    /** Keeps the watcher while {@code ticking} is still the sampler; a late one of a stopped sampler is closed. */
    private synchronized void keepJobTimes(RunningTask ticking, SparkJobTimes times) {
        if (sampler == ticking && jobTimes == null) {
            jobTimes = times;
        } else {
            times.close();
        }
    }

    /** True while the sampler runs. */
    public synchronized boolean isSampling() {
        return sampler != null;
    }

    /** Takes one sample now (the sampler's tick calls this every second). */
    void sampleNow() {
        try {
            if (metrics == null) {
                metrics = metricsSource.get();
            }
            LoadGenerator g = load;
            List<LoadGenerator.Outcome> outcomes = g == null ? List.of() : g.drain();
            PerformanceSample s = sampler(g).sample(outcomes);
            tasks.ui(() -> {
                samples.add(s);
                if (samples.size() > KEEP) {
                    samples.remove(0, samples.size() - KEEP);
                }
                record(outcomes);
                refreshStatus();
            });
        } catch (RuntimeException e) {
            // a failed sample leaves a gap in the charts; the next second tries again
        }
    }

    private PerformanceSampler sampler(LoadGenerator g) {
        // A new generator, or Spark having started, needs a sampler that reads them.
        if (sampling == null || sampling.load() != g || sampling.jobs() != jobTimes || sampling.metrics() != metrics) {
            sampling = new PerformanceSampler(g, metrics, jobTimes, this::feedCommitted);
        }
        return sampling;
    }

    /** Stops the sampler and stops watching Spark's jobs; the kept samples stay. */
    public synchronized void stopSampling() {
        if (sampler != null) {
            sampler.cancel();
            sampler = null;
        }
        SparkJobTimes t = jobTimes;
        if (t != null) {
            jobTimes = null;
            t.close();
        }
    }

    private long feedCommitted() {
        MarketFeed f = feed;
        return f == null ? 0 : f.stats().rowsCommitted();
    }

    /** Writes the kept samples as CSV: one row a second, one column per series. */
    public void exportCsv(Path file) {
        List<PerformanceSample> copy = new ArrayList<>(samples);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            List<String> head = new ArrayList<>(List.of("time"));
            for (StrategyKind k : StrategyKind.values()) {
                head.add(k.id() + "_p50_ms");
                head.add(k.id() + "_p95_ms");
            }
            head.addAll(List.of("qps", "hit_ratio", "errors", "breaker", "ingest_rows_per_s", "heap_used_mb", "spark_jobs",
                    "spark_job_max_ms"));
            Csv.Writer w = Csv.to(out, Csv.LineEnd.CRLF).header(head);
            for (PerformanceSample s : copy) {
                List<Object> row = new ArrayList<>(List.of(s.at()));
                for (StrategyKind k : StrategyKind.values()) {
                    double[] l = s.latency().get(k);
                    row.add(l == null ? null : l[0]);
                    row.add(l == null ? null : l[1]);
                }
                row.addAll(java.util.Arrays.asList(s.qps(), s.hitRatio() < 0 ? null : s.hitRatio(), s.errors(),
                        s.breaker().name().toLowerCase(Locale.ROOT), s.ingestRowsPerS(), s.heapUsedMb(), s.sparkJobs(),
                        s.sparkJobMaxMs()));
                w.row(row);
            }
            w.flush();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new LakeLensException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    // ---- load generator -----------------------------------------------------------------

    /**
     * Starts the load with the chosen rate, mix and strategies (reading the symbol universe
     * first, in the background). Completes when the load runs.
     */
    public CompletableFuture<Void> startLoad() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        List<StrategyKind> chosen = strategies.entrySet().stream().filter(e -> e.getValue().get()).map(Map.Entry::getKey).toList();
        int rate = loadRate.get();
        LoadGenerator.Mix m = mix.get();
        BackgroundTask.wrap(() -> {
                    LoadGenerator g = load;
                    if (g == null) {
                        g = newGenerator();
                    }
                    g.start(rate, m, chosen, 8);
                    return g;
                })
                .withTitle("Starting the load generator")
                .onSuccess(g -> {
                    if (load != g) {
                        resultLatency.clear();
                        resultCounts.clear();
                        results.clear();
                    }
                    load = g;
                    loadRunning.set(true);
                    refreshStatus();
                    done.complete(null);
                })
                .onFailure(e -> {
                    loadStatus.set(UiErrors.message(e));
                    done.completeExceptionally(e);
                })
                .executeWith(tasks);
        return done;
    }

    private LoadGenerator newGenerator() {
        SearchFacets facets = SearchFacets.read(engine);
        List<String> s = facets.symbols().stream().map(SearchFacets.Symbol::symbol)
                .filter(x -> !x.isBlank()).limit(SYMBOLS).toList();
        List<String> b = new ArrayList<>(facets.sectors());
        if (b.isEmpty()) {
            b.addAll(s);
        }
        return new LoadGenerator(search, tasks, s, b);
    }

    public void stopLoad() {
        LoadGenerator g = load;
        if (g != null) {
            g.stop();
        }
        loadRunning.set(false);
        refreshStatus();
    }

    /** Resets the results table (the charts keep their history). */
    public void clearResults() {
        resultLatency.clear();
        resultCounts.clear();
        results.clear();
    }

    private void record(List<LoadGenerator.Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        for (LoadGenerator.Outcome o : outcomes) {
            long[] c = resultCounts.computeIfAbsent(o.strategy(), k -> new long[3]);
            c[0]++;
            if (o.error()) {
                c[1]++;
                continue;
            }
            if (o.cacheHit()) {
                c[2]++;
            }
            resultLatency.computeIfAbsent(o.strategy(), k -> new Histogram(3_600_000_000L, 3))
                    .recordValue(Math.max(1, Math.round(o.latencyMs() * 1000)));
        }
        List<StrategyResult> rows = new ArrayList<>();
        for (StrategyKind k : StrategyKind.values()) {
            long[] c = resultCounts.get(k);
            if (c == null) {
                continue;
            }
            Histogram h = resultLatency.get(k);
            long ok = c[0] - c[1];
            rows.add(new StrategyResult(k, c[0], c[1], h == null ? 0 : h.getValueAtPercentile(50) / 1000.0,
                    h == null ? 0 : h.getValueAtPercentile(95) / 1000.0, h == null ? 0 : h.getValueAtPercentile(99) / 1000.0,
                    h == null ? 0 : h.getMean() / 1000.0, ok == 0 ? 0 : (double) c[2] / ok));
        }
        results.setAll(rows);
    }

    // ---- feed ---------------------------------------------------------------------------

    /** Starts the live feed into market_data at {@link #feedRateProperty()} ticks a second. */
    public CompletableFuture<Void> startFeed() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        int rate = feedRate.get();
        BackgroundTask.wrap(() -> {
                    MarketFeed f = feeds.apply(rate);
                    f.start();
                    return f;
                })
                .withTitle("Starting the live feed")
                .onSuccess(f -> {
                    feed = f;
                    feedRunning.set(true);
                    refreshStatus();
                    done.complete(null);
                })
                .onFailure(e -> {
                    feedStatus.set(UiErrors.message(e));
                    notifier.error(e);
                    done.completeExceptionally(e);
                })
                .executeWith(tasks);
        return done;
    }

    /** Stops the feed after committing the ticks it holds. */
    public CompletableFuture<FeedStats> stopFeed() {
        CompletableFuture<FeedStats> done = new CompletableFuture<>();
        MarketFeed f = feed;
        if (f == null) {
            done.complete(null);
            return done;
        }
        BackgroundTask.wrap(f::stop)
                .withTitle("Stopping the live feed")
                .onSuccess(s -> {
                    feedRunning.set(false);
                    feedStatus.set("Stopped: " + s.summary());
                    notifier.info("Live feed stopped: " + s.summary());
                    done.complete(s);
                })
                .onFailure(e -> {
                    feedStatus.set(UiErrors.message(e));
                    done.completeExceptionally(e);
                })
                .executeWith(tasks);
        return done;
    }

    private void refreshStatus() {
        MarketFeed f = feed;
        if (f != null && feedRunning.get()) {
            FeedStats s = f.stats();
            feedStatus.set(String.format(Locale.ROOT, "Feeding %s at %,d rows/s: %,d rows in %,d commits (v%d)%s", f.table(),
                    f.rowsPerSecond(), s.rowsCommitted(), s.batches(), s.lastVersion(),
                    s.lastError().isEmpty() ? "" : " · last error: " + s.lastError()));
        }
        LoadGenerator g = load;
        if (g != null) {
            loadStatus.set(String.format(Locale.ROOT, "%s: %,d searches sent%s", g.isRunning() ? "Running" : "Stopped",
                    g.sent(), g.skipped() == 0 ? "" : String.format(Locale.ROOT, ", %,d skipped (engine busy)", g.skipped())));
        }
    }

    @Override
    public void close() {
        stopSampling();
        LoadGenerator g = load;
        if (g != null) {
            g.close();
        }
        MarketFeed f = feed;
        if (f != null) {
            f.stop();
        }
    }

    // ---- properties ---------------------------------------------------------------------

    /** The last 15 minutes of samples, oldest first; changes on the UI thread. */
    public ObservableList<PerformanceSample> samples() {
        return samples;
    }

    /** While true the charts hold still (sampling goes on). */
    public BooleanProperty pausedProperty() {
        return paused;
    }

    /** How much of the history the charts show: 1, 5 or 15 minutes. */
    public IntegerProperty windowMinutesProperty() {
        return windowMinutes;
    }

    public IntegerProperty loadRateProperty() {
        return loadRate;
    }

    public ObjectProperty<LoadGenerator.Mix> mixProperty() {
        return mix;
    }

    public BooleanProperty strategyProperty(StrategyKind k) {
        return strategies.get(k);
    }

    public ReadOnlyBooleanProperty loadRunningProperty() {
        return loadRunning.getReadOnlyProperty();
    }

    public ObservableList<StrategyResult> results() {
        return results;
    }

    public ReadOnlyStringProperty loadStatusProperty() {
        return loadStatus.getReadOnlyProperty();
    }

    public IntegerProperty feedRateProperty() {
        return feedRate;
    }

    public ReadOnlyBooleanProperty feedRunningProperty() {
        return feedRunning.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty feedStatusProperty() {
        return feedStatus.getReadOnlyProperty();
    }
}
