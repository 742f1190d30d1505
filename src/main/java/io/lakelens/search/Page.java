package io.lakelens.search;

import java.util.List;

/**
 * One page of a search as read from Delta at one version: what the cache stores.
 *
 * @param filesRead  data files read (Kernel) after pruning, or -1 when Spark chose
 * @param filesTotal data files in the version, or -1 when not counted
 * @param filesInMemory files of {@code filesRead} that were already decoded in memory
 * @param reading    how the query was read, and the words that matched nothing when {@code total} is 0
 */
record Page(List<String> columns, List<List<Object>> rows, long total, int page, int pageCount, boolean clamped,
            long version, Route route, int filesRead, int filesTotal, int filesInMemory, QueryReading reading) {

    /** {@code kernel: 1 of 16 files} or {@code spark}. */
    String routeDetail() {
        if (route == Route.KERNEL && filesTotal >= 0) {
            return "kernel, " + filesRead + " of " + filesTotal + " file" + (filesTotal == 1 ? "" : "s")
                    + (filesInMemory > 0 ? ", " + filesInMemory + " in memory" : "");
        }
        return route.id();
    }
}
