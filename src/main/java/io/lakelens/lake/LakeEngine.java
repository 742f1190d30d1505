package io.lakelens.lake;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.tables.DeltaTable;
import io.lakelens.Config;
import io.lakelens.LakeLensException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Owns the SparkSession and the lake folder. The session starts lazily on a background
 * thread ({@link #start()}); {@link #spark()} waits for it. Thread-safe: reads run
 * concurrently, writes are serialised per table by {@link WriteGuard}.
 */
public final class LakeEngine implements AutoCloseable {
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    /** LakeLens's own bookkeeping tables in the lake (e.g. integrity checksums) are not analyst tables. */
    public static final String INTERNAL_PREFIX = "_lakelens_";

    private final Config config;
    private final Engine kernel = DefaultEngine.create(new Configuration());
    private final WriteGuard writeGuard;
    private final List<BiConsumer<String, Long>> commitListeners = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<SparkSession> session;
    private final AtomicLong conflictRetries = new AtomicLong();
    private volatile Consumer<String> retryListener = msg -> { };
    private static final AtomicLong SESSION_STARTS = new AtomicLong();

    public LakeEngine(Config config) {
        this.config = config;
        this.writeGuard = new WriteGuard(config.lakeRoot());
    }

    public Config config() {
        return config;
    }

    public Path lakeRoot() {
        return config.lakeRoot();
    }

    /** The Delta Kernel engine, for reads that need no SparkSession. */
    public Engine kernel() {
        return kernel;
    }

    public WriteGuard writeGuard() {
        return writeGuard;
    }

    /** Starts the SparkSession in the background if it is not started yet. Idempotent. */
    public synchronized CompletableFuture<SparkSession> start() {
        if (session == null) {
            SESSION_STARTS.incrementAndGet();
            session = CompletableFuture.supplyAsync(this::createSession, runnable -> {
                Thread t = new Thread(runnable, "lakelens-spark-start");
                t.setDaemon(true);
                t.start();
            });
        }
        return session;
    }

    /**
     * How many engines in this JVM have started (or begun starting) their SparkSession. Commands
     * that read only the log (tables, describe, history) must leave it unchanged.
     */
    public static long sessionStarts() {
        return SESSION_STARTS.get();
    }

    public boolean isStarted() {
        CompletableFuture<SparkSession> s = session;
        return s != null && s.isDone() && !s.isCompletedExceptionally();
    }

    /** The session, waiting for start-up if needed. */
    public SparkSession spark() {
        try {
            return start().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakeLensException("Interrupted while Spark was starting.");
        } catch (ExecutionException e) {
            throw new LakeLensException("Spark could not start: " + Errors.rootMessage(e.getCause()), e.getCause());
        }
    }

    private SparkSession createSession() {
        SparkSession.Builder builder = SparkSession.builder().master(config.sparkMaster());
        EngineSettings.session(config.sparkUi()).forEach(builder::config);
        if (!config.isLocalMaster()) {
            builder.config("spark.jars", ClusterJars.forExecutors());
            // Executors are JVMs of their own on JDK 21+: they need the same opened modules.
            builder.config("spark.executor.extraJavaOptions", String.join(" ", JvmFlags.forSpark()));
        }
        SparkSession spark = builder.getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        return spark;
    }

    /** Validates a table name and returns its folder; does not check that it exists. */
    public Path tablePath(String name) {
        if (name == null || !TABLE_NAME.matcher(name).matches()) {
            throw new LakeLensException("'" + Errors.abbreviate(String.valueOf(name))
                    + "' is not a table name; names are letters, digits and underscores (see `lakelens tables`).");
        }
        return lakeRoot().resolve(name);
    }

    /** The folder of an existing Delta table, or a clear error saying why it is not one. */
    public Path requireTable(String name) {
        Path root = lakeRoot();
        if (!Files.isDirectory(root)) {
            throw new LakeLensException("The lake folder " + root + " does not exist; run `lakelens generate` "
                    + "or pass --lake with an existing folder.");
        }
        Path dir = tablePath(name);
        if (!Files.isDirectory(dir)) {
            throw new LakeLensException("No table '" + name + "' in " + root + "; `lakelens tables` lists the tables.");
        }
        if (!Files.isDirectory(dir.resolve("_delta_log"))) {
            throw new LakeLensException(dir + " is not a Delta table (it has no _delta_log folder).");
        }
        return dir;
    }

    /** Names of the Delta tables under the lake root, sorted; LakeLens's own sidecar tables are left out. */
    public List<String> tableNames() {
        Path root = lakeRoot();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(p -> Files.isDirectory(p.resolve("_delta_log")))
                    .map(p -> p.getFileName().toString())
                    .filter(n -> TABLE_NAME.matcher(n).matches())
                    .filter(n -> !n.startsWith(INTERNAL_PREFIX))
                    .sorted().toList();
        } catch (IOException e) {
            throw new LakeLensException("Cannot list the lake folder " + root + ": " + e.getMessage(), e);
        }
    }

    /** The Kernel snapshot of a table at a point, with errors turned into clear messages. */
    public Snapshot snapshot(String name, AsOf asOf) {
        Path dir = requireTable(name);
        try {
            Table table = Table.forPath(kernel, dir.toString());
            return switch (asOf) {
                case AsOf.Latest l -> table.getLatestSnapshot(kernel);
                case AsOf.Version v -> table.getSnapshotAsOfVersion(kernel, v.version());
                case AsOf.Timestamp t -> table.getSnapshotAsOfTimestamp(kernel, t.instant().toEpochMilli());
            };
        } catch (Exception e) {
            throw Errors.forRead(name, asOf, e, dir);
        }
    }

    /** The latest committed version of a table, read from its log without Spark. */
    public long latestVersion(String name) {
        return snapshot(name, AsOf.LATEST).getVersion();
    }

    /** Resolves an as-of to a concrete version number, checking it exists. */
    public long resolveVersion(String name, AsOf asOf) {
        return snapshot(name, asOf).getVersion();
    }

    /**
     * The table at a point as a DataFrame. The version is resolved and checked first, so an
     * out-of-range version or timestamp gives a clear message, not a Spark stack trace.
     */
    public Dataset<Row> read(String name, AsOf asOf) {
        return read(spark(), name, asOf);
    }

    /** As {@link #read(String, AsOf)}, in a given (child) session. */
    public Dataset<Row> read(SparkSession session, String name, AsOf asOf) {
        Path dir = requireTable(name);
        long version = resolveVersion(name, asOf);
        try {
            // Always the version just resolved from the log, "latest" included: a plain read of
            // the latest may scan Spark's cached snapshot, which can lag another process's
            // commits by up to the staleness limit. The torture run's process scenario caught
            // this on a busy machine (acknowledged batches absent from the check, present when
            // read again); a read must be the version it is reported and cached as.
            if (asOf instanceof AsOf.Latest) {
                // Bring Spark's cached snapshot up to that version once, so this read and the
                // next ones reuse it instead of rebuilding the version's state each time.
                org.apache.spark.sql.delta.DeltaLog log = org.apache.spark.sql.delta.DeltaLog.forTable(session, dir.toString());
                if (log.unsafeVolatileSnapshot().version() < version) {
                    log.update(false, scala.Option.empty(), scala.Option.empty());
                }
            }
            return session.read().format("delta").option("versionAsOf", version).load(dir.toString());
        } catch (Exception e) {
            throw Errors.forRead(name, asOf, e, dir);
        }
    }

    /** Runs an action on a read (count, collect) turning Spark failures into clear messages. */
    public <T> T readAction(String name, AsOf asOf, Supplier<T> action) {
        try {
            return action.get();
        } catch (LakeLensException e) {
            throw e;
        } catch (Exception e) { // Spark throws checked exceptions (SparkException) undeclared
            boolean named = name != null && TABLE_NAME.matcher(name).matches();
            throw named ? Errors.forRead(name, asOf, e, lakeRoot().resolve(name)) : Errors.forRead(name, asOf, e);
        }
    }

    /** Rows of the table at a point (one Spark job; starts Spark if needed). Read-only; thread-safe. */
    public long countRows(String name, AsOf asOf) {
        return readAction(name, asOf, () -> read(name, asOf).count());
    }

    /** Starts Spark if it is not started; completes with its version, e.g. {@code 4.2.0}. */
    public CompletableFuture<String> sparkVersion() {
        return start().thenApply(SparkSession::version);
    }

    public DeltaTable deltaTable(String name) {
        Path dir = requireTable(name);
        try {
            return DeltaTable.forPath(spark(), dir.toString());
        } catch (Exception e) {
            throw Errors.forRead(name, AsOf.LATEST, e);
        }
    }

    /** The table's commits, newest first. {@code limit <= 0} means all. */
    public List<Commit> history(String name, int limit) {
        return History.read(this, name, limit);
    }

    /** The catalogue entry of one table. */
    public TableInfo describe(String name) {
        return Catalog.describe(this, name);
    }

    /** The catalogue entries of all tables under the lake root. */
    public List<TableInfo> catalog() {
        return tableNames().stream().map(this::describe).toList();
    }

    /**
     * Runs a write to a table with LakeLens's commit metadata (user and reason) and the
     * table's write lock held, so no two writers in this or another LakeLens process on the
     * same lake interleave. The work gets its own child session (same SparkContext) whose
     * {@code userMetadata} carries the reason, so concurrent writes to different tables
     * each record their own reason.
     *
     * <p>When another engine writing the same table (one that does not take LakeLens's lock)
     * wins a commit race, Delta fails the commit without writing anything; the work then runs
     * again on the new snapshot, up to {@value WriteConflicts#MAX_RETRIES} more times, as long
     * as none of its commits has landed yet. A write that still conflicts fails with a
     * {@link LakeLensException} saying nothing was committed. The work must therefore start
     * from the table's current state each time it runs (every Delta operation does).
     */
    public <T> T write(String table, String reason, Function<SparkSession, T> work) {
        if (config.readOnly()) {
            throw new LakeLensException("The lake " + lakeRoot() + " is open read-only; writes are refused "
                    + "(open it without --read-only to change it).");
        }
        Path dir = tablePath(table);
        T written = writeGuard.withLock(table, reason, () -> {
            String writeId = UUID.randomUUID().toString();
            long before = WriteConflicts.newestCommit(dir);
            SparkSession child = spark().newSession();
            child.conf().set("spark.databricks.delta.commitInfo.userMetadata", CommitMetadata.json(reason, writeId));
            RetryPolicy<Object> retry = WriteConflicts.policy(
                    () -> !WriteConflicts.committedSince(dir, before, writeId),
                    failure -> {
                        conflictRetries.incrementAndGet();
                        retryListener.accept("A concurrent commit to " + table + " won the race ("
                                + Errors.abbreviate(Errors.firstLine(String.valueOf(WriteConflicts.conflict(failure).getMessage())))
                                + "); writing again on the new version.");
                    });
            try {
                @SuppressWarnings("unchecked")
                T result = (T) Failsafe.with(retry).get(() -> work.apply(child));
                return result;
            } catch (FailsafeException e) { // Spark's checked exceptions arrive wrapped
                throw conflictOr(table, dir, before, writeId, e.getCause() == null ? e : e.getCause());
            } catch (RuntimeException e) {
                throw conflictOr(table, dir, before, writeId, e);
            }
        });
        notifyCommitted(table);
        return written;
    }

    /**
     * Called after each {@link #write} with the table and its latest version, on the writing
     * thread (the cache uses it to stop keying searches by the old version at once).
     */
    public void addCommitListener(BiConsumer<String, Long> listener) {
        commitListeners.add(listener);
    }

    private void notifyCommitted(String table) {
        if (commitListeners.isEmpty()) {
            return;
        }
        try {
            long version = latestVersion(table);
            commitListeners.forEach(l -> l.accept(table, version));
        } catch (LakeLensException e) {
            // the write removed or replaced the table: listeners learn on their next read
        }
    }

    private RuntimeException conflictOr(String table, Path dir, long before, String writeId, Throwable e) {
        if (!WriteConflicts.isConflict(e)) {
            return e instanceof RuntimeException re ? re : new LakeLensException("Writing " + table + " failed: "
                    + Errors.abbreviate(Errors.rootMessage(e)), e);
        }
        String why = Errors.abbreviate(Errors.firstLine(String.valueOf(WriteConflicts.conflict(e).getMessage())));
        if (WriteConflicts.committedSince(dir, before, writeId)) {
            return new LakeLensException("Part of the write to " + table + " was committed before another writer's "
                    + "change conflicted with the rest (" + why + "); `lakelens history " + table
                    + "` shows what landed. Check it before running the write again.", e);
        }
        return new LakeLensException("The write to " + table + " kept conflicting with another writer's commits ("
                + why + "); nothing was committed. Try again when the other writer is idle.", e);
    }

    /** How many times a write was run again after losing a commit race, since this engine started. */
    public long conflictRetries() {
        return conflictRetries.get();
    }

    /** Called with a one-line message each time a write runs again after a commit conflict. */
    public void onConflictRetry(Consumer<String> listener) {
        this.retryListener = listener == null ? msg -> { } : listener;
    }

    public Map<String, String> sessionSettings() {
        return EngineSettings.session(config.sparkUi());
    }

    @Override
    public synchronized void close() {
        CompletableFuture<SparkSession> s = session;
        // Test JVMs share one session across many engines (-Dlakelens.sharedSpark=true).
        if (s != null && !Boolean.getBoolean("lakelens.sharedSpark")) {
            try {
                SparkSession spark = s.join();
                // Jobs of closed windows or cancelled commands end first, so none fails
                // noisily against a stopping session.
                spark.sparkContext().cancelAllJobs();
                spark.stop();
            } catch (CompletionException | LakeLensException ignored) {
                // a session that never started has nothing to stop
            }
            session = null;
        }
    }
}
