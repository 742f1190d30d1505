package io.lakelens.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakelens.AppContext;
import io.lakelens.Config;
import io.lakelens.LakeLensException;
import io.lakelens.analytics.AnalysisKind;
import io.lakelens.analytics.AnalyticsBench;
import io.lakelens.analytics.AnalyticsService;
import io.lakelens.api.ApiBench;
import io.lakelens.data.DatasetSize;
import io.lakelens.data.GenerationReport;
import io.lakelens.data.LakeGenerator;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.search.Bench;
import io.lakelens.search.StrategyKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run a fixed, seeded mix of searches through each strategy (cold, then warm) and through plain "
                + "spark.sql as the baseline; print p50/p95/p99, hit ratio, rows/s and the ratio to the baseline.",
                "The lake is --lake if given, else the dataset's bench lake under ~/.cache/lakelens/bench/<dataset>.",
                "The table is kept in <lake>/.lakelens/bench/last.json for `lakelens stats --last-bench`."})
public final class BenchCommand extends LakeCommand {
    @Option(names = "--dataset", defaultValue = "medium", description = "small, medium or large (default medium).")
    String dataset;

    @Option(names = "--queries", defaultValue = "40", description = "Searches in the mix (default 40).")
    int queries;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the mix (default 42).")
    long seed;

    @Option(names = "--strategies", split = ",", description = "Strategies to run (default all four).")
    List<String> strategies;

    @Option(names = "--no-baseline", description = "Skip the spark.sql baseline.")
    boolean noBaseline;

    @Option(names = "--format", defaultValue = "table", description = "table or json.")
    Format format;

    private boolean lakeGiven;

    @Option(names = "--no-analytics", description = "Skip the analyses (sector, volatility, movers, risk).")
    boolean noAnalytics;

    @Option(names = "--analytics-only", description = "Bench only the analyses, not the searches.")
    boolean analyticsOnly;

    @Option(names = "--api", description = "Also time the searches over the HTTP API (lakelens serve) on loopback, next to in process.")
    boolean api;

    @Option(names = "--analytics-runs", defaultValue = "5",
            description = "Warm database-only runs per analysis (default 5); cache hits are 4× as many.")
    int analyticsRuns;

    /** Without --lake (or LAKELENS_LAKE), the dataset's own bench lake, generated on first use. */
    @Override
    protected Config config(Config fromOptions, boolean lakeGiven) {
        this.lakeGiven = lakeGiven;
        return lakeGiven ? fromOptions : fromOptions.withLake(benchLake(DatasetSize.parse(dataset)));
    }

    /** Generates the dataset into the bench lake (seed 42: every bench of a size reads the same data). */
    private void generate(AppContext ctx, DatasetSize size) {
        err().printf(Locale.ROOT, "Generating the %s bench lake (%,d market_data rows) into %s, once…%n", size.label(), size.rows(),
                ctx.config().lakeRoot());
        err().flush();
        GenerationReport report = new LakeGenerator(ctx.engine()).generate(size, 42, progress()::update);
        err().printf(Locale.ROOT, "Generated %,d rows in %.1f s.%n", report.totalRows(), report.elapsedMs() / 1000.0);
        err().flush();
    }

    static Path benchLake(DatasetSize size) {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("lakelens").resolve("bench").resolve(size.name().toLowerCase(Locale.ROOT));
    }

