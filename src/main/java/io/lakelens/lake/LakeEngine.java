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

/**
 * Owns the SparkSession and the lake folder. The session starts lazily on a background
 * thread ({@link #start()}); {@link #spark()} waits for it. Thread-safe: reads run
 * concurrently, writes are serialised per table by {@link WriteGuard}.
 */
public final class LakeEngine implements AutoCloseable {
    /** LakeLens's own bookkeeping tables in the lake (e.g. integrity checksums) are not analyst tables. */
    public static final String INTERNAL_PREFIX = TableName.INTERNAL_PREFIX;

    private final Config config;
    private final Engine kernel;
    private final WriteGuard writeGuard;
    private final List<BiConsumer<String, Long>> commitListeners = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<SparkSession> session;
    private final AtomicLong conflictRetries = new AtomicLong();
    private volatile Consumer<String> retryListener = msg -> { };
    private static final AtomicLong SESSION_STARTS = new AtomicLong();
    private volatile Function<String, List<String>> defaultKeys = table -> List.of();

    public LakeEngine(Config config) {
        this.config = config;
        // A lake in a bucket is read by Kernel through S3A with the bucket's endpoint and credentials chain.
        this.kernel = DefaultEngine.create(io.lakelens.lake.s3.S3Lakes.hadoopConf(config.lakeRoot()).orElseGet(Configuration::new));
        this.writeGuard = new WriteGuard(config.lakeRoot());
    }

    public Config config() {
        return config;
    }

    public Path lakeRoot() {
        return config.lakeRoot();
    }

    /**
     * Key columns for tables that declare none in their {@value TableKey#PROPERTY} property,
     * supplied by the application (e.g. for lakes generated before tables declared their key).
     * The engine itself knows no table by name. Thread-safe.
     */
    public LakeEngine defaultKeys(Function<String, List<String>> keys) {
        this.defaultKeys = keys == null ? table -> List.of() : keys;
        return this;
    }

    /**
     * The key rows of {@code table} are matched on when the caller names none: the columns
     * {@code properties} declare, else the application's default for the table, else none
     * (whole rows).
     */
    public List<String> keyOf(String table, Map<String, String> properties) {
        List<String> declared = TableKey.declared(properties);
        if (!declared.isEmpty()) {
            return declared;
        }
        List<String> fallback = defaultKeys.apply(TableName.isValid(table) ? TableName.of(table).path() : table);
        return fallback == null ? List.of() : List.copyOf(fallback);
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
        // S3A settings of a lake in a bucket, per bucket: set at build time for a new session and
        // on the Hadoop configuration of one that already runs in this JVM.
        java.util.Map<String, String> s3 = io.lakelens.lake.s3.S3Lakes.hadoopEntries(config.lakeRoot());
        s3.forEach((k, v) -> builder.config("spark.hadoop." + k, v));
        SparkSession spark = builder.getOrCreate();
        s3.forEach((k, v) -> spark.sparkContext().hadoopConfiguration().set(k, v));
        spark.sparkContext().setLogLevel("ERROR");
        return spark;
    }

    /**
     * Validates a table name and returns its folder; does not check that it exists. A name that
     * leads outside the lake ({@code ..}, an absolute path, or a link to a folder elsewhere) is
     * refused with one line, so no table name ever reaches a file outside the lake.
     */
    public Path tablePath(String name) {
        TableName table = TableName.of(name);
        Path dir = table.resolveIn(lakeRoot());
        requireInsideLake(table, dir);
        return dir;
    }

