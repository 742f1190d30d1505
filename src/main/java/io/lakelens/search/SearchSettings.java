package io.lakelens.search;

import java.time.Duration;

/**
 * Search tuning, each value with the reason for its default.
 *
 * @param breakerFailures    failures among the last {@code breakerWindow} Delta reads that open the breaker
 * @param breakerWindow      how many recent Delta reads the breaker judges
 * @param breakerDelay       how long an open breaker waits before it lets one trial read through
 * @param breakerSuccesses   successful trial reads that close it again
 * @param deltaTimeout       a Delta read slower than this counts as a failure (circuit breaker only);
 *                           long enough for a cold Spark start, short enough that an analyst is not left waiting
 * @param kernelMaxBytes     the route goes to Kernel when the files left after pruning are at most this big:
 *                           Kernel reads on one thread in this JVM, Spark pays ~0.4 s per query but scans in parallel
 * @param termIndexMinBytes  the term index is built for files only when more than this much is left to read:
 *                           below it, reading every file is cheaper than indexing them first (a fresh CLI process
 *                           has no index); files already indexed are always used
 * @param route              force a route (tests compare them), normally AUTO
 * @param hybridDeepPage     hybrid reads pages beyond this from Delta without caching: deep pages are rarely repeated
 * @param hybridSlowCacheMs  hybrid bypasses a cache whose GETs average above this
 * @param warmNextPage       hybrid warms the next page in the background after a miss
 * @param versionRecheck     how long a table's latest version is reused without a disk check
 * @param threads            searches running at once
 */
public record SearchSettings(int breakerFailures, int breakerWindow, Duration breakerDelay, int breakerSuccesses,
                             Duration deltaTimeout, long kernelMaxBytes, long termIndexMinBytes, Route.Choice route, int hybridDeepPage,
                             double hybridSlowCacheMs, boolean warmNextPage, Duration versionRecheck, int threads) {

    public static SearchSettings defaults() {
        return new SearchSettings(3, 5, Duration.ofSeconds(10), 1, Duration.ofSeconds(5), 48L * 1024 * 1024,
                8L * 1024 * 1024, Route.Choice.AUTO, 10, 20.0, true, Duration.ofSeconds(1), 4);
    }

    public SearchSettings withRoute(Route.Choice r) {
        return new SearchSettings(breakerFailures, breakerWindow, breakerDelay, breakerSuccesses, deltaTimeout,
                kernelMaxBytes, termIndexMinBytes, r, hybridDeepPage, hybridSlowCacheMs, warmNextPage, versionRecheck, threads);
    }

    public SearchSettings withBreaker(int failures, int window, Duration delay, Duration timeout) {
        return new SearchSettings(failures, window, delay, breakerSuccesses, timeout, kernelMaxBytes, termIndexMinBytes, route,
                hybridDeepPage, hybridSlowCacheMs, warmNextPage, versionRecheck, threads);
    }

    public SearchSettings withWarmNextPage(boolean warm) {
        return new SearchSettings(breakerFailures, breakerWindow, breakerDelay, breakerSuccesses, deltaTimeout,
                kernelMaxBytes, termIndexMinBytes, route, hybridDeepPage, hybridSlowCacheMs, warm, versionRecheck, threads);
    }

    public SearchSettings withKernelMaxBytes(long bytes) {
        return new SearchSettings(breakerFailures, breakerWindow, breakerDelay, breakerSuccesses, deltaTimeout,
                bytes, termIndexMinBytes, route, hybridDeepPage, hybridSlowCacheMs, warmNextPage, versionRecheck, threads);
    }

    public SearchSettings withTermIndexMinBytes(long bytes) {
        return new SearchSettings(breakerFailures, breakerWindow, breakerDelay, breakerSuccesses, deltaTimeout,
                kernelMaxBytes, bytes, route, hybridDeepPage, hybridSlowCacheMs, warmNextPage, versionRecheck, threads);
    }
}
