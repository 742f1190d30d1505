package io.lakelens.search;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.expressions.AlwaysTrue;
import io.delta.kernel.expressions.And;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import io.lakelens.data.Tables;
import io.lakelens.lake.AsOf;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@link SearchRequest} compiled against the schema of the version being read. It is the
 * single definition of what matches and in which order, expressed three ways that must agree:
 * a Spark {@link Column} condition and ordering, a row test and comparator over Kernel column
 * vectors, and a Kernel {@link Predicate} on min/max statistics used only to skip files.
 * <p>
 * Matching: the query text, case-insensitively, equals the symbol, or is contained in the
 * company name or the sector; the sector and exchange filters equal the column
 * case-insensitively; the date range is inclusive; prices are close prices. User text only
 * ever becomes a literal value, never SQL.
 */
final class SearchPlan {
    private final SearchRequest request;
    private final List<String> columns = new ArrayList<>();
    private final List<DataType> types = new ArrayList<>();
    private final String qLower;
    private final String qUpper;
    private final int symbol;
    private final int company;
    private final int sector;
    private final int exchange;
    private final Optional<String> sectorLower;
    private final Optional<String> exchangeLower;
    private final int date;
    private final int close;
    private final int volume;
    private final int sort;
    private final int[] tiebreak;

    private SearchPlan(SearchRequest request, StructType schema, long version) {
        this.request = request;
        for (StructField f : schema.fields()) {
            if (Values.supported(f.getDataType())) {
                columns.add(f.getName());
                types.add(f.getDataType());
            }
        }
        String q = request.query();
        qLower = q.toLowerCase(Locale.ROOT);
        qUpper = q.toUpperCase(Locale.ROOT);
        symbol = stringColumn(Tables.MarketData.SYMBOL);
        company = stringColumn(Tables.MarketData.COMPANY);
        sector = stringColumn(Tables.MarketData.SECTOR);
        exchange = stringColumn(Tables.MarketData.EXCHANGE);
        if (!q.isEmpty() && symbol < 0 && company < 0 && sector < 0) {
            throw new SearchInputException("Table " + request.table() + " has no symbol, company_name or sector column to search text in.");
        }
        SearchRequest.Filters f = request.filters();
        sectorLower = f.sector().map(s -> s.toLowerCase(Locale.ROOT));
        exchangeLower = f.exchange().map(s -> s.toLowerCase(Locale.ROOT));
        if (sectorLower.isPresent()) {
            require(sector, Tables.MarketData.SECTOR, "the sector filter", version);
        }
        if (exchangeLower.isPresent()) {
            require(exchange, Tables.MarketData.EXCHANGE, "the exchange filter", version);
        }
        date = columns.indexOf(Tables.MarketData.TRADE_DATE);
        if (f.from().isPresent() || f.to().isPresent()) {
            require(date, Tables.MarketData.TRADE_DATE, "the date range", version);
            DataType t = types.get(date);
            if (!(t instanceof DateType) && !(t instanceof TimestampType)) {
                throw new SearchInputException("Column trade_date of " + request.table() + " is " + t + ", not a date.");
            }
        }
        close = columns.indexOf(Tables.MarketData.CLOSE);
        if (f.minPrice().isPresent() || f.maxPrice().isPresent()) {
            require(close, Tables.MarketData.CLOSE, "the price range", version);
            requireNumeric(close);
        }
        volume = columns.indexOf(Tables.MarketData.VOLUME);
        if (f.minVolume().isPresent()) {
            require(volume, Tables.MarketData.VOLUME, "the volume minimum", version);
            requireNumeric(volume);
        }
        sort = columns.indexOf(request.sort().column());
        require(sort, request.sort().column(), "sorting", version);
        List<Integer> tb = new ArrayList<>();
        for (String k : Tables.defaultKey(request.table()).isEmpty() ? Tables.MarketData.KEY : Tables.defaultKey(request.table())) {
            int i = columns.indexOf(k);
            if (i >= 0 && i != sort) {
                tb.add(i);
            }
        }
        tiebreak = tb.stream().mapToInt(Integer::intValue).toArray();
    }

    static SearchPlan compile(SearchRequest request, StructType schema, long version) {
        return new SearchPlan(request, schema, version);
    }

    private int stringColumn(String name) {
        int i = columns.indexOf(name);
        return i >= 0 && types.get(i) instanceof StringType ? i : -1;
    }

    private void require(int index, String column, String what, long version) {
        if (index < 0) {
            throw new SearchInputException("Table " + request.table() + " has no column " + column + " at version " + version
                    + ", which " + what + " needs.");
        }
    }

