package io.lakelens.data;

import io.lakelens.Config;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the two ways the live feed could append ticks, on a copy of a lake's market_data:
 * (1) {@link MarketFeed}'s loop of batched appends of driver-built rows, one commit a second;
 * (2) Structured Streaming: a rate source triggering every second, each micro-batch's ticks
 * appended through {@code foreachBatch} with the same generator and the same write. Both
 * commit through {@link LakeEngine#write}. Run by hand (not a test):
 * {@code java … FeedModeBenchmark LAKE RATE SECONDS}; prints committed rows per second of each.
 */
public final class FeedModeBenchmark {
    private FeedModeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        Path lake = Files.createTempDirectory("lakelens-feed-bench");
        LakeEngine engine = new LakeEngine(new Config(lake, "local[*]", false, Optional.empty(), true, false));
        engine.write("market_data", "benchmark copy", s -> {
            s.read().format("delta").load(source.resolve("market_data").toString())
                    .write().format("delta").save(engine.tablePath("market_data").toString());
            return null;
        });

        long before = engine.read("market_data", io.lakelens.lake.AsOf.LATEST).count();
        MarketFeed feed = new MarketFeed(engine, "market_data", rate, Duration.ofSeconds(1));
        FeedStats batched = feed.runFor(Duration.ofSeconds(seconds));
        System.out.printf(Locale.ROOT, "batched appends: %s%n", batched.summary());

        TickGenerator generator = TickGenerator.fromTable(engine, "market_data");
        String path = engine.tablePath("market_data").toString();
        AtomicLong committed = new AtomicLong();
        AtomicLong batches = new AtomicLong();
        VoidFunction2<Dataset<Row>, Long> append = (df, id) -> {
            int n = (int) df.count();
            if (n == 0) {
                return;
            }
            List<Row> rows = generator.next(n, Instant.now()).rows();
            engine.write("market_data", MarketFeed.REASON, s -> {
                s.createDataFrame(rows, generator.schema()).coalesce(1).write().format("delta").mode("append")
                        .option("txnAppId", "bench-stream").option("txnVersion", id).save(path);
                return null;
            });
            committed.addAndGet(n);
            batches.incrementAndGet();
        };
        Path checkpoint = Files.createTempDirectory("lakelens-feed-bench-ckpt");
        long t0 = System.nanoTime();
        StreamingQuery q = engine.spark().readStream().format("rate").option("rowsPerSecond", rate)
                .option("numPartitions", 1).load()
                .writeStream().trigger(Trigger.ProcessingTime("1 second")).option("checkpointLocation", checkpoint.toString())
                .foreachBatch(append).start();
        Thread.sleep(seconds * 1000L);
        q.stop();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "structured streaming: %,d rows in %,d batches over %.1f s (%,.0f rows/s)%n",
                committed.get(), batches.get(), elapsed, committed.get() / elapsed);
        long after = engine.read("market_data", io.lakelens.lake.AsOf.LATEST).count();
        System.out.printf(Locale.ROOT, "rows added %,d = batched %,d + streaming %,d: %s%n", after - before,
                batched.rowsCommitted(), committed.get(), after - before == batched.rowsCommitted() + committed.get());
        engine.close();
    }
}
