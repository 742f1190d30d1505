package io.lakelens.cluster;

import io.lakelens.Config;
import io.lakelens.cache.CacheConnection;
import io.lakelens.cache.CacheSettings;
import io.lakelens.cache.CacheStatus;
import io.lakelens.cache.EmbeddedRedis;
import io.lakelens.cache.RedisCache;
import io.lakelens.cache.TableVersions;
import io.lakelens.data.DatasetSize;
import io.lakelens.data.GenerationListener;
import io.lakelens.data.LakeGenerator;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.SparkJobs;
import io.lakelens.lake.maintenance.OptimizeRequest;
import io.lakelens.lake.maintenance.Optimizer;
import io.lakelens.search.DefaultSearchService;
import io.lakelens.search.Route;
import io.lakelens.search.SearchRequest;
import io.lakelens.search.SearchResult;
import io.lakelens.search.SearchSettings;
import io.lakelens.search.StrategyKind;
import org.apache.spark.sql.Row;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

/**
 * The same LakeLens work on one Spark master: generate a lake, append, search (forced onto
 * Spark, not the Kernel path), read an old version, OPTIMIZE. Each step is timed and its
 * answer kept, so two runs (local and a cluster) can be compared for speed and for equality.
 */
public final class ClusterDemo {
    /** One step's wall time and its answer (what must match between masters). */
    public record Step(String name, long millis, String answer) {
    }

    private ClusterDemo() {
    }

    /** Runs every step on a fresh lake; the engine is closed (its session stopped) at the end. */
    public static List<Step> run(String master, Path lake, DatasetSize size, Consumer<String> log) {
        List<Step> steps = new ArrayList<>();
        Config config = new Config(lake.toAbsolutePath().normalize(), master, false, Optional.empty(), true, false);
        try (LakeEngine engine = new LakeEngine(config)) {
            steps.add(timed("start session", log, () -> engine.spark().version()));
            steps.add(timed("generate " + size.name(), log, () -> {
                var r = new LakeGenerator(engine).generate(size, 42, GenerationListener.NONE);
                return new java.util.TreeMap<>(r.rowsPerTable()).toString();
            }));
            steps.add(timed("append 200k rows", log, () -> engine.write("cluster_append", "append from the cluster demo", s -> {
                s.range(0, 200_000).selectExpr("id", "id % 97 AS bucket", "cast(id * 1.5 AS double) AS amount")
                        .write().format("delta").mode("append").save(engine.tablePath("cluster_append").toString());
                var df = engine.read("cluster_append", AsOf.LATEST);
                return Long.toString(df.count());
            })));
            steps.add(timed("aggregate 200k rows", log, () -> {
                var df = engine.read("cluster_append", AsOf.LATEST);
                Row r = df.groupBy(col("bucket")).agg(sum(col("amount")).as("s")).agg(sum(col("s"))).first();
                return String.valueOf(r.get(0));
            }));
            try (EmbeddedRedis redis = EmbeddedRedis.start(32)) {
                CacheSettings cs = CacheSettings.defaults();
                try (RedisCache cache = new RedisCache(CacheConnection.connect(redis.url(), CacheStatus.EMBEDDED, "demo Redis",
                        null, cs), cs);
                     DefaultSearchService search = new DefaultSearchService(engine, cache,
                             new TableVersions(engine, cache, Duration.ofSeconds(5)),
                             SearchSettings.defaults().withRoute(Route.Choice.SPARK))) {
                    steps.add(timed("search (Spark route)", log, () -> {
                        SearchResult r = search.searchNow(SearchRequest.of("Technology"), StrategyKind.DATABASE_ONLY);
                        return r.totalMatches() + " matches, v" + r.version();
                    }));
                    steps.add(timed("search (cache-first)", log, () -> {
                        SearchResult r = search.searchNow(SearchRequest.of("Technology"), StrategyKind.CACHE_FIRST);
                        return r.totalMatches() + " matches, v" + r.version();
                    }));
                }
            }
            steps.add(timed("time travel: version 0", log, () -> {
                var df = engine.read(MarketData.NAME, new AsOf.Version(0));
                return engine.readAction(MarketData.NAME, new AsOf.Version(0), () -> Long.toString(df.count()));
            }));
            steps.add(timed("OPTIMIZE market_data", log, () -> {
                var r = new Optimizer(engine).optimize(new OptimizeRequest(MarketData.NAME, List.of(), null,
                        "cluster demo", false), new SparkJobs.Control());
                var df = engine.read(MarketData.NAME, AsOf.LATEST);
                return engine.readAction(MarketData.NAME, AsOf.LATEST, () -> df.count()) + " rows after";
            }));
        }
        return steps;
    }

    private static Step timed(String name, Consumer<String> log, Supplier<String> work) {
        long t0 = System.nanoTime();
        String answer = work.get();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        log.accept(String.format("  %-24s %8d ms  %s", name, ms, answer));
        return new Step(name, ms, answer);
    }

    /** Both runs side by side; the last column says whether the answers agree. */
    public static String compare(String masterA, List<Step> a, String masterB, List<Step> b) {
        Map<String, Step> byName = new LinkedHashMap<>();
        b.forEach(s -> byName.put(s.name(), s));
        StringBuilder sb = new StringBuilder(String.format("%-24s %14s %14s  %s%n", "step", masterA, "cluster", "same answer"));
        for (Step s : a) {
            Step o = byName.get(s.name());
            sb.append(String.format("%-24s %11d ms %11s ms  %s%n", s.name(), s.millis(), o == null ? "-" : Long.toString(o.millis()),
                    o == null ? "not run" : s.answer().equals(o.answer()) || s.name().equals("start session") ? "yes" : "NO: " + s.answer() + " vs " + o.answer()));
        }
        return sb.toString();
    }
}
