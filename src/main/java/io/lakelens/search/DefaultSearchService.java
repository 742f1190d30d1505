package io.lakelens.search;

import io.lakelens.LakeLensException;
import io.lakelens.cache.Cache;
import io.lakelens.cache.TableVersions;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;

import io.delta.kernel.types.StringType;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The search service: the four strategies over one cache and one lake, with metrics.
 * Searches run on the service's own threads (strategy work), Delta reads on a second pool (so a
 * search waiting for a shared read never starves the read) and next-page warm-ups on a third,
 * whose small queue drops work rather than fall behind. Thread-safe; futures complete on
 * service threads and fail with a {@link LakeLensException} whose message is one line.
 */
public final class DefaultSearchService implements SearchService, AutoCloseable {
    private final ExecutorService searchExecutor;
    private final ExecutorService deltaExecutor;
    private final ExecutorService warmExecutor;
    private final SearchCore core;
    private final SearchMetrics metrics = new SearchMetrics();
    private final Map<StrategyKind, Strategy> strategies = new EnumMap<>(StrategyKind.class);

    public DefaultSearchService(LakeEngine engine, Cache cache, TableVersions versions, SearchSettings settings) {
        this.searchExecutor = Executors.newFixedThreadPool(settings.threads(), daemon("lakelens-search"));
        this.deltaExecutor = Executors.newFixedThreadPool(settings.threads(), daemon("lakelens-delta-read"));
        this.warmExecutor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4),
                daemon("lakelens-warm"), new ThreadPoolExecutor.DiscardPolicy());
        this.core = new SearchCore(engine, cache, versions, settings, deltaExecutor, warmExecutor);
        for (Strategy s : new Strategy[]{new CacheFirstStrategy(core), new DatabaseOnlyStrategy(core),
                new CircuitBreakerStrategy(core, metrics), new HybridStrategy(core)}) {
            strategies.put(s.kind(), s);
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public CompletionStage<SearchResult> search(SearchRequest request, StrategyKind strategy) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(strategy, "strategy");
        long t0 = System.nanoTime();
        return onService(f -> run(request, strategy, t0, f));
    }

    /** Runs work on a service thread, which completes the future; a closed service answers so in one line. */
    private <T> CompletableFuture<T> onService(java.util.function.Consumer<CompletableFuture<T>> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            searchExecutor.execute(() -> work.accept(f));
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(new LakeLensException("The search service is closed."));
        }
        return f;
    }

    /** Searches and waits: for the CLI and the bench, never for the FX thread. */
    public SearchResult searchNow(SearchRequest request, StrategyKind strategy) {
        return SearchCore.join(search(request, strategy).toCompletableFuture());
    }

    private void run(SearchRequest request, StrategyKind kind, long t0, CompletableFuture<SearchResult> f) {
        try {
            Strategy.Answer a = strategies.get(kind).search(request, t0);
            metrics.recordAnswer(a.result(), a.lookedUp(), a.cachedBytes());
            f.complete(a.result());
        } catch (Throwable t) {
            RuntimeException e = SearchCore.unwrap(t);
            LakeLensException le = e instanceof LakeLensException l ? l : core.engine.readError(request.table(), request.asOf(), e);
            metrics.recordError(kind, (System.nanoTime() - t0) / 1e6);
            f.completeExceptionally(le);
        }
    }

    public SearchMetrics metrics() {
        return metrics;
    }

    /** The circuit breaker's state now. */
    public BreakerState breakerState() {
        return ((CircuitBreakerStrategy) strategies.get(StrategyKind.CIRCUIT_BREAKER)).state();
    }

    public Cache cache() {
        return core.cache;
    }

    public SearchSettings settings() {
        return core.settings;
    }

    /** How many times Delta was read to answer searches (not counting cache hits). */
    public long deltaReads() {
        return core.delta.deltaReads();
    }

    /**
     * Changes the bound of the Kernel route's decoded-file cache (estimated bytes; 0 keeps no
     * file), dropping the least recently used files over it. Thread-safe; takes effect at once.
     */
    public void decodedCacheBudget(long bytes) {
        core.delta.kernel().decodedBudget(bytes);
    }

    /** The Kernel route's decoded-file cache: its size, bound and hits (apart from Redis's). */
    public DecodedCache decodedCache() {
        return core.delta.kernel().decodedCache();
    }

    /**
     * Drops every in-memory cache of the search path (snapshots, decoded files, the term index,
     * the latest version of {@code tables}), so the next search reads the log and files again:
     * the bench's cold runs. The Redis cache is not touched.
     */
    public void dropCaches(java.util.Collection<String> tables) {
        core.delta.kernel().dropCaches();
        tables.forEach(core.versions::invalidate);
    }

    /**
     * The columns free text searches in a table's latest version: its configured choice (only
     * the columns the version has), or the defaults. Reads the log, not the data.
     */
    public SearchColumns searchColumns(String table) {
        StructType schema = core.engine.snapshot(table, AsOf.LATEST).getSchema();
        SearchColumns s = core.searched(table);
        List<SearchColumns.SearchColumn> present = new ArrayList<>();
        if (s.configured()) {
            for (SearchColumns.SearchColumn c : s.columns()) {
                if (schema.indexOf(c.name()) >= 0) {
                    present.add(c);
                }
            }
            return new SearchColumns(table, present, true);
        }
        return SearchColumns.defaults(table, textColumns(schema));
    }

    /** The string columns of a table's latest version, in schema order. */
    public List<String> textColumns(String table) {
        return textColumns(core.engine.snapshot(table, AsOf.LATEST).getSchema());
    }

    private static List<String> textColumns(StructType schema) {
        List<String> out = new ArrayList<>();
        for (StructField f : schema.fields()) {
            if (f.getDataType() instanceof StringType) {
                out.add(f.getName());
            }
        }
        return out;
    }

    /**
     * Sets the columns free text searches in a table, for every LakeLens on the lake. Each must be
     * a string column of the latest version (names are matched ignoring case and saved as the table
     * spells them). Later searches get new cache keys, so no page searched the old way is returned.
     */
    public SearchColumns setSearchColumns(String table, List<SearchColumns.SearchColumn> columns) {
        StructType schema = core.engine.snapshot(table, AsOf.LATEST).getSchema();
        List<String> text = textColumns(schema);
        List<SearchColumns.SearchColumn> resolved = new ArrayList<>();
        for (SearchColumns.SearchColumn c : columns) {
            String name = text.contains(c.name()) ? c.name()
                    : text.stream().filter(t -> t.equalsIgnoreCase(c.name())).findFirst().orElse(null);
            if (name == null) {
                boolean exists = schema.fieldNames().stream().anyMatch(f -> f.equalsIgnoreCase(c.name()));
                throw new LakeLensException((exists ? "Column " + c.name() + " of " + table + " is not text"
                        : "Table " + table + " has no column " + c.name()) + "; its text columns are "
                        + (text.isEmpty() ? "none" : String.join(", ", text)) + ".");
            }
            resolved.add(new SearchColumns.SearchColumn(name, c.match()));
        }
        core.columnStore.set(table, resolved);
        return new SearchColumns(table, resolved, true);
    }

    /** Forgets a table's choice of searched columns; returns the defaults that now apply. */
    public SearchColumns resetSearchColumns(String table) {
        core.engine.requireTable(table);
        core.columnStore.reset(table);
        return searchColumns(table);
    }

    /**
     * What a search form offers for a table's latest version (or as of a version): see
     * {@link SearchFields}. Runs two Spark aggregations on a service thread; the answer is kept
     * per table version and searched-columns choice.
     */
    @Override
    public CompletionStage<SearchFields> fields(String table, AsOf asOf) {
        return onService(f -> {
            try {
                SearchRequest probe = SearchRequest.of("").withTable(table).withAsOf(asOf);
                SearchCore.Resolved v = core.resolve(probe);
                f.complete(core.delta.fields(table, v.version(), v.searched()));
            } catch (Throwable t) {
                RuntimeException e = SearchCore.unwrap(t);
                f.completeExceptionally(e instanceof LakeLensException l ? l : core.engine.readError(table, asOf, e));
            }
        });
    }

    @Override
    public CompletionStage<SearchFacets> facets() {
        return core.engine.start().thenCompose(spark -> this.<SearchFacets>onService(f -> {
            try {
                f.complete(SearchFacets.read(core.engine));
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        }));
    }

    @Override
    public Dataset<Row> allRows(SearchRequest request, long version) {
        Objects.requireNonNull(request, "request");
        if (version < 0) {
            throw new LakeLensException("Version " + version + " does not exist; versions start at 0.");
        }
        try {
            return core.delta.allRows(request, core.searched(request.table()), version);
        } catch (RuntimeException e) {
            throw e instanceof LakeLensException l ? l : core.engine.readError(request.table(), new AsOf.Version(version), e);
        }
    }

    /** Reads a page from Delta by a forced route, bypassing strategies and cache (route comparison). */
    SearchResult readByRoute(SearchRequest request, Route.Choice route) {
        long t0 = System.nanoTime();
        SearchCore.Resolved v = core.resolve(request);
        Page p = core.delta.search(request, v.searched(), v.version(), route);
        return Strategy.result(p, StrategyKind.DATABASE_ONLY, SearchResult.Source.DELTA, false, false, p.routeDetail(), t0);
    }

    @Override
    public void close() {
        warmExecutor.shutdownNow();
        searchExecutor.shutdownNow();
        deltaExecutor.shutdownNow();
    }
}
