package io.lakelens.search;

import io.lakelens.LakeLensException;
import io.lakelens.cache.Cache;
import io.lakelens.cache.CacheKey;
import io.lakelens.cache.CacheKeys;
import io.lakelens.cache.Lookup;
import io.lakelens.cache.TableVersions;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.Errors;
import io.lakelens.lake.LakeEngine;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/** What every strategy needs: version resolution, keys, the cached and uncached Delta reads. */
final class SearchCore {
    final LakeEngine engine;
    final Cache cache;
    final TableVersions versions;
    final DeltaSearch delta;
    final SearchSettings settings;
    final ExecutorService deltaExecutor;
    final ExecutorService warmExecutor;
    final SearchColumnStore columnStore;

    /**
     * A request's table at the version to read, with the searched columns read once for both
     * the cache key and the read (so a choice changed meanwhile never lands under the old key).
     *
     * @param identity the table folder's identity (see {@link TableVersions.Current})
     */
    record Resolved(String table, long version, String identity, SearchColumns searched) {
    }

    SearchCore(LakeEngine engine, Cache cache, TableVersions versions, SearchSettings settings,
               ExecutorService deltaExecutor, ExecutorService warmExecutor) {
        this.engine = engine;
        this.cache = cache;
        this.versions = versions;
        this.settings = settings;
        this.delta = new DeltaSearch(engine, settings);
        this.deltaExecutor = deltaExecutor;
        this.warmExecutor = warmExecutor;
        this.columnStore = new SearchColumnStore(engine.lakeRoot());
    }

    /** The table's configured searched columns, or the defaults marker (resolved against each version's schema). */
    SearchColumns searched(String table) {
        return columnStore.configured(table).map(c -> new SearchColumns(table, c, true))
                .orElseGet(() -> new SearchColumns(table, List.of(), false));
    }

    Resolved resolve(SearchRequest r) {
        String table = r.table();
        return switch (r.asOf()) {
            case AsOf.Latest l -> {
                TableVersions.Current c = versions.latest(table);
                yield new Resolved(table, c.version(), c.identity(), searched(table));
            }
            case AsOf.Version v -> {
                TableVersions.Current c = versions.latest(table);
                if (v.version() > c.version()) {
                    throw new SearchInputException("Table " + table + " has no version " + v.version() + "; the latest is "
                            + c.version() + " (`lakelens history " + table + "` lists them).");
                }
                yield new Resolved(table, v.version(), c.identity(), searched(table));
            }
            case AsOf.Timestamp t -> {
                Path path = engine.requireTable(table);
                String identity = versions.identity(table);
                try {
                    yield new Resolved(table, delta.kernel().versionAt(path, t.instant()), identity, searched(table));
                } catch (Exception e) {
                    throw new SearchInputException(engine.readError(table, t, e).getMessage());
                }
            }
        };
    }

    CacheKey key(Resolved v, SearchRequest r) {
        return CacheKeys.search(v.table(), v.identity(), v.version(), SearchPlan.normalised(r, v.searched(), false));
    }

    /**
     * The fallback key: the newest answer to this request (with its as-of) at any version. Its
     * identity is the table path only, so it is still found while the table folder is gone.
     */
    CacheKey lastKey(SearchRequest r, SearchColumns searched) {
        String where = engine.tablePath(r.table()).toAbsolutePath().normalize().toString();
        return CacheKeys.lastSearch(r.table(), CacheKeys.fingerprint(where).substring(0, 16),
                SearchPlan.normalised(r, searched, true));
    }

    /** Reads Delta without the cache. */
    Page read(SearchRequest r, Resolved v) {
        return delta.search(r, v.searched(), v.version(), settings.route());
    }

    /** The cached page, or a Delta read stored for next time (single flight per key). */
    Lookup<Page> cached(SearchRequest r, Resolved v) {
        CacheKey key = key(v, r);
        return join(cache.getOrCompute(key, PageCodec.INSTANCE, () -> {
            Page p = read(r, v);
            remember(r, v, p);
            return p;
        }, deltaExecutor));
    }

    /** Keeps the page as this request's fallback answer. */
    void remember(SearchRequest r, Resolved v, Page p) {
        if (cache.status().isUp()) {
            cache.put(lastKey(r, v.searched()), PageCodec.INSTANCE.encode(p));
        }
    }

    /** Stores a page read outside {@link #cached} under its version key and as the fallback. */
    void store(SearchRequest r, Resolved v, Page p) {
        if (cache.status().isUp()) {
            byte[] bytes = PageCodec.INSTANCE.encode(p);
            cache.put(key(v, r), bytes);
            cache.put(lastKey(r, v.searched()), bytes);
        }
    }

    /** The newest cached answer to this request (with the table's current searched columns) at any version. */
    Optional<Page> lastCached(SearchRequest r) {
        try {
            return join(cache.get(lastKey(r, searched(r.table())))).map(PageCodec.INSTANCE::decode);
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** Computes and caches a page in the background, unless it is cached or being computed already. */
    void warm(SearchRequest next, Resolved v) {
        try {
            warmExecutor.execute(() -> {
                try {
                    cached(next, v);
                } catch (RuntimeException ignored) {
                    // warming is best effort; the analyst's own request reports any failure
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException ignored) {
            // shutting down
        }
    }

    static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakeLensException("The search was interrupted.");
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    static RuntimeException unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof RuntimeException re ? re : new LakeLensException(Errors.rootMessage(t), t);
    }

    static String size(int bytes) {
        return bytes < 1024 ? bytes + " B" : String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
}
