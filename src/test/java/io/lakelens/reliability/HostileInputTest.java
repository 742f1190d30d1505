package io.lakelens.reliability;

import io.lakelens.LakeLensException;
import io.lakelens.TestLakes;
import io.lakelens.analytics.ExportFormat;
import io.lakelens.analytics.ResultExport;
import io.lakelens.cache.CacheConnection;
import io.lakelens.cache.CacheSettings;
import io.lakelens.cache.CacheStatus;
import io.lakelens.cache.EmbeddedRedis;
import io.lakelens.cache.RedisCache;
import io.lakelens.cache.TableVersions;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.AuditExport;
import io.lakelens.lake.LakeEngine;
import io.lakelens.search.DefaultSearchService;
import io.lakelens.search.MarketDataFixture;
import io.lakelens.search.SearchRequest;
import io.lakelens.search.SearchRequest.Filters;
import io.lakelens.search.SearchRequest.Range;
import io.lakelens.search.SearchRequest.Sort;
import io.lakelens.search.SearchResult;
import io.lakelens.search.SearchSettings;
import io.lakelens.search.SqlTruth;
import io.lakelens.search.StrategyKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input across the command line and the search service: each gets one clear line (exit
 * code 1 on the command line), none a stack trace, and nothing in the lake changes.
 */
class HostileInputTest {
    static final String MB = "x".repeat(1 << 20);
    static final String INJECTION = "'; DROP TABLE market_data; --";

    @TempDir
    static Path dir;
    static Path lake;
    static Path outside;
    static LakeEngine engine;
    static EmbeddedRedis redis;
    static RedisCache cache;
    static DefaultSearchService search;

    @BeforeAll
    static void lakeAndSearch() throws Exception {
        lake = dir.resolve("lake");
        outside = Files.createDirectories(dir.resolve("outside"));
        engine = TestLakes.engine(lake);
        MarketDataFixture.create(engine);
        redis = EmbeddedRedis.start(16);
        CacheSettings cs = CacheSettings.defaults();
        cache = new RedisCache(CacheConnection.connect(redis.url(), CacheStatus.EMBEDDED, "test Redis", null, cs), cs);
        search = new DefaultSearchService(engine, cache, new TableVersions(engine, cache, Duration.ofSeconds(1)),
                SearchSettings.defaults());
    }

    @AfterAll
    static void stop() {
        search.close();
        cache.close();
        redis.close();
    }

