package io.lakelens.search;

import io.lakelens.data.Tables.MarketData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bench's figures come from real runs: every search of the seeded mix ran once per pass
 * (cold after the cache was cleared, then warm), the baseline ran the same searches through
 * plain spark.sql and returned the pages the service returns, and the hit ratios and read
 * counts follow from what each strategy did. (Its table format: SearchCommandTest.)
 */
class BenchTest {
    static final int N = 8;
    static final long SEED = 11;

    @TempDir
    static Path lake;
    static SearchHarness h;
    static final List<String> progress = new CopyOnWriteArrayList<>();
    static Bench.Report report;
    static List<Bench.Query> mix;

    @BeforeAll
    static void run() {
        h = new SearchHarness(lake, SearchSettings.defaults().withWarmNextPage(false).withTermIndexMinBytes(0));
        Bench bench = new Bench(h.engine, h.service, progress::add, () -> false);
        mix = bench.mix(MarketData.NAME, N, SEED);
        report = bench.run(MarketData.NAME, N, SEED, List.of(StrategyKind.values()), true);
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    Bench.Line line(String name, String phase) {
        return report.lines().stream().filter(l -> l.name().equals(name) && l.phase().equals(phase)).findFirst().orElseThrow();
    }

    @Test
    void theSameSeedGivesTheSameMixAndTheReportNamesTheTableItRan() {
        assertEquals(mix, new Bench(h.engine, h.service, m -> { }, () -> false).mix(MarketData.NAME, N, SEED));
        assertEquals(N, mix.size());
        assertEquals(180, report.tableRows());
        assertEquals(h.engine.latestVersion(MarketData.NAME), report.version());
        assertEquals(SEED, report.seed());
        assertEquals(1 + 2 * StrategyKind.values().length, report.lines().size(), "the baseline, then each strategy cold and warm");
    }

    @Test
    void everyPassRanEverySearchOnce() {
        Map<String, Long> samples = progress.stream().filter(m -> m.matches(".+ \\d+/" + N + ": .+"))
                .collect(Collectors.groupingBy(m -> m.substring(0, m.lastIndexOf(' ', m.indexOf('/'))), Collectors.counting()));
        List<String> passes = new ArrayList<>(List.of("spark.sql"));
        for (StrategyKind k : StrategyKind.values()) {
            passes.add(k.id() + " cold");
            passes.add(k.id() + " warm");
        }
        for (String pass : passes) {
            assertEquals(Long.valueOf(N), samples.get(pass), pass + " in " + samples);
        }
        assertEquals(passes.size(), samples.size(), samples.toString());
        for (Bench.Line l : report.lines()) {
            assertEquals(N, l.queries(), l.name());
            assertTrue(l.maxMs() > 0 && l.p50Ms() <= l.p95Ms() && l.p95Ms() <= l.p99Ms() && l.p99Ms() <= l.maxMs(),
                    "measured latencies, ordered: " + l);
        }
    }

    @Test
    void theBaselineRanTheSameSearchesAndReturnedTheServicesPages() {
        Bench bench = new Bench(h.engine, h.service, m -> { }, () -> false);
        for (Bench.Query q : mix) {
            long baselineRows = bench.baselineQuery(MarketData.NAME, q.request());
            SearchResult service = h.service.searchNow(q.request(), StrategyKind.DATABASE_ONLY);
            assertEquals(service.rows().size(), baselineRows, q.toString());
        }
        Bench.Line base = report.baseline();
        assertTrue(base.rowsPerSecond() > 0, "the baseline read rows: " + base);
        assertEquals(0, base.hitRatio());
        assertEquals(0, base.kernelReads(), "the baseline never goes through the service's Kernel route");
        assertEquals(N, base.sparkReads(), "one spark.sql read per search");
    }

    @Test
    void hitRatiosAndReadsFollowFromWhatEachStrategyDid() {
        int distinct = new HashSet<>(mix.stream().map(Bench.Query::request).toList()).size();
        Bench.Line cold = line(StrategyKind.CACHE_FIRST.id(), "cold");
        Bench.Line warm = line(StrategyKind.CACHE_FIRST.id(), "warm");
        // cold: the table's entries were cleared, so the first of each search misses and reads Delta once
        long misses = Math.round((1 - cold.hitRatio()) * N);
        assertTrue(misses >= 1 && misses <= distinct, cold + " with " + distinct + " distinct searches");
        assertEquals(misses, cold.kernelReads() + cold.sparkReads(), "each miss is one Delta read: " + cold);
        assertEquals(1.0, warm.hitRatio(), 1e-9, warm.toString());
        assertEquals(0, warm.kernelReads() + warm.sparkReads(), "a warm cache-first pass never reads Delta: " + warm);
        assertTrue(warm.cachedBytes() > 0, warm.toString());
        for (String phase : List.of("cold", "warm")) {
            Bench.Line db = line(StrategyKind.DATABASE_ONLY.id(), phase);
            assertEquals(0, db.hitRatio(), db.toString());
            assertEquals(N, db.kernelReads() + db.sparkReads(), "database-only reads Delta for every search: " + db);
        }
        Map<Bench.Kind, Long> kinds = mix.stream().collect(Collectors.groupingBy(Bench.Query::kind, Collectors.counting()));
        assertEquals(kinds.keySet(), line(StrategyKind.DATABASE_ONLY.id(), "warm").p50ByKind().keySet(),
                "a median for each kind of search in the mix, and only those");
    }

    @Test
    void aCancelledBenchStopsWithoutFinishing() {
        Bench cancelled = new Bench(h.engine, h.service, m -> { }, () -> true);
        assertThrows(CancellationException.class, () -> cancelled.run(MarketData.NAME, N, SEED, List.of(StrategyKind.values()), true));
    }
}
