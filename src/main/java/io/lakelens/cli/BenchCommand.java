package io.lakelens.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakelens.AppContext;
import io.lakelens.Config;
import io.lakelens.LakeLensException;
import io.lakelens.LakeStateFolder;
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
import io.lakelens.text.AtomicFile;
import io.lakelens.ui.Launcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
        description = {"Measure LakeLens against plain spark.sql: searches through each strategy and the named analyses "
                + "on both engines, cold (every in-JVM cache and the Redis entries dropped before each run) and warm, "
                + "every answer compared with the baseline's (a difference fails the run); the first search in a new "
                + "process (fresh) and start-up times, measured in child JVMs from process start; generation time.",
                "--dataset takes a list (small,medium,large,xlarge): each size runs in its own JVM on its own bench lake "
                        + "(generated once into --bench-lakes/<size>), and --format json then prints a JSON array with "
                        + "one object per dataset (a single dataset prints one object).",
                "Exit code 3 (a failed check) when an answer differs from the baseline's (the mismatches are listed).",
                "The table is kept in <lake>/.lakelens/bench/last.json for `lakelens stats --last-bench`."})
public final class BenchCommand extends LakeCommand {
    /** The exit code of a run whose answers differ from the baseline's. */
    static final int MISMATCH = ExitCode.CHECK_FAILED;

    @Option(names = "--dataset", defaultValue = "medium", split = ",", paramLabel = "SIZE",
            description = "tiny, small, medium, large or xlarge, or a list (default medium).")
    List<String> datasets;

    @Option(names = "--bench-lakes", paramLabel = "DIR",
            description = "Folder of the bench lakes, one per size (default ~/.cache/lakelens/bench).")
    Path benchLakes;

    @Option(names = "--queries", defaultValue = "200", description = "Searches in the mix, timed warm (default 200).")
    int queries;

    @Option(names = "--cold-queries", defaultValue = "50",
            description = "Searches of the mix timed cold, caches dropped before each (default 50).")
    int coldQueries;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the mix (default 42).")
    long seed;

    @Option(names = "--strategies", split = ",", description = "Strategies to run (default all four).")
    List<String> strategies;

    @Option(names = "--no-baseline", description = "Skip the spark.sql baseline (answers are then compared with Kernel reads).")
    boolean noBaseline;

    @Option(names = "--format", defaultValue = "table", description = "table or json.")
    Format format;

    @Option(names = "--no-analytics", description = "Skip the analyses (sector, volatility, movers, risk).")
    boolean noAnalytics;

    @Option(names = "--analytics-only", description = "Bench only the analyses, not the searches.")
    boolean analyticsOnly;

    @Option(names = "--api", description = "Also time the searches over the HTTP API (lakelens serve) on loopback, next to in process.")
    boolean api;

    @Option(names = "--analytics-runs", defaultValue = "10",
            description = "Warm runs per analysis and engine (default 10); 3 cold runs each, cache hits 4× as many.")
    int analyticsRuns;

    @Option(names = "--fresh-runs", defaultValue = "1",
            description = "New processes per strategy for the fresh phase (default 1; 0 skips it).")
    int freshRuns;

    @Option(names = "--no-startup", description = "Skip the start-up figures (CLI tables, the window).")
    boolean noStartup;

    @Option(names = "--chart", paramLabel = "FILE.png", description = "Draw warm search p50 against dataset size (log-log).")
    Path chart;

    @Option(names = "--kept", description = "Print (and with --chart draw) the figures kept in --bench-lakes for the sizes asked, without benching again.")
    boolean kept;

    @Option(names = "--tamper-baseline", hidden = true,
            description = "Alter the baseline's first answer, to check that a wrong answer fails the run.")
    boolean tamperBaseline;

    private boolean lakeGiven;
    private List<ApiBench.Line> lastApiLines = List.of();

    @Override
    protected Config config(Config fromOptions, boolean lakeGiven) {
        this.lakeGiven = lakeGiven;
        if (lakeGiven || datasets.size() != 1 || kept) {
            return fromOptions;
        }
        return fromOptions.withLake(benchLake(benchLakes, DatasetSize.parse(datasets.getFirst().strip())));
    }

    static Path benchLake(Path base, DatasetSize size) {
        if (base == null) {
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
            base = cache.resolve("lakelens").resolve("bench");
        }
        return base.resolve(size.name().toLowerCase(Locale.ROOT));
    }

