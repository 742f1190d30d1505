package io.lakelens.search;

import io.lakelens.LakeLensException;
import io.lakelens.data.Tables;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOf;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an analyst asks for. Immutable; the {@code with*} methods return a changed copy so
 * the UI can keep query and filters while it changes page, page size or strategy.
 *
 * @param table    the table searched (default {@code market_data})
 * @param query    free text in the query language of {@link SearchQuery}, matched case-insensitively against the
 *                 table's searched columns ({@link SearchColumns}); empty = all
 * @param filters  structured filters
 * @param sort     column and direction
 * @param page     1-based page number
 * @param pageSize one of {@link #PAGE_SIZES}
 * @param asOf     the table state to read
 */
public record SearchRequest(String table, String query, Filters filters, Sort sort, int page, int pageSize, AsOf asOf) {
    public static final List<Integer> PAGE_SIZES = List.of(10, 20, 50, 100);
    public static final int MAX_QUERY_LENGTH = 10_000;

    public SearchRequest {
        table = table == null || table.isBlank() ? Tables.MarketData.NAME : table;
        query = query == null ? "" : query.strip();
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new LakeLensException("The search text is " + query.length() + " characters long; the limit is "
                    + MAX_QUERY_LENGTH + ".");
        }
        filters = filters == null ? Filters.NONE : filters;
        sort = sort == null ? Sort.DEFAULT : sort;
        if (page < 1) {
            throw new LakeLensException("Page " + page + " does not exist; pages start at 1.");
        }
        if (!PAGE_SIZES.contains(pageSize)) {
            throw new LakeLensException("Page size " + pageSize + " is not offered; choose 10, 20, 50 or 100.");
        }
        asOf = asOf == null ? AsOf.LATEST : asOf;
    }

    public static SearchRequest of(String query) {
        return new SearchRequest(Tables.MarketData.NAME, query, Filters.NONE, Sort.DEFAULT, 1, 20, AsOf.LATEST);
    }

    public SearchRequest withQuery(String q) {
        return new SearchRequest(table, q, filters, sort, 1, pageSize, asOf);
    }

    public SearchRequest withFilters(Filters f) {
        return new SearchRequest(table, query, f, sort, 1, pageSize, asOf);
    }

    public SearchRequest withSort(Sort s) {
        return new SearchRequest(table, query, filters, s, 1, pageSize, asOf);
    }

    public SearchRequest withPage(int p) {
        return new SearchRequest(table, query, filters, sort, p, pageSize, asOf);
    }

    /** Changes the page size keeping the first visible row on the new page. */
    public SearchRequest withPageSize(int size) {
        long firstRow = (long) (page - 1) * pageSize;
        int newPage = (int) (firstRow / size) + 1;
        return new SearchRequest(table, query, filters, sort, newPage, size, asOf);
    }

    public SearchRequest withAsOf(AsOf a) {
        return new SearchRequest(table, query, filters, sort, 1, pageSize, a);
    }

    public SearchRequest withTable(String t) {
        return new SearchRequest(t, query, filters, sort, 1, pageSize, asOf);
    }

    /**
     * Column filters, all of which must hold. At most one filter per column ({@link #with}
     * replaces); the order does not change the answer. The {@code withSector} … {@code withMinVolume}
     * helpers set filters on {@code market_data}'s columns and check their values as they always have.
     *
     * @param list the filters
     */
    public record Filters(List<ColumnFilter> list) {
        public static final Filters NONE = new Filters(List.of());

        public Filters {
            list = List.copyOf(list);
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (ColumnFilter f : list) {
                if (!seen.add(f.column())) {
                    throw new LakeLensException("Column " + f.column() + " is filtered twice; combine the values into one filter.");
                }
            }
        }

        public boolean isEmpty() {
            return list.isEmpty();
        }

        /** This filter added, replacing any other on its column; a range with neither bound removes the column's filter. */
        public Filters with(ColumnFilter f) {
            List<ColumnFilter> out = new ArrayList<>();
            for (ColumnFilter g : list) {
                if (!g.column().equals(f.column())) {
                    out.add(g);
                }
            }
            if (!(f instanceof Range r && r.min().isEmpty() && r.max().isEmpty())) {
                out.add(f);
            }
            return new Filters(out);
        }

        public Filters without(String column) {
            return new Filters(list.stream().filter(f -> !f.column().equals(column)).toList());
        }

        /** The filter on a column, if any. */
        public Optional<ColumnFilter> on(String column) {
            return list.stream().filter(f -> f.column().equals(column)).findFirst();
        }

        public Filters withSector(String s) {
            return s == null || s.isBlank() ? without(MarketData.SECTOR) : with(new OneOf(MarketData.SECTOR, List.of(s)));
        }

        public Filters withExchange(String e) {
            return e == null || e.isBlank() ? without(MarketData.EXCHANGE) : with(new OneOf(MarketData.EXCHANGE, List.of(e)));
        }

        /** Trade dates, inclusive. */
        public Filters withDates(LocalDate f, LocalDate t) {
            if (f != null && t != null && f.isAfter(t)) {
                throw new LakeLensException("The date range starts (" + f + ") after it ends (" + t + ").");
            }
            return with(new Range(MarketData.TRADE_DATE, Optional.ofNullable(f).map(LocalDate::toString),
                    Optional.ofNullable(t).map(LocalDate::toString)));
        }

        /** Close prices, inclusive. */
        public Filters withPrices(Double min, Double max) {
            for (Double p : new Double[]{min, max}) {
                if (p != null && (p.isNaN() || p < 0)) {
                    throw new LakeLensException("Prices must be zero or more, not " + p + ".");
                }
            }
            if (min != null && max != null && min > max) {
                throw new LakeLensException("The minimum price " + min + " is above the maximum " + max + ".");
            }
            return with(new Range(MarketData.CLOSE, Optional.ofNullable(min).map(String::valueOf),
                    Optional.ofNullable(max).map(String::valueOf)));
        }

        public Filters withMinVolume(Long v) {
            if (v != null && v < 0) {
                throw new LakeLensException("The minimum volume must be zero or more, not " + v + ".");
            }
            return with(new Range(MarketData.VOLUME, Optional.ofNullable(v).map(String::valueOf), Optional.empty()));
        }

        public Optional<String> sector() {
            return single(MarketData.SECTOR);
        }

        public Optional<String> exchange() {
            return single(MarketData.EXCHANGE);
        }

        public Optional<LocalDate> from() {
            return bound(MarketData.TRADE_DATE, true).map(LocalDate::parse);
        }

        public Optional<LocalDate> to() {
            return bound(MarketData.TRADE_DATE, false).map(LocalDate::parse);
        }

        public Optional<Double> minPrice() {
            return bound(MarketData.CLOSE, true).map(Double::valueOf);
        }

        public Optional<Double> maxPrice() {
            return bound(MarketData.CLOSE, false).map(Double::valueOf);
        }

        public Optional<Long> minVolume() {
            return bound(MarketData.VOLUME, true).map(Long::valueOf);
        }

        private Optional<String> single(String column) {
            return on(column).flatMap(f -> f instanceof OneOf o && o.values().size() == 1 ? Optional.of(o.values().getFirst())
                    : Optional.empty());
        }

        private Optional<String> bound(String column, boolean min) {
            return on(column).flatMap(f -> f instanceof Range r ? (min ? r.min() : r.max()) : Optional.empty());
        }
    }

    /** A condition on one column. */
    public sealed interface ColumnFilter permits Range, OneOf {
        /** The column, as the table names it (matched case-insensitively when the exact name is absent). */
        String column();
    }

    /**
     * Values between two bounds, both inclusive, either one open. Bounds are text read as the
     * column's type when the search runs: numbers for number columns, {@code YYYY-MM-DD} for
     * dates, and for timestamps a day (a whole day, UTC) or an instant ({@code 2024-03-15T10:00:00Z}).
     */
    public record Range(String column, Optional<String> min, Optional<String> max) implements ColumnFilter {
        public Range {
            column = requireColumn(column);
            min = min.map(String::strip).filter(v -> !v.isEmpty());
            max = max.map(String::strip).filter(v -> !v.isEmpty());
            if (min.isPresent() && max.isPresent()) {
                String a = min.get();
                String b = max.get();
                boolean reversed;
                try {
                    reversed = new java.math.BigDecimal(a).compareTo(new java.math.BigDecimal(b)) > 0;
                } catch (NumberFormatException notNumbers) {
                    reversed = a.matches("\\d{4}-\\d{2}-\\d{2}.*") && b.matches("\\d{4}-\\d{2}-\\d{2}.*")
                            && a.substring(0, 10).compareTo(b.substring(0, 10)) > 0;
                }
                if (reversed) {
                    throw new LakeLensException("The range of " + column + " starts (" + a + ") after it ends (" + b + ").");
                }
            }
        }

        public static Range of(String column, String min, String max) {
            return new Range(column, Optional.ofNullable(min), Optional.ofNullable(max));
        }
    }

    /** The column equals one of the values, case-insensitively (a pick list). */
    public record OneOf(String column, List<String> values) implements ColumnFilter {
        public OneOf {
            column = requireColumn(column);
            values = values.stream().map(String::strip).filter(v -> !v.isEmpty()).distinct().toList();
            if (values.isEmpty()) {
                throw new LakeLensException("Pick at least one value of " + column + ".");
            }
        }
    }

    private static String requireColumn(String column) {
        if (column == null || column.isBlank()) {
            throw new LakeLensException("A filter needs a column.");
        }
        if (column.length() > 1000) {
            throw new LakeLensException("A column name of " + column.length() + " characters is not one this table has.");
        }
        return column;
    }

    /**
     * Sort column and direction. Ties are broken by the table's key (or, for a table without a
     * known key, by the other columns) so pages are stable. The column is checked against the
     * version read; {@link #DEFAULT} is the table's own order: newest trade date first for
     * {@code market_data}, the first date or timestamp column newest first elsewhere, else the
     * key or first column ascending.
     */
    public record Sort(String column, boolean descending) {
        public static final Sort DEFAULT = new Sort("", true);

        public Sort {
            column = column == null ? "" : column.strip();
            if (column.length() > 1000) {
                throw new LakeLensException("Cannot sort by a column name of " + column.length() + " characters.");
            }
        }

        public boolean isDefault() {
            return column.isEmpty();
        }
    }
}