    /** Checks that the deepest existing folder on the way to {@code dir} really lies in the lake (links followed). */
    private void requireInsideLake(TableName table, Path dir) {
        Path root = lakeRoot();
        Path existing = dir;
        while (existing != null && !existing.equals(root) && !Files.exists(existing, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null || existing.equals(root) || !existing.startsWith(root)) {
            return; // nothing on disk yet below the root: the name alone cannot leave it
        }
        Path real;
        Path realRoot;
        try {
            realRoot = root.toRealPath();
            real = existing.toRealPath();
        } catch (java.nio.file.FileSystemLoopException e) {
            throw new LakeLensException("Table " + table + " cannot be opened: its path runs through a loop of links.");
        } catch (IOException e) {
            if (Files.isSymbolicLink(existing)) {
                throw new LakeLensException("Table " + table + " cannot be opened: " + root.relativize(existing).toString().replace('\\', '/')
                        + " is a link to a folder that does not exist.");
            }
            return; // a folder we cannot resolve is reported when it is opened
        }
        if (!real.startsWith(realRoot)) {
            throw new LakeLensException("Table " + table + " is refused: " + root.relativize(existing).toString().replace('\\', '/')
                    + " is a link to " + real + ", outside the lake " + root + "; LakeLens opens only tables inside the lake.");
        }
    }

    /** The folder of an existing Delta table, or a clear error saying why it is not one. */
    public Path requireTable(String name) {
        Path root = lakeRoot();
        io.lakelens.lake.s3.S3Lakes.check(root);
        if (io.lakelens.lake.s3.S3Lakes.isRemote(root) && !Files.isDirectory(root)) {
            throw new LakeLensException("The lake " + root + " has no tables yet; run `lakelens generate --lake " + root + "`.");
        }
        if (!Files.isDirectory(root)) {
            throw new LakeLensException("The lake folder " + root + " does not exist; run `lakelens generate` "
                    + "or pass --lake with an existing folder.");
        }
        Path dir = tablePath(name);
        String table = TableName.of(name).path();
        if (!Files.isDirectory(dir)) {
            throw new LakeLensException("No table '" + table + "' in " + root + "; `lakelens tables` lists the tables.");
        }
        Path log = dir.resolve("_delta_log");
        if (!Files.exists(log, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(log)) {
            if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
                throw new LakeLensException("Table " + table + " cannot be read: permission denied on its folder " + dir + ".");
            }
            throw new LakeLensException(dir + " is not a Delta table (it has no _delta_log folder); `lakelens tables` lists the tables.");
        }
        LakeTable structure = LakeDiscovery.structure(table, log);
        if (!structure.readable()) {
            throw new LakeLensException(structure.reason());
        }
        return dir;
    }

    /**
     * The tables under the lake root at any depth, with what the folders alone say of each (a
     * {@code _delta_log} that is a file or empty, a folder that cannot be read), plus the
     * folders not searched and why. Reads directory listings only: fast, no Spark. LakeLens's
     * own tables and folders are left out.
     */
    public LakeListing discover() {
        io.lakelens.lake.s3.S3Lakes.check(lakeRoot());
        return LakeDiscovery.walk(lakeRoot());
    }

    /** Names of the Delta tables under the lake root, openable or not, sorted; LakeLens's own tables are left out. */
    public List<String> tableNames() {
        return discover().names();
    }

    /**
     * Every table of the lake with its state: each one whose folders look right is opened at
     * its latest version (the log replayed by Delta Kernel, no Spark), so a damaged table is
     * named with its one-line reason and never stops the listing of the others. Checks run
     * two at a time.
     */
    public LakeListing listTables() {
        long t0 = System.nanoTime();
        LakeListing found = discover();
        List<CompletableFuture<LakeTable>> checks = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "lakelens-table-check");
            t.setDaemon(true);
            return t;
        });
        try {
            for (LakeTable t : found.tables()) {
                checks.add(t.readable() ? CompletableFuture.supplyAsync(() -> TableCheck.check(this, t.name()), pool)
                        : CompletableFuture.completedFuture(t));
            }
            List<LakeTable> out = checks.stream().map(CompletableFuture::join).toList();
            return new LakeListing(out, found.skipped(), (System.nanoTime() - t0) / 1_000_000);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The state of one table, as {@link #listTables()} reports it. */
    public LakeTable tableState(String name) {
        try {
            requireTable(name);
        } catch (LakeLensException e) {
            return LakeTable.unreadable(TableName.isValid(name) ? TableName.of(name).path() : String.valueOf(name), e.getMessage());
        }
        return TableCheck.check(this, TableName.of(name).path());
    }

    /** The Kernel snapshot of a table at a point, with errors turned into clear messages. */
    public Snapshot snapshot(String name, AsOf asOf) {
        Path dir = requireTable(name);
        Snapshot snap;
        try {
            Table table = Table.forPath(kernel, dir.toString());
            snap = switch (asOf) {
                case AsOf.Latest l -> table.getLatestSnapshot(kernel);
                case AsOf.Version v -> table.getSnapshotAsOfVersion(kernel, v.version());
                case AsOf.Timestamp t -> table.getSnapshotAsOfTimestamp(kernel, t.instant().toEpochMilli());
            };
        } catch (Exception e) {
            throw Errors.forRead(name, asOf, e, dir);
        }
        refuseEmptyCommits(name, dir, snap.getVersion());
        return snap;
    }

    /**
     * Refuses a version that an empty commit file at or before it would make Delta misread (as a
     * commit with no changes): every reader of a version calls this once it has opened it.
     */
    public static void refuseEmptyCommits(String name, Path dir, long version) {
        LogFolder.of(dir).emptyCommitUpTo(version).ifPresent(v -> {
            throw new LakeLensException(LogFolder.emptyCommitMessage(TableName.of(name).path(), v, version));
        });
    }

    /**
     * Refuses a table whose log holds no metaData or protocol action (Kernel may still take them
     * from a checksum file; Spark's reader and writer cannot), in the one line that says which.
     */
    public void requireLogActions(String name) {
        String missing = TableCheck.missingAction(LogFolder.of(requireTable(name)), TableName.of(name).path());
        if (missing != null) {
            throw new LakeLensException(missing);
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
            throw name == null ? Errors.forRead(null, asOf, e) : readError(name, asOf, e);
        }
    }

    /** Rows of the table at a point (one Spark job; starts Spark if needed). Read-only; thread-safe. */
    public long countRows(String name, AsOf asOf) {
        return readAction(name, asOf, () -> read(name, asOf).count());
    }

    /**
     * A read failure of a table turned into one clear line: damage in its log or its data is
     * named by version and file where the table's folder tells which.
     */
    public LakeLensException readError(String name, AsOf asOf, Throwable e) {
        Path dir;
        try {
            dir = requireTable(name);
        } catch (LakeLensException bad) {
            return Errors.forRead(name, asOf, e);
        }
        return Errors.forRead(name, asOf, e, dir);
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
            throw Errors.forRead(name, AsOf.LATEST, e, dir);
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

    /** The catalogue entries of the lake's readable tables. */
    public List<TableInfo> catalog() {
        return listTables().readableNames().stream().map(this::describe).toList();
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
    public <T> T write(String tableName, String reason, Function<SparkSession, T> work) {
        String table = TableName.of(tableName).path();
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
     * Appends rows exactly once, under the table's write lock and with LakeLens's commit
     * metadata: Delta records {@code (appId, txnVersion)} in the commit and skips a later write
     * carrying a pair it already has, so a micro-batch that runs again after a crash (its rows
     * committed, its stream checkpoint not) lands once. Commit listeners hear of a new version
     * as after {@link #write}.
     *
     * @param appId      identifies the writer across restarts (one per stream checkpoint)
     * @param txnVersion increases with each batch of that writer (the stream's batch id)
     * @return whether this call committed; false when the table already had the batch
     */
    public boolean appendOnce(String table, String reason, Dataset<Row> rows, String appId, long txnVersion) {
        if (config.readOnly()) {
            throw new LakeLensException("The lake " + lakeRoot() + " is open read-only; writes are refused "
                    + "(open it without --read-only to change it).");
        }
        Path dir = tablePath(table);
        boolean committed = writeGuard.withLock(table, reason, () -> {
            long before = WriteConflicts.newestCommit(dir);
            rows.write().format("delta").mode("append")
                    .option("txnAppId", appId)
                    .option("txnVersion", txnVersion)
                    .option("userMetadata", CommitMetadata.json(reason, UUID.randomUUID().toString()))
                    .save(dir.toString());
            return WriteConflicts.newestCommit(dir) > before;
        });
        if (committed) {
            notifyCommitted(table);
        }
        return committed;
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
            // a data file, deletion vector or log file the write had to read is missing or
            // corrupt: named as the read commands name it (LakeLens's own refusals pass through)
            boolean ownLine = e instanceof SparkJobs.CancelledException || e instanceof LakeLensException && e.getCause() == null;
            var damage = ownLine ? java.util.Optional.<LakeLensException>empty()
                    : Errors.damageBehind(table, before >= 0 ? new AsOf.Version(before) : AsOf.LATEST, e, dir);
            if (damage.isPresent()) {
                return damage.get();
            }
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
