package io.lakelens.cli;

import io.lakelens.TestLakes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnalyzeCommandTest {
    @TempDir
    static Path lake;

    @BeforeAll
    static void handMadeLake() {
        io.lakelens.analytics.HandMadeLake.build(TestLakes.engine(lake));
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
    void sectorCsvAsOfVersionZero() {
        Run r = run("analyze", "sector", "--as-of", "0", "--format", "csv");
        assertEquals(0, r.code(), r.err());
        // hand-computed: Technology (+20 % and +10 %) and Energy (−20 % and +15 %)
        assertCsv(List.of(
                "sector,return_pct,avg_daily_change_pct,volume,symbols,best_symbol,best_return_pct,worst_symbol,worst_return_pct",
                "Technology,15,5.202,12000,2,AAA,20,BBB,10",
                "Energy,-2.5,-1.0311,3200,2,DDD,15,CCC,-20"), r.out());
    }

    @Test
    void moversOverADateWindow() {
        Run r = run("analyze", "movers", "--from", "2024-01-04", "--to", "2024-01-05", "--top", "1", "--format", "csv");
        assertEquals(0, r.code(), r.err());
        assertCsv(List.of("side,symbol,sector,first_close,last_close,change_pct,volume",
                "gainer,AAA,Technology,120,144,20,2000"), r.out());
    }

    @Test
    void riskTableShowsBothSidesAndTheAssessment() {
        Run r = run("analyze", "risk", "--compare-to", "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("then: version 0 (portfolio_holdings v0, market_data v0, closes of 2024-01-04)"), r.out());
        assertTrue(r.out().contains("now:  latest (portfolio_holdings v1, market_data v1, closes of 2024-01-05)"), r.out());
        assertTrue(r.out().contains("== portfolios (3)"), r.out());
        assertTrue(r.out().contains("HIGH_INCREASE") && r.out().contains("HIGH_DECREASE"), r.out());
        assertTrue(r.out().contains("== drivers"), r.out());
        assertTrue(r.out().contains("risk score = weight × volatility_30d"), r.out());
    }

    @Test
    void volatilityJsonCarriesTypesVersionsAndPlan() {
        Run r = run("analyze", "volatility", "--symbol", "DDD", "--as-of", "0", "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"analysis\" : \"volatility\""), r.out());
        assertTrue(r.out().contains("\"symbol\" : \"DDD\""), r.out());
        assertTrue(r.out().contains("\"market_data\" : 0"), r.out());
        assertTrue(r.out().contains("\"date\" : \"2024-01-04\""), r.out());
        assertTrue(r.out().contains("\"plan\" : \"-- most volatile"), r.out());
    }

    @Test
    void badInputIsOneLineAndExitCodeOne() {
        for (String[] args : List.of(new String[]{"analyze", "alpha"}, new String[]{"analyze", "sector", "--from", "2024-13-01"},
                new String[]{"analyze", "sector", "--from", "2024-02-01", "--to", "2024-01-01"},
                new String[]{"analyze", "sector", "--compare-to", "0"}, new String[]{"analyze", "movers", "--top", "0"},
                new String[]{"analyze", "volatility", "--symbol", "A;DROP"}, new String[]{"analyze", "risk", "--compare-to", "9"})) {
            Run r = run(args);
            assertEquals(1, r.code(), String.join(" ", args) + " → " + r.err());
            assertTrue(r.err().startsWith("lakelens: "), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }
    /**
     * CSV lines equal to the expected ones, numbers compared as numbers: the CSV carries every
     * digit of a double, so a hand-computed 20 may arrive as 19.999999999999996.
     */
    private static void assertCsv(List<String> expected, String out) {
        List<String> got = out.strip().lines().toList();
        assertEquals(expected.size(), got.size(), out);
        for (int i = 0; i < expected.size(); i++) {
            String[] e = expected.get(i).split(",", -1);
            String[] g = got.get(i).split(",", -1);
            assertEquals(e.length, g.length, out);
            for (int j = 0; j < e.length; j++) {
                if (e[j].matches("-?\\d+(\\.\\d+)?") && g[j].matches("-?[\\d.E-]+")) {
                    double x = Double.parseDouble(e[j]);
                    // a hand-computed 5.202 stands for anything that rounds to it
                    int decimals = e[j].contains(".") ? e[j].length() - e[j].indexOf('.') - 1 : -1;
                    double tolerance = decimals >= 0 ? 0.5 * Math.pow(10, -decimals) : 1e-9 * Math.max(1, Math.abs(x));
                    assertEquals(x, Double.parseDouble(g[j]), tolerance, out);
                } else {
                    assertEquals(e[j], g[j], out);
                }
            }
        }
    }
}
