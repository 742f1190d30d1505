package io.lakelens.analytics;

import io.lakelens.TestLakes;
import io.lakelens.data.Tables;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every analysis and every console example, end to end on a TINY generated lake. */
class GeneratedLakeAnalyticsTest {
    @TempDir
    static Path lake;
    static LakeEngine engine;

    @BeforeAll
    static void generate() {
        TestLakes.generatedTiny(lake);
        engine = TestLakes.engine(lake);
    }

    @Test
    void everyAnalysisAnswersOnTheGeneratedLake() {
        AnalyticsService analytics = new AnalyticsService(engine);
        String before = TestLakes.fingerprint(lake);

        SectorReport sectors = (SectorReport) analytics.run(AnalysisRequest.of(AnalysisKind.SECTOR)).data();
        assertFalse(sectors.sectors().isEmpty());
        long symbols = engine.read(Tables.MarketData.NAME, AsOf.LATEST).select(Tables.MarketData.SYMBOL).distinct().count();
        assertEquals(symbols, sectors.sectors().stream().mapToInt(SectorReport.Sector::symbols).sum());
        assertTrue(sectors.sectors().stream().allMatch(s -> Double.isFinite(s.returnPct()) && s.volume() > 0));

        VolatilityReport vol = (VolatilityReport) analytics.run(AnalysisRequest.of(AnalysisKind.VOLATILITY).withTop(5)).data();
        assertEquals(5, vol.mostVolatile().size());
        assertTrue(vol.mostVolatile().stream().allMatch(v -> v.volatility30d() > 0 && v.volatility30d() < 10));
        assertEquals(vol.mostVolatile().get(0).symbol(), vol.symbol());
        assertFalse(vol.band().isEmpty());

        MoversReport movers = (MoversReport) analytics.run(AnalysisRequest.of(AnalysisKind.MOVERS).withTop(5)).data();
        assertFalse(movers.gainers().isEmpty() && movers.losers().isEmpty());

        long holdingsVersions = engine.latestVersion(Tables.Holdings.NAME);
        assertTrue(holdingsVersions >= 1, "the generated holdings have a history to compare");
        AnalysisResult risk = analytics.run(AnalysisRequest.of(AnalysisKind.RISK).withCompareTo(new AsOf.Version(0)));
        RiskReport report = (RiskReport) risk.data();
        assertFalse(report.portfolios().isEmpty());
        assertEquals(0, report.then().holdingsVersion());
        assertEquals(holdingsVersions, report.now().holdingsVersion());
        for (RiskReport.PortfolioRisk p : report.portfolios()) {
            assertTrue(p.valueNow() > 0 && p.riskNow() > 0, p.toString());
            assertEquals(RiskAssessment.of(p.change()), p.assessment());
        }
        // weights of each portfolio sum to 1 on both sides
        Map<String, Double> weightNow = new java.util.HashMap<>();
        report.positions().forEach(p -> weightNow.merge(p.portfolio(), p.weightNow(), Double::sum));
        weightNow.values().forEach(w -> assertEquals(1.0, w, 1e-9));
        assertEquals(before, TestLakes.fingerprint(lake));
    }

    @Test
    void everySeedExampleRunsInTheConsole(@TempDir Path home) {
        SqlConsole console = new SqlConsole(new QueryService(engine), new ConsoleStore(home.resolve("console.json")));
        String before = TestLakes.fingerprint(lake);
        for (SqlExamples.SqlExample ex : SqlExamples.all()) {
            var r = console.run(ex.sql(), ex.asOfSelector() ? "1" : "latest", new CancelHandle());
            assertFalse(r.columns().isEmpty(), ex.id());
            assertFalse(r.rows().isEmpty(), ex.id() + " returned no rows on the generated lake");
        }
        assertEquals(before, TestLakes.fingerprint(lake));
    }
}
