package io.lakelens.search;

import io.lakelens.data.Tables.MarketData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bench's figures come from real runs: every search of the seeded mix ran once per timed
 * pass (cold with every cache dropped, then warm), the baseline ran the same searches through
 * plain spark.sql and every strategy's answers equal its answers, a wrong baseline answer is
 * reported, and the hit ratios follow from what each strategy did. (The JSON contract:
 * BenchCommandTest.)
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class BenchTest {
    static final int N = 8;
    static final int COLD = 2;
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
        report = bench.run(MarketData.NAME, N, COLD, SEED, List.of(StrategyKind.values()), true);
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    static Bench.Line all(String strategy, String phase) {
        return report.line(strategy, phase, "all").orElseThrow(() -> new AssertionError("no line " + strategy + " " + phase));
    }

    static List<String> lineNames() {
        List<String> names = new ArrayList<>(List.of(Bench.BASELINE));
        for (StrategyKind k : StrategyKind.values()) {
            names.add(k.id());
        }
        return names;
    }

    @Test
    void theSameSeedGivesTheSameMixAndTheReportNamesTheTableItRan() {
        assertEquals(mix, new Bench(h.engine, h.service, m -> { }, () -> false).mix(MarketData.NAME, N, SEED));
        assertEquals(N, mix.size());
        assertEquals(180, report.tableRows());
        assertEquals(h.engine.latestVersion(MarketData.NAME), report.version());
        assertEquals(SEED, report.seed());
        assertEquals(N, report.queries());
        assertEquals(COLD, report.coldQueries());
    }

    @Test
    void everyTimedPassRanItsSearchesOnceWithoutError() {
        for (String name : lineNames()) {
            Bench.Line cold = all(name, "cold");
            Bench.Line warm = all(name, "warm");
            assertEquals(COLD, cold.n(), cold.toString());
            assertEquals(N, warm.n(), warm.toString());
            for (Bench.Line l : List.of(cold, warm)) {
                assertEquals(0, l.errors(), l.toString());
                assertTrue(l.p50Ms() > 0 && l.p50Ms() <= l.p95Ms() && l.p95Ms() <= l.p99Ms(), "measured latencies, ordered: " + l);
            }
        }
        for (StrategyKind k : StrategyKind.values()) {
            long timed = progress.stream().filter(m -> m.matches(k.id() + " (cold|warm) \\d+/" + N + ": .+")).count();
            assertEquals(COLD + N, timed, k.id() + " timed searches in " + progress);
        }
    }

    @Test
    void everyStrategyAnsweredWhatTheBaselineAnswered() {
        assertEquals(List.of(), report.mismatches());
        Bench tampered = new Bench(h.engine, h.service, m -> { }, () -> false).tamperWithBaseline(true);
        Bench.Report wrong = tampered.run(MarketData.NAME, N, 0, SEED, List.of(StrategyKind.DATABASE_ONLY), true);
        assertFalse(wrong.mismatches().isEmpty(), "a baseline total off by one is reported");
        Bench.Mismatch m = wrong.mismatches().get(0);
        assertEquals(StrategyKind.DATABASE_ONLY.id(), m.strategy());
        assertEquals(1, m.query());
        assertTrue(m.detail().startsWith("total "), m.toString());
    }

    @Test
    void hitRatiosFollowFromWhatEachStrategyDid() {
        Bench.Line cacheCold = all(StrategyKind.CACHE_FIRST.id(), "cold");
        assertEquals(0.0, cacheCold.hitRatio(), 1e-9, "every cache was dropped before each cold search: " + cacheCold);
        Bench.Line cacheWarm = all(StrategyKind.CACHE_FIRST.id(), "warm");
        assertEquals(1.0, cacheWarm.hitRatio(), 1e-9, "after the untimed pass every search is cached: " + cacheWarm);
        for (String phase : List.of("cold", "warm")) {
            Bench.Line db = all(StrategyKind.DATABASE_ONLY.id(), phase);
            assertEquals(0.0, db.hitRatio(), 1e-9, "database-only never answers from Redis: " + db);
            Bench.Line base = all(Bench.BASELINE, phase);
            assertEquals(0.0, base.hitRatio(), 1e-9, base.toString());
            assertEquals(1.0, base.speedupVsBaseline(), 1e-9, base.toString());
        }
        Bench.Line dbWarm = all(StrategyKind.DATABASE_ONLY.id(), "warm");
        assertTrue(dbWarm.decodedHits() > 0, "warm Kernel reads find their decoded files in the in-JVM cache: " + dbWarm);
        Set<String> kinds = mix.stream().map(q -> q.kind().label()).collect(Collectors.toSet());
        Map<String, Long> warmKinds = report.lines().stream()
                .filter(l -> l.strategy().equals(StrategyKind.DATABASE_ONLY.id()) && l.phase().equals("warm") && !l.kind().equals("all"))
                .collect(Collectors.groupingBy(Bench.Line::kind, Collectors.counting()));
        assertEquals(kinds, warmKinds.keySet(), "a line for each kind of search in the mix, and only those");
    }

    @Test
    void aCancelledBenchStopsWithoutFinishing() {
        Bench cancelled = new Bench(h.engine, h.service, m -> { }, () -> true);
        assertThrows(CancellationException.class,
                () -> cancelled.run(MarketData.NAME, N, COLD, SEED, List.of(StrategyKind.values()), true));
    }
}