    static String[][] cliInputs() {
        String t = MarketData.NAME;
        return new String[][]{
                {"describe", "../etc"}, {"describe", "a/b"}, {"describe", INJECTION}, {"describe", ""},
                {"describe", "x'--"}, {"describe", "市場データ"}, {"describe", MB}, {"describe", "nope"},
                {"describe", "..\\..\\windows"}, {"describe", "%2e%2e%2fetc"},
                {"history", t, "--limit", "-5"}, {"history", t, "--limit", "abc"}, {"history", "nope"},
                {"history", t, "--limit", "99999999999999"}, {"history", t, "--format", "xml"},
                {"query", "DROP TABLE " + t}, {"query", "DELETE FROM " + t}, {"query", "SELECT * FROM " + t + "; DROP TABLE " + t},
                {"query", "SELECT no_such_column FROM " + t}, {"query", "SELECT * FROM nope_table"},
                {"query", "SELECT " + MB + " FROM " + t}, {"query", "SELECT 1", "--as-of", "yesterday"},
                {"query", "SELECT 1", "--as-of", "2024-13-45"}, {"query", "SELECT * FROM " + t, "--as-of", "999999"},
                {"query", "SELECT * FROM " + t, "--as-of", "-1"}, {"query", "SELECT 1", "--max-rows", "-1"},
                {"query", "SELECT 1", "--max-rows", "0"}, {"query", "SELECT 1", "--max-rows", "99999999999"},
                {"query", "SELECT 1", "--format", "xml"}, {"query", "INSERT INTO " + t + " SELECT * FROM " + t},
                {"query", "CALL system.drop()"}, {"query", "SELECT * FROM " + t, "--as-of", "1999-01-01"},
                {"query", "SELEKT ☃ FROM " + t}, {"query", ""},
                {"tables", "--format", "yaml"}, {"frobnicate"}, {"tables", "--frob"},
                {"analyze", "sector", "--from", "2024-02-30"}, {"analyze", "sector", "--from", "2024-03-01", "--to", "2024-01-01"},
                {"analyze", "volatility", "--top", "-3"}, {"analyze", "bogus"}, {"analyze", "risk", "--as-of", "not-a-date"},
                {"optimize", "nope"}, {"optimize", "../x"}, {"optimize", t, "--zorder", INJECTION},
                {"optimize", t, "--where", "1=1; DROP TABLE " + t},
                {"vacuum", t, "--retain", "-1h"}, {"vacuum", t, "--retain", "forever"}, {"vacuum", "../" + t, "--retain", "7d"},
                {"import", dir.resolve("missing.csv").toString(), "--table", "fresh"},
                {"import", "/etc/passwd", "--table", "../escape"},
                {"feed", "--rate", "-1", "--seconds", "1"}, {"feed", "--rate", "abc"},
                {"health-report", "nope"}, {"health-report", t, "--small-file-threshold", "-5MB"},
                {"search", "--page", "-1"}, {"search", "--page-size", "7"}, {"search", "--page-size", "-20"}, {"search", MB},
                {"search", "--strategy", "fastest"}, {"search", "--table", "../etc"}, {"search", "--from", "2024-02-30"},
                {"search", "--from", "2024-03-01", "--to", "2024-01-01"}, {"search", "--min-price", "-5"},
                {"search", "--min-price", "NaN"}, {"search", "--min-volume", "-1"}, {"search", "--sort", INJECTION},
                {"search", "--sort", "symbol:sideways"}, {"search", "--as-of", "99999"},
                {"generate", "--dataset", "gigantic"}, {"generate", "--seed", "abc"},
                {"diff", "nope", "--from", "0"}, {"diff", t, "--from", "999"}, {"diff", t, "--from", "0", "--only", "everything"},
                {"diff", t, "--from", "0", "--limit", "-1"}, {"diff", t, "--from", "0", "--key", INJECTION},
                {"restore", t, "--to", "999", "--reason", "x", "--yes"}, {"restore", "../x", "--to", "0", "--reason", "x", "--yes"},
                {"restore", t, "--to", "0"}, {"verify", "../x"}, {"verify", t, "--version", "-1"},
                {"export-audit", t, "--out", dir.resolve("outside/../../escape.html").toString()},
                {"export-audit", t, "--out", dir.resolve("outside/escape.exe").toString()},
                {"audit", t, "--key", "symbol"}, {"audit", t, "--key", "nope=1"}, {"timeline", "nope"},
        };
    }

    @Test
    void badCommandLinesGetOneClearLineAndExitCodeOne() {
        String before = TestLakes.fingerprint(lake.resolve(MarketData.NAME));
        List<String> bad = new ArrayList<>();
        String[][] inputs = cliInputs();
        for (String[] args : inputs) {
            CliRun r = CliRun.on(lake, args);
            if (!r.isCleanUserError()) {
                bad.add(String.join(" ", args).substring(0, Math.min(80, String.join(" ", args).length())) + " -> exit " + r.code()
                        + ": " + r.err().strip().lines().limit(3).toList());
            }
        }
        // traversal and odd values in the global --lake option
        for (String lakeArg : new String[]{"/nonexistent/lake", lake + "/../../../../etc", dir.resolve("outside/file.txt").toString()}) {
            CliRun r = CliRun.raw("describe", MarketData.NAME, "--lake", lakeArg, "--no-redis");
            if (!r.isCleanUserError()) {
                bad.add("--lake " + lakeArg + " -> exit " + r.code() + ": " + r.err().strip());
            }
        }
        ReliabilitySuite.record(new ScenarioResult("hostile input: command line", inputs.length + 3, bad.size(), 0,
                "each one line + exit 1, no stack trace" + (bad.isEmpty() ? "" : "; NOT CLEAN: " + bad)));
        assertTrue(bad.isEmpty(), String.join("\n", bad));
        assertEquals(before, TestLakes.fingerprint(lake.resolve(MarketData.NAME)), "no hostile command changed the table");
    }

    static SearchRequest request(String table, String query, Filters f, Sort sort, int page, int size, AsOf asOf) {
        return new SearchRequest(table, query, f, sort, page, size, asOf);
    }