    @Override
    protected int run(AppContext ctx) {
        if (queries < 4 || queries > 10_000) {
            throw new LakeLensException("--queries must be between 4 and 10,000, not " + queries + ".");
        }
        DatasetSize size = DatasetSize.parse(dataset);
        if (size == DatasetSize.TINY || size == DatasetSize.XLARGE) {
            throw new LakeLensException("The bench runs on small, medium or large, not " + dataset + ".");
        }
        if (!ctx.engine().tableNames().contains(MarketData.NAME)) {
            if (lakeGiven) {
                throw new LakeLensException("The lake " + ctx.config().lakeRoot() + " has no market_data table to bench; "
                        + "run `lakelens generate --dataset " + size.name().toLowerCase(Locale.ROOT) + "` there or leave out --lake.");
            }
            generate(ctx, size);
        }
        List<StrategyKind> kinds = strategies == null ? Arrays.asList(StrategyKind.values())
                : strategies.stream().map(StrategyKind::parse).toList();
        ctx.cache().warning().ifPresent(w -> err().println("lakelens: " + w));
        Bench bench = new Bench(ctx.engine(), ctx.search(), msg -> progress().update(-1, msg), () -> false);
        if (analyticsOnly && noAnalytics) {
            throw new LakeLensException("--analytics-only and --no-analytics leave nothing to bench; drop one.");
        }
        Bench.Report report = analyticsOnly ? null : bench.run(MarketData.NAME, queries, seed, kinds, !noBaseline);
        List<AnalyticsBench.Line> analytics = List.of();
        if (!noAnalytics) {
            if (analyticsRuns < 1 || analyticsRuns > 1000) {
                throw new LakeLensException("--analytics-runs must be between 1 and 1,000, not " + analyticsRuns + ".");
            }
            List<String> tables = ctx.engine().tableNames();
            List<AnalysisKind> runnable = new ArrayList<>();
            for (AnalysisKind k : AnalysisKind.values()) {
                List<String> missing = k.tables().stream().filter(t -> !tables.contains(t)).toList();
                if (missing.isEmpty()) {
                    runnable.add(k);
                } else {
                    err().println("lakelens: " + k.title() + " not benched: the lake has no " + String.join(", ", missing) + ".");
                }
            }
            AnalyticsService service = ctx.own(new AnalyticsService(ctx.engine(), ctx::cache, ctx::tableVersions));
            analytics = new AnalyticsBench(service, msg -> progress().update(-1, msg), () -> false).run(analyticsRuns, 4 * analyticsRuns, runnable);
        }
        List<ApiBench.Line> apiLines = api && report != null ? ApiBench.run(ctx, MarketData.NAME, queries, seed, kinds, msg -> progress().update(-1, msg)) : List.of();
        progress().clear();
        Map<String, Object> json = report == null ? analyticsJson(ctx, size) : json(report, size);
        if (!analytics.isEmpty()) {
            json.put("analyticsHeader", analyticsHeader());
            json.put("analytics", analyticsRows(analytics));
            json.put("analyticsRaw", analytics);
            json.put("analyticsGoals", analyticsGoals(analytics, size));
        }
        if (!apiLines.isEmpty()) {
            json.put("api", apiLines);
        }
        save(ctx.config().lakeRoot(), json);
        if (format == Format.JSON) {
            out().println(Output.json(json));
        } else {
            if (report != null) {
                print(report, size);
            }
            if (!apiLines.isEmpty()) {
                out().println();
                out().println(ApiBench.TITLE);
                out().print(Output.table(ApiBench.header(), ApiBench.rows(apiLines)));
            }
            if (!analytics.isEmpty()) {
                out().println();
                out().println("Analyses (latest version; cold = first run in this process from Delta, warm = database-only, "
                        + "hit = cache-first after one fill):");
                out().print(Output.table(analyticsHeader(), analyticsRows(analytics)));
                out().println();
                for (String goal : analyticsGoals(analytics, size)) {
                    out().println(goal);
                }
            }
        }
        out().flush();
        return ExitCode.OK;
    }

    void print(Bench.Report r, DatasetSize size) {
        out().printf(Locale.ROOT, "Bench on %s: %s, %,d rows at version %d; %d searches (seed %d); cache %s%n%n",
                size.label(), r.table(), r.tableRows(), r.version(), r.queries(), r.seed(), r.cache());
        out().print(Output.table(header(), rows(r)));
        out().println();
        out().println("p50 ms by kind of search (warm passes; the baseline has no cache):");
        out().print(Output.table(kindHeader(r), kindRows(r)));
        out().println();
        for (String goal : goals(r)) {
            out().println(goal);
        }
    }

    static List<String> header() {
        return List.of("strategy", "phase", "p50 ms", "p95 ms", "p99 ms", "max ms", "hit ratio", "kernel/spark",
                "rows/s", "page bytes", "vs spark.sql p50");
    }

    static List<List<Object>> rows(Bench.Report r) {
        double base = r.lines().stream().filter(l -> l.name().equals("spark.sql")).mapToDouble(Bench.Line::p50Ms).findFirst().orElse(0);
        List<List<Object>> rows = new ArrayList<>();
        for (Bench.Line l : r.lines()) {
            boolean isBase = l.name().equals("spark.sql");
            rows.add(List.of(l.name(), isBase ? "-" : l.phase(), ms(l.p50Ms()), ms(l.p95Ms()), ms(l.p99Ms()), ms(l.maxMs()),
                    isBase || l.hitRatio() == 0 && l.name().equals(StrategyKind.DATABASE_ONLY.id()) ? "-" : pct(l.hitRatio()),
                    isBase ? "-" : l.kernelReads() + "/" + l.sparkReads(),
                    String.format(Locale.ROOT, "%,.0f", l.rowsPerSecond()),
                    l.cachedBytes() == 0 ? "-" : String.format(Locale.ROOT, "%,.0f", l.cachedBytes()),
                    isBase || base == 0 ? "1.0×" : String.format(Locale.ROOT, "%.1f× faster", base / Math.max(l.p50Ms(), 0.001))));
        }
        return rows;
    }

    private static List<String> kindHeader(Bench.Report r) {
        List<String> h = new ArrayList<>(List.of("kind"));
        for (Bench.Line l : r.lines()) {
            if (l.phase().equals("warm")) {
                h.add(l.name());
            }
        }
        return h;
    }

