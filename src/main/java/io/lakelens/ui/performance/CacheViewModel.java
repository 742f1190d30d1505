package io.lakelens.ui.performance;

import io.lakelens.cache.Cache;
import io.lakelens.cache.CacheInspection;
import io.lakelens.cache.CacheInspector;
import io.lakelens.cache.CacheSettings;
import io.lakelens.cache.RedisCache;
import io.lakelens.cache.TtlClass;
import io.lakelens.ui.kit.BackgroundTask;
import io.lakelens.ui.kit.PeriodicRead;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.TaskExecutor;
import io.lakelens.ui.kit.UiErrors;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The Cache panel of the Performance tab: what {@code lakelens stats --cache} prints (server,
 * memory against its limit, eviction policy, evicted and expired keys, LakeLens keys by TTL class
 * and by table, hit ratio, slow log), read in the background every {@link #PERIOD} while the tab
 * is shown, and flushing one table's keys. Without Redis it says why the cache is off instead.
 * Results reach the properties on the UI thread through {@link TaskExecutor#ui}.
 */
public final class CacheViewModel implements AutoCloseable {
    /** How often the panel reads Redis while shown. */
    public static final Duration PERIOD = Duration.ofSeconds(5);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** One line of the overview: a figure and its value as shown. */
    public record Fact(String name, String value) {
    }

    /** LakeLens keys of one table. */
    public record TableKeys(String table, long keys) {
    }

    /** Keys of one TTL class, with the TTL this process uses for it. */
    public record ClassKeys(TtlClass ttlClass, Duration ttl, long keys) {
    }

    private final Supplier<Cache> cache;
    private final String offReasonWithoutCache;
    private final TaskExecutor tasks;
    private final Notifier notifier;

    private final ReadOnlyObjectWrapper<CacheInspection> inspection = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper offReason = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper updated = new ReadOnlyStringWrapper("Not read yet.");
    private final ObservableList<Fact> facts = FXCollections.observableArrayList();
    private final ObservableList<TableKeys> tables = FXCollections.observableArrayList();
    private final ObservableList<ClassKeys> classes = FXCollections.observableArrayList();
    private final ObservableList<CacheInspection.SlowEntry> slowLog = FXCollections.observableArrayList();
    private final PeriodicRead reading;

    /**
     * @param cache        the window's cache; asked for on a worker thread only, since the first
     *                     call may connect to Redis or start one
     * @param disabledWhy  why there is no cache at all (the window was started with --no-redis), or null
     */
    public CacheViewModel(Supplier<Cache> cache, String disabledWhy, TaskExecutor tasks, Notifier notifier) {
        this.cache = cache;
        this.offReasonWithoutCache = disabledWhy;
        this.tasks = tasks;
        this.reading = new PeriodicRead(PERIOD, this::readNow, tasks);
        this.notifier = notifier;
    }

    /** Reads now and then every {@link #PERIOD} until {@link #stopRefreshing()}. */
    public void startRefreshing() {
        reading.start();
    }

    public void stopRefreshing() {
        reading.stop();
    }

    public boolean isRefreshing() {
        return reading.isRunning();
    }

    /** Reads once in the background; completes once the properties show the result. */
    public CompletableFuture<Void> refresh() {
        return reading.once();
    }

    /** One read, on the calling (worker) thread; the outcome is handed to the UI thread. */
    void readNow() {
        if (offReasonWithoutCache != null) {
            tasks.ui(() -> off(offReasonWithoutCache));
            return;
        }
        Cache c;
        try {
            c = cache.get();
        } catch (RuntimeException e) {
            String why = UiErrors.message(e);
            tasks.ui(() -> off("The cache is off: " + why));
            return;
        }
        if (!c.status().isUp()) {
            String why = "The cache is off (" + c.status().label() + "): " + c.description()
                    + c.warning().map(w -> ". " + w).orElse("") + ". Searches read Delta.";
            tasks.ui(() -> off(why));
            return;
        }
        CacheSettings settings = c instanceof RedisCache rc ? rc.settings() : CacheSettings.defaults();
        try {
            CacheInspection i = CacheInspector.inspect(c);
            Instant at = Instant.now();
            String mode = c.status().label();
            tasks.ui(() -> show(i, mode, settings, at));
        } catch (RuntimeException e) {
            String why = UiErrors.message(e);
            tasks.ui(() -> off(why));
        }
    }

    private void off(String why) {
        inspection.set(null);
        offReason.set(why);
        facts.clear();
        tables.clear();
        classes.clear();
        slowLog.clear();
        updated.set("Checked " + CLOCK.format(Instant.now()));
    }

    private void show(CacheInspection i, String mode, CacheSettings settings, Instant at) {
        offReason.set("");
        facts.setAll(facts(i, mode));
        List<TableKeys> t = new ArrayList<>();
        i.keysByTable().forEach((k, v) -> t.add(new TableKeys(k, v)));
        tables.setAll(t);
        List<ClassKeys> cl = new ArrayList<>();
        for (Map.Entry<TtlClass, Long> e : i.keysByClass().entrySet()) {
            cl.add(new ClassKeys(e.getKey(), settings.ttl(e.getKey()), e.getValue()));
        }
        classes.setAll(cl);
        slowLog.setAll(i.slowLog());
        inspection.set(i);
        updated.set("Updated " + CLOCK.format(at) + " · every " + PERIOD.toSeconds() + " s while shown");
    }

    /** @param mode how this window reaches Redis: {@code external} or {@code embedded} */
    static List<Fact> facts(CacheInspection c, String mode) {
        List<Fact> f = new ArrayList<>();
        f.add(new Fact("Server", c.server()));
        f.add(new Fact("Mode", mode));
        f.add(new Fact("Redis version", c.redisVersion()));
        f.add(new Fact("Memory used", bytes(c.usedMemory())));
        f.add(new Fact("Memory limit", c.maxMemory() == 0 ? "none" : bytes(c.maxMemory())
                + String.format(Locale.ROOT, " (%.1f %% used)", 100.0 * c.usedMemory() / c.maxMemory())));
        f.add(new Fact("Eviction policy", c.evictionPolicy()));
        f.add(new Fact("Evicted keys", String.format(Locale.ROOT, "%,d", c.evictedKeys())));
        f.add(new Fact("Expired keys", String.format(Locale.ROOT, "%,d", c.expiredKeys())));
        f.add(new Fact("Hit ratio", Double.isNaN(c.hitRatio()) ? "— (no lookups yet)"
                : String.format(Locale.ROOT, "%.1f %% (%,d hits, %,d misses)", c.hitRatio() * 100, c.hits(), c.misses())));
        f.add(new Fact("LakeLens keys", String.format(Locale.ROOT, "%,d", c.lakelensKeys())
                + (c.scanTruncated() ? " (first " + String.format(Locale.ROOT, "%,d", CacheInspector.MAX_SCANNED) + " keys counted)" : "")));
        f.add(new Fact("Other keys", String.format(Locale.ROOT, "%,d", c.otherKeys())));
        return f;
    }

    static String bytes(long b) {
        return b < 1024 * 1024 ? String.format(Locale.ROOT, "%,d bytes", b) : String.format(Locale.ROOT, "%.1f MiB", b / 1048576.0);
    }

    /**
     * Deletes every cached key of {@code table} (SCAN by the table's key prefix, then UNLINK) in the
     * background and reads Redis again; completes with how many keys went. Searches of the table
     * read Delta until the cache fills again; nothing in the lake changes.
     */
    public CompletableFuture<Long> flush(String table) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        BackgroundTask.wrap(() -> {
                    long n = cache.get().clear(table);
                    readNow();
                    return n;
                })
                .withTitle("Flushing the cached keys of " + table)
                .onSuccess(n -> {
                    notifier.success(String.format(Locale.ROOT, "Flushed %,d cached key%s of %s.", n, n == 1 ? "" : "s", table));
                    done.complete(n);
                })
                .onFailure(e -> {
                    notifier.error(e);
                    done.completeExceptionally(e);
                })
                .executeWith(tasks);
        return done;
    }

    @Override
    public void close() {
        stopRefreshing();
    }

    /** The last inspection, or null while the cache is off or not read yet. */
    public ReadOnlyObjectProperty<CacheInspection> inspectionProperty() {
        return inspection.getReadOnlyProperty();
    }

    /** Why the cache is off, or empty while it is up. */
    public ReadOnlyStringProperty offReasonProperty() {
        return offReason.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty updatedProperty() {
        return updated.getReadOnlyProperty();
    }

    public ObservableList<Fact> facts() {
        return facts;
    }

    /** LakeLens keys per table, most first. */
    public ObservableList<TableKeys> tables() {
        return tables;
    }

    public ObservableList<ClassKeys> classes() {
        return classes;
    }

    /** The slow log, newest first. */
    public ObservableList<CacheInspection.SlowEntry> slowLog() {
        return slowLog;
    }
}
