package io.lakelens.search;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.expressions.AlwaysTrue;
import io.delta.kernel.expressions.And;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.lakelens.data.Tables;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.Errors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A {@link SearchRequest} compiled against the schema of the version being read. It is the
 * single definition of what matches and in which order, expressed three ways that must agree:
 * a Spark {@link Column} condition and ordering, a row test and comparator over Kernel column
 * vectors, and what the Kernel path may skip (min/max statistics, distinct values).
 * <p>
 * Matching: every word of the query must match (see {@link SearchQuery}); a bare word matches
 * when one of the searched columns contains it (or equals it, for columns matched exactly),
 * case-insensitively; {@code column:value} matches that column only (a string column as above,
 * any other column by equality with the value read as the column's type). A bare word that
 * names a column of the table, or is a filler word, is a hint and is not searched. Every filter
 * must hold too. User text only ever becomes a literal value, never SQL.
 */
final class SearchPlan {
    /** A word that is searched, with the condition it compiled to. */
    record Term(String display, Condition condition) {
    }

    private final SearchRequest request;
    private final String table;
    private final long version;
    private final List<String> columns = new ArrayList<>();
    private final List<String> allNames = new ArrayList<>();
    private final List<DataType> types = new ArrayList<>();
    private final List<Term> terms = new ArrayList<>();
    private final List<String> hints = new ArrayList<>();
    private final List<Condition> filters = new ArrayList<>();
    private final List<String> valueColumns;
    private final SearchColumns searched;
    private final int sort;
    private final boolean descending;
    private final int[] tiebreak;

    private SearchPlan(SearchRequest request, StructType schema, long version, SearchColumns searched) {
        this.request = request;
        this.table = request.table();
        this.version = version;
        for (StructField f : schema.fields()) {
            allNames.add(f.getName());
            if (Values.supported(f.getDataType())) {
                columns.add(f.getName());
                types.add(f.getDataType());
            }
        }
        if (!searched.configured()) {
            List<String> strings = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                if (types.get(i) instanceof StringType) {
                    strings.add(columns.get(i));
                }
            }
            searched = SearchColumns.defaults(table, strings);
        }
        this.searched = searched;
        compileQuery(SearchQuery.parse(request.query()), searched);
        Set<Integer> filtered = new java.util.HashSet<>();
        for (SearchRequest.ColumnFilter f : request.filters().list()) {
            Condition c = compileFilter(f);
            int i = switch (c) {
                case Condition.OneOf o -> o.target().index();
                case Condition.Bounds b -> b.target().index();
                case Condition.Text t -> -1;
            };
            if (!filtered.add(i)) {
                throw new SearchInputException("Column " + columns.get(i) + " of " + table
                        + " is filtered twice; give one filter per column (a pick list may hold several values).");
            }
            filters.add(c);
        }
        Set<String> vc = new LinkedHashSet<>();
        for (Term t : terms) {
            vc.addAll(t.condition().valueColumns());
        }
        for (Condition c : filters) {
            vc.addAll(c.valueColumns());
        }
        valueColumns = List.copyOf(vc);

        SearchRequest.Sort s = request.sort();
        if (s.isDefault()) {
            int[] d = defaultSort();
            sort = d[0];
            descending = d[1] == 1;
        } else {
            sort = column(s.column(), "sort by");
            descending = s.descending();
        }
        List<Integer> tb = new ArrayList<>();
        List<String> key = Tables.defaultKey(table);
        boolean keyPresent = !key.isEmpty() && key.stream().allMatch(columns::contains);
        if (keyPresent) {
            for (String k : key) {
                int i = columns.indexOf(k);
                if (i != sort) {
                    tb.add(i);
                }
            }
        } else {
            // no known key: every other column, so only rows equal in every column can tie (and they look alike)
            for (int i = 0; i < columns.size(); i++) {
                if (i != sort) {
                    tb.add(i);
                }
            }
        }
        tiebreak = tb.stream().mapToInt(Integer::intValue).toArray();
    }

    static SearchPlan compile(SearchRequest request, StructType schema, long version, SearchColumns searched) {
        return new SearchPlan(request, schema, version, searched);
    }

    private void compileQuery(SearchQuery query, SearchColumns searched) {
        if (query.words().size() > SearchQuery.MAX_WORDS) {
            throw new SearchInputException("The search has " + query.words().size() + " words; at most "
                    + SearchQuery.MAX_WORDS + " are searched together.");
        }
        List<Condition.Target> targets = new ArrayList<>();
        List<Boolean> exact = new ArrayList<>();
        for (SearchColumns.SearchColumn c : searched.columns()) {
            int i = find(c.name());
            if (i >= 0 && types.get(i) instanceof StringType) {
                targets.add(target(i));
                exact.add(c.match() == SearchColumns.Match.EXACT);
            }
        }
        for (SearchQuery.Word w : query.words()) {
            if (w.column().isPresent()) {
                int i = column(w.column().get(), "qualify " + w.display() + " with");
                terms.add(new Term(w.display(), qualified(w, i, searched)));
                continue;
            }
            String lower = w.text().toLowerCase(Locale.ROOT);
            if (!w.quoted() && isHint(lower)) {
                hints.add(w.text());
                continue;
            }
            if (targets.isEmpty()) {
                throw new SearchInputException("Table " + table + " has no text columns to search at version " + version
                        + (searched.configured() ? " among those set for it (" + searched.spec() + ")" : "")
                        + "; qualify the word (column:" + w.text() + ") or use filters.");
            }
            terms.add(new Term(w.display(), new Condition.Text(lower, targets, exact)));
        }
    }

    private boolean isHint(String lower) {
        if (SearchQuery.FILLER.contains(lower)) {
            return true;
        }
        for (String c : allNames) {
            String cl = c.toLowerCase(Locale.ROOT);
            if (cl.equals(lower) || (cl + "s").equals(lower)) {
                return true;
            }
        }
        return false;
    }

    private Condition qualified(SearchQuery.Word w, int i, SearchColumns searched) {
        DataType t = types.get(i);
        if (t instanceof StringType) {
            boolean exact = searched.columns().stream()
                    .anyMatch(c -> c.name().equals(columns.get(i)) && c.match() == SearchColumns.Match.EXACT);
            return new Condition.Text(w.text().toLowerCase(Locale.ROOT), List.of(target(i)), List.of(exact));
        }
        return bounds(i, w.text(), w.text(), w.display());
    }

    private Condition compileFilter(SearchRequest.ColumnFilter f) {
        return switch (f) {
            case SearchRequest.OneOf o -> {
                int i = column(o.column(), "filter");
                if (!(types.get(i) instanceof StringType)) {
                    throw new SearchInputException("Column " + columns.get(i) + " of " + table + " is "
                            + types.get(i).toString().toLowerCase(Locale.ROOT) + ", not text; filter it by a range.");
                }
                Set<String> lower = new LinkedHashSet<>();
                o.values().forEach(v -> lower.add(v.toLowerCase(Locale.ROOT)));
                yield new Condition.OneOf(target(i), lower);
            }
            case SearchRequest.Range r -> {
                int i = column(r.column(), "filter");
                yield bounds(i, r.min().orElse(null), r.max().orElse(null), null);
            }
        };
    }

    /**
     * {@code lo..hi} on column {@code i}, both inclusive; for a timestamp a day bound covers the
     * whole day (UTC). {@code word} is the query word when it is an equality, for messages.
     */
    private Condition bounds(int i, String lo, String hi, String word) {
        String name = columns.get(i);
        DataType t = types.get(i);
        Condition.Target target = target(i);
        if (t instanceof LongType || t instanceof IntegerType || t instanceof ShortType || t instanceof ByteType) {
            BigDecimal a = lo == null ? null : number(name, lo, word);
            BigDecimal b = hi == null ? null : number(name, hi, word);
            // a whole-number column never holds 1.5: round the bounds inwards
            Long l = a == null ? null : clampLong(a.setScale(0, RoundingMode.CEILING));
            Long h = b == null ? null : clampLong(b.setScale(0, RoundingMode.FLOOR));
            return new Condition.Bounds(target, Condition.Compare.LONG, l, h, false);
        }
        if (t instanceof DoubleType || t instanceof FloatType) {
            Double l = lo == null ? null : number(name, lo, word).doubleValue();
            Double h = hi == null ? null : number(name, hi, word).doubleValue();
            return new Condition.Bounds(target, Condition.Compare.DOUBLE, l, h, false);
        }
        if (t instanceof DecimalType) {
            return new Condition.Bounds(target, Condition.Compare.NATURAL, lo == null ? null : number(name, lo, word),
                    hi == null ? null : number(name, hi, word), false);
        }
        if (t instanceof DateType) {
            LocalDate l = lo == null ? null : date(name, lo, word);
            LocalDate h = hi == null ? null : date(name, hi, word);
            return new Condition.Bounds(target, Condition.Compare.NATURAL, l, h, false);
        }
        if (t instanceof TimestampType) {
            Instant l = lo == null ? null : isDay(lo) ? startOf(date(name, lo, word)) : instant(name, lo, word);
            boolean dayEnd = hi != null && isDay(hi);
            Instant h = hi == null ? null : dayEnd ? startOf(date(name, hi, word).plusDays(1)) : instant(name, hi, word);
            return new Condition.Bounds(target, Condition.Compare.NATURAL, l, h, dayEnd);
        }
        if (t instanceof TimestampNTZType) {
            LocalDateTime l = lo == null ? null : isDay(lo) ? date(name, lo, word).atStartOfDay() : localTime(name, lo, word);
            boolean dayEnd = hi != null && isDay(hi);
            LocalDateTime h = hi == null ? null : dayEnd ? date(name, hi, word).plusDays(1).atStartOfDay() : localTime(name, hi, word);
            return new Condition.Bounds(target, Condition.Compare.NATURAL, l, h, dayEnd);
        }
        if (t instanceof BooleanType && word != null) {
            String v = lo.strip().toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false")) {
                throw new SearchInputException(word + ": column " + name + " is true or false, not '" + Errors.abbreviate(lo) + "'.");
            }
            Boolean b = Boolean.valueOf(v);
            return new Condition.Bounds(target, Condition.Compare.NATURAL, b, b, false);
        }
        throw new SearchInputException("Column " + name + " of " + table + " is " + t.toString().toLowerCase(Locale.ROOT)
                + "; ranges need a number, date or timestamp column.");
    }

    private static Long clampLong(BigDecimal v) {
        if (v.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return Long.MAX_VALUE;
        }
        if (v.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
            return Long.MIN_VALUE;
        }
        return v.longValueExact();
    }

    private SearchInputException notA(String what, String column, String text, String word, String example) {
        String v = Errors.abbreviate(text.strip());
        return new SearchInputException((word != null ? word + ": " : "") + "'" + v + "' is not " + what + " for column "
                + column + " (e.g. " + example + ").");
    }

    private BigDecimal number(String column, String text, String word) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw notA("a number", column, text, word, "1250.5");
        }
    }

    private static boolean isDay(String text) {
        return text.strip().matches("\\d{4}-\\d{2}-\\d{2}");
    }

    private LocalDate date(String column, String text, String word) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw notA("a date", column, text, word, "2024-03-15");
        }
    }

    private Instant instant(String column, String text, String word) {
        String t = text.strip().replace(' ', 'T');
        try {
            if (t.endsWith("Z") || t.endsWith("z") || t.matches(".*[+-]\\d{2}:\\d{2}$")) {
                return OffsetDateTime.parse(t.toUpperCase(Locale.ROOT)).toInstant();
            }
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw notA("a day or time", column, text, word, "2024-03-15 or 2024-03-15T10:00:00Z");
        }
    }

    private LocalDateTime localTime(String column, String text, String word) {
        try {
            return LocalDateTime.parse(text.strip().replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            throw notA("a day or time", column, text, word, "2024-03-15 or 2024-03-15T10:00:00");
        }
    }

    private static Instant startOf(LocalDate d) {
        return d.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** Market data's newest day first; else the first date or timestamp column newest first; else the key or first column. */
    private int[] defaultSort() {
        int trade = columns.indexOf(Tables.MarketData.TRADE_DATE);
        if (trade >= 0) {
            return new int[]{trade, 1};
        }
        for (int i = 0; i < columns.size(); i++) {
            DataType t = types.get(i);
            if (t instanceof DateType || t instanceof TimestampType || t instanceof TimestampNTZType) {
                return new int[]{i, 1};
            }
        }
        List<String> key = Tables.defaultKey(table);
        int k = key.isEmpty() ? -1 : columns.indexOf(key.getFirst());
        if (columns.isEmpty()) {
            throw new SearchInputException("Table " + table + " has no columns LakeLens can show at version " + version + ".");
        }
        return new int[]{Math.max(k, 0), 0};
    }

    /** The index of a column: the exact name, else the one name equal ignoring case (as Delta resolves names). */
    private int find(String name) {
        int i = columns.indexOf(name);
        if (i >= 0) {
            return i;
        }
        int found = -1;
        for (int j = 0; j < columns.size(); j++) {
            if (columns.get(j).equalsIgnoreCase(name)) {
                if (found >= 0) {
                    return -1;
                }
                found = j;
            }
        }
        return found;
    }

    private int column(String name, String what) {
        int i = find(name);
        if (i < 0) {
            String list = String.join(", ", columns);
            throw new SearchInputException("Cannot " + what + " '" + Errors.abbreviate(name) + "': table " + table
                    + " has no such column at version " + version + " (its columns: "
                    + (list.length() > 240 ? list.substring(0, 240) + "…" : list) + ").");
        }
        return i;
    }

    private Condition.Target target(int i) {
        return new Condition.Target(i, columns.get(i), types.get(i));
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

    /** The searched columns the plan used: the configured ones, or the defaults for this schema. */
    SearchColumns searched() {
        return searched;
    }

    /** The order the plan sorts by (the request's, or the table's default). */
    SearchRequest.Sort sortOrder() {
        return new SearchRequest.Sort(columns.get(sort), descending);
    }

    List<Term> terms() {
        return terms;
    }

    boolean hasFilters() {
        return !filters.isEmpty();
    }

    /** How the query was read, with the words that matched no row when the answer is empty. */
    QueryReading reading(List<String> unmatched) {
        return new QueryReading(terms.stream().map(Term::display).toList(), List.copyOf(hints), unmatched, hasFilters());
    }

    /** The string columns whose distinct values can rule files or batches out for this search. */
    List<String> valueColumns() {
        return valueColumns;
    }

    /** Whether some row could match given the distinct (lower-cased) values of {@link #valueColumns()}. */
    boolean couldMatch(Function<String, Set<String>> values) {
        for (Term t : terms) {
            if (!t.condition().couldMatch(values)) {
                return false;
            }
        }
        for (Condition c : filters) {
            if (!c.couldMatch(values)) {
                return false;
            }
        }
        return true;
    }

    /** What the Kernel path may use to skip files and batches of this search. */
    KernelReader.Pruning pruning() {
        return valueColumns.isEmpty() ? KernelReader.Pruning.NONE : new KernelReader.Pruning(valueColumns, this::couldMatch);
    }

    // ---- Kernel: row test, sort key and comparator over column vectors ----

    /** Whether row {@code row} of the vectors (one per {@link #columns()} entry) matches. */
    boolean test(ColumnVector[] v, int row) {
        for (Term t : terms) {
            if (!t.condition().test(v, row)) {
                return false;
            }
        }
        for (Condition c : filters) {
            if (!c.test(v, row)) {
                return false;
            }
        }
        return true;
    }

    /** The sort column followed by the tiebreak columns, for ranking a row before materialising it. */
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
        boolean desc = descending;
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

    /** Min/max conditions for file skipping only (the rows are still tested); always sound. */
    Predicate statsPredicate() {
        List<Predicate> parts = new ArrayList<>();
        for (Term t : terms) {
            t.condition().stats(parts);
        }
        for (Condition c : filters) {
            c.stats(parts);
        }
        return and(parts);
    }

    static Predicate and(List<Predicate> parts) {
        Predicate p = AlwaysTrue.ALWAYS_TRUE;
        for (Predicate part : parts) {
            p = p == AlwaysTrue.ALWAYS_TRUE ? part : new And(p, part);
        }
        return p;
    }

    // ---- Spark: the same condition and order as DataFrame expressions ----

    /** A column reference that takes the name literally (dots, spaces and backticks are part of the name). */
    static Column col(String name) {
        return functions.col("`" + name.replace("`", "``") + "`");
    }

    Column sparkCondition() {
        Column cond = functions.lit(true);
        for (Term t : terms) {
            cond = cond.and(t.condition().spark());
        }
        for (Condition c : filters) {
            cond = cond.and(c.spark());
        }
        return cond;
    }

    Column[] sparkOrder() {
        List<Column> order = new ArrayList<>();
        Column s = col(columns.get(sort));
        order.add(descending ? s.desc_nulls_last() : s.asc_nulls_first());
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
     * version. It holds everything that changes the answer: table, query words, the columns
     * searched, filters (in column order), sort and page.
     */
    static String normalised(SearchRequest r, SearchColumns searched, boolean withAsOf) {
        StringBuilder b = new StringBuilder(128 + r.query().length());
        b.append("t=").append(r.table().length()).append(':').append(r.table());
        b.append("|q=").append(SearchQuery.parse(r.query()).canonical());
        b.append("|cols=").append(searched.keyPart());
        List<SearchRequest.ColumnFilter> fs = new ArrayList<>(r.filters().list());
        fs.sort(Comparator.comparing(SearchRequest.ColumnFilter::column));
        for (SearchRequest.ColumnFilter f : fs) {
            b.append("|f").append(f.column().length()).append(':').append(f.column());
            switch (f) {
                case SearchRequest.Range g -> b.append("range").append(text(g.min())).append(text(g.max()));
                case SearchRequest.OneOf o -> {
                    b.append("in");
                    o.values().stream().map(SearchQuery::caseFold).sorted().distinct().forEach(v -> b.append(text(Optional.of(v))));
                }
            }
        }
        SearchRequest.Sort s = r.sort();
        b.append("|sort=").append(s.isDefault() ? "default" : s.column().length() + ":" + s.column() + (s.descending() ? ":desc" : ":asc"));
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

    private static String text(Optional<String> v) {
        return v.map(s -> "[" + s.length() + ":" + s + "]").orElse("[-]");
    }
}
