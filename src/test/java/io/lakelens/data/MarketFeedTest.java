package io.lakelens.data;

import io.lakelens.LakeLensException;
import io.lakelens.TestLakes;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.Commit;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.maintenance.OptimizeRequest;
import io.lakelens.lake.maintenance.Optimizer;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarketFeedTest {
    @TempDir
    static Path lake;
    static LakeEngine engine;

    @BeforeAll
    static void marketData() {
        engine = TestLakes.engine(lake);
        MarketTables.create(engine, 5, 4);
    }

    static long rows() {
        return engine.readAction("market_data", AsOf.LATEST, () -> engine.read("market_data", AsOf.LATEST).count());
    }

    static long feedRowsInHistory(long afterVersion) {
        return engine.history("market_data", 0).stream()
                .filter(c -> c.version() > afterVersion && c.reason().equals(MarketFeed.REASON))
                .mapToLong(c -> c.metric("numOutputRows")).sum();
    }

    @Test
    void everyGeneratedTickIsCommittedExactlyOnce() {
        long before = rows();
        long v0 = engine.latestVersion("market_data");
        List<FeedBatch> batches = Collections.synchronizedList(new ArrayList<>());
        MarketFeed feed = new MarketFeed(engine, "market_data", 40, Duration.ofMillis(500));
        feed.onBatch(batches::add);
        FeedStats s = feed.runFor(Duration.ofSeconds(3));
        assertFalse(feed.isRunning());
        assertTrue(s.rowsCommitted() > 0, s.summary());
        assertEquals(s.rowsGenerated(), s.rowsCommitted(), s.summary());
        assertEquals(0, s.pending());
        assertEquals(before + s.rowsCommitted(), rows(), "count ingested = rows added to the table");
        assertEquals(s.rowsCommitted(), feedRowsInHistory(v0), "each batch is one 'live feed' commit");
        assertEquals(s.batches(), batches.size());
        assertEquals(s.rowsCommitted(), batches.stream().mapToLong(FeedBatch::rows).sum());
        assertEquals(s.lastVersion(), batches.get(batches.size() - 1).version());
        assertEquals(engine.latestVersion("market_data"), s.lastVersion());
        Commit c = engine.history("market_data", 1).get(0);
        assertEquals(System.getProperty("user.name"), c.user());
    }

    @Test
    void ticksMatchTheTableSchemaAndWalkFromTheLastClose() {
        MarketFeed feed = new MarketFeed(engine, "market_data", 20, Duration.ofMillis(500));
        List<FeedBatch> batches = Collections.synchronizedList(new ArrayList<>());
        feed.onBatch(batches::add);
        long v0 = engine.latestVersion("market_data");
        feed.runFor(Duration.ofSeconds(2));
        List<Row> ticks = engine.read("market_data", AsOf.LATEST)
                .where("ts > timestamp'2025-01-01 00:00:00'").collectAsList();
        assertFalse(ticks.isEmpty());
        for (Row r : ticks) {
            double close = r.getDouble(r.fieldIndex("close"));
            double high = r.getDouble(r.fieldIndex("high"));
            double low = r.getDouble(r.fieldIndex("low"));
            assertTrue(low <= close && close <= high, r.toString());
            assertTrue(r.getString(r.fieldIndex("company_name")).startsWith("Company "), "descriptive columns copied");
            String sym = r.getString(r.fieldIndex("symbol"));
            double start = 100.5 + Integer.parseInt(sym.substring(3));
            assertTrue(Math.abs(close / start - 1) < 0.05, "a random walk from the last close: " + close + " vs " + start);
        }
        assertTrue(batches.stream().allMatch(b -> b.version() > v0));
        assertTrue(batches.stream().allMatch(b -> !b.lastPrices().isEmpty()));
    }

    @Test
    void optimizeDuringTheFeedLosesNoTicks() throws Exception {
        long before = rows();
        MarketFeed feed = new MarketFeed(engine, "market_data", 50, Duration.ofMillis(300));
        feed.start();
        Thread.sleep(1000);
        var optimize = new CompletableFuture<io.lakelens.lake.maintenance.OptimizeResult>();
        new Thread(() -> {
            try {
                optimize.complete(new Optimizer(engine).optimize(OptimizeRequest.compaction("market_data").withMeasureRead(false), null));
            } catch (RuntimeException e) {
                optimize.completeExceptionally(e);
            }
        }).start();
        var result = optimize.get();
        Thread.sleep(800);
        FeedStats s = feed.stop();
        assertTrue(result.committed(), result.summary());
        assertEquals(s.rowsGenerated(), s.rowsCommitted(), s.summary());
        assertEquals(before + s.rowsCommitted(), rows());
    }

    @Test
    void missingTableAndBadRateAreClearErrors() {
        assertThrows(LakeLensException.class, () -> new MarketFeed(engine, "market_data", 0, Duration.ofSeconds(1)));
        var e = assertThrows(LakeLensException.class, () -> new MarketFeed(engine, "nothing_here", 10, Duration.ofSeconds(1)).start());
        assertTrue(e.getMessage().contains("No table 'nothing_here'"), e.getMessage());
    }
}
