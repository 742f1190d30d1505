package io.lakelens.search;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Search tuning, each value with the reason for its default.
 *
 * @param breakerFailures    failures among the last {@code breakerWindow} Delta reads that open the breaker
 * @param breakerWindow      how many recent Delta reads the breaker judges
 * @param breakerDelay       how long an open breaker waits before it lets one trial read through
 * @param breakerSuccesses   successful trial reads that close it again
 * @param deltaTimeout       a Delta read slower than this counts as a failure (circuit breaker only);
 *                           long enough for a cold Spark start, short enough that an analyst is not left waiting
 * @param kernelMaxBytes     the route goes to Kernel when the files left after pruning that are not decoded in memory
 *                           are at most this big: Kernel decodes on one thread in this JVM, Spark pays ~0.4 s per
 *                           query but scans in parallel
 * @param termIndexMinBytes  the term index is built for files only when more than this much is left to read:
 *                           below it, reading every file is cheaper than indexing them first (a fresh CLI process
 *                           has no index); files already indexed are always used
 * @param decodedCacheBytes  decoded data files kept in memory by the Kernel route (estimated bytes): files never
 *                           change, so a warm search need not decode Parquet again; deletion vectors are still
 *                           applied per version
 * @param route              force a route (tests compare them), normally AUTO
 * @param hybridDeepPage     hybrid reads pages beyond this from Delta without caching: deep pages are rarely repeated
 * @param hybridSlowCacheMs  hybrid bypasses a cache whose GETs average above this
 * @param warmNextPage       hybrid warms the next page in the background after a miss
 * @param versionRecheck     how long a table's latest version is reused without a disk check
 * @param threads            searches running at once
 */
public record SearchSettings(int breakerFailures, int breakerWindow, Duration breakerDelay, int breakerSuccesses,
                             Duration deltaTimeout, long kernelMaxBytes, long termIndexMinBytes, long decodedCacheBytes,
                             Route.Choice route, int hybridDeepPage,
                             double hybridSlowCacheMs, boolean warmNextPage, Duration versionRecheck, int threads) {

    public static SearchSettings defaults() {
        return new SearchSettings(3, 5, Duration.ofSeconds(10), 1, Duration.ofSeconds(5), 32L * 1024 * 1024,
                8L * 1024 * 1024, decodedCacheDefault(System.getenv("LAKELENS_DECODED_CACHE_MB")), Route.Choice.AUTO, 10, 20.0,
                true, Duration.ofSeconds(1), 4);
    }

    /**
     * The decoded-file cache's bound: {@code LAKELENS_DECODED_CACHE_MB} MiB when set (0 keeps no
     * file decoded), else a sixth of the heap, at most 768 MiB.
     */
    static long decodedCacheDefault(String mib) {
        if (mib != null && !mib.isBlank()) {
            try {
                long v = Long.parseLong(mib.strip());
                if (v >= 0) {
                    return v << 20;
                }
            } catch (NumberFormatException ignored) {
                // a malformed value falls back to the default
            }
        }
        return Math.min(768L << 20, Runtime.getRuntime().maxMemory() / 6);
    }

    public SearchSettings withRoute(Route.Choice r) {
        return with(b -> b.route = r);
    }

    public SearchSettings withBreaker(int failures, int window, Duration delay, Duration timeout) {
        return with(b -> {
            b.breakerFailures = failures;
            b.breakerWindow = window;
            b.breakerDelay = delay;
            b.deltaTimeout = timeout;
        });
    }

    public SearchSettings withWarmNextPage(boolean warm) {
        return with(b -> b.warmNextPage = warm);
    }

    public SearchSettings withKernelMaxBytes(long bytes) {
        return with(b -> b.kernelMaxBytes = bytes);
    }

    public SearchSettings withDecodedCacheBytes(long bytes) {
        return with(b -> b.decodedCacheBytes = bytes);
    }

    public SearchSettings withHybridSlowCacheMs(double ms) {
        return with(b -> b.hybridSlowCacheMs = ms);
    }

    public SearchSettings withTermIndexMinBytes(long bytes) {
        return with(b -> b.termIndexMinBytes = bytes);
    }

    /** A copy with some values changed: the one place that lists every component in order. */
    private SearchSettings with(Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return new SearchSettings(c.breakerFailures, c.breakerWindow, c.breakerDelay, c.breakerSuccesses, c.deltaTimeout,
                c.kernelMaxBytes, c.termIndexMinBytes, c.decodedCacheBytes, c.route, c.hybridDeepPage, c.hybridSlowCacheMs,
                c.warmNextPage, c.versionRecheck, c.threads);
    }

    /** The components as mutable fields, for {@link #with}. */
    private static final class Copy {
        int breakerFailures;
        int breakerWindow;
        Duration breakerDelay;
        int breakerSuccesses;
        Duration deltaTimeout;
        long kernelMaxBytes;
        long termIndexMinBytes;
        long decodedCacheBytes;
        Route.Choice route;
        int hybridDeepPage;
        double hybridSlowCacheMs;
        boolean warmNextPage;
        Duration versionRecheck;
        int threads;

        Copy(SearchSettings s) {
            breakerFailures = s.breakerFailures;
            breakerWindow = s.breakerWindow;
            breakerDelay = s.breakerDelay;
            breakerSuccesses = s.breakerSuccesses;
            deltaTimeout = s.deltaTimeout;
            kernelMaxBytes = s.kernelMaxBytes;
            termIndexMinBytes = s.termIndexMinBytes;
            decodedCacheBytes = s.decodedCacheBytes;
            route = s.route;
            hybridDeepPage = s.hybridDeepPage;
            hybridSlowCacheMs = s.hybridSlowCacheMs;
            warmNextPage = s.warmNextPage;
            versionRecheck = s.versionRecheck;
            threads = s.threads;
        }
    }
}