    private static List<List<Object>> kindRows(Bench.Report r) {
        List<List<Object>> rows = new ArrayList<>();
        for (Bench.Kind k : Bench.Kind.values()) {
            List<Object> row = new ArrayList<>(List.of(k.label()));
            boolean any = false;
            for (Bench.Line l : r.lines()) {
                if (l.phase().equals("warm")) {
                    Double v = l.p50ByKind().get(k);
                    row.add(v == null ? "-" : ms(v));
                    any |= v != null;
                }
            }
            if (any) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** The goals, reported against what was measured (never asserted). */
    static List<String> goals(Bench.Report r) {
        List<String> out = new ArrayList<>();
        find(r, StrategyKind.CACHE_FIRST.id(), "warm").ifPresent(l -> out.add(String.format(Locale.ROOT,
                "Goal: cache hit p50 ≤ 1 ms — measured %s ms (cache-first warm, hit ratio %s).", ms(l.p50Ms()), pct(l.hitRatio()))));
        find(r, StrategyKind.DATABASE_ONLY.id(), "warm").ifPresent(l -> {
            Double sym = l.p50ByKind().get(Bench.Kind.SYMBOL);
            if (sym != null) {
                out.add(String.format(Locale.ROOT, "Goal: warm selective search from Delta p50 ≤ 30 ms (on large) — measured %s ms "
                        + "(database-only symbol lookups, %,d rows).", ms(sym), r.tableRows()));
            }
            Double sector = l.p50ByKind().get(Bench.Kind.SECTOR);
            Double baseSector = find(r, "spark.sql", "warm").map(b -> b.p50ByKind().get(Bench.Kind.SECTOR)).orElse(null);
            if (sector != null && baseSector != null) {
                out.add(String.format(Locale.ROOT, "Goal: sector scans ≥ 3× faster than the baseline — measured %.1f× "
                        + "(database-only %s ms vs spark.sql %s ms p50).", baseSector / Math.max(sector, 0.001), ms(sector), ms(baseSector)));
            }
        });
        return out;
    }

    private static java.util.Optional<Bench.Line> find(Bench.Report r, String name, String phase) {
        return r.lines().stream().filter(l -> l.name().equals(name) && l.phase().equals(phase)).findFirst();
    }

    private static Map<String, Object> analyticsJson(AppContext ctx, DatasetSize size) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("measuredAt", Instant.now().toString());
        m.put("dataset", size.label().toLowerCase(Locale.ROOT));
        m.put("cache", ctx.cache().status().label() + " — " + ctx.cache().description());
        return m;
    }

    static List<String> analyticsHeader() {
        return List.of("analysis", "cold ms", "warm p50 ms", "warm p95 ms", "hit p50 ms", "hit p95 ms", "runs", "versions");
    }

    static List<List<Object>> analyticsRows(List<AnalyticsBench.Line> lines) {
        List<List<Object>> rows = new ArrayList<>();
        for (AnalyticsBench.Line l : lines) {
            rows.add(List.of(l.kind().id(), ms(l.coldMs()), ms(l.warmP50Ms()), ms(l.warmP95Ms()),
                    l.hitRuns() == 0 ? "-" : ms(l.hitP50Ms()), l.hitRuns() == 0 ? "-" : ms(l.hitP95Ms()),
                    l.warmRuns() + "/" + l.hitRuns(), l.versions()));
        }
        return rows;
    }

    /** The analytics goals of the issue, reported against what was measured (never asserted). */
    static List<String> analyticsGoals(List<AnalyticsBench.Line> lines, DatasetSize size) {
        double worstWarm = lines.stream().mapToDouble(AnalyticsBench.Line::warmP50Ms).max().orElse(Double.NaN);
        double worstHit = lines.stream().filter(l -> l.hitRuns() > 0).mapToDouble(AnalyticsBench.Line::hitP50Ms).max().orElse(Double.NaN);
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "Goal: every analysis warm from Delta ≤ 1 s (on large) — slowest warm p50 %s ms on %s.",
                ms(worstWarm), size.label()));
        out.add(Double.isNaN(worstHit) ? "Goal: every analysis from the cache ≤ 2 ms — not measured (no cache)."
                : String.format(Locale.ROOT, "Goal: every analysis from the cache ≤ 2 ms — slowest hit p50 %s ms on %s.",
                ms(worstHit), size.label()));
        return out;
    }

    static String ms(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.0f%%", v * 100);
    }

    static Map<String, Object> json(Bench.Report r, DatasetSize size) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("measuredAt", Instant.now().toString());
        m.put("dataset", size.label().toLowerCase(Locale.ROOT));
        m.put("table", r.table());
        m.put("rows", r.tableRows());
        m.put("version", r.version());
        m.put("queries", r.queries());
        m.put("seed", r.seed());
        m.put("cache", r.cache());
        m.put("header", header());
        m.put("lines", rows(r));
        m.put("raw", r.lines());
        m.put("goals", goals(r));
        return m;
    }

    static Path lastBench(Path lake) {
        return lake.resolve(".lakelens").resolve("bench").resolve("last.json");
    }

    private void save(Path lake, Map<String, Object> json) {
        Path file = lastBench(lake);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(json));
        } catch (IOException e) {
            err().println("lakelens: could not keep the bench table in " + file + ": " + e.getMessage());
        }
    }
}
