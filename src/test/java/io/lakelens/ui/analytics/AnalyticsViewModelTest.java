package io.lakelens.ui.analytics;

import io.lakelens.TestLakes;
import io.lakelens.ViewModelTest;
import io.lakelens.analytics.AnalysisKind;
import io.lakelens.analytics.AnalyticsService;
import io.lakelens.analytics.HandMadeLake;
import io.lakelens.analytics.RiskAssessment;
import io.lakelens.analytics.RiskReport;
import io.lakelens.analytics.SectorReport;
import io.lakelens.lake.LakeEngine;
import io.lakelens.ui.kit.CurrentThreadTaskExecutor;
import io.lakelens.ui.kit.StatusModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ViewModelTest
@Timeout(300)
class AnalyticsViewModelTest {
    @TempDir
    static Path lake;
    static LakeEngine engine;

    final CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();
    final StatusModel status = new StatusModel(Runnable::run);
    final AnalyticsViewModel model = new AnalyticsViewModel(new AnalyticsService(engine), tasks, status);

    @BeforeAll
    static void handMadeLake() {
        engine = TestLakes.engine(lake);
        HandMadeLake.build(engine);
    }

    @Test
    void sectorRunShowsTheResultWithVersionLatencyAndSource() {
        model.kindProperty().set(AnalysisKind.SECTOR);
        model.asOfProperty().set("0");
        model.run();
        SectorReport report = (SectorReport) model.resultProperty().get().data();
        assertEquals(15.0, report.sectors().get(0).returnPct(), 1e-9);
        assertEquals("market_data v0", model.versionTextProperty().get());
        assertTrue(model.latencyTextProperty().get().endsWith(" ms"), model.latencyTextProperty().get());
        assertEquals("Delta", model.sourceTextProperty().get());
        assertEquals("", model.errorProperty().get());
        assertFalse(model.runningProperty().get());
        assertEquals(0L, status.lastProperty().get().version().getAsLong());
        assertEquals("Sector analysis", status.lastProperty().get().operation());
    }

    @Test
    void riskComparesWithTheTypedVersionAndSaysWhichVersionsItRead() {
        model.kindProperty().set(AnalysisKind.RISK);
        model.compareToProperty().set("0");
        model.run();
        RiskReport report = (RiskReport) model.resultProperty().get().data();
        assertEquals("portfolio_holdings v0 → v1 · market_data v0 → v1", model.versionTextProperty().get());
        assertEquals(RiskAssessment.HIGH_INCREASE, report.portfolios().get(0).assessment());
        assertTrue(model.methodProperty().get().contains("risk score = weight × volatility_30d"));
    }

    @Test
    void parametersOfOtherAnalysesAreIgnored() {
        model.kindProperty().set(AnalysisKind.MOVERS);
        model.compareToProperty().set("0");
        model.symbolProperty().set("not a symbol!");
        model.asOfProperty().set("0");
        model.run();
        assertEquals("", model.errorProperty().get());
        assertTrue(model.resultProperty().get().request().compareTo().isEmpty());
    }

    @Test
    void badInputIsOneLineAndRunsNothing() {
        model.fromProperty().set(LocalDate.of(2024, 2, 1));
        model.toProperty().set(LocalDate.of(2024, 1, 1));
        model.run();
        assertTrue(model.errorProperty().get().startsWith("The date range starts (2024-02-01)"), model.errorProperty().get());
        assertNull(model.resultProperty().get());
        assertNull(status.lastProperty().get());

        model.fromProperty().set(null);
        model.asOfProperty().set("yesterday");
        model.run();
        assertTrue(model.errorProperty().get().contains("neither a version number nor a date-time"), model.errorProperty().get());
    }

    @Test
    void unreadableVersionIsShownAsItsMessage() {
        model.asOfProperty().set("99");
        model.run();
        assertTrue(model.errorProperty().get().contains("no readable version 99"), model.errorProperty().get());
        assertFalse(model.runningProperty().get());
        assertNull(model.resultProperty().get());
    }

    @Test
    void methodFollowsThePickedAnalysis() {
        model.kindProperty().set(AnalysisKind.VOLATILITY);
        assertEquals(AnalysisKind.VOLATILITY.method(), model.methodProperty().get());
    }
}