    private void requireNumeric(int index) {
        DataType t = types.get(index);
        if (!(t instanceof LongType || t instanceof IntegerType || t instanceof DoubleType
                || t instanceof io.delta.kernel.types.FloatType || t instanceof io.delta.kernel.types.DecimalType
                || t instanceof io.delta.kernel.types.ShortType)) {
            throw new SearchInputException("Column " + columns.get(index) + " of " + request.table() + " is " + t + ", not a number.");
        }
    }

    SearchRequest request() {
        return request;
    }

    List<String> columns() {
        return columns;
    }

    List<DataType> types() {
        return types;
    }

    /** The columns LakeLens's term index covers, in index tuple order (absent ones are skipped). */
    List<String> termColumns() {
        List<String> t = new ArrayList<>();
        for (int i : new int[]{symbol, company, sector, exchange}) {
            if (i >= 0) {
                t.add(columns.get(i));
            }
        }
        return t;
    }

    /** Whether the request constrains the indexed text columns (so the term index can skip files). */
    boolean usesTerms() {
        return !request.query().isEmpty() || sectorLower.isPresent() || exchangeLower.isPresent();
    }

    /**
     * Whether a row with these values of {@link #termColumns()} (same order, nulls allowed) can
     * satisfy the text, sector and exchange conditions.
     */
    boolean termsMatch(String[] tuple) {
        int k = 0;
        String sym = symbol >= 0 ? tuple[k++] : null;
        String com = company >= 0 ? tuple[k++] : null;
        String sec = sector >= 0 ? tuple[k++] : null;
        String exc = exchange >= 0 ? tuple[k] : null;
        return textMatches(sym, com, sec) && filterMatches(sec, sectorLower) && filterMatches(exc, exchangeLower);
    }

    private boolean textMatches(String sym, String com, String sec) {
        if (request.query().isEmpty()) {
            return true;
        }
        return (sym != null && sym.toUpperCase(Locale.ROOT).equals(qUpper))
                || (com != null && com.toLowerCase(Locale.ROOT).contains(qLower))
                || (sec != null && sec.toLowerCase(Locale.ROOT).contains(qLower));
    }

    private static boolean filterMatches(String value, Optional<String> lower) {
        return lower.isEmpty() || (value != null && value.toLowerCase(Locale.ROOT).equals(lower.get()));
    }

    // ---- Kernel: row test, sort key and comparator over column vectors ----

    /** Whether row {@code row} of the vectors (one per {@link #columns()} entry) matches. */
    boolean test(ColumnVector[] v, int row) {
        if (!request.query().isEmpty()) {
            if (!textMatches(string(v, symbol, row), string(v, company, row), string(v, sector, row))) {
                return false;
            }
        }
        if (sectorLower.isPresent() && !filterMatches(string(v, sector, row), sectorLower)) {
            return false;
        }
        if (exchangeLower.isPresent() && !filterMatches(string(v, exchange, row), exchangeLower)) {
            return false;
        }
        SearchRequest.Filters f = request.filters();
        if (f.from().isPresent() || f.to().isPresent()) {
            Object d = Values.read(v[date], types.get(date), row);
            if (d == null) {
                return false;
            }
            if (d instanceof LocalDate ld) {
                if (f.from().isPresent() && ld.isBefore(f.from().get()) || f.to().isPresent() && ld.isAfter(f.to().get())) {
                    return false;
                }
            } else {
                java.time.Instant ts = (java.time.Instant) d;
                if (f.from().isPresent() && ts.isBefore(startOf(f.from().get()))
                        || f.to().isPresent() && !ts.isBefore(startOf(f.to().get().plusDays(1)))) {
                    return false;
                }
            }
        }
        if (f.minPrice().isPresent() || f.maxPrice().isPresent()) {
            Object c = Values.read(v[close], types.get(close), row);
            if (c == null) {
                return false;
            }
            double p = Values.asDouble(c);
            if (f.minPrice().isPresent() && Values.compareDoubles(p, f.minPrice().get()) < 0
                    || f.maxPrice().isPresent() && Values.compareDoubles(p, f.maxPrice().get()) > 0) {
                return false;
            }
        }
        if (f.minVolume().isPresent()) {
            Object vol = Values.read(v[volume], types.get(volume), row);
            if (vol == null) {
                return false;
            }
            long min = f.minVolume().get();
            boolean integral = vol instanceof Long || vol instanceof Integer || vol instanceof Short;
            int c = integral ? Long.compare(((Number) vol).longValue(), min) : Values.compareDoubles(Values.asDouble(vol), (double) min);
            if (c < 0) {
                return false;
            }
        }
        return true;
    }

