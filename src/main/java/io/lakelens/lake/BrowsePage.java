package io.lakelens.lake;

import java.util.List;
import java.util.Locale;

/**
 * One page of a table as of a version.
 *
 * @param version   the version the rows are from (a timestamp resolved to its version)
 * @param total     rows matching the filters across all pages
 * @param page      the page returned, 1-based (the last one when the request went past it)
 * @param pageCount pages at this page size (at least 1)
 */
public record BrowsePage(String table, long version, List<String> columns, List<String> types, List<List<Object>> rows,
                         long total, int page, int pageCount, int pageSize) {

    /** {@code 1,234 rows as of version 5 (page 2 of 25)}. */
    public String summary() {
        return String.format(Locale.ROOT, "%,d row%s as of version %d (page %d of %d)", total, total == 1 ? "" : "s",
                version, page, pageCount);
    }
}
