package io.lakelens.lake;

import io.lakelens.LakeLensException;

import java.util.List;

/**
 * A page of a table as of a version or time, filtered and sorted. Immutable; the
 * {@code with*} methods return changed copies (back to page 1 when the rows change).
 *
 * @param filters  column conditions, all of which must hold
 * @param sort     sort columns in priority order; the table's key columns break ties so pages are stable
 * @param page     1-based page number (clamped to the last page)
 * @param pageSize rows per page, 1 to {@link #MAX_PAGE_SIZE}
 */
public record BrowseRequest(String table, AsOf asOf, List<ColumnFilter> filters, List<SortKey> sort, int page, int pageSize) {
    public static final int MAX_PAGE_SIZE = 1000;

    /** How a filter compares a column with the typed value. */
    public enum FilterOp {
        EQUALS("="), NOT_EQUALS("≠"), LESS("<"), LESS_OR_EQUAL("≤"), GREATER(">"), GREATER_OR_EQUAL("≥"),
        CONTAINS("contains"), STARTS_WITH("starts with"), IS_NULL("is empty"), NOT_NULL("is not empty");

        private final String symbol;

        FilterOp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean needsValue() {
            return this != IS_NULL && this != NOT_NULL;
        }
    }

    /** {@code column op value}; the value is text as typed, parsed to the column's type when the page is read. */
    public record ColumnFilter(String column, FilterOp op, String value) {
        public ColumnFilter {
            if (column == null || column.isBlank()) {
                throw new LakeLensException("A filter needs a column.");
            }
            op = op == null ? FilterOp.EQUALS : op;
            value = value == null ? "" : value;
        }
    }

    public record SortKey(String column, boolean ascending) {
    }

    public BrowseRequest {
        if (table == null || table.isBlank()) {
            throw new LakeLensException("Choose a table to browse.");
        }
        asOf = asOf == null ? AsOf.LATEST : asOf;
        filters = filters == null ? List.of() : List.copyOf(filters);
        sort = sort == null ? List.of() : List.copyOf(sort);
        if (page < 1) {
            throw new LakeLensException("Page " + page + " does not exist; pages start at 1.");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new LakeLensException("A page holds 1 to " + MAX_PAGE_SIZE + " rows, not " + pageSize + ".");
        }
    }

    public static BrowseRequest of(String table, AsOf asOf) {
        return new BrowseRequest(table, asOf, List.of(), List.of(), 1, 50);
    }

    public BrowseRequest withAsOf(AsOf a) {
        return new BrowseRequest(table, a, filters, sort, 1, pageSize);
    }

    public BrowseRequest withFilters(List<ColumnFilter> f) {
        return new BrowseRequest(table, asOf, f, sort, 1, pageSize);
    }

    public BrowseRequest withSort(List<SortKey> s) {
        return new BrowseRequest(table, asOf, filters, s, 1, pageSize);
    }

    public BrowseRequest withPage(int p) {
        return new BrowseRequest(table, asOf, filters, sort, p, pageSize);
    }

    public BrowseRequest withPageSize(int size) {
        return new BrowseRequest(table, asOf, filters, sort, 1, size);
    }
}