    @Test
    void badSearchesGetOneClearLineAndOddButValidOnesAnswerNormally() {
        String before = TestLakes.fingerprint(lake.resolve(MarketData.NAME));
        String t = MarketData.NAME;
        Filters none = Filters.NONE;
        Map<String, Supplier<Object>> bad = new LinkedHashMap<>();
        bad.put("page -1", () -> request(t, "", none, Sort.DEFAULT, -1, 20, AsOf.LATEST));
        bad.put("page 0", () -> request(t, "", none, Sort.DEFAULT, 0, 20, AsOf.LATEST));
        bad.put("page size 7", () -> request(t, "", none, Sort.DEFAULT, 1, 7, AsOf.LATEST));
        bad.put("page size -10", () -> request(t, "", none, Sort.DEFAULT, 1, -10, AsOf.LATEST));
        bad.put("page size 1e9", () -> request(t, "", none, Sort.DEFAULT, 1, 1_000_000_000, AsOf.LATEST));
        bad.put("1 MB query", () -> request(t, MB, none, Sort.DEFAULT, 1, 20, AsOf.LATEST));
        bad.put("sort by injection", () -> search.searchNow(request(t, "", none, new Sort(INJECTION, false), 1, 20, AsOf.LATEST),
                StrategyKind.DATABASE_ONLY));
        bad.put("sort by unknown column", () -> search.searchNow(request(t, "", none, new Sort("price_in_gold", true), 1, 20,
                AsOf.LATEST), StrategyKind.CACHE_FIRST));
        bad.put("qualified by injection", () -> search.searchNow(request(t, "`" + INJECTION + "`:x", none, Sort.DEFAULT, 1, 20,
                AsOf.LATEST), StrategyKind.HYBRID));
        bad.put("range on injection", () -> search.searchNow(request(t, "", none.with(Range.of(INJECTION, "1", "2")), Sort.DEFAULT,
                1, 20, AsOf.LATEST), StrategyKind.CIRCUIT_BREAKER));
        bad.put("dates reversed", () -> none.withDates(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 1, 1)));
        bad.put("negative price", () -> none.withPrices(-5.0, null));
        bad.put("NaN price", () -> none.withPrices(Double.NaN, null));
        bad.put("min above max", () -> none.withPrices(10.0, 1.0));
        bad.put("negative volume", () -> none.withMinVolume(-1L));
        bad.put("unknown table", () -> search.searchNow(request("nope", "", none, Sort.DEFAULT, 1, 20, AsOf.LATEST), StrategyKind.CACHE_FIRST));
        bad.put("traversal table", () -> search.searchNow(request("../etc", "", none, Sort.DEFAULT, 1, 20, AsOf.LATEST), StrategyKind.DATABASE_ONLY));
        bad.put("injection table", () -> search.searchNow(request(INJECTION, "", none, Sort.DEFAULT, 1, 20, AsOf.LATEST), StrategyKind.HYBRID));
        bad.put("version 999", () -> search.searchNow(request(t, "", none, Sort.DEFAULT, 1, 20, new AsOf.Version(999)), StrategyKind.CACHE_FIRST));
        bad.put("negative version", () -> new AsOf.Version(-3));
        bad.put("before the table", () -> search.searchNow(request(t, "", none, Sort.DEFAULT, 1, 20,
                new AsOf.Timestamp(Instant.parse("1990-01-01T00:00:00Z"))), StrategyKind.CIRCUIT_BREAKER));
        bad.put("unknown strategy", () -> StrategyKind.parse("fastest"));
        bad.put("export outside folder", () -> ResultExport.target(outside, "../escape.csv", ExportFormat.CSV, false, lake));
        bad.put("export absolute name", () -> ResultExport.target(outside, "/tmp/escape.csv", ExportFormat.CSV, false, lake));
        bad.put("export hidden name", () -> ResultExport.target(outside, ".bashrc", ExportFormat.CSV, false, lake));
        bad.put("export missing folder", () -> ResultExport.target(dir.resolve("nowhere"), "r.csv", ExportFormat.CSV, false, lake));
        bad.put("export into a table", () -> ResultExport.target(lake.resolve(t), "r.csv", ExportFormat.CSV, false, lake));
        bad.put("audit report dot-dot", () -> AuditExport.fileIn(outside, "..", lake));
        bad.put("audit report path", () -> AuditExport.checkTarget(outside.resolve("../escape.html"), lake));

