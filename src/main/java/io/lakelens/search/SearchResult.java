package io.lakelens.search;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One answer to a {@link SearchRequest}.
 *
 * @param columns      column names of {@code rows}
 * @param rows         the page of rows, each in column order
 * @param totalMatches rows matching the request across all pages
 * @param page         the page returned (clamped to the last page when the request went past it)
 * @param pageCount    pages at this page size (at least 1)
 * @param clamped      true when the requested page was past the end and {@code page} is the last one
 * @param strategy     the strategy that answered
 * @param source       where the rows came from
 * @param route        how Delta was read, when it was ({@code kernel} or {@code spark})
 * @param latencyMs    wall time of the search in milliseconds (fractional)
 * @param version      the Delta version the rows are from
 * @param cacheHit     true when the cache answered
 * @param fallback     true when the answer is a cached one served because Delta failed (possibly an older version)
 * @param reason       why the strategy took its route, when it chose one (hybrid, breaker fallback)
 * @param reading      how the query text was read (words searched, hints) and, when no row matched, which words matched nothing
 */
public record SearchResult(List<String> columns, List<List<Object>> rows, long totalMatches, int page, int pageCount,
                           boolean clamped, StrategyKind strategy, Source source, Optional<String> route,
                           double latencyMs, long version, boolean cacheHit, boolean fallback,
                           Optional<String> reason, QueryReading reading) {

    /** Where an answer came from. */
    public enum Source {
        CACHE, DELTA
    }

    /** {@code Found N results (Page P of X)}. */
    public String summary() {
        return String.format(Locale.ROOT, "Found %,d result%s (Page %d of %d)", totalMatches,
                totalMatches == 1 ? "" : "s", page, pageCount);
    }

    /** Why no row matched, in one line ("The word "xyzzy" matched nothing."); empty when rows matched. */
    public Optional<String> emptyReason() {
        return reading.emptyReason(totalMatches);
    }

    /** The rows as column-name maps, for JSON output. */
    public List<Map<String, Object>> rowMaps() {
        return rows.stream().map(r -> {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                m.put(columns.get(i), r.get(i));
            }
            return m;
        }).toList();
    }
}
