package io.lakelens.search;

import io.lakelens.LakeLensException;
import io.lakelens.data.Tables;
import io.lakelens.lake.AsOf;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What an analyst asks for. Immutable; the {@code with*} methods return a changed copy so
 * the UI can keep query and filters while it changes page, page size or strategy.
 *
 * @param table    the table searched (default {@code market_data})
 * @param query    free text matched case-insensitively against symbol, company name and sector; empty = all
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

    /** Structured filters; an empty Optional means "any". Prices are close prices. */
    public record Filters(Optional<String> sector, Optional<String> exchange, Optional<LocalDate> from,
                          Optional<LocalDate> to, Optional<Double> minPrice, Optional<Double> maxPrice,
                          Optional<Long> minVolume) {
        public static final Filters NONE = new Filters(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        public Filters {
            sector = sector.map(String::strip).filter(s -> !s.isEmpty());
            exchange = exchange.map(String::strip).filter(s -> !s.isEmpty());
            if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
                throw new LakeLensException("The date range starts (" + from.get() + ") after it ends (" + to.get() + ").");
            }
            if (minPrice.isPresent() && maxPrice.isPresent() && minPrice.get() > maxPrice.get()) {
                throw new LakeLensException("The minimum price " + minPrice.get() + " is above the maximum " + maxPrice.get() + ".");
            }
            for (Optional<Double> p : List.of(minPrice, maxPrice)) {
                if (p.isPresent() && (p.get().isNaN() || p.get() < 0)) {
                    throw new LakeLensException("Prices must be zero or more, not " + p.get() + ".");
                }
            }
            if (minVolume.isPresent() && minVolume.get() < 0) {
                throw new LakeLensException("The minimum volume must be zero or more, not " + minVolume.get() + ".");
            }
        }

        public Filters withSector(String s) {
            return new Filters(Optional.ofNullable(s), exchange, from, to, minPrice, maxPrice, minVolume);
        }

        public Filters withExchange(String e) {
            return new Filters(sector, Optional.ofNullable(e), from, to, minPrice, maxPrice, minVolume);
        }

        public Filters withDates(LocalDate f, LocalDate t) {
            return new Filters(sector, exchange, Optional.ofNullable(f), Optional.ofNullable(t), minPrice, maxPrice, minVolume);
        }

        public Filters withPrices(Double min, Double max) {
            return new Filters(sector, exchange, from, to, Optional.ofNullable(min), Optional.ofNullable(max), minVolume);
        }

        public Filters withMinVolume(Long v) {
            return new Filters(sector, exchange, from, to, minPrice, maxPrice, Optional.ofNullable(v));
        }
    }

    /** Sort column and direction. Ties are broken by the table's key so pages are stable. */
    public record Sort(String column, boolean descending) {
        // SORTABLE first: DEFAULT's constructor checks against it during class initialisation
        public static final List<String> SORTABLE = List.of(Tables.MarketData.SYMBOL, Tables.MarketData.COMPANY,
                Tables.MarketData.SECTOR, Tables.MarketData.EXCHANGE, Tables.MarketData.TRADE_DATE,
                Tables.MarketData.CLOSE, Tables.MarketData.VOLUME, Tables.MarketData.CHANGE_PCT,
                Tables.MarketData.MARKET_CAP);
        public static final Sort DEFAULT = new Sort(Tables.MarketData.TRADE_DATE, true);

        public Sort {
            if (column == null || !SORTABLE.contains(column)) {
                throw new LakeLensException("Cannot sort by '" + column + "'; sortable columns are " + SORTABLE + ".");
            }
        }
    }
}