    /** Where one size's figures are kept beside its bench lake: {@code <bench-lakes>/<size>-bench.json}. */
    static Path keptFigures(Path base, DatasetSize size) {
        Path lake = benchLake(base, size);
        return lake.resolveSibling(lake.getFileName() + "-bench.json");
    }

    @Override
    protected int run(AppContext ctx) {
        validate();
        List<DatasetSize> sizes = datasets.stream().map(s -> DatasetSize.parse(s.strip())).distinct().toList();
        if (kept) {
            return showKept(sizes);
        }
        if (sizes.size() > 1) {
            if (lakeGiven) {
                throw new LakeLensException("--lake holds one dataset; with several sizes leave it out (see --bench-lakes).");
            }
            return runEach(sizes);
        }
        Map<String, Object> result = benchOne(ctx, sizes.getFirst());
        @SuppressWarnings("unchecked")
        List<Object> mismatches = (List<Object>) result.get("mismatches");
        if (!lakeGiven) {
            keep(sizes.getFirst(), result);
        }
        if (format == Format.JSON) {
            out().println(Output.json(result));
        } else {
            print(result);
        }
        if (chart != null) {
            drawChart(List.of(result));
        }
        out().flush();
        return mismatches.isEmpty() ? ExitCode.OK : MISMATCH;
    }

    private void validate() {
        if (queries < 4 || queries > 10_000) {
            throw new LakeLensException("--queries must be between 4 and 10,000, not " + queries + ".");
        }
        if (coldQueries > queries && spec.commandLine().getParseResult().matchedOption("--cold-queries") == null) {
            coldQueries = queries; // the default of cold searches never exceeds the searches asked for
        }
        if (coldQueries < 0 || coldQueries > queries) {
            throw new LakeLensException("--cold-queries must be between 0 and --queries (" + queries + "), not " + coldQueries + ".");
        }
        if (analyticsRuns < 1 || analyticsRuns > 1000) {
            throw new LakeLensException("--analytics-runs must be between 1 and 1,000, not " + analyticsRuns + ".");
        }
        if (freshRuns < 0 || freshRuns > 20) {
            throw new LakeLensException("--fresh-runs must be between 0 and 20, not " + freshRuns + ".");
        }
        if (analyticsOnly && noAnalytics) {
            throw new LakeLensException("--analytics-only and --no-analytics leave nothing to bench; drop one.");
        }
        if (chart != null && !chart.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new LakeLensException("--chart writes a PNG; name the file *.png.");
        }
    }

