package io.lakelens.analytics;

import io.lakelens.LakeLensException;
import io.lakelens.TestLakes;
import io.lakelens.data.Tables.Holdings;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every analysis against numbers worked out by hand on {@link HandMadeLake}. */
class AnalyticsServiceTest {
    static final double EPS = 1e-9;

    @TempDir
    static Path lake;
    static LakeEngine engine;
    static AnalyticsService analytics;

    @BeforeAll
    static void handMadeLake() {
        engine = TestLakes.engine(lake);
        HandMadeLake.build(engine);
        analytics = new AnalyticsService(engine);
    }

    static AnalysisRequest at(AnalysisKind kind, long marketDataVersion) {
        return AnalysisRequest.of(kind).withAsOf(new AsOf.Version(marketDataVersion));
    }

    @Test
    void sectorReturnsAreEqualWeightedFirstToLastCloseReturns() {
        AnalysisResult r = analytics.run(at(AnalysisKind.SECTOR, 0));
        SectorReport report = (SectorReport) r.data();
        assertEquals(List.of("Technology", "Energy"), report.sectors().stream().map(SectorReport.Sector::sector).toList());
        SectorReport.Sector tech = report.sectors().get(0);
        // AAA 100 → 120 = +20 %, BBB 50 → 55 = +10 %: mean +15 %
        assertEquals(15.0, tech.returnPct(), EPS);
        // AAA +10 %, −10 %, 120/99−1; BBB 0, +10 %, 0: six daily changes
        assertEquals(100 * (0.1 - 0.1 + (120.0 / 99 - 1) + 0 + 0.1 + 0) / 6, tech.avgDailyChangePct(), EPS);
        assertEquals(4 * 1000 + 4 * 2000, tech.volume());
        assertEquals(2, tech.symbols());
        assertEquals("AAA", tech.bestSymbol());
        assertEquals(20.0, tech.bestReturnPct(), EPS);
        assertEquals("BBB", tech.worstSymbol());
        assertEquals(10.0, tech.worstReturnPct(), EPS);
        SectorReport.Sector energy = report.sectors().get(1);
        // CCC 20 → 16 = −20 %, DDD 10 → 11.5 = +15 %: mean −2.5 %
        assertEquals(-2.5, energy.returnPct(), EPS);
        assertEquals(100 * (-0.1 + 0 + (16.0 / 18 - 1) + 0.1 + (12.0 / 11 - 1) + (11.5 / 12 - 1)) / 6, energy.avgDailyChangePct(), EPS);
        assertEquals(4 * 500 + 4 * 300, energy.volume());
        assertEquals("DDD", energy.bestSymbol());
        assertEquals("CCC", energy.worstSymbol());
        assertEquals(LocalDate.of(2024, 1, 1), report.from());
        assertEquals(LocalDate.of(2024, 1, 4), report.to());
        assertEquals(Map.of(MarketData.NAME, 0L), r.versionsRead());
        // Spark's physical plan, or the SQL the in-process columnar engine ran
        assertTrue(r.plan().contains("Physical Plan") || r.plan().contains("Scan") || r.plan().contains("in-process columnar engine"),
                r.plan());
        assertEquals(List.of("Technology", "Energy"), r.series().get(0).points().stream().map(ChartSeries.Point::label).toList());
    }

