package io.lakelens.lake.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakelens.LakeLensException;
import io.lakelens.LakeStateFolder;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.Errors;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.TableName;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.not;

/**
 * Spark Structured Streaming from a watched folder of CSV or JSON files into a Delta table,
 * exactly once across restarts.
 *
 * <p>The stream's checkpoint lives in the lake's {@code .lakelens/streams/} (one per table and
 * source folder). Each micro-batch is appended by {@link LakeEngine#appendOnce} with the
 * stream's id (kept by Spark in the checkpoint) and the batch id as Delta's idempotent-write
 * pair, so a batch that runs again after a crash, its rows committed but the checkpoint not
 * yet, is skipped by Delta instead of landing twice.
 *
 * <p>Files are read with the table's schema in permissive mode. A file with any malformed
 * line (wrong number of fields, a value of the wrong type) is left out of the batch as a whole
 * and moved to the stream's {@code quarantine/} folder beside a {@code .reason.txt}; the stream
 * goes on. CSV files have a header line and the table's columns in its order.
 *
 * <p>Not thread-safe: one owner starts and stops it; listeners run on Spark's stream thread.
 */
public final class StreamIngest implements AutoCloseable {
    /** Fault injection for the reliability tests: after the commit of this batch id, print and wait to be killed. */
    public static final String HOLD_AFTER_COMMIT = "lakelens.stream.holdAfterCommit";
    /** The line printed (on standard output) when holding. */
    public static final String HOLDING = "STREAM-HOLDING-AFTER-COMMIT";

    private static final String CORRUPT = "_lakelens_corrupt";
    private static final String FILE = "_lakelens_file";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(StreamIngest.class);

    public enum Format { CSV, JSON }

    /** A file left out of the stream, and why. */
    public record Quarantined(String file, Path movedTo, String reason) {
    }

    /**
     * One processed micro-batch.
     *
     * @param version    the table version its commit created, or -1 when it wrote nothing
     *                   (no good rows, or Delta already had the batch)
     * @param replayed   Delta already had this batch: it ran again after a restart and was skipped
     * @param lag        how long the oldest file of the batch waited before its rows were committed
     * @param lastValues the last value of each key in the batch, when {@link #lastValues} is set
     */
    public record Batch(String table, long batchId, long version, long rows, int files, long millis,
                        boolean replayed, Duration lag, List<Quarantined> quarantined,
                        Map<String, Double> lastValues, Instant committedAt) {
        public double rowsPerSecond() {
            return millis == 0 ? rows * 1000.0 : rows * 1000.0 / millis;
        }
    }

    private final LakeEngine engine;
    private final String table;
    private final Path source;
    private final Format format;
    private final Path home;
    private final List<Consumer<Batch>> listeners = new CopyOnWriteArrayList<>();
    private int maxFilesPerBatch;
    private String keyColumn;
    private String valueColumn;
    private String appId;
    private StreamingQuery query;

    /**
     * @param table  an existing Delta table of the lake (its schema is the files' schema)
     * @param source the folder watched for new files
     */
    public StreamIngest(LakeEngine engine, String table, Path source, Format format) {
        this.engine = engine;
        this.table = table;
        engine.requireTable(table);
        this.source = source.toAbsolutePath().normalize();
        if (!Files.isDirectory(this.source)) {
            throw new LakeLensException("'" + source + "' is not a folder to stream from.");
        }
        if (this.source.startsWith(engine.lakeRoot())) {
            throw new LakeLensException("Stream from a folder outside the lake, not " + source + ".");
        }
        this.format = format;
        this.home = streamsRoot(engine).resolve(key(table, this.source));
    }

    /** Where the streams of the lake keep their checkpoints, journals and quarantined files. */
    public static Path streamsRoot(LakeEngine engine) {
        return LakeStateFolder.of(engine.lakeRoot()).resolve("streams");
    }

    /** Where the stream keeps its progress and quarantined files. */
    public Path home() {
        return home;
    }

    public Path checkpoint() {
        return home.resolve("checkpoint");
    }

    public Path quarantine() {
        return home.resolve("quarantine");
    }

