package io.lakelens.ui.analytics;

import io.lakelens.TestLakes;
import io.lakelens.ViewModelTest;
import io.lakelens.analytics.model.BacktestResult;
import io.lakelens.analytics.model.ModelInfo;
import io.lakelens.analytics.model.RiskModels;
import io.lakelens.lake.LakeEngine;
import io.lakelens.ui.kit.CurrentThreadTaskExecutor;
import io.lakelens.ui.kit.StatusModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backtest card's state on a tiny lake, real Spark and MLlib, no toolkit. */
@ViewModelTest
class BacktestViewModelTest {
    @TempDir
    static Path lake;
    static LakeEngine engine;
    static RiskModels models;

    @BeforeAll
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    static void lake() {
        engine = TestLakes.engine(lake);
        BacktestLake.build(engine);
        models = new RiskModels(engine);
    }

    /** A model of few small trees: enough to tell 0.3 % from 5 % a day, quick to fit. */
    static BacktestViewModel model(String name) {
        BacktestViewModel m = new BacktestViewModel(models, new CurrentThreadTaskExecutor(), new StatusModel(Runnable::run));
        m.modelNameProperty().set(name);
        m.treesProperty().set(6);
        m.depthProperty().set(3);
        m.seedProperty().set(7);
        return m;
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void trainingThenBacktestingShowsBothCurvesTheMetricsAndTheRebalances() {
        BacktestViewModel m = model("card");
        assertTrue(m.loadModels().join().stream().noneMatch(i -> i.name().equals("card")));
        assertNull(m.modelProperty().get());
        assertTrue(m.modelTextProperty().get().contains("train it first"), m.modelTextProperty().get());

        ModelInfo info = m.train().join();
        assertEquals(info, m.modelProperty().get());
        assertEquals(1, info.tableVersion(), "trained on the latest version");
        assertEquals(7, info.params().seed());
        assertTrue(info.metrics().rmse() > 0 && Double.isFinite(info.metrics().baselineRmse()));
        assertTrue(m.modelTextProperty().get().contains("market_data v1"), m.modelTextProperty().get());
        assertTrue(Files.isRegularFile(lake.resolve(".lakelens/models/card/model.json")));
        assertEquals("card", m.savedModels().getFirst().name());

        m.everyProperty().set(3);
        m.holdProperty().set(2);
        BacktestResult r = m.backtest().join();
        assertEquals(r, m.resultProperty().get());
        assertFalse(m.runningProperty().get());
        assertEquals("", m.errorProperty().get());
        assertEquals(1.0, m.progressProperty().get());
        assertEquals(List.of(BacktestViewModel.LOWEST_RISK, BacktestViewModel.EQUAL_WEIGHT),
                m.metrics().stream().map(BacktestViewModel.MetricRow::portfolio).toList());
        assertEquals(r.strategy().totalReturn() * 100, m.metrics().get(0).returnPct(), 1e-9);
        assertEquals(r.benchmark().maxDrawdown() * 100, m.metrics().get(1).maxDrawdownPct(), 1e-9);
        assertTrue(r.curve().size() > 5, "a daily curve over the held-out range");
        assertTrue(r.rebalances().size() >= 2);
        assertEquals(r.rebalances(), m.rebalances());
        for (BacktestResult.Rebalance b : r.rebalances()) {
            assertEquals(2, b.held().size());
            // the days before the append were decided with version 0, the later ones with version 1
            assertEquals(b.date().isBefore(BacktestLake.day(BacktestLake.FIRST_APPEND)) ? 0 : 1, b.version(), b.toString());
            assertTrue(b.held().stream().allMatch(s -> s.startsWith("CALM")), b.toString());
        }
        assertTrue(r.strategy().annualisedVolatility() < r.benchmark().annualisedVolatility(), r.strategy() + " vs " + r.benchmark());
        assertTrue(m.summaryProperty().get().startsWith("Holding the 2 lowest-risk symbols"), m.summaryProperty().get());
        assertTrue(m.titleProperty().get().startsWith("Backtest · card on market_data"), m.titleProperty().get());

        // picking the saved model by name in another card finds it without training
        BacktestViewModel other = model("card");
        other.loadModels().join();
        assertEquals(info.id(), other.modelProperty().get().id());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void cancellingStopsTheRunAndShowsNoResult() {
        BacktestViewModel m = model("cancelled");
        // cancel as soon as training reports that it fits trees: the run stops and nothing is saved
        m.stepProperty().addListener((o, a, b) -> {
            if (b.startsWith("Training ") && b.contains("trees")) {
                m.cancel();
            }
        });
        CompletableFuture<ModelInfo> run = m.train();
        assertTrue(run.isCancelled());
        assertFalse(m.runningProperty().get());
        assertNull(m.modelProperty().get());
        assertEquals("", m.errorProperty().get());
        assertTrue(m.stepProperty().get().endsWith("cancelled."), m.stepProperty().get());
        assertFalse(Files.exists(lake.resolve(".lakelens/models/cancelled")), "a cancelled training saves nothing");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void badInputIsRefusedInOneLineWithoutRunning() {
        BacktestViewModel m = model("../outside");
        assertTrue(m.train().isCompletedExceptionally());
        assertTrue(m.errorProperty().get().contains("is not a model name"), m.errorProperty().get());
        m.modelNameProperty().set("card");
        m.asOfProperty().set("yesterday-ish");
        assertTrue(m.train().isCompletedExceptionally());
        assertFalse(m.errorProperty().get().isEmpty());
        assertFalse(m.errorProperty().get().contains("\n"));
        m.everyProperty().set(0);
        assertTrue(m.backtest().isCompletedExceptionally());
        assertTrue(m.errorProperty().get().contains("Rebalance every"), m.errorProperty().get());
        assertFalse(m.runningProperty().get());
    }
}
