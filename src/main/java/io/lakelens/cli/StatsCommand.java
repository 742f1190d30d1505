package io.lakelens.cli;

import io.lakelens.cache.CacheInspection;
import io.lakelens.cache.CacheInspector;
import io.lakelens.cache.CacheSettings;
import io.lakelens.cache.RedisCache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakelens.AppContext;
import io.lakelens.LakeLensException;
import io.lakelens.cache.CacheCounters;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.search.Bench;
import io.lakelens.search.DecodedCache;
import io.lakelens.search.DefaultSearchService;
import io.lakelens.search.StrategyStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Per-strategy search metrics: searches, errors, hits, misses, hit ratio, p50/p95/p99, Kernel/Spark "
                + "reads, cached page size and breaker state.",
                "A CLI process has no history of its own, so by default this runs a short representative sequence now "
                        + "(the bench mix, each strategy cold then warm) in this process and prints what it measured; "
                        + "--last-bench prints the table of the last `lakelens bench` on this lake instead."})
public final class StatsCommand extends LakeCommand {
    @Option(names = "--queries", defaultValue = "12", description = "Searches per pass in the live sequence (default 12).")
    int queries;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the sequence (default 7).")
    long seed;

    @Option(names = "--last-bench", description = "Print the last bench table of this lake instead of running searches.")
    boolean lastBench;

    @Option(names = "--cache", description = "Redis's own view instead: version, memory used and limit, eviction policy, "
            + "evicted and expired keys, LakeLens keys by TTL class and by table, hit ratio, slow log.")
    boolean cache;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json.")
    Format format;

    @Override
    protected int run(AppContext ctx) {
        if (lastBench) {
            return printLastBench(ctx.config().lakeRoot());
        }
        if (cache) {
            CacheSettings settings = ctx.cache() instanceof RedisCache rc ? rc.settings() : CacheSettings.defaults();
            return printCache(CacheInspector.inspect(ctx.cache()), settings);
        }
        if (queries < 4 || queries > 1000) {
            throw new LakeLensException("--queries must be between 4 and 1,000, not " + queries + ".");
        }
        if (!ctx.engine().tableNames().contains(MarketData.NAME)) {
            throw new LakeLensException("The lake " + ctx.config().lakeRoot() + " has no market_data table to search.");
        }
        ctx.cache().warning().ifPresent(w -> err().println("lakelens: " + w));
        DefaultSearchService service = ctx.search();
        new Bench(ctx.engine(), service, msg -> { }, () -> false).exercise(MarketData.NAME, queries, seed);
        Output.rows(out(), format, HEADER, rows(service));
        if (format == Format.TABLE) {
            CacheCounters c = service.cache().counters();
            out().printf(Locale.ROOT, "Measured now in this process: %d searches per pass, each strategy cold then warm (seed %d).%n",
                    queries, seed);
            out().printf(Locale.ROOT, "Cache %s: %d gets, %d hits, %d errors, %d stored (%,d bytes), GET ≈ %.2f ms%n",
                    service.cache().status().label(), c.gets(), c.hits(), c.errors(), c.puts(), c.bytesWritten(), c.getEwmaMs());
            DecodedCache d = service.decodedCache();
            out().printf(Locale.ROOT, "Decoded-file cache (Kernel route, in this JVM): %.1f of %.0f MiB (LAKELENS_DECODED_CACHE_MB), "
                            + "%d files, %d hits, %d misses%n", d.usedBytes() / 1048576.0, d.budgetBytes() / 1048576.0, d.files(),
                    d.hits(), d.misses());
        }
        out().flush();
        return ExitCode.OK;
    }

    static final List<String> HEADER = List.of("strategy", "searches", "errors", "hits", "misses", "hit ratio", "fallbacks",
            "p50 ms", "p95 ms", "p99 ms", "kernel/spark", "page bytes", "breaker");

    /** One row per strategy of what {@code service} has measured so far, under {@link #HEADER}. */
    static List<List<Object>> rows(DefaultSearchService service) {
        List<List<Object>> rows = new ArrayList<>();
        for (StrategyStats s : service.metrics().all()) {
            rows.add(List.of(s.strategy().id(), s.count(), s.errors(), s.hits(), s.misses(),
                    s.hits() + s.misses() == 0 ? "-" : BenchCommand.pct(s.hitRatio()), s.fallbacks(),
                    BenchCommand.ms(s.p50Ms()), BenchCommand.ms(s.p95Ms()), BenchCommand.ms(s.p99Ms()),
                    s.kernelReads() + "/" + s.sparkReads(), s.cachedBytes() == 0 ? "-" : Math.round(s.cachedBytes()),
                    s.breaker().map(b -> b.label()).orElse("-")));
        }
        return rows;
    }