    @Test
    void sectorDateRangeCountsOnlyChangesBetweenDaysInsideIt() {
        SectorReport report = (SectorReport) analytics.run(at(AnalysisKind.SECTOR, 0)
                .withRange(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 4))).data();
        SectorReport.Sector tech = report.sectors().stream().filter(s -> s.sector().equals("Technology")).findFirst().orElseThrow();
        // AAA 110 → 120, BBB 50 → 55
        assertEquals(100 * ((120.0 / 110 - 1) + 0.1) / 2, tech.returnPct(), EPS);
        // AAA 99/110−1, 120/99−1; BBB 55/50−1, 0 (01-01 → 01-02 is outside the range)
        assertEquals(100 * ((99.0 / 110 - 1) + (120.0 / 99 - 1) + 0.1 + 0) / 4, tech.avgDailyChangePct(), EPS);
        assertEquals(3 * 1000 + 3 * 2000, tech.volume());
        assertEquals("BBB", tech.bestSymbol());
        assertEquals(LocalDate.of(2024, 1, 2), report.from());
    }

    @Test
    void latestVersionIncludesTheFifthDay() {
        AnalysisResult r = analytics.run(AnalysisRequest.of(AnalysisKind.SECTOR));
        SectorReport.Sector tech = ((SectorReport) r.data()).sectors().get(0);
        // AAA 100 → 144 = +44 %, BBB +10 %
        assertEquals(27.0, tech.returnPct(), EPS);
        assertEquals(Map.of(MarketData.NAME, 1L), r.versionsRead());
    }

    @Test
    void volatilityIsAnnualisedSampleDeviationOfDailyLogReturns() {
        AnalysisResult r = analytics.run(at(AnalysisKind.VOLATILITY, 0).withTop(3));
        VolatilityReport report = (VolatilityReport) r.data();
        // By hand: AAA 2.4104, DDD 1.2273, CCC 1.0273, BBB 0.8735 (annualised)
        assertEquals(List.of("AAA", "DDD", "CCC"), report.mostVolatile().stream().map(VolatilityReport.SymbolVolatility::symbol).toList());
        for (VolatilityReport.SymbolVolatility v : report.mostVolatile()) {
            assertEquals(HandMadeLake.annualisedVolatility(HandMadeLake.closes(v.symbol(), 4)), v.volatility30d(), EPS, v.symbol());
            assertEquals(3, v.returns());
            assertEquals(LocalDate.of(2024, 1, 4), v.date());
        }
        assertEquals(2.41040, report.mostVolatile().get(0).volatility30d(), 1e-4);
        // The band defaults to the most volatile symbol: no band until two returns exist
        assertEquals("AAA", report.symbol());
        assertEquals(4, report.band().size());
        assertNull(report.band().get(0).volatility30d());
        assertNull(report.band().get(1).lower());
        VolatilityReport.BandPoint last = report.band().get(3);
        double dailySigma = HandMadeLake.annualisedVolatility(HandMadeLake.closes("AAA", 4)) / Math.sqrt(252);
        assertEquals(120 * Math.exp(-2 * dailySigma), last.lower(), EPS);
        assertEquals(120 * Math.exp(2 * dailySigma), last.upper(), EPS);
        VolatilityReport.BandPoint third = report.band().get(2);
        assertEquals(HandMadeLake.annualisedVolatility(HandMadeLake.closes("AAA", 3)), third.volatility30d(), EPS);
    }

    @Test
    void rollingVolatilityKeepsOnlyTheLastThirtyReturns(@TempDir Path longLake) {
        LakeEngine e = TestLakes.engine(longLake);
        double[] closes = new double[45];
        List<org.apache.spark.sql.Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < closes.length; i++) {
            // early days swing hard, later days are calm: a window that kept old days would show it
            closes[i] = 100 * Math.exp((i < 12 ? 0.08 : 0.01) * Math.sin(1.7 * i));
            rows.add(org.apache.spark.sql.RowFactory.create("LONG", "Long Corp", "Utilities",
                    java.sql.Date.valueOf(HandMadeLake.D1.plusDays(i)), closes[i], 10L));
        }
        e.write(MarketData.NAME, "45 days", s -> {
            s.createDataFrame(rows, HandMadeLake.MARKET).write().format("delta").save(e.tablePath(MarketData.NAME).toString());
            return null;
        });
        VolatilityReport report = (VolatilityReport) new AnalyticsService(e).run(AnalysisRequest.of(AnalysisKind.VOLATILITY)).data();
        VolatilityReport.SymbolVolatility latest = report.mostVolatile().get(0);
        assertEquals(30, latest.returns());
        assertEquals(HandMadeLake.annualisedVolatility(java.util.Arrays.copyOfRange(closes, 14, 45)), latest.volatility30d(), EPS);
        // day 10 (0-based) has ten returns behind it
        assertEquals(HandMadeLake.annualisedVolatility(java.util.Arrays.copyOfRange(closes, 0, 11)),
                report.band().get(10).volatility30d(), EPS);
    }

    @Test
    void volatilityBandOfANamedSymbolIgnoresCase() {
        VolatilityReport report = (VolatilityReport) analytics.run(at(AnalysisKind.VOLATILITY, 0).withSymbol("ccc")).data();
        assertEquals("CCC", report.symbol());
        assertEquals(List.of(20.0, 18.0, 18.0, 16.0), report.band().stream().map(VolatilityReport.BandPoint::close).toList());
    }

    @Test
    void unknownSymbolIsAClearError() {
        var e = assertThrows(LakeLensException.class, () -> analytics.run(at(AnalysisKind.VOLATILITY, 0).withSymbol("ZZZ")));
        assertTrue(e.getMessage().contains("No prices for symbol 'ZZZ'"), e.getMessage());
    }

    @Test
    void moversRankGainersAndLosersWithVolume() {
        MoversReport report = (MoversReport) analytics.run(at(AnalysisKind.MOVERS, 0).withTop(2)).data();
        assertEquals(List.of("AAA", "DDD"), report.gainers().stream().map(MoversReport.Mover::symbol).toList());
        assertEquals(20.0, report.gainers().get(0).changePct(), EPS);
        assertEquals(15.0, report.gainers().get(1).changePct(), EPS);
        assertEquals(1200, report.gainers().get(1).volume());
        assertEquals(List.of("CCC"), report.losers().stream().map(MoversReport.Mover::symbol).toList());
        MoversReport.Mover ccc = report.losers().get(0);
        assertEquals(-20.0, ccc.changePct(), EPS);
        assertEquals(20.0, ccc.firstClose(), EPS);
        assertEquals(16.0, ccc.lastClose(), EPS);
        assertEquals(2000, ccc.volume());
    }

    @Test
    void moversOverAWindow() {
        MoversReport report = (MoversReport) analytics.run(AnalysisRequest.of(AnalysisKind.MOVERS)
                .withRange(LocalDate.of(2024, 1, 4), LocalDate.of(2024, 1, 5))).data();
        // 01-04 → 01-05: AAA 120 → 144 (+20 %), CCC 16 → 16.8 (+5 %); BBB, DDD flat
        assertEquals(List.of("AAA", "CCC"), report.gainers().stream().map(MoversReport.Mover::symbol).toList());
        assertEquals(5.0, report.gainers().get(1).changePct(), 1e-9);
        assertTrue(report.losers().isEmpty());
    }

    /** Risk of one side by hand: Σ (qty × close / portfolio value) × volatility. */
    static Map<String, Double> riskByHand(Map<String, Map<String, Long>> holdings, int days) {
        Map<String, Double> out = new java.util.TreeMap<>();
        holdings.forEach((portfolio, positions) -> {
            double total = positions.entrySet().stream()
                    .mapToDouble(p -> p.getValue() * HandMadeLake.CLOSES.get(p.getKey())[days - 1]).sum();
            double risk = 0;
            for (var p : positions.entrySet()) {
                double weight = p.getValue() * HandMadeLake.CLOSES.get(p.getKey())[days - 1] / total;
                risk += weight * HandMadeLake.annualisedVolatility(HandMadeLake.closes(p.getKey(), days));
            }
            out.put(portfolio, risk);
        });
        return out;
    }

    static final Map<String, Map<String, Long>> HOLDINGS_V0 = Map.of(
            "P1", Map.of("AAA", 10L, "CCC", 50L), "P2", Map.of("BBB", 20L, "DDD", 100L), "P3", Map.of("AAA", 5L, "DDD", 40L));
    static final Map<String, Map<String, Long>> HOLDINGS_V1 = Map.of(
            "P1", Map.of("AAA", 40L, "CCC", 10L), "P2", Map.of("BBB", 20L, "DDD", 100L), "P3", Map.of("DDD", 40L));

    @Test
    void riskThenVersusNowAfterTheConcentratingMerge() {
        AnalysisResult r = analytics.run(AnalysisRequest.of(AnalysisKind.RISK).withCompareTo(new AsOf.Version(0)));
        RiskReport report = (RiskReport) r.data();
        // then: holdings v0 valued with market_data v0 (4 days); now: holdings v1 with market_data v1 (5 days)
        assertEquals(new RiskReport.Side("version 0", 0, 0, LocalDate.of(2024, 1, 4)), report.then());
        assertEquals(new RiskReport.Side("latest", 1, 1, LocalDate.of(2024, 1, 5)), report.now());
        Map<String, Double> then = riskByHand(HOLDINGS_V0, 4);
        Map<String, Double> now = riskByHand(HOLDINGS_V1, 5);
        Map<String, RiskReport.PortfolioRisk> byName = new java.util.HashMap<>();
        report.portfolios().forEach(p -> byName.put(p.portfolio(), p));
        for (String p : List.of("P1", "P2", "P3")) {
            assertEquals(then.get(p), byName.get(p).riskThen(), EPS, p);
            assertEquals(now.get(p), byName.get(p).riskNow(), EPS, p);
            assertEquals(RiskAssessment.of(now.get(p) - then.get(p)), byName.get(p).assessment(), p);
        }
        // P1 went from 60 % to 97 % in its most volatile stock; P2 held still while volatility fell;
        // P3 sold its most volatile stock.
        assertEquals(RiskAssessment.HIGH_INCREASE, byName.get("P1").assessment());
        assertEquals(RiskAssessment.MODERATE_DECREASE, byName.get("P2").assessment());
        assertEquals(RiskAssessment.HIGH_DECREASE, byName.get("P3").assessment());
        assertEquals(List.of("P1", "P2", "P3"), report.portfolios().stream().map(RiskReport.PortfolioRisk::portfolio).toList());

        RiskReport.PortfolioRisk p1 = byName.get("P1");
        assertEquals(10 * 120 + 50 * 16, p1.valueThen(), EPS);
        assertEquals(40 * 144 + 10 * 16.8, p1.valueNow(), EPS);
        assertEquals("AAA", p1.largestNow());
        assertEquals(40 * 144 / (40 * 144 + 10 * 16.8), p1.largestShareNow(), EPS);
        assertEquals(0.6, p1.largestShareThen(), EPS);
        // AAA drove P1's change: its weight rose from 0.6 to 0.969
        RiskReport.PositionRisk driver = report.drivers().stream().filter(d -> d.portfolio().equals("P1")).findFirst().orElseThrow();
        assertEquals("AAA", driver.symbol());
        assertEquals(0.6, driver.weightThen(), EPS);
        assertEquals(0.6 * HandMadeLake.annualisedVolatility(HandMadeLake.closes("AAA", 4)), driver.riskThen(), EPS);
        // P3's AAA position is gone now: weight 0, risk 0
        RiskReport.PositionRisk sold = report.positions().stream()
                .filter(d -> d.portfolio().equals("P3") && d.symbol().equals("AAA")).findFirst().orElseThrow();
        assertEquals(0.0, sold.weightNow(), EPS);
        assertEquals(0.0, sold.riskNow(), EPS);
        assertEquals(600.0 / 1060, sold.weightThen(), EPS);
        // sector exposure: P1 now almost all Technology
        RiskReport.SectorExposure tech = report.exposures().stream()
                .filter(x -> x.portfolio().equals("P1") && x.sector().equals("Technology")).findFirst().orElseThrow();
        assertEquals(0.6, tech.weightThen(), EPS);
        assertEquals(40 * 144 / (40 * 144 + 10 * 16.8), tech.weightNow(), EPS);
        assertEquals(Map.of(Holdings.NAME, 1L, MarketData.NAME, 1L), r.versionsRead());
    }

    @Test
    void riskComparedWithATimestampMatchesTheVersionCommittedThen() {
        var commit = engine.history(Holdings.NAME, 0).stream().filter(c -> c.version() == 0).findFirst().orElseThrow();
        RiskReport byTime = (RiskReport) analytics.run(AnalysisRequest.of(AnalysisKind.RISK)
                .withCompareTo(new AsOf.Timestamp(commit.timestamp()))).data();
        RiskReport byVersion = (RiskReport) analytics.run(AnalysisRequest.of(AnalysisKind.RISK)
                .withCompareTo(new AsOf.Version(0))).data();
        assertEquals(0, byTime.then().holdingsVersion());
        assertEquals(0, byTime.then().marketDataVersion());
        assertEquals(byVersion.portfolios(), byTime.portfolios());
    }

    @Test
    void holdingsCommittedAfterTheLastPriceAreValuedWithTheLatestPrices(@TempDir Path later) {
        LakeEngine e = TestLakes.engine(later);
        e.write(MarketData.NAME, "prices", s -> {
            s.createDataFrame(HandMadeLake.marketRows(0, 4), HandMadeLake.MARKET).write().format("delta")
                    .save(e.tablePath(MarketData.NAME).toString());
            return null;
        });
        for (long qty : new long[]{10, 30}) {
            e.write(Holdings.NAME, "position " + qty, s -> {
                s.createDataFrame(List.of(HandMadeLake.holding("P1", "AAA", qty), HandMadeLake.holding("P1", "BBB", 10)),
                        HandMadeLake.HOLDINGS).write().format("delta").mode("overwrite")
                        .save(e.tablePath(Holdings.NAME).toString());
                return null;
            });
        }
        RiskReport report = (RiskReport) new AnalyticsService(e).run(AnalysisRequest.of(AnalysisKind.RISK)
                .withCompareTo(new AsOf.Version(0))).data();
        assertEquals(0, report.then().marketDataVersion());
        RiskReport.PortfolioRisk p1 = report.portfolios().get(0);
        double volA = HandMadeLake.annualisedVolatility(HandMadeLake.closes("AAA", 4));
        double volB = HandMadeLake.annualisedVolatility(HandMadeLake.closes("BBB", 4));
        assertEquals(1200.0 / 1750 * volA + 550.0 / 1750 * volB, p1.riskThen(), EPS);
        assertEquals(3600.0 / 4150 * volA + 550.0 / 4150 * volB, p1.riskNow(), EPS);
    }

    @Test
    void riskWithoutCompareToUsesThePreviousHoldingsVersion() {
        RiskReport report = (RiskReport) analytics.run(AnalysisRequest.of(AnalysisKind.RISK)).data();
        assertEquals(0, report.then().holdingsVersion());
        assertEquals(1, report.now().holdingsVersion());
    }

    @Test
    void assessmentThresholdsAreStrict() {
        assertEquals(RiskAssessment.HIGH_INCREASE, RiskAssessment.of(0.2001));
        assertEquals(RiskAssessment.MODERATE_INCREASE, RiskAssessment.of(0.20));
        assertEquals(RiskAssessment.MODERATE_INCREASE, RiskAssessment.of(0.1001));
        assertEquals(RiskAssessment.STABLE, RiskAssessment.of(0.10));
        assertEquals(RiskAssessment.STABLE, RiskAssessment.of(-0.10));
        assertEquals(RiskAssessment.MODERATE_DECREASE, RiskAssessment.of(-0.1001));
        assertEquals(RiskAssessment.MODERATE_DECREASE, RiskAssessment.of(-0.20));
        assertEquals(RiskAssessment.HIGH_DECREASE, RiskAssessment.of(-0.2001));
    }

    @Test
    void analysesChangeNothingOnDisk() {
        String before = TestLakes.fingerprint(lake);
        for (AnalysisKind k : AnalysisKind.values()) {
            analytics.run(AnalysisRequest.of(k));
        }
        assertEquals(before, TestLakes.fingerprint(lake));
    }

    @Test
    void versionThatDoesNotExistIsAClearError() {
        var e = assertThrows(LakeLensException.class, () -> analytics.run(at(AnalysisKind.SECTOR, 42)));
        assertTrue(e.getMessage().contains("no readable version 42"), e.getMessage());
    }

    @Test
    void cancelledAnalysisStopsWithACancelError() {
        CancelHandle handle = new CancelHandle();
        handle.cancel();
        assertThrows(QueryCancelledException.class, () -> analytics.run(at(AnalysisKind.SECTOR, 0), handle));
        assertFalse(analytics.run(at(AnalysisKind.SECTOR, 0)).cacheHit());
    }
}
