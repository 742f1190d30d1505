package io.lakelens.analytics.model;

import io.lakelens.TestLakes;
import io.lakelens.analytics.CancelHandle;
import io.lakelens.analytics.QueryCancelledException;
import io.lakelens.cache.CacheConnection;
import io.lakelens.cache.CacheSettings;
import io.lakelens.cache.CacheStatus;
import io.lakelens.cache.EmbeddedRedis;
import io.lakelens.cache.RedisCache;
import io.lakelens.cache.TableVersions;
import io.lakelens.cli.Main;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The risk model and its backtest on a hand-made lake whose future volatility is known (real Spark, Delta, Redis). */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class RiskModelTest {
    /** Few small trees: enough to separate 5 %, 24 % and 79 % a year. */
    static final ModelParams PARAMS = new ModelParams(5, 20, 5, 8, 3, 7);

    @TempDir
    static Path lake;
    static LakeEngine engine;
    static RiskModels models;
    static ModelInfo trained;

    @BeforeAll
    static void trainOnVersionOne() {
        engine = TestLakes.engine(lake);
        CalmAndWildLake.build(engine);
        models = new RiskModels(engine);
        trained = models.train(TrainRequest.of("calm-wild").withAsOf(new AsOf.Version(1)).withParams(PARAMS),
                new CancelHandle(), ModelProgress.Listener.NONE);
    }

    @Test
    void modelRanksTheCalmSymbolsBelowTheWildOnes() {
        BacktestResult r = models.backtest(BacktestRequest.of("calm-wild").withDates(List.of(CalmAndWildLake.day(65)))
                .withEvaluateAt(new AsOf.Version(1)), new CancelHandle(), ModelProgress.Listener.NONE);
        Map<String, Double> predicted = r.rebalances().getFirst().predictions().stream()
                .collect(Collectors.toMap(BacktestResult.Prediction::symbol, BacktestResult.Prediction::predicted));
        assertEquals(6, predicted.size(), predicted.toString());
        for (String calm : List.of("CALM1", "CALM2")) {
            for (String mid : List.of("MID1", "MID2")) {
                assertTrue(predicted.get(calm) < predicted.get(mid), predicted.toString());
                for (String wild : List.of("WILD1", "WILD2")) {
                    assertTrue(predicted.get(mid) < predicted.get(wild), predicted.toString());
                }
            }
        }
        // the wild symbols' coming volatility is known: 5 % a day, about 0.79 a year
        double known = 0.05 * Math.sqrt(252);
        assertTrue(Math.abs(predicted.get("WILD1") - known) < 0.35 * known, predicted.toString());
        assertEquals(1, trained.tableVersion());
        assertEquals(7, trained.params().seed());
        assertTrue(trained.trainTo().isBefore(trained.testFrom()));
        assertTrue(Files.isRegularFile(lake.resolve(".lakelens/models/calm-wild/model.json")));
    }

    @Test
    void sameVersionAndSeedGiveTheSameMetrics() {
        ModelInfo again = models.train(TrainRequest.of("calm-wild-again").withAsOf(new AsOf.Version(1)).withParams(PARAMS),
                new CancelHandle(), ModelProgress.Listener.NONE);
        assertEquals(trained.id(), again.id());
        assertEquals(trained.metrics(), again.metrics());
        assertEquals(trained.featureImportances(), again.featureImportances());
        assertEquals(trained.trainRows(), again.trainRows());
        assertEquals(trained, models.store().info("calm-wild"));
    }

    @Test
    void backtestDecidesWithWhatWasKnownAtEachDate() {
        String before = TestLakes.fingerprint(lake.resolve("market_data"));
        BacktestResult r = models.backtest(BacktestRequest.of("calm-wild").withHold(2)
                        .withDates(List.of(CalmAndWildLake.day(40), CalmAndWildLake.day(65), CalmAndWildLake.day(75)))
                        .withEvaluateAt(new AsOf.Version(1)), new CancelHandle(), ModelProgress.Listener.NONE);
        assertEquals(List.of(0L, 1L, 1L), r.rebalances().stream().map(BacktestResult.Rebalance::version).toList());
        // at day 40 version 0 still had CALM1's calm history (the latest version restated it as wild)
        assertEquals(List.of("CALM1", "CALM2"), r.rebalances().getFirst().held().stream().sorted().toList());
        assertEquals(List.of("CALM1", "CALM2"), r.rebalances().get(1).held().stream().sorted().toList());
        assertEquals(1, r.evaluationVersion());
        assertTrue(r.strategy().annualisedVolatility() < r.benchmark().annualisedVolatility() / 3, r.strategy() + " vs " + r.benchmark());
        assertEquals(CalmAndWildLake.DAYS - 1 - 40, r.strategy().days());
        assertEquals(r.strategy().days() + 1, r.curve().size());
        assertEquals(1.0, r.curve().getFirst().strategy());
        assertTrue(r.strategy().maxDrawdown() >= 0 && r.benchmark().maxDrawdown() > r.strategy().maxDrawdown());
        assertEquals(before, TestLakes.fingerprint(lake.resolve("market_data")), "a backtest only reads");

        BacktestResult latest = models.backtest(BacktestRequest.of("calm-wild").withHold(2).withDates(List.of(CalmAndWildLake.day(40))),
                new CancelHandle(), ModelProgress.Listener.NONE);
        assertEquals(2, latest.evaluationVersion());
        assertEquals(0, latest.rebalances().getFirst().version());
    }

    @Test
    void predictionsAndResultsAreCachedUnderVersionKeysForAnHour() throws Exception {
        EmbeddedRedis redis = EmbeddedRedis.start(64);
        CacheSettings cs = CacheSettings.defaults().withReconnectMaxDelay(Duration.ofMillis(200));
        try (RedisCache cache = new RedisCache(CacheConnection.connect(redis.url(), CacheStatus.EMBEDDED, "model test", null, cs), cs)) {
            TableVersions versions = new TableVersions(engine, cache, Duration.ofSeconds(5));
            RiskModels cached = new RiskModels(engine, () -> cache, () -> versions);
            BacktestRequest request = BacktestRequest.of("calm-wild").withHold(2).withDates(List.of(CalmAndWildLake.day(65)));
            BacktestResult first = cached.backtest(request, new CancelHandle(), ModelProgress.Listener.NONE);
            BacktestResult second = cached.backtest(request, new CancelHandle(), ModelProgress.Listener.NONE);
            assertFalse(first.fromCache());
            assertTrue(second.fromCache());
            assertEquals(first.strategy(), second.strategy());
            assertEquals(first.rebalances(), second.rebalances());

            List<String> keys = cache.connection().async().scan(ScanCursor.INITIAL, ScanArgs.Builder.matches("lakelens:market_data:*")
                    .limit(1000)).get(5, TimeUnit.SECONDS).getKeys();
            assertTrue(keys.stream().anyMatch(k -> k.startsWith("lakelens:market_data:v1:analytics:")), keys.toString());
            assertTrue(keys.stream().anyMatch(k -> k.startsWith("lakelens:market_data:v2:analytics:")), keys.toString());
            for (String k : keys) {
                long ttl = cache.connection().async().pttl(k).get(5, TimeUnit.SECONDS);
                assertTrue(ttl > 30 * 60_000L && ttl <= 3_600_000L, k + " ttl " + ttl);
            }
        } finally {
            redis.close();
        }
    }

    @Test
    void cancellingTrainingStopsItAndSavesNothing() {
        CancelHandle cancel = new CancelHandle();
        List<ModelProgress> seen = new CopyOnWriteArrayList<>();
        assertThrows(QueryCancelledException.class, () -> models.train(TrainRequest.of("cancelled").withParams(PARAMS), cancel, p -> {
            seen.add(p);
            if (p.step().startsWith("Training")) {
                cancel.cancel();
            }
        }));
        assertFalse(Files.exists(lake.resolve(".lakelens/models/cancelled")));
        assertFalse(seen.isEmpty());
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i).fraction() >= seen.get(i - 1).fraction());
        }
    }

    @Test
    void cliTrainsAndBacktestsWithJson() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[]{"model", "backtest", "--name", "calm-wild", "--dates", CalmAndWildLake.day(65).toString(),
                "--hold", "2", "--format", "json", "--lake", lake.toString(), "--no-redis"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("\"annualisedVolatility\""), out.toString());
        assertTrue(out.toString().contains("\"CALM1\""), out.toString());

        StringWriter bad = new StringWriter();
        int refused = Main.execute(new String[]{"model", "backtest", "--name", "../etc", "--lake", lake.toString(), "--no-redis"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(bad, true));
        assertEquals(1, refused);
        assertTrue(bad.toString().startsWith("lakelens: '../etc' is not a model name"), bad.toString());
        assertEquals(1, bad.toString().strip().lines().count());
    }
}