    private int printCache(CacheInspection c, CacheSettings settings) {
        if (format == Format.JSON) {
            out().println(Output.json(c));
            out().flush();
            return ExitCode.OK;
        }
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("server", c.server()));
        rows.add(List.of("redis version", c.redisVersion()));
        rows.add(List.of("memory used", bytes(c.usedMemory())));
        rows.add(List.of("memory limit", c.maxMemory() == 0 ? "none" : bytes(c.maxMemory())
                + String.format(Locale.ROOT, " (%.1f %% used)", 100.0 * c.usedMemory() / c.maxMemory())));
        rows.add(List.of("eviction policy", c.evictionPolicy()));
        rows.add(List.of("evicted keys", c.evictedKeys()));
        rows.add(List.of("expired keys", c.expiredKeys()));
        rows.add(List.of("hit ratio", Double.isNaN(c.hitRatio()) ? "-" : BenchCommand.pct(c.hitRatio())
                + " (" + c.hits() + " hits, " + c.misses() + " misses since Redis started)"));
        c.keysByClass().forEach((k, v) -> rows.add(List.of("keys " + k.name().toLowerCase(Locale.ROOT) + " (" + k.keyClass() + ", TTL "
                + duration(settings.ttl(k)) + ")", v)));
        c.keysByTable().forEach((t, v) -> rows.add(List.of("keys of " + t, v)));
        rows.add(List.of("other keys", c.otherKeys() + (c.scanTruncated() ? " (counted the first " + CacheInspector.MAX_SCANNED
                + " keys only)" : "")));
        Output.rows(out(), format, List.of("cache", "value"), rows);
        if (format == Format.TABLE) {
            out().println();
            out().println("Slow log (newest first):");
            if (c.slowLog().isEmpty()) {
                out().println("empty");
            } else {
                List<List<Object>> slow = new ArrayList<>();
                c.slowLog().forEach(e -> slow.add(List.of(e.id(), e.at().toString(), e.micros(), e.command())));
                out().print(Output.table(List.of("id", "at", "µs", "command"), slow));
            }
        }
        out().flush();
        return ExitCode.OK;
    }

    private static String duration(java.time.Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 ? s / 3600 + " h" : s % 60 == 0 ? s / 60 + " min" : s + " s";
    }

    private static String bytes(long b) {
        return b < 1024 * 1024 ? String.format(Locale.ROOT, "%,d bytes", b) : String.format(Locale.ROOT, "%.1f MiB", b / 1048576.0);
    }

    private int printLastBench(Path lake) {
        Path file = BenchCommand.lastBench(lake);
        if (!Files.isRegularFile(file)) {
            throw new LakeLensException("No bench has run on " + lake + " yet; run `lakelens bench --lake " + lake + "`.");
        }
        try {
            JsonNode n = new ObjectMapper().readTree(file.toFile());
            List<String> header = new ArrayList<>();
            n.get("header").forEach(h -> header.add(h.asText()));
            List<List<Object>> rows = new ArrayList<>();
            n.get("lines").forEach(l -> {
                List<Object> row = new ArrayList<>();
                l.forEach(v -> row.add(v.isNumber() ? v.numberValue() : v.asText()));
                rows.add(row);
            });
            if (format == Format.TABLE) {
                out().printf(Locale.ROOT, "Last bench on this lake: %s, dataset %s, %,d rows at version %d, %d searches%n%n",
                        n.get("measuredAt").asText(), n.get("dataset").asText(), n.get("rows").asLong(), n.get("version").asLong(),
                        n.get("queries").asInt());
            }
            Output.rows(out(), format, header, rows);
            if (format == Format.TABLE) {
                out().println();
                n.get("goals").forEach(g -> out().println(g.asText()));
            }
            out().flush();
            return ExitCode.OK;
        } catch (IOException | RuntimeException e) {
            throw new LakeLensException("The bench record " + file + " is unreadable (" + e.getMessage() + "); run the bench again.", e);
        }
    }
}
