package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.LakeLensException;
import io.lakelens.cache.FeedPrices;
import io.lakelens.data.FeedBatch;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.ingest.StreamIngest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

@Command(name = "stream", mixinStandardHelpOptions = true,
        description = "Spark Structured Streaming from a watched folder of CSV or JSON files into a Delta table, exactly "
                + "once across restarts (its checkpoint is in the lake's .lakelens/streams/). A file with a malformed "
                + "line is moved to the stream's quarantine folder with its reason, and the stream goes on. Runs until "
                + "Ctrl-C, --seconds or, with --once, until every file there now is in.")
public final class StreamCommand extends LakeCommand {
    @Option(names = "--from", required = true, paramLabel = "DIR", description = "Folder to watch (outside the lake).")
    Path from;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|json",
            description = "File format: csv (a header line, the table's columns in order) or json (one object per line).")
    String format;

    @Option(names = "--table", defaultValue = MarketData.NAME, description = "Table to append to (default market_data).")
    String table;

    @Option(names = "--interval-ms", defaultValue = "1000", description = "Time between micro-batches (default 1000 ms).")
    int intervalMs;

    @Option(names = "--max-files", defaultValue = "0", paramLabel = "N", description = "At most N files per micro-batch.")
    int maxFiles;

    @Option(names = "--seconds", paramLabel = "S", description = "Stop after S seconds (default: until Ctrl-C).")
    Integer seconds;

    @Option(names = "--once", description = "Take every file there now, then stop.")
    boolean once;

    @Override
    protected int run(AppContext ctx) {
        StreamIngest.Format f = switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> StreamIngest.Format.CSV;
            case "json" -> StreamIngest.Format.JSON;
            default -> throw new LakeLensException("--format must be csv or json, not '" + format + "'.");
        };
        if (intervalMs < 1 || maxFiles < 0 || (seconds != null && seconds < 1)) {
            throw new LakeLensException("--interval-ms and --seconds must be 1 or more, --max-files 0 or more.");
        }
        StreamIngest stream = new StreamIngest(ctx.engine(), table, from, f).maxFilesPerBatch(maxFiles);
        List<String> columns = List.of(ctx.engine().read(table, AsOf.LATEST).columns());
        if (!ctx.config().noRedis() && columns.contains(MarketData.SYMBOL) && columns.contains(MarketData.CLOSE)) {
            // each batch's last prices go to the 1 s price keys, as the live feed's do
            stream.lastValues(MarketData.SYMBOL, MarketData.CLOSE);
            FeedPrices prices = new FeedPrices(ctx.cache(), ctx.tableVersions());
            stream.onBatch(b -> {
                if (b.version() >= 0 && !b.lastValues().isEmpty()) {
                    prices.accept(new FeedBatch(b.table(), b.batchId(), b.version(), (int) b.rows(), b.millis(), 0,
                            b.lastValues(), b.committedAt()));
                }
            });
        } else if (!ctx.config().noRedis()) {
            ctx.tableVersions(); // its commit listener tells other LakeLens windows of each new version
        }
        AtomicLong total = new AtomicLong();
        AtomicLong quarantined = new AtomicLong();
        stream.onBatch(b -> {
            total.addAndGet(b.rows());
            quarantined.addAndGet(b.quarantined().size());
            out().println(line(b));
            b.quarantined().forEach(q -> out().println("  quarantined " + q.file() + " → " + q.movedTo() + ": " + q.reason()));
            out().flush();
        });
        err().println("Streaming " + from.toAbsolutePath() + " (" + f.name().toLowerCase(Locale.ROOT) + ") into " + table
                + (once ? ", every file there now…" : "… (Ctrl-C stops)"));
        err().flush();
        if (once) {
            stream.runAvailable();
        } else {
            Thread hook = new Thread(stream::stop);
            Runtime.getRuntime().addShutdownHook(hook);
            stream.start(Duration.ofMillis(intervalMs));
            try {
                if (seconds != null) {
                    Thread.sleep(seconds * 1000L);
                    stream.stop();
                }
                stream.awaitTermination();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stream.stop();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException ignored) {
                    // shutting down: the hook stops the stream
                }
            }
        }
        out().printf(Locale.ROOT, "%,d rows streamed into %s; %d file(s) quarantined in %s%n", total.get(), table,
                quarantined.get(), stream.quarantine());
        return ExitCode.OK;
    }

    static String line(StreamIngest.Batch b) {
        String what = b.replayed() ? "already committed before a restart, skipped"
                : b.version() < 0 ? "nothing to write"
                : String.format(Locale.ROOT, b.rowsPerSecond() < 100 ? "version %d · %,d rows · %,.1f rows/s"
                        : "version %d · %,d rows · %,.0f rows/s", b.version(), b.rows(), b.rowsPerSecond());
        return String.format(Locale.ROOT, "batch %d · %s · %d file(s) · %d ms · lag %.1f s", b.batchId(), what, b.files(),
                b.millis(), b.lag().toMillis() / 1000.0);
    }
}
