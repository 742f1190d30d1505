package io.lakelens.analytics;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.Fallback;
import io.lakelens.LakeLensException;
import io.lakelens.cache.Cache;
import io.lakelens.cache.CacheKey;
import io.lakelens.cache.CacheKeys;
import io.lakelens.cache.Lookup;
import io.lakelens.cache.TableVersions;
import io.lakelens.cache.TtlClass;
import io.lakelens.data.Tables.Holdings;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.Errors;
import io.lakelens.lake.LakeEngine;
import io.lakelens.search.StrategyKind;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs the named analyses ({@link AnalysisKind}) over the lake, as of any version or time,
 * through the same four strategies as search. Each analysis is built with the DataFrame API
 * from validated parameters (no text of the user's reaches SQL) and reads every table at a
 * version resolved before it runs; answers are cached under version-keyed {@code analytics:*}
 * keys ({@code lakelens:{table}:v{version}:analytics:{hash}}, one hour), so a commit makes the
 * old answers unreachable and a cached answer is never stale.
 *
 * <ul>
 * <li>cache-first: the cached answer, else Delta (then cached);</li>
 * <li>database-only: always Delta, the cache neither read nor written;</li>
 * <li>circuit breaker: Delta guarded by a breaker and a timeout, composed as
 *     Fallback(CircuitBreaker(read)); when Delta fails or the breaker is open, the newest cached
 *     answer to the same request at any version, marked as a fallback;</li>
 * <li>hybrid: as-of requests go to Delta (time travel is the engine's own answer), as does
 *     everything while the cache is down; the rest is cache-first.</li>
 * </ul>
 *
 * Blocking: call it from a background thread. Thread-safe; concurrent analyses share the
 * engine's SparkSession, and identical cache-first requests share one computation.
 */
public final class AnalyticsService implements AutoCloseable {
    /** How long a circuit-breaker read of Delta may take before it counts as failed. */
    public static final Duration DELTA_TIMEOUT = Duration.ofSeconds(60);

    /**
     * What computes an analysis read from Delta. {@code COLUMNAR}: the in-process columnar
     * engine over the version's Parquet files, or Spark (saying why) for a table feature it does
     * not read; {@code SPARK}: always a Spark job. Both return the same answer.
     */
    public enum Compute {
        COLUMNAR, SPARK;

        /** {@code LAKELENS_ANALYTICS_ENGINE=spark} forces Spark; the default is the columnar engine. */
        public static Compute fromEnvironment() {
            String v = System.getenv("LAKELENS_ANALYTICS_ENGINE");
            return v != null && v.strip().equalsIgnoreCase("spark") ? SPARK : COLUMNAR;
        }
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AnalyticsService.class);

    private final LakeEngine engine;
    private final ColumnarEngine columnar;
    private volatile Compute preferred = Compute.fromEnvironment();
    private final java.util.concurrent.atomic.LongAdder columnarRuns = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder sparkFallbacks = new java.util.concurrent.atomic.LongAdder();
    private final Supplier<Cache> cache;
    private final Supplier<TableVersions> versions;
    private final Pins.Resolver resolver;
    private final ExecutorService loaders;
    private final CircuitBreaker<Computed> breaker;

    /** What one request produced before it became a result. */
    private record Computed(AnalysisCodec.Stored stored, Pins pins, boolean hit, boolean fallback, String reason) {
    }

    /** Analyses straight from Delta, with no cache (every strategy reads Delta). */
    public AnalyticsService(LakeEngine engine) {
        this(engine, null, null);
    }

    /**
     * @param cache    the cache, asked for on first use (it may block while Redis starts, so
     *                 never on the UI thread); null for none
     * @param versions latest table versions as cache keys see them; null with no cache
     */
    public AnalyticsService(LakeEngine engine, Supplier<Cache> cache, Supplier<TableVersions> versions) {
        this.engine = engine;
        this.columnar = new ColumnarEngine(engine);
        this.cache = cache == null ? null : memo(cache);
        this.versions = versions == null ? null : memo(versions);
        this.resolver = new Pins.Resolver(engine, table -> this.versions == null
                ? engine.latestVersion(table) : this.versions.get().latest(table).version(),
                this.versions == null ? null : table -> this.versions.get().identity(table));
        AtomicInteger n = new AtomicInteger();
        this.loaders = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "lakelens-analytics-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.breaker = CircuitBreaker.<Computed>builder()
                .handleIf(AnalyticsService::countsAgainstDelta)
                .withFailureThreshold(3, 5)
                .withDelay(Duration.ofSeconds(30))
                .withSuccessThreshold(1)
                .build();
    }

    private static <T> Supplier<T> memo(Supplier<T> s) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = s.get();
                }
                return value;
            }
        };
    }

    private static boolean countsAgainstDelta(Throwable e) {
        return !(e instanceof AnalysisInputException || e instanceof QueryCancelledException);
    }

    /** Runs an analysis from Delta (database-only). */
    public AnalysisResult run(AnalysisRequest request) {
        return run(request, StrategyKind.DATABASE_ONLY, new CancelHandle());
    }

    /** Runs an analysis from Delta (database-only); see {@link #run(AnalysisRequest, StrategyKind, CancelHandle)}. */
    public AnalysisResult run(AnalysisRequest request, CancelHandle cancel) {
        return run(request, StrategyKind.DATABASE_ONLY, cancel);
    }

    /**
     * Runs an analysis through {@code strategy}. Fails with a {@link LakeLensException} naming
     * the problem (missing table or column, unreadable version, unknown symbol), or a
     * {@link QueryCancelledException} when {@code cancel} is cancelled; reads never change the
     * lake, and a cache outage never fails a request (it is answered from Delta).
     */
    public AnalysisResult run(AnalysisRequest request, StrategyKind strategy, CancelHandle cancel) {
        long t0 = System.nanoTime();
        Computed c = switch (strategy) {
            case DATABASE_ONLY -> direct(request, resolver.resolve(request), cancel, "always Delta");
            case CACHE_FIRST -> cached(request, resolver.resolve(request), cancel, "");
            case HYBRID -> hybrid(request, resolver.resolve(request), cancel);
            // resolving versions reads the log too, so it is part of what the breaker guards
            case CIRCUIT_BREAKER -> guarded(request, cancel);
        };
        double ms = (System.nanoTime() - t0) / 1e6;
        return new AnalysisResult(request, c.stored().data(), c.stored().plan(), c.pins().now(), ms, c.hit(), strategy,
                c.fallback(), c.reason());
    }

    private AnalysisCodec.Stored compute(AnalysisRequest request, Pins pins, CancelHandle cancel) {
        return compute(request, pins, cancel, preferred);
    }

    /**
     * Computes from Delta with {@code how}; the columnar engine hands a table it cannot read
     * exactly, or a query it fails, to Spark, and the plan says so.
     */
    private AnalysisCodec.Stored compute(AnalysisRequest request, Pins pins, CancelHandle cancel, Compute how) {
        long t0 = System.nanoTime();
        String note = "";
        if (how == Compute.COLUMNAR) {
            AnalysisRun run = new AnalysisRun(engine, columnar, request, pins, cancel);
            try {
                AnalysisData data = compute(run);
                columnarRuns.increment();
                return new AnalysisCodec.Stored(data, run.plans(), pins, (System.nanoTime() - t0) / 1e6);
            } catch (ColumnarEngine.Unsupported e) {
                note = "-- computed by Spark: the in-process engine does not read " + e.getMessage() + "\n";
            } catch (ColumnarEngine.EngineFailure e) {
                LOG.warn("In-process analytics failed; answering with Spark", e);
                note = "-- computed by Spark: the in-process engine failed (" + Errors.abbreviate(e.getMessage()) + ")\n";
            }
            sparkFallbacks.increment();
        }
        AnalysisRun run = new AnalysisRun(engine, request, pins, cancel);
        AnalysisData data = compute(run);
        return new AnalysisCodec.Stored(data, note + run.plans(), pins, (System.nanoTime() - t0) / 1e6);
    }

    /**
     * Computes an analysis straight from Delta with the given engine, bypassing the cache
     * (database-only): the bench times and compares the two engines with it.
     */
    public AnalysisResult compute(AnalysisRequest request, Compute how, CancelHandle cancel) {
        long t0 = System.nanoTime();
        Pins pins = resolver.resolve(request);
        AnalysisCodec.Stored s = compute(request, pins, cancel, how);
        double ms = (System.nanoTime() - t0) / 1e6;
        return new AnalysisResult(request, s.data(), s.plan(), pins.now(), ms, false, StrategyKind.DATABASE_ONLY, false,
                how == Compute.SPARK ? "Spark" : "in-process engine");
    }

    /** Which engine computes analyses read from Delta (default: {@link Compute#fromEnvironment()}). */
    public AnalyticsService preferring(Compute how) {
        this.preferred = how;
        return this;
    }

    /** How many analyses the columnar engine answered, and how many it handed to Spark. */
    public long[] engineCounts() {
        return new long[]{columnarRuns.sum(), sparkFallbacks.sum()};
    }

    /**
     * Forgets every version the in-process engine resolved (files, deletion vectors), so the
     * next analysis reads the log again: the bench's cold runs. The cache is not touched.
     */
    public void dropCaches() {
        columnar.dropCaches();
    }

    static AnalysisData compute(AnalysisRun run) {
        return switch (run.request.kind()) {
            case SECTOR -> SectorAnalysis.run(run);
            case VOLATILITY -> VolatilityAnalysis.run(run);
            case MOVERS -> MoversAnalysis.run(run);
            case RISK -> RiskAnalysis.run(run);
        };
    }

    private Computed direct(AnalysisRequest request, Pins pins, CancelHandle cancel, String why) {
        return new Computed(compute(request, pins, cancel), pins, false, false, why);
    }

    private Computed cached(AnalysisRequest request, Pins pins, CancelHandle cancel, String prefix) {
        Cache c = cacheOrNull();
        if (c == null) {
            return direct(request, pins, cancel, prefix + "no cache: Delta");
        }
        CacheKey key = key(request, pins);
        Lookup<AnalysisCodec.Stored> l = join(c.getOrCompute(key, AnalysisCodec.INSTANCE, () -> {
            AnalysisCodec.Stored s = compute(request, pins, cancel);
            remember(c, request, s);
            return s;
        }, loaders));
        String why = switch (l.outcome()) {
            case HIT -> "answered from the cache";
            case MISS -> "cache miss: Delta, then cached";
            case SHARED -> "shared the Delta read of an identical request in flight";
            case BYPASS -> "cache down: Delta";
        };
        return new Computed(l.value(), pins, l.hit(), false, prefix + why);
    }

    private Computed hybrid(AnalysisRequest request, Pins pins, CancelHandle cancel) {
        if (!(request.asOf() instanceof AsOf.Latest)) {
            return direct(request, pins, cancel, "as-of read (" + request.asOf() + "): time travel goes to Delta");
        }
        Cache c = cacheOrNull();
        if (c == null || !c.status().isUp()) {
            return direct(request, pins, cancel, "cache " + (c == null ? "absent" : c.status().label()) + ": Delta");
        }
        return cached(request, pins, cancel, "latest: ");
    }

    private Computed guarded(AnalysisRequest request, CancelHandle cancel) {
        dev.failsafe.function.CheckedFunction<dev.failsafe.event.ExecutionAttemptedEvent<? extends Computed>, ? extends Computed>
                onFailure = e -> fallbackFor(request, e.getLastException());
        Fallback<Computed> fallback = Fallback.<Computed>builder(onFailure)
                .handleIf(AnalyticsService::countsAgainstDelta)
                .build();
        try {
            return Failsafe.with(fallback, breaker).get(() -> {
                Pins pins = resolver.resolve(request);
                AnalysisCodec.Stored s = withTimeout(request, pins, cancel);
                Cache c = cacheOrNull();
                if (c != null && c.status().isUp()) {
                    c.put(key(request, pins), AnalysisCodec.INSTANCE.encode(s));
                    remember(c, request, s);
                }
                return new Computed(s, pins, false, false, "breaker " + breakerState() + ": read Delta");
            });
        } catch (FailsafeException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new LakeLensException(Errors.rootMessage(e), e);
        }
    }

    /** Computes on a loader thread, cancelling its Spark jobs if it takes longer than {@link #DELTA_TIMEOUT}. */
    private AnalysisCodec.Stored withTimeout(AnalysisRequest request, Pins pins, CancelHandle cancel) {
        CancelHandle attempt = cancel.child();
        CompletableFuture<AnalysisCodec.Stored> f = CompletableFuture.supplyAsync(() -> compute(request, pins, attempt), loaders);
        try {
            return f.get(DELTA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            attempt.cancel();
            throw new LakeLensException("Delta took longer than " + DELTA_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            attempt.cancel();
            Thread.currentThread().interrupt();
            throw new QueryCancelledException(request.kind().title());
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    private Computed fallbackFor(AnalysisRequest request, Throwable failure) {
        String why = failure instanceof CircuitBreakerOpenException
                ? "breaker open after repeated Delta failures (next trial in " + Math.max(1, breaker.getRemainingDelay().toSeconds()) + " s)"
                : "Delta failed (" + Errors.abbreviate(failure instanceof LakeLensException le ? le.getMessage() : Errors.rootMessage(failure)) + ")";
        Cache c = cacheOrNull();
        Optional<byte[]> last = c == null ? Optional.empty() : join(c.get(lastKey(request)));
        if (last.isEmpty()) {
            throw new LakeLensException(why + ", and no cached answer to this analysis exists to fall back on.", failure);
        }
        AnalysisCodec.Stored s;
        try {
            s = AnalysisCodec.INSTANCE.decode(last.get());
        } catch (IllegalArgumentException unreadable) {
            throw new LakeLensException(why + ", and the cached answer to fall back on is unreadable.", failure);
        }
        return new Computed(s, s.pins(), true, true, why + "; showing the newest cached answer");
    }

    /** State of the circuit breaker: closed, open or half-open. */
    public String breakerState() {
        return breaker.getState().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private Cache cacheOrNull() {
        if (cache == null) {
            return null;
        }
        try {
            return cache.get();
        } catch (RuntimeException e) { // a cache that cannot be built is no cache
            return null;
        }
    }

    /** The table an analysis is keyed under: its main table. */
    private static String primaryTable(AnalysisRequest request) {
        return request.kind() == AnalysisKind.RISK ? Holdings.NAME : MarketData.NAME;
    }

    /** The cache key of a request now (resolving its versions). */
    CacheKey keyFor(AnalysisRequest request) {
        return key(request, resolver.resolve(request));
    }

    /** {@code lakelens:{table}:v{version}:analytics:{hash}}. */
    CacheKey key(AnalysisRequest request, Pins pins) {
        String table = primaryTable(request);
        long version = request.kind() == AnalysisKind.RISK ? pins.holdings() : pins.marketData();
        return CacheKeys.analytics(table, versions.get().identity(table), version, request.kind().id(),
                request.canonicalParameters(), pins.keyPart());
    }

    /** The newest answer to this request at any version (the circuit breaker's fallback). */
    private CacheKey lastKey(AnalysisRequest request) {
        String table = primaryTable(request);
        String where = engine.tablePath(table).toAbsolutePath().normalize().toString();
        return new CacheKey(table, CacheKey.ANY_VERSION, TtlClass.FALLBACK, CacheKeys.fingerprint(where, "analytics",
                request.canonicalParameters(), request.asOf().toString(), request.compareTo().map(Object::toString).orElse("")));
    }

    private void remember(Cache c, AnalysisRequest request, AnalysisCodec.Stored s) {
        if (c.status().isUp()) {
            c.put(lastKey(request), AnalysisCodec.INSTANCE.encode(s));
        }
    }

    /** Starts the SparkSession if it is not started yet (for benchmarks that must not time it). */
    public void startEngine() {
        engine.spark();
    }

    /** Deletes the cached analyses (and searches) of the tables analyses read, for cold benchmark runs. */
    public void clearCache() {
        Cache c = cacheOrNull();
        if (c != null) {
            c.clear(MarketData.NAME);
            c.clear(Holdings.NAME);
        }
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryCancelledException("The analysis");
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    private static RuntimeException unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof RuntimeException re ? re : new LakeLensException(Errors.rootMessage(t), t);
    }

    @Override
    public void close() {
        loaders.shutdownNow();
        columnar.close();
    }
}