        List<String> notClean = new ArrayList<>();
        for (var e : bad.entrySet()) {
            try {
                e.getValue().get();
                notClean.add(e.getKey() + ": accepted");
            } catch (LakeLensException ex) {
                String m = ex.getMessage();
                if (m == null || m.isBlank() || m.lines().count() != 1 || m.contains("Exception") || m.length() > 400) {
                    notClean.add(e.getKey() + ": " + m);
                }
            } catch (RuntimeException ex) {
                notClean.add(e.getKey() + ": " + ex);
            }
        }
        // odd but valid: answered normally from the table, never an error, with exactly the rows a
        // plain Spark read of the same version gives (text is a literal substring, never a pattern)
        long version = engine.latestVersion(t);
        Map<String, SearchRequest> odd = new LinkedHashMap<>();
        odd.put("injection text", SearchRequest.of(INJECTION));
        odd.put("unicode text", SearchRequest.of("株式会社 🚀 Ünïcödé"));
        odd.put("regex text", SearchRequest.of(".*(a+)+$"));
        odd.put("percent and underscore", SearchRequest.of("%_%"));
        odd.put("a lone percent", SearchRequest.of("%"));
        odd.put("punctuation that occurs", SearchRequest.of("INC."));
        odd.put("padded lower-case symbol", SearchRequest.of("  aapl  "));
        odd.put("huge page", request(t, "", none, Sort.DEFAULT, Integer.MAX_VALUE, 100, AsOf.LATEST));
        Map<String, Long> expectedTotals = Map.of("injection text", 0L, "unicode text", 0L, "regex text", 0L,
                "percent and underscore", 0L, "a lone percent", 0L, "punctuation that occurs", 90L,
                "padded lower-case symbol", 30L, "huge page", 180L);
        int oddChecked = 0;
        for (var e : odd.entrySet()) {
            for (StrategyKind k : List.of(StrategyKind.CACHE_FIRST, StrategyKind.DATABASE_ONLY)) {
                try {
                    SearchResult r = search.searchNow(e.getValue(), k);
                    SqlTruth.Answer truth = SqlTruth.of(engine, e.getValue(), version);
                    SqlTruth.Answer got = SqlTruth.of(r);
                    if (r.fallback() || r.version() != version) {
                        notClean.add(e.getKey() + " (" + k.id() + "): answered from v" + r.version() + (r.fallback() ? " as a fallback" : "")
                                + ", not the latest v" + version);
                    } else if (!got.equals(truth) || truth.total() != expectedTotals.get(e.getKey())) {
                        notClean.add(e.getKey() + " (" + k.id() + "): answered " + got + "; a plain read gives " + truth
                                + ", expected " + expectedTotals.get(e.getKey()) + " matches");
                    }
                    oddChecked++;
                } catch (RuntimeException ex) {
                    notClean.add(e.getKey() + " (" + k.id() + "): failed " + ex.getMessage());
                }
            }
        }
        SearchResult huge = search.searchNow(odd.get("huge page"), StrategyKind.DATABASE_ONLY);
        if (!huge.clamped() || huge.page() != 2 || huge.rows().size() != 80) {
            notClean.add("huge page: expected the last page (2 of 2, 80 rows, marked clamped), got page " + huge.page()
                    + " with " + huge.rows().size() + " rows, clamped " + huge.clamped());
        }
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> escaped = s.filter(p -> p.getFileName().toString().startsWith("escape")).toList();
            if (!escaped.isEmpty()) {
                notClean.add("files written outside the chosen folder: " + escaped);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ReliabilitySuite.record(new ScenarioResult("hostile input: search + exports", bad.size() + odd.size(), notClean.size(), 0,
                bad.size() + " refused with one line, " + odd.size() + " odd-but-valid answered with the rows a plain Spark "
                        + "read gives (" + oddChecked + " answers compared); nothing written"
                        + (notClean.isEmpty() ? "" : "; NOT CLEAN: " + notClean)));
        assertTrue(notClean.isEmpty(), String.join("\n", notClean));
        assertEquals(before, TestLakes.fingerprint(lake.resolve(MarketData.NAME)));
    }
}