    /** At most this many files per micro-batch (0: every new file). */
    public StreamIngest maxFilesPerBatch(int n) {
        this.maxFilesPerBatch = n;
        return this;
    }

    /** Report each batch's last {@code value} per {@code key} (e.g. a symbol's last price). */
    public StreamIngest lastValues(String key, String value) {
        this.keyColumn = key;
        this.valueColumn = value;
        return this;
    }

    public void onBatch(Consumer<Batch> listener) {
        listeners.add(listener);
    }

    /** Starts watching: a micro-batch every {@code interval} while new files arrive. */
    public void start(Duration interval) {
        startWith(Trigger.ProcessingTime(interval.toMillis()));
    }

    /** Processes every file there now, in as many batches as needed, then returns. */
    public void runAvailable() {
        startWith(Trigger.AvailableNow());
        awaitTermination();
    }

    /** Blocks until the stream stops; a failed stream throws its one-line reason. */
    public void awaitTermination() {
        try {
            query.awaitTermination();
        } catch (StreamingQueryException e) {
            throw new LakeLensException("The stream into " + table + " stopped: " + Errors.rootMessage(e), e);
        } finally {
            ended();
        }
    }

    public boolean isActive() {
        return query != null && query.isActive();
    }

    /** Stops after the running batch's work is abandoned; what it committed stays, and is not written again on restart. */
    public void stop() {
        if (query == null) {
            return;
        }
        try {
            query.stop();
        } catch (TimeoutException e) {
            throw new LakeLensException("The stream into " + table + " did not stop in time.", e);
        } finally {
            ended();
        }
    }

