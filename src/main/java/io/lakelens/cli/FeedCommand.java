package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.LakeLensException;
import io.lakelens.data.Tables;
import io.lakelens.data.FeedStats;
import io.lakelens.data.MarketFeed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "feed", mixinStandardHelpOptions = true,
        description = "Append simulated market ticks to market_data in micro-batches, each a Delta commit with reason "
                + "'live feed'. Runs until --seconds pass or Ctrl-C; ticks already generated are committed before it exits.")
public final class FeedCommand extends LakeCommand {
    @Option(names = "--rate", required = true, paramLabel = "N", description = "Ticks per second.")
    int rate;

    @Option(names = "--seconds", paramLabel = "S", description = "Stop after S seconds (default: until Ctrl-C).")
    Integer seconds;

    @Option(names = "--table", defaultValue = Tables.MarketData.NAME, description = "Table to append to (default market_data).")
    String table;

    @Option(names = "--interval-ms", defaultValue = "1000", description = "Time between batches (default 1000 ms).")
    int intervalMs;

    @Option(names = "--quiet", description = "Print only the summary, not each batch.")
    boolean quiet;

    @Override
    protected int run(AppContext ctx) {
        if (seconds != null && seconds < 1) {
            throw new LakeLensException("--seconds must be 1 or more.");
        }
        MarketFeed feed = new MarketFeed(ctx.engine(), table, rate, Duration.ofMillis(intervalMs));
        FeedListeners.attach(ctx, feed);
        if (!quiet) {
            feed.onBatch(b -> {
                out().printf(Locale.ROOT, "batch %d · version %d · %,d rows · %d ms%s%n", b.batch(), b.version(), b.rows(),
                        b.commitMillis(), b.retries() > 0 ? " · " + b.retries() + " conflict(s) retried" : "");
                out().flush();
            });
        }
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            feed.stop();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        err().printf(Locale.ROOT, "Feeding %s at %,d rows/s%s… (Ctrl-C stops)%n", table, rate,
                seconds == null ? "" : " for " + seconds + " s");
        err().flush();
        feed.start();
        try {
            if (seconds == null) {
                stop.await();
            } else {
                stop.await(seconds, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        FeedStats s = feed.stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // shutting down: the hook already stopped the feed
        }
        out().println(s.summary());
        if (!s.lastError().isEmpty()) {
            err().println("last error (its rows were kept and retried): " + s.lastError());
        }
        return s.pending() == 0 ? ExitCode.OK : ExitCode.USER_ERROR;
    }
}