    /** One JVM per dataset, each running this command on one size; their JSON objects merged into a list. */
    private int runEach(List<DatasetSize> sizes) {
        List<Map<String, Object>> results = new ArrayList<>();
        int worst = ExitCode.OK;
        ObjectMapper json = new ObjectMapper();
        for (DatasetSize size : sizes) {
            List<String> args = new ArrayList<>(List.of("bench", "--dataset", size.name().toLowerCase(Locale.ROOT),
                    "--format", "json", "--queries", Integer.toString(queries), "--cold-queries", Integer.toString(coldQueries),
                    "--seed", Long.toString(seed), "--analytics-runs", Integer.toString(analyticsRuns),
                    "--fresh-runs", Integer.toString(freshRuns)));
            if (benchLakes != null) {
                args.addAll(List.of("--bench-lakes", benchLakes.toAbsolutePath().toString()));
            }
            if (strategies != null) {
                args.addAll(List.of("--strategies", String.join(",", strategies)));
            }
            for (var flag : Map.of("--no-baseline", noBaseline, "--no-analytics", noAnalytics, "--analytics-only", analyticsOnly,
                    "--no-startup", noStartup, "--tamper-baseline", tamperBaseline, "--api", api).entrySet()) {
                if (flag.getValue()) {
                    args.add(flag.getKey());
                }
            }
            args.addAll(globalArgs(parent.global));
            err().println("lakelens: benching " + size.label() + " in its own JVM…");
            err().flush();
            BenchChildren.Outcome o = BenchChildren.runBench(args);
            worst = Math.max(worst, o.exitCode());
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> r = json.readValue(o.stdout(), LinkedHashMap.class);
                results.add(r); // the child kept its figures beside its lake, so a later size that fails loses none
                if (format == Format.TABLE) {
                    print(r);
                    out().println();
                }
            } catch (IOException e) {
                throw new LakeLensException("The " + size.label() + " bench ended with exit code " + o.exitCode()
                        + " and no result (" + Errors.firstLineOf(o.stdout()) + ").", e);
            }
        }
        if (format == Format.JSON) {
            out().println(Output.json(results));
        }
        if (chart != null) {
            drawChart(results);
        }
        out().flush();
        return worst;
    }

    /** Keeps one size's figures beside its bench lake, for {@code --kept} and a later chart over every size. */
    private void keep(DatasetSize size, Map<String, Object> result) {
        Path file = keptFigures(benchLakes, size);
        try {
            Files.createDirectories(file.getParent());
            AtomicFile.write(file, out -> out.write(Output.json(result).getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            err().println("lakelens: could not keep the " + size.label() + " figures in " + file + ": " + e.getMessage());
        }
    }

    /** The figures earlier runs kept for these sizes, printed and charted as if just measured. */
    private int showKept(List<DatasetSize> sizes) {
        List<Map<String, Object>> results = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (DatasetSize size : sizes) {
            Path file = keptFigures(benchLakes, size);
            if (!Files.isRegularFile(file)) {
                String id = size.name().toLowerCase(Locale.ROOT);
                throw new LakeLensException("No figures for " + id + " are kept in " + file.getParent() + "; run lakelens bench --dataset "
                        + id + (benchLakes != null ? " --bench-lakes " + benchLakes : "") + " first.");
            }
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> r = json.readValue(file.toFile(), LinkedHashMap.class);
                results.add(r);
            } catch (IOException e) {
                throw new LakeLensException("The kept " + size.label() + " figures in " + file + " cannot be read: "
                        + Errors.firstLineOf(e.getMessage()), e);
            }
            if (format == Format.TABLE) {
                print(results.getLast());
                out().println();
            }
        }
        if (format == Format.JSON) {
            out().println(Output.json(results));
        }
        if (chart != null) {
            drawChart(results);
        }
        out().flush();
        return ExitCode.OK;
    }

    /** The global options a child bench runs with (the lake is each size's own). */
    private static List<String> globalArgs(GlobalOptions g) {
        List<String> a = new ArrayList<>();
        if (g.sparkMaster != null) {
            a.addAll(List.of("--spark-master", g.sparkMaster));
        }
        if (g.redis != null) {
            a.addAll(List.of("--redis", g.redis));
        }
        if (g.noRedis) {
            a.add("--no-redis");
        }
        if (g.readOnly) {
            a.add("--read-only");
        }
        return a;
    }

    /** Benches the context's lake (generated first when it is a bench lake without data). */
    private Map<String, Object> benchOne(AppContext ctx, DatasetSize size) {
        Path lake = ctx.config().lakeRoot();
        Map<String, Object> generation = readGeneration(lake);
        if (!ctx.engine().tableNames().contains(MarketData.NAME)) {
            if (lakeGiven) {
                throw new LakeLensException("The lake " + lake + " has no market_data table to bench; run `lakelens generate "
                        + "--dataset " + size.name().toLowerCase(Locale.ROOT) + "` there or leave out --lake.");
            }
            generation = generate(ctx, size);
        }
        List<StrategyKind> kinds = strategies == null ? Arrays.asList(StrategyKind.values())
                : strategies.stream().map(StrategyKind::parse).toList();

        // Child JVMs first, while this one has not started Spark: each measures a process of its own.
        Map<String, Object> startup = new LinkedHashMap<>();
        startup.put("cliFirstSearchMs", null);
        startup.put("cliTablesMs", null);
        startup.put("windowInteractiveMs", null);
        List<Bench.Line> fresh = new ArrayList<>();
        String symbol = null;
        if (!analyticsOnly && (freshRuns > 0 || !noStartup)) {
            symbol = BenchChildren.firstSymbol(ctx.engine());
        }
        if (!analyticsOnly && freshRuns > 0) {
            for (StrategyKind k : kinds) {
                double[] ms = new double[freshRuns];
                int errors = 0;
                for (int i = 0; i < freshRuns; i++) {
                    progress("fresh " + k.id() + " " + (i + 1) + "/" + freshRuns + ": a new process searching " + symbol);
                    double m = BenchChildren.firstSearch(lake, k, symbol);
                    errors += Double.isNaN(m) ? 1 : 0;
                    ms[i] = m;
                }
                double[] ok = Arrays.stream(ms).filter(d -> !Double.isNaN(d)).toArray();
                fresh.add(new Bench.Line(k.id(), "fresh", "all", ok.length, Bench.percentile(ok, 50), Bench.percentile(ok, 95),
                        Bench.percentile(ok, 99), 0, errors, 0, null, 0, 0));
            }
            fresh.stream().filter(l -> l.strategy().equals(StrategyKind.DATABASE_ONLY.id()) && l.n() > 0).findFirst()
                    .ifPresent(l -> startup.put("cliFirstSearchMs", l.p50Ms()));
        }
        if (!noStartup) {
            if (startup.get("cliFirstSearchMs") == null && symbol != null) {
                progress("start-up: a new process searching " + symbol);
                startup.put("cliFirstSearchMs", nanToNull(BenchChildren.firstSearch(lake, StrategyKind.DATABASE_ONLY, symbol)));
            }
            progress("start-up: a new process listing the tables");
            startup.put("cliTablesMs", nanToNull(BenchChildren.tables(lake)));
            progress("start-up: a new window showing its first page (headless)");
            startup.put("windowInteractiveMs", nanToNull(BenchChildren.windowFirstPage(lake)));
        }

        ctx.cache().warning().ifPresent(w -> err().println("lakelens: " + w));
        Bench.Report report = null;
        List<Object> mismatches = new ArrayList<>();
        if (!analyticsOnly) {
            report = new Bench(ctx.engine(), ctx.search(), this::progress, () -> false).tamperWithBaseline(tamperBaseline)
                    .run(MarketData.NAME, queries, coldQueries, seed, kinds, !noBaseline);
            report.mismatches().forEach(m -> mismatches.add(m));
        }
        AnalyticsBench.Result analytics = new AnalyticsBench.Result(List.of(), List.of());
        if (!noAnalytics) {
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
            analytics = new AnalyticsBench(service, this::progress, () -> false, () -> {
                org.apache.spark.sql.delta.DeltaLog.clearCache();
                ctx.engine().spark().catalog().clearCache();
                ctx.tableVersions().invalidate(MarketData.NAME);
                ctx.tableVersions().invalidate(io.lakelens.data.Tables.Holdings.NAME);
            }).run(3, analyticsRuns, 4 * analyticsRuns, runnable);
            for (String m : analytics.mismatches()) {
                mismatches.add(Map.of("analysis", m));
            }
        }
        List<ApiBench.Line> apiLines = api && report != null ? ApiBench.run(ctx, MarketData.NAME, queries, seed, kinds,
                this::progress) : List.of();
        if (!apiLines.isEmpty()) {
            lastApiLines = apiLines;
        }
        progress("");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", size.name().toLowerCase(Locale.ROOT));
        m.put("rows", report != null ? report.tableRows() : ctx.engine().readAction(MarketData.NAME, io.lakelens.lake.AsOf.LATEST,
                () -> ctx.engine().read(MarketData.NAME, io.lakelens.lake.AsOf.LATEST).count()));
        m.put("version", report != null ? report.version() : ctx.engine().latestVersion(MarketData.NAME));
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("heapMaxMiB", Runtime.getRuntime().maxMemory() >> 20);
        m.put("measuredAt", Instant.now().toString());
        m.put("loadAverage", loadAverage());
        m.put("lake", lake.toString());
        m.put("table", MarketData.NAME);
        m.put("queries", queries);
        m.put("coldQueries", report == null ? 0 : report.coldQueries());
        m.put("seed", seed);
        m.put("cache", ctx.cache().status().label() + " — " + ctx.cache().description());
        List<Bench.Line> lines = new ArrayList<>(fresh);
        if (report != null) {
            lines.addAll(report.lines());
        }
        m.put("searches", lines);
        m.put("analytics", analytics.lines());
        m.put("generation", generation);
        m.put("startup", startup);
        m.put("mismatches", mismatches);
        if (!apiLines.isEmpty()) {
            m.put("api", apiLines);
        }
        m.put("header", header());
        m.put("lines", rows(lines));
        m.put("goals", goals(m, lines, analytics.lines()));
        save(lake, m);
        return m;
    }

    private static Double nanToNull(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /** A step on the command's progress line (drawn only on a terminal; an empty step clears it). */
    private void progress(String msg) {
        if (msg.isEmpty()) {
            progress().clear();
        } else {
            progress().update(-1, msg);
        }
    }

    /** Generates the dataset into the bench lake (seed 42: every bench of a size reads the same data), timed. */
    private Map<String, Object> generate(AppContext ctx, DatasetSize size) {
        err().printf(Locale.ROOT, "Generating the %s bench lake (%,d market_data rows) into %s, once…%n", size.label(), size.rows(),
                ctx.config().lakeRoot());
        err().flush();
        GenerationReport report = new LakeGenerator(ctx.engine()).generate(size, 42, progress()::update);
        long rows = report.rowsPerTable().values().stream().mapToLong(Long::longValue).sum();
        err().printf(Locale.ROOT, "Generated %,d rows in %.1f s.%n", rows, report.elapsedMs() / 1000.0);
        err().flush();
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("rows", rows);
        g.put("seconds", report.elapsedMs() / 1000.0);
        g.put("rowsPerSecond", report.rowsPerSecond());
        g.put("measuredAt", Instant.now().toString());
        try {
            Path file = generationFile(ctx.config().lakeRoot());
            Files.createDirectories(file.getParent());
            Files.writeString(file, new ObjectMapper().writeValueAsString(g));
        } catch (IOException e) {
            err().println("lakelens: could not keep the generation time: " + e.getMessage());
        }
        return g;
    }

    private static Path generationFile(Path lake) {
        return LakeStateFolder.of(lake).resolve("bench").resolve("generation.json");
    }

    /** The generation time recorded when the bench generated this lake, or null. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> readGeneration(Path lake) {
        try {
            Path f = generationFile(lake);
            return Files.isRegularFile(f) ? new ObjectMapper().readValue(f.toFile(), LinkedHashMap.class) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static List<Double> loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return List.of(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
        } catch (IOException | RuntimeException e) {
            double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return l < 0 ? List.of() : List.of(l);
        }
    }

    // ---- printing -------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    void print(Map<String, Object> r) {
        out().printf(Locale.ROOT, "Bench on %s: %s, %,d rows at version %s; %s searches warm, %s cold (seed %s); %s cores, "
                        + "heap %s MiB; load %s; cache %s%n%n", r.get("dataset"), r.get("table"), ((Number) r.get("rows")).longValue(),
                r.get("version"), r.get("queries"), r.get("coldQueries"), r.get("seed"), r.get("cores"), r.get("heapMaxMiB"),
                r.get("loadAverage"), r.get("cache"));
        List<List<Object>> lines = (List<List<Object>>) r.get("lines");
        if (!lines.isEmpty()) {
            out().println("Searches (all kinds; n = samples each figure rests on):");
            out().print(Output.table(header(), lines));
            out().println();
            List<Map<String, Object>> searches = asMaps(r.get("searches"));
            List<String> kinds = searches.stream().map(l -> (String) l.get("kind")).filter(k -> !k.equals("all")).distinct().toList();
            List<String> warm = searches.stream().filter(l -> "warm".equals(l.get("phase"))).map(l -> (String) l.get("strategy"))
                    .distinct().toList();
            if (!kinds.isEmpty() && !warm.isEmpty()) {
                out().println("Warm p50 ms by kind of search (n):");
                List<String> h = new ArrayList<>(List.of("kind"));
                h.addAll(warm);
                List<List<Object>> rows = new ArrayList<>();
                for (String k : kinds) {
                    List<Object> row = new ArrayList<>(List.of(k));
                    for (String s : warm) {
                        row.add(searches.stream().filter(l -> s.equals(l.get("strategy")) && "warm".equals(l.get("phase"))
                                        && k.equals(l.get("kind"))).findFirst()
                                .map(l -> ms(num(l.get("p50Ms"))) + " (" + l.get("n") + ")").orElse("-"));
                    }
                    rows.add(row);
                }
                out().print(Output.table(h, rows));
                out().println();
            }
        }
        List<Map<String, Object>> analytics = asMaps(r.get("analytics"));
        if (!analytics.isEmpty()) {
            out().println("Analyses (latest version; spark = the analysis as a Spark job, the baseline):");
            List<List<Object>> rows = new ArrayList<>();
            for (Map<String, Object> a : analytics) {
                rows.add(List.of(a.get("analysis"), a.get("phase"), a.get("engine"), a.get("n"), ms(num(a.get("p50Ms"))),
                        ms(num(a.get("p95Ms"))), speedup(a.get("speedupVsBaseline")), a.get("versions")));
            }
            out().print(Output.table(List.of("analysis", "phase", "engine", "n", "p50 ms", "p95 ms", "vs spark p50", "versions"), rows));
            out().println();
        }
        Map<String, Object> g = (Map<String, Object>) r.get("generation");
        if (g != null) {
            out().printf(Locale.ROOT, "Generation: %,d rows in %.1f s (%,.0f rows/s)%n", ((Number) g.get("rows")).longValue(),
                    num(g.get("seconds")), num(g.get("rowsPerSecond")));
        }
        if (!lastApiLines.isEmpty()) {
            out().println(ApiBench.TITLE);
            out().print(Output.table(ApiBench.header(), ApiBench.rows(lastApiLines)));
            out().println();
        }
        Map<String, Object> s = (Map<String, Object>) r.get("startup");
        out().printf(Locale.ROOT, "Start-up, from process start: CLI first search %s ms, CLI tables %s ms, window with its first page %s ms%n",
                msOrDash(s.get("cliFirstSearchMs")), msOrDash(s.get("cliTablesMs")), msOrDash(s.get("windowInteractiveMs")));
        List<Object> mismatches = (List<Object>) r.get("mismatches");
        out().println();
        if (mismatches.isEmpty()) {
            out().println("Every answer equals the baseline's.");
        } else {
            out().println(mismatches.size() + " answer" + (mismatches.size() == 1 ? " differs" : "s differ") + " from the baseline's:");
            mismatches.stream().limit(20).forEach(x -> out().println("  " + x));
        }
        out().println();
        ((List<Object>) r.get("goals")).forEach(x -> out().println(x));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> asMaps(Object list) {
        List<Map<String, Object>> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (Object o : (List<Object>) list) {
            out.add(o instanceof Map<?, ?> m ? (Map<String, Object>) m : json.convertValue(o, LinkedHashMap.class));
        }
        return out;
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String msOrDash(Object o) {
        return o == null ? "-" : ms(num(o));
    }

    private static String speedup(Object o) {
        return o == null ? "-" : String.format(Locale.ROOT, "%.1f×", num(o));
    }

    static List<String> header() {
        return List.of("strategy", "phase", "n", "p50 ms", "p95 ms", "p99 ms", "Redis hits", "decoded hits/misses", "errors",
                "fallbacks", "vs spark.sql p50");
    }

    static List<List<Object>> rows(List<Bench.Line> lines) {
        List<List<Object>> rows = new ArrayList<>();
        for (Bench.Line l : lines) {
            if (!l.kind().equals("all")) {
                continue;
            }
            boolean base = l.strategy().equals(Bench.BASELINE);
            rows.add(List.of(l.strategy(), l.phase(), l.n(), ms(l.p50Ms()), ms(l.p95Ms()), ms(l.p99Ms()),
                    base ? "-" : pct(l.hitRatio()), base ? "-" : l.decodedHits() + "/" + l.decodedMisses(), l.errors(), l.fallbacks(),
                    l.speedupVsBaseline() == null ? "-" : String.format(Locale.ROOT, "%.1f×", l.speedupVsBaseline())));
        }
        return rows;
    }

    /** The speed goals, reported against what was measured here (never asserted). */
    static List<String> goals(Map<String, Object> m, List<Bench.Line> searches, List<AnalyticsBench.Line> analytics) {
        String ds = (String) m.get("dataset");
        List<String> out = new ArrayList<>();
        String db = StrategyKind.DATABASE_ONLY.id();
        for (String a : List.of("sector", "movers", "volatility")) {
            analytics.stream().filter(l -> l.analysis().equals(a) && l.phase().equals("warm") && !l.engine().equals("spark"))
                    .findFirst().ifPresent(l -> out.add(String.format(Locale.ROOT,
                            "Goal: %s warm from Delta ≤ 250 ms p50 on large — %s ms on %s (n=%d, %s).", a, ms(l.p50Ms()), ds, l.n(), l.engine())));
        }
        analytics.stream().filter(l -> l.analysis().equals("risk") && l.phase().equals("warm") && !l.engine().equals("spark"))
                .findFirst().ifPresent(l -> out.add(String.format(Locale.ROOT,
                        "Goal: risk warm ≤ 500 ms p50 on large — %s ms on %s (n=%d, %s).", ms(l.p50Ms()), ds, l.n(), l.engine())));
        analytics.stream().filter(l -> l.phase().equals("cache")).mapToDouble(AnalyticsBench.Line::p50Ms).max().ifPresent(v ->
                out.add(String.format(Locale.ROOT, "Goal: any analysis from the cache ≤ 2 ms p50 — slowest %s ms on %s.", ms(v), ds)));
        searches.stream().filter(l -> l.strategy().equals(db) && l.phase().equals("warm") && l.kind().equals("symbol")).findFirst()
                .ifPresent(l -> out.add(String.format(Locale.ROOT,
                        "Goal: selective search warm from Delta ≤ 50 ms p50 on xlarge — %s ms on %s (database-only symbol, n=%d).",
                        ms(l.p50Ms()), ds, l.n())));
        searches.stream().filter(l -> l.strategy().equals(db) && l.phase().equals("warm") && l.kind().equals("as-of")).findFirst()
                .ifPresent(l -> out.add(String.format(Locale.ROOT,
                        "Goal: as-of search at version 0 ≤ 80 ms p50 on xlarge — %s ms on %s (database-only, n=%d).",
                        ms(l.p50Ms()), ds, l.n())));
        analytics.stream().filter(l -> l.analysis().equals("sector") && l.phase().equals("warm") && !l.engine().equals("spark"))
                .findFirst().ifPresent(l -> out.add(String.format(Locale.ROOT,
                        "Goal: sector analysis warm ≤ 1 s p50 on xlarge — %s ms on %s.", ms(l.p50Ms()), ds)));
        searches.stream().filter(l -> l.strategy().equals(db) && l.phase().equals("cold") && l.kind().equals("all")).findFirst()
                .ifPresent(l -> out.add(String.format(Locale.ROOT,
                        "Goal: search cold (caches dropped) ≤ 150 ms p50 on large — %s ms on %s (database-only, n=%d).",
                        ms(l.p50Ms()), ds, l.n())));
        out.add(String.format(Locale.ROOT, "Goal: xlarge runs in a heap ≤ 4 GiB — this run's heap: %s MiB.", m.get("heapMaxMiB")));
        return out;
    }

    static String ms(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.0f%%", v * 100);
    }

    // ---- chart ----------------------------------------------------------------------------

    /** Warm p50 of all searches (and Spark's and the in-process sector analysis) against the rows of each dataset. */
    private void drawChart(List<Map<String, Object>> results) {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (Map<String, Object> r : results) {
            double rows = num(r.get("rows"));
            for (Map<String, Object> l : asMaps(r.get("searches"))) {
                if ("warm".equals(l.get("phase")) && "all".equals(l.get("kind")) && num(l.get("n")) > 0) {
                    series.computeIfAbsent("search: " + l.get("strategy"), k -> new ArrayList<>()).add(new double[]{rows, num(l.get("p50Ms"))});
                }
            }
            for (Map<String, Object> a : asMaps(r.get("analytics"))) {
                if ("sector".equals(a.get("analysis")) && "warm".equals(a.get("phase"))) {
                    series.computeIfAbsent("sector analysis: " + a.get("engine"), k -> new ArrayList<>())
                            .add(new double[]{rows, num(a.get("p50Ms"))});
                }
            }
        }
        String title = "Warm p50 latency against dataset size (" + Runtime.getRuntime().availableProcessors() + " cores)";
        int code = Launcher.benchChart(chart, title, series, err());
        if (code == 0) {
            err().println("lakelens: chart written to " + chart.toAbsolutePath());
        }
    }

    // ---- last bench ------------------------------------------------------------------------

    static Path lastBench(Path lake) {
        return LakeStateFolder.of(lake).resolve("bench").resolve("last.json");
    }

    private void save(Path lake, Map<String, Object> json) {
        Path file = lastBench(lake);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        } catch (IOException e) {
            err().println("lakelens: could not keep the bench table in " + file + ": " + e.getMessage());
        }
    }

    /** For tests: the keys every dataset's JSON object carries. */
    static List<String> keys() {
        return List.of("dataset", "rows", "version", "cores", "heapMaxMiB", "searches", "analytics", "generation", "startup",
                "mismatches");
    }

    static JsonNode parse(String json) throws IOException {
        return new ObjectMapper().readTree(json);
    }

    /** One-line helpers for messages about child output. */
    private static final class Errors {
        static String firstLineOf(String s) {
            String t = s == null ? "" : s.strip();
            int nl = t.indexOf('\n');
            return t.isEmpty() ? "no output" : (nl < 0 ? t : t.substring(0, nl));
        }
    }
}