    private void ended() {
        try {
            StreamJournal.end(home);
        } catch (UncheckedIOException e) {
            LOG.warn("Cannot write the stream journal in {}: {}", home, e.getMessage());
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void startWith(Trigger trigger) {
        if (query != null) {
            throw new IllegalStateException("already started");
        }
        StructType tableSchema = engine.read(table, AsOf.LATEST).schema();
        StructType schema = tableSchema.add(new StructField(CORRUPT, DataTypes.StringType, true,
                org.apache.spark.sql.types.Metadata.empty()));
        DataStreamReader reader = engine.spark().readStream().schema(schema)
                .option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", CORRUPT)
                // a quarantined file is gone when its batch runs again after a crash: it was left out then too
                .option("ignoreMissingFiles", "true");
        if (maxFilesPerBatch > 0) {
            reader = reader.option("maxFilesPerTrigger", maxFilesPerBatch);
        }
        Dataset<Row> files = (format == Format.CSV ? reader.option("header", "true").csv(source.toString())
                : reader.json(source.toString()))
                .withColumn(FILE, col("_metadata.file_path"));
        try {
            Files.createDirectories(home);
            StreamJournal.begin(home, table, source, format);
            query = files.writeStream()
                    .queryName("lakelens-stream-" + home.getFileName())
                    .option("checkpointLocation", checkpoint().toString())
                    .trigger(trigger)
                    .foreachBatch((VoidFunction2<Dataset<Row>, Long>) this::process)
                    .start();
        } catch (IOException e) {
            throw new LakeLensException("Cannot create " + home + ": " + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new LakeLensException("The stream into " + table + " did not start: " + e.getMessage(), e);
        }
    }

    private void process(Dataset<Row> batch, Long batchId) {
        long started = System.nanoTime();
        Dataset<Row> cached = batch.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<String, String> bad = new LinkedHashMap<>();
            for (Row r : cached.where(col(CORRUPT).isNotNull()).groupBy(FILE)
                    .agg(first(CORRUPT), count(lit(1))).collectAsList()) {
                bad.put(r.getString(0), "malformed line(s): " + r.getLong(2) + "; first: " + r.getString(1).strip());
            }
            List<String> allFiles = cached.select(FILE).distinct().collectAsList().stream().map(r -> r.getString(0)).toList();
            Dataset<Row> good = bad.isEmpty() ? cached
                    : cached.where(not(col(FILE).isin(bad.keySet().toArray())));
            Dataset<Row> rows = good.drop(CORRUPT, FILE);
            long n = rows.count();
            Map<String, Double> lastValues = lastValues(good, n);
            Instant oldest = oldestFile(allFiles);
            boolean committed = n > 0 && engine.appendOnce(table, "stream from " + source.getFileName(), rows,
                    appId(), batchId);
            boolean replayed = n > 0 && !committed;
            long version = committed ? engine.latestVersion(table) : -1;
            List<Quarantined> moved = new ArrayList<>();
            bad.forEach((file, reason) -> quarantine(file, reason).ifPresent(moved::add));
            hold(batchId);
            long millis = (System.nanoTime() - started) / 1_000_000;
            Batch b = new Batch(table, batchId, version, replayed ? 0 : n, allFiles.size(), millis, replayed,
                    oldest == null ? Duration.ZERO : Duration.between(oldest, Instant.now()), List.copyOf(moved),
                    lastValues, Instant.now());
            journal(b);
            listeners.forEach(l -> l.accept(b));
        } finally {
            cached.unpersist();
        }
    }

    /** The batch goes on even if its journal line cannot be written: the journal is for showing, not for correctness. */
    private void journal(Batch b) {
        try {
            StreamJournal.append(home, b);
        } catch (UncheckedIOException e) {
            LOG.warn("Cannot write the stream journal in {}: {}", home, e.getMessage());
        }
    }

    private Map<String, Double> lastValues(Dataset<Row> good, long n) {
        if (keyColumn == null || n == 0) {
            return Map.of();
        }
        Map<String, Double> last = new LinkedHashMap<>();
        // "last" = the value on the batch's last line of each key, in file order
        Column order = org.apache.spark.sql.functions.monotonically_increasing_id();
        for (Row r : good.where(col(keyColumn).isNotNull().and(col(valueColumn).isNotNull()))
                .withColumn("_lakelens_order", order)
                .groupBy(col(keyColumn)).agg(max_by(col(valueColumn), col("_lakelens_order")))
                .collectAsList()) {
            last.put(String.valueOf(r.get(0)), ((Number) r.get(1)).doubleValue());
        }
        return last;
    }

    /** The stream's id, which Spark keeps in the checkpoint's metadata from its first start on. */
    private String appId() {
        if (appId == null) {
            try {
                JsonNode meta = JSON.readTree(checkpoint().resolve("metadata").toFile());
                appId = "lakelens-stream-" + meta.get("id").asText();
            } catch (IOException | NullPointerException e) {
                throw new LakeLensException("The stream's checkpoint " + checkpoint() + " has no id: " + e.getMessage(), e);
            }
        }
        return appId;
    }

    private Optional<Quarantined> quarantine(String file, String reason) {
        Path from = Path.of(URI.create(file));
        try {
            Files.createDirectories(quarantine());
            Path to = quarantine().resolve(from.getFileName());
            Files.writeString(quarantine().resolve(from.getFileName() + ".reason.txt"), reason + "\n", StandardCharsets.UTF_8);
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(new Quarantined(from.toString(), to, reason));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // moved before a restart: this batch ran again
        } catch (IOException e) {
            throw new LakeLensException("Cannot quarantine " + from + ": " + e.getMessage(), e);
        }
    }

    private static Instant oldestFile(List<String> files) {
        Instant oldest = null;
        for (String f : files) {
            try {
                Instant t = Files.getLastModifiedTime(Path.of(URI.create(f))).toInstant();
                oldest = oldest == null || t.isBefore(oldest) ? t : oldest;
            } catch (IOException | IllegalArgumentException e) {
                // quarantined or gone: it does not count towards the lag
            }
        }
        return oldest;
    }

    private static void hold(long batchId) {
        String at = System.getProperty(HOLD_AFTER_COMMIT);
        if (at == null || Long.parseLong(at) != batchId) {
            return;
        }
        System.out.println(HOLDING + " " + batchId);
        System.out.flush();
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One folder per table and source: the table's name made safe, and a digest of both. */
    static String key(String table, Path source) {
        String safe = TableName.of(table).fileName(); // encoded and short enough for any file system, whatever the name
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((table + "\n" + source).getBytes(StandardCharsets.UTF_8));
            return safe + "-" + HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "stream %s → %s (%s)", source, table, format);
    }
}
