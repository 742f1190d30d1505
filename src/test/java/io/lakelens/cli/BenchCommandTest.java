package io.lakelens.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakelens.TestLakes;
import io.lakelens.cache.SharedRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `lakelens bench` on a tiny generated lake: the JSON contract, and a wrong answer failing the run. */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class BenchCommandTest {
    @TempDir
    static Path lake;

    @BeforeAll
    static void generate() {
        TestLakes.generatedTiny(lake);
    }

    @AfterAll
    static void stopRedis() {
        SharedRedis.stop(lake);
    }

    record Run(int code, String out, String err) {
    }

    static Run cli(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static Run bench(String... extra) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new java.util.ArrayList<>(List.of("bench", "--lake", lake.toString(), "--dataset", "tiny",
                "--format", "json", "--queries", "12", "--cold-queries", "3", "--fresh-runs", "0", "--no-startup"));
        args.addAll(List.of(extra));
        int code = Main.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static void assertKeys(JsonNode node, List<String> keys) {
        for (String k : keys) {
            assertTrue(node.has(k), "missing key " + k + " in " + node);
        }
    }

    @Test
    void jsonCarriesEveryKeyOfTheContractAndNoMismatch() throws Exception {
        Run r = bench("--analytics-runs", "1");
        assertEquals(0, r.code(), r.err());
        JsonNode n = BenchCommand.parse(r.out());
        assertKeys(n, List.of("dataset", "rows", "version", "cores", "heapMaxMiB", "searches", "analytics", "generation",
                "startup", "mismatches"));
        assertEquals("tiny", n.get("dataset").asText());
        assertTrue(n.get("rows").asLong() > 0);
        assertEquals(0, n.get("mismatches").size(), n.get("mismatches").toString());
        assertKeys(n.get("startup"), List.of("cliFirstSearchMs", "cliTablesMs", "windowInteractiveMs"));

        JsonNode searches = n.get("searches");
        assertFalse(searches.isEmpty());
        boolean baselineWarm = false;
        for (JsonNode l : searches) {
            assertKeys(l, List.of("strategy", "phase", "kind", "n", "p50Ms", "p95Ms", "p99Ms", "hitRatio", "errors", "fallbacks",
                    "speedupVsBaseline"));
            assertEquals(0, l.get("errors").asInt(), l.toString());
            baselineWarm |= l.get("strategy").asText().equals("spark.sql") && l.get("phase").asText().equals("warm")
                    && l.get("kind").asText().equals("all") && l.get("n").asInt() == 12;
        }
        assertTrue(baselineWarm, "the baseline's warm line rests on every search of the mix");
        assertTrue(searches.findValuesAsText("phase").containsAll(List.of("cold", "warm")));
        assertTrue(searches.findValuesAsText("strategy").containsAll(List.of("cache-first", "database-only", "circuit-breaker",
                "hybrid", "spark.sql")));

        JsonNode analytics = n.get("analytics");
        assertFalse(analytics.isEmpty());
        for (JsonNode a : analytics) {
            assertKeys(a, List.of("analysis", "phase", "n", "p50Ms", "p95Ms", "speedupVsBaseline"));
        }
        assertTrue(analytics.findValuesAsText("analysis").containsAll(List.of("sector", "volatility", "movers", "risk")));
    }

    @Test
    void aWrongAnswerIsReportedAsAMismatchAndFailsTheRun() throws Exception {
        Run r = bench("--no-analytics", "--strategies", "database-only", "--tamper-baseline");
        assertEquals(BenchCommand.MISMATCH, r.code(), r.err());
        JsonNode mismatches = BenchCommand.parse(r.out()).get("mismatches");
        assertFalse(mismatches.isEmpty());
        JsonNode first = mismatches.get(0);
        assertEquals("database-only", first.get("strategy").asText());
        assertEquals(1, first.get("query").asInt());
        assertTrue(first.get("detail").asText().startsWith("total "), first.toString());
    }

    @Test
    void aSizesFiguresAreKeptBesideItsLakeAndShownAgainWithoutBenching(@TempDir Path lakes) throws Exception {
        Path tiny = lakes.resolve("tiny");
        TestLakes.generatedTiny(tiny);
        try {
            Run r = cli(List.of("bench", "--bench-lakes", lakes.toString(), "--dataset", "tiny", "--format", "json", "--queries", "4",
                    "--cold-queries", "0", "--fresh-runs", "0", "--no-startup", "--no-analytics", "--strategies", "database-only"));
            assertEquals(0, r.code(), r.err());
            assertTrue(Files.isRegularFile(lakes.resolve("tiny-bench.json")), "the figures are kept beside the bench lake");

            Run kept = cli(List.of("bench", "--kept", "--bench-lakes", lakes.toString(), "--dataset", "tiny", "--format", "json"));
            assertEquals(0, kept.code(), kept.err());
            JsonNode shown = BenchCommand.parse(kept.out());
            assertEquals(1, shown.size());
            assertEquals(BenchCommand.parse(r.out()), shown.get(0), "--kept shows the figures the run printed");

            Run none = cli(List.of("bench", "--kept", "--bench-lakes", lakes.toString(), "--dataset", "tiny,small"));
            assertFalse(none.code() == 0);
            assertTrue(none.err().contains("No figures for small are kept"), none.err());
        } finally {
            SharedRedis.stop(tiny);
        }
    }
}
