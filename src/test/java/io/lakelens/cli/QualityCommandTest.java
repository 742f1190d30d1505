package io.lakelens.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakelens.TestLakes;
import io.lakelens.data.DatasetSize;
import io.lakelens.data.GenerationPlan;
import io.lakelens.data.Tables.MarketData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code lakelens quality market_data} on a generated lake finds the injected bad ticks and the commit that corrected them. */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class QualityCommandTest {
    static final long SEED = TestLakes.TINY_SEED;
    @TempDir
    static Path lake;
    static GenerationPlan plan;

    @BeforeAll
    @Timeout(value = 20, unit = TimeUnit.MINUTES)  // generating takes minutes on a busy machine
    static void generate() {
        TestLakes.generatedTiny(lake);
        plan = GenerationPlan.of(DatasetSize.TINY, SEED);
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 3];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--lake";
        all[args.length + 1] = lake.toString();
        all[args.length + 2] = "--no-redis";
        int code = Main.execute(all, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void findsTheInjectedBadTicksAndThePriceCorrectionThatFixedThem() throws Exception {
        String before = TestLakes.fingerprint(lake);
        Run r = run("quality", MarketData.NAME, "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertEquals(before, TestLakes.fingerprint(lake));
        JsonNode report = new ObjectMapper().readTree(r.out());

        // what the generator injected: symbol@date → the rules its kind of error must break
        Map<String, Set<String>> expected = new HashMap<>();
        for (GenerationPlan.BadTick t : plan.badTicks()) {
            expected.put("symbol=" + t.symbol() + ", trade_date=" + t.tradeDate(), switch (t.kind()) {
                case PRICE_X10 -> Set.of("PRICE_JUMP", "CLOSE_OUTSIDE_RANGE");
                case NEGATIVE_VOLUME -> Set.of("NEGATIVE_VOLUME");
            });
        }
        assertTrue(expected.size() >= 2, "the plan injects bad ticks of both kinds");
        String correction = "Price correction: vendor re-sent " + plan.badTicks().size() + " bad ticks of "
                + plan.badTicks().getFirst().tradeDate();

        Map<String, Set<String>> found = new HashMap<>();
        Set<Long> introducedBy = new TreeSet<>();
        for (JsonNode f : report.get("findings")) {
            String rule = f.at("/atVersion/rule").asText();
            if (rule.equals("SCHEMA_DRIFT")) {
                continue;
            }
            found.computeIfAbsent(f.at("/atVersion/where").asText(), k -> new HashSet<>()).add(rule);
            introducedBy.add(f.at("/introduced/version").asLong());
            assertTrue(f.at("/introduced/reason").asText().startsWith("EOD load " + plan.badTicks().getFirst().tradeDate()),
                    f.toString());
            assertEquals("MERGE", f.at("/fixed/operation").asText(), f.toString());
            assertTrue(f.at("/fixed/reason").asText().startsWith(correction), f.toString());
        }
        assertEquals(expected, found, "exactly the injected bad ticks, each by the rules its error breaks");
        assertEquals(1, introducedBy.size(), "all arrive in one load");
        long fixedAt = report.get("findings").get(0).at("/fixed/version").asLong();
        assertEquals(introducedBy.iterator().next() + 1, fixedAt, "the correction is the next commit");

        // the human-readable table says the same
        Run text = run("quality", MarketData.NAME, "--since", String.valueOf(fixedAt - 1), "--version", String.valueOf(fixedAt));
        assertEquals(0, text.code(), text.err());
        for (GenerationPlan.BadTick t : plan.badTicks()) {
            assertTrue(text.out().lines().anyMatch(l -> l.startsWith("fixed") && l.contains("symbol=" + t.symbol() + ",")
                    && l.contains("v" + fixedAt + " MERGE: Price correction")), text.out());
        }
    }

    @Test
    void badInputIsOneClearLine() {
        Run r = run("quality", MarketData.NAME, "--set", "jump-k=many");
        assertEquals(1, r.code());
        assertEquals(List.of("lakelens: jump-k needs a number, not 'many'."), r.err().strip().lines().toList());
        Run missing = run("quality", "no_such_table");
        assertEquals(1, missing.code());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
    }
}