    private static String string(ColumnVector[] v, int index, int row) {
        return index < 0 || v[index].isNullAt(row) ? null : v[index].getString(row);
    }

    private static java.time.Instant startOf(LocalDate d) {
        return d.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** The sort column followed by the tiebreak key columns, for ranking a row before materialising it. */
    Object[] sortKey(ColumnVector[] v, int row) {
        Object[] k = new Object[1 + tiebreak.length];
        k[0] = Values.read(v[sort], types.get(sort), row);
        for (int i = 0; i < tiebreak.length; i++) {
            k[i + 1] = Values.read(v[tiebreak[i]], types.get(tiebreak[i]), row);
        }
        return k;
    }

    /** Orders sort keys as Spark orders {@link #sparkOrder()}. */
    Comparator<Object[]> keyOrder() {
        boolean desc = request.sort().descending();
        return (a, b) -> {
            int c = compareNullable(a[0], b[0], desc);
            for (int i = 1; c == 0 && i < a.length; i++) {
                c = compareNullable(a[i], b[i], false);
            }
            return c;
        };
    }

    /** Ascending: nulls first; descending: nulls last (Spark's defaults, stated explicitly on that side too). */
    private static int compareNullable(Object a, Object b, boolean desc) {
        if (a == null || b == null) {
            if (a == b) {
                return 0;
            }
            int nullFirst = a == null ? -1 : 1;
            return desc ? -nullFirst : nullFirst;
        }
        int c = Values.compare(a, b);
        return desc ? -c : c;
    }

    /** All result columns of one row. */
    Object[] materialise(ColumnVector[] v, int row) {
        Object[] r = new Object[columns.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = Values.read(v[i], types.get(i), row);
        }
        return r;
    }

    /**
     * Min/max conditions on the date, price and volume columns, for file skipping only (the
     * rows are still tested). Only exact literal types are used, so skipping is always sound.
     */
    Predicate statsPredicate() {
        List<Predicate> parts = new ArrayList<>();
        SearchRequest.Filters f = request.filters();
        if (date >= 0) {
            DataType t = types.get(date);
            io.delta.kernel.expressions.Column c = new io.delta.kernel.expressions.Column(columns.get(date));
            if (t instanceof DateType) {
                f.from().ifPresent(d -> parts.add(new Predicate(">=", c, Literal.ofDate((int) d.toEpochDay()))));
                f.to().ifPresent(d -> parts.add(new Predicate("<=", c, Literal.ofDate((int) d.toEpochDay()))));
            } else if (t instanceof TimestampType) {
                f.from().ifPresent(d -> parts.add(new Predicate(">=", c, Literal.ofTimestamp(micros(d)))));
                f.to().ifPresent(d -> parts.add(new Predicate("<", c, Literal.ofTimestamp(micros(d.plusDays(1))))));
            }
        }
        if (close >= 0 && types.get(close) instanceof DoubleType) {
            io.delta.kernel.expressions.Column c = new io.delta.kernel.expressions.Column(columns.get(close));
            f.minPrice().ifPresent(p -> parts.add(new Predicate(">=", c, Literal.ofDouble(p))));
            f.maxPrice().ifPresent(p -> parts.add(new Predicate("<=", c, Literal.ofDouble(p))));
        }
        if (volume >= 0 && f.minVolume().isPresent()) {
            io.delta.kernel.expressions.Column c = new io.delta.kernel.expressions.Column(columns.get(volume));
            DataType t = types.get(volume);
            if (t instanceof LongType) {
                parts.add(new Predicate(">=", c, Literal.ofLong(f.minVolume().get())));
            } else if (t instanceof DoubleType) {
                parts.add(new Predicate(">=", c, Literal.ofDouble(f.minVolume().get())));
            }
        }
        Predicate p = AlwaysTrue.ALWAYS_TRUE;
        for (Predicate part : parts) {
            p = p == AlwaysTrue.ALWAYS_TRUE ? part : new And(p, part);
        }
        return p;
    }

    private static long micros(LocalDate d) {
        return startOf(d).getEpochSecond() * 1_000_000L;
    }

    // ---- Spark: the same condition and order as DataFrame expressions ----

    static Column col(String name) {
        return functions.col("`" + name.replace("`", "``") + "`");
    }

    Column sparkCondition() {
        Column cond = functions.lit(true);
        if (!request.query().isEmpty()) {
            Column text = functions.lit(false);
            if (symbol >= 0) {
                text = text.or(functions.upper(col(columns.get(symbol))).equalTo(functions.lit(qUpper)));
            }
            if (company >= 0) {
                text = text.or(functions.lower(col(columns.get(company))).contains(functions.lit(qLower)));
            }
            if (sector >= 0) {
                text = text.or(functions.lower(col(columns.get(sector))).contains(functions.lit(qLower)));
            }
            cond = cond.and(text);
        }
        if (sectorLower.isPresent()) {
            cond = cond.and(functions.lower(col(columns.get(sector))).equalTo(functions.lit(sectorLower.get())));
        }
        if (exchangeLower.isPresent()) {
            cond = cond.and(functions.lower(col(columns.get(exchange))).equalTo(functions.lit(exchangeLower.get())));
        }
        SearchRequest.Filters f = request.filters();
        if (date >= 0 && (f.from().isPresent() || f.to().isPresent())) {
            Column d = col(columns.get(date));
            if (types.get(date) instanceof DateType) {
                if (f.from().isPresent()) {
                    cond = cond.and(d.geq(functions.lit(f.from().get())));
                }
                if (f.to().isPresent()) {
                    cond = cond.and(d.leq(functions.lit(f.to().get())));
                }
            } else {
                if (f.from().isPresent()) {
                    cond = cond.and(d.geq(functions.lit(startOf(f.from().get()))));
                }
                if (f.to().isPresent()) {
                    cond = cond.and(d.lt(functions.lit(startOf(f.to().get().plusDays(1)))));
                }
            }
        }
        if (f.minPrice().isPresent()) {
            cond = cond.and(col(columns.get(close)).cast("double").geq(functions.lit(f.minPrice().get())));
        }
        if (f.maxPrice().isPresent()) {
            cond = cond.and(col(columns.get(close)).cast("double").leq(functions.lit(f.maxPrice().get())));
        }
        if (f.minVolume().isPresent()) {
            Column v = col(columns.get(volume));
            DataType t = types.get(volume);
            boolean integral = t instanceof LongType || t instanceof IntegerType || t instanceof io.delta.kernel.types.ShortType;
            cond = cond.and(integral ? v.cast("long").geq(functions.lit(f.minVolume().get()))
                    : v.cast("double").geq(functions.lit((double) f.minVolume().get())));
        }
        return cond;
    }

    Column[] sparkOrder() {
        List<Column> order = new ArrayList<>();
        Column s = col(columns.get(sort));
        order.add(request.sort().descending() ? s.desc_nulls_last() : s.asc_nulls_first());
        for (int i : tiebreak) {
            order.add(col(columns.get(i)).asc_nulls_first());
        }
        return order.toArray(Column[]::new);
    }

    Column[] sparkColumns() {
        return columns.stream().map(SearchPlan::col).toArray(Column[]::new);
    }

    /**
     * The request as a canonical string for cache keys: equal strings mean equal answers at one
     * version. ASCII text is lower-cased (matching is case-insensitive); other text is kept as
     * typed, because Unicode case mapping is not one-to-one.
     */
    static String normalised(SearchRequest r, boolean withAsOf) {
        StringBuilder b = new StringBuilder(128 + r.query().length());
        b.append("t=").append(r.table());
        b.append("|q=").append(caseFold(r.query()));
        SearchRequest.Filters f = r.filters();
        b.append("|sector=").append(f.sector().map(SearchPlan::caseFold).orElse(""));
        b.append("|exchange=").append(f.exchange().map(SearchPlan::caseFold).orElse(""));
        b.append("|from=").append(f.from().map(LocalDate::toString).orElse(""));
        b.append("|to=").append(f.to().map(LocalDate::toString).orElse(""));
        b.append("|minp=").append(f.minPrice().map(String::valueOf).orElse(""));
        b.append("|maxp=").append(f.maxPrice().map(String::valueOf).orElse(""));
        b.append("|minv=").append(f.minVolume().map(String::valueOf).orElse(""));
        b.append("|sort=").append(r.sort().column()).append(r.sort().descending() ? ":desc" : ":asc");
        b.append("|page=").append(r.page()).append("|size=").append(r.pageSize());
        if (withAsOf) {
            b.append("|asof=").append(switch (r.asOf()) {
                case AsOf.Latest l -> "";
                case AsOf.Version v -> "v" + v.version();
                case AsOf.Timestamp t -> "t" + t.instant();
            });
        }
        return b.toString();
    }

    private static String caseFold(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 127) {
                return s;
            }
        }
        return s.toLowerCase(Locale.ROOT);
    }
}
