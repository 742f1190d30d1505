package io.lakelens.search;

import io.lakelens.LakeLensException;
import io.lakelens.cache.Cache;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A fixed, seeded mix of searches (symbol lookups, company words, sector scans, filtered ranges,
 * deep pages, as-of reads of the first version) run through each strategy and through plain
 * {@code spark.sql} on the same session as the baseline, every one treated alike:
 * <ol>
 * <li><b>cold</b>: before each search every in-JVM cache is dropped (snapshots, decoded files,
 *     the term index, latest versions, Spark's Delta log cache) and the table's Redis entries
 *     are deleted; the baseline makes its view of the version again, from the log, inside the
 *     timing (a view keeps the snapshot it was made with);</li>
 * <li>one untimed pass over the whole mix (the same warm-up for every line);</li>
 * <li><b>warm</b>: the mix again, timed.</li>
 * </ol>
 * Every answer (total and requested page) is compared with the baseline's answer to the same
 * search at the same version; differences are reported as {@link Mismatch}es. Failed searches
 * and circuit-breaker fallbacks are counted per line, never hidden in the latencies. Latency is
 * the wall time around each call, in milliseconds; percentiles are nearest-rank over the
 * samples and say how many samples they rest on. The baseline's SQL text is built from the
 * bench's own constants and values it drew from the table (checked to be plain text). Progress
 * is reported per search; the run stops when {@code cancelled} says so.
 */
public final class Bench {
    /** Name of the baseline in lines and mismatches. */
    public static final String BASELINE = "spark.sql";

    /** The kinds of search in the mix, with their share. */
    public enum Kind {
        SYMBOL(35), COMPANY(10), SECTOR(15), FILTERED(20), DEEP_PAGE(10), AS_OF(10);

        final int percent;

        Kind(int percent) {
            this.percent = percent;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** One search of the mix. */
    public record Query(Kind kind, SearchRequest request) {
        /** A short description for reports. */
        public String describe() {
            SearchRequest r = request;
            StringBuilder sb = new StringBuilder(kind.label()).append(" '").append(r.query()).append("'");
            r.filters().sector().ifPresent(v -> sb.append(" sector=").append(v));
            r.filters().exchange().ifPresent(v -> sb.append(" exchange=").append(v));
            r.filters().from().ifPresent(v -> sb.append(" from=").append(v));
            r.filters().to().ifPresent(v -> sb.append(" to=").append(v));
            r.filters().minPrice().ifPresent(v -> sb.append(" min-price=").append(v));
            if (r.page() > 1) {
                sb.append(" page=").append(r.page());
            }
            if (!(r.asOf() instanceof AsOf.Latest)) {
                sb.append(" as-of=").append(r.asOf());
            }
            return sb.toString();
        }
    }

    /**
     * Figures of one strategy (or the baseline) in one phase over one kind of search (or all).
     *
     * @param n                 successful searches the percentiles rest on
     * @param hitRatio          share of those answered by the cache
     * @param errors            searches that failed (left out of the percentiles)
     * @param fallbacks         circuit-breaker answers served from an older cached result
     * @param speedupVsBaseline baseline p50 / this p50 in the same phase and kind (1 for the baseline)
     * @param decodedHits       Kernel reads answered by the in-JVM decoded-file cache (not Redis hits)
     * @param decodedMisses     Kernel reads that decoded a file
     */
    public record Line(String strategy, String phase, String kind, int n, double p50Ms, double p95Ms, double p99Ms,
                       double hitRatio, int errors, int fallbacks, Double speedupVsBaseline, long decodedHits,
                       long decodedMisses) {
    }

    /** A strategy's answer that differs from the baseline's. */
    public record Mismatch(String strategy, String phase, int query, String search, String detail) {
    }

    /** A finished run. */
    public record Report(String table, long tableRows, long version, int queries, int coldQueries, long seed,
                         List<Line> lines, List<Mismatch> mismatches, String cache) {
        public java.util.Optional<Line> line(String strategy, String phase, String kind) {
            return lines.stream().filter(l -> l.strategy().equals(strategy) && l.phase().equals(phase) && l.kind().equals(kind))
                    .findFirst();
        }
    }

    /** What one search returned, reduced to what is compared. */
    record Answer(long total, List<List<Object>> rows, List<String> columns) {
    }

    private record Sample(Kind kind, double ms, boolean error, boolean hit, boolean fallback, long decodedHits,
                          long decodedMisses) {
        Sample(Kind kind, double ms, boolean error, boolean hit, boolean fallback) {
            this(kind, ms, error, hit, fallback, 0, 0);
        }
    }

    private final LakeEngine engine;
    private final DefaultSearchService service;
    private final Consumer<String> progress;
    private final BooleanSupplier cancelled;
    private boolean tamperBaseline;

    public Bench(LakeEngine engine, DefaultSearchService service, Consumer<String> progress, BooleanSupplier cancelled) {
        this.engine = engine;
        this.service = service;
        this.progress = progress;
        this.cancelled = cancelled;
    }

    /**
     * Alters the baseline's answer to the first search (its total, by one) before answers are
     * compared: a self-check that a wrong answer is reported as a mismatch.
     */
    public Bench tamperWithBaseline(boolean tamper) {
        this.tamperBaseline = tamper;
        return this;
    }

    /** The seeded mix for a table: the same table, version and seed always give the same searches. */
    public List<Query> mix(String table, int n, long seed) {
        SparkSession spark = engine.spark();
        Dataset<Row> t = engine.read(spark, table, AsOf.LATEST);
        List<Row> dims = engine.readAction(table, AsOf.LATEST, () -> t.select(MarketData.SYMBOL,
                MarketData.COMPANY, MarketData.SECTOR, MarketData.EXCHANGE).distinct()
                .orderBy(MarketData.SYMBOL, MarketData.COMPANY, MarketData.SECTOR, MarketData.EXCHANGE).collectAsList());
        Row range = engine.readAction(table, AsOf.LATEST, () -> t.agg(
                org.apache.spark.sql.functions.min(MarketData.TRADE_DATE), org.apache.spark.sql.functions.max(MarketData.TRADE_DATE),
                org.apache.spark.sql.functions.expr("percentile_approx(close, 0.5)")).first());
        if (dims.isEmpty()) {
            throw new LakeLensException("Table " + table + " is empty; the bench needs market data.");
        }
        List<String> sectors = dims.stream().map(r -> r.getString(2)).filter(Objects::nonNull).distinct().sorted().toList();
        List<String> exchanges = dims.stream().map(r -> r.getString(3)).filter(Objects::nonNull).distinct().sorted().toList();
        LocalDate first = toDate(range.get(0));
        LocalDate last = toDate(range.get(1));
        double medianClose = ((Number) range.get(2)).doubleValue();
        long days = Math.max(1, last.toEpochDay() - first.toEpochDay());
        Random rnd = new Random(seed);
        List<Query> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Kind kind = pick(rnd);
            Row d = dims.get(rnd.nextInt(dims.size()));
            SearchRequest r = switch (kind) {
                case SYMBOL -> SearchRequest.of(d.getString(0));
                case COMPANY -> SearchRequest.of(firstWord(d.getString(1)));
                case SECTOR -> SearchRequest.of(sectors.get(rnd.nextInt(sectors.size())));
                case FILTERED -> {
                    LocalDate from = first.plusDays(rnd.nextLong(days));
                    yield SearchRequest.of("").withFilters(SearchRequest.Filters.NONE
                            .withExchange(exchanges.get(rnd.nextInt(exchanges.size())))
                            .withDates(from, from.plusDays(30)).withPrices(medianClose, null));
                }
                case DEEP_PAGE -> SearchRequest.of(rnd.nextBoolean() ? "" : sectors.get(rnd.nextInt(sectors.size())))
                        .withPage(20 + rnd.nextInt(30));
                case AS_OF -> SearchRequest.of(d.getString(0)).withAsOf(new AsOf.Version(0));
            };
            out.add(new Query(kind, r.withTable(table).withPage(r.page())));
        }
        return out;
    }

    private static Kind pick(Random rnd) {
        int p = rnd.nextInt(100);
        for (Kind k : Kind.values()) {
            if (p < k.percent) {
                return k;
            }
            p -= k.percent;
        }
        return Kind.SYMBOL;
    }

    private static String firstWord(String company) {
        // letters and digits only: a company word is a substring search, never SQL punctuation
        String w = company == null ? "" : company.trim().split("[^\\p{L}\\p{N}]+")[0];
        return w.toLowerCase(Locale.ROOT);
    }

    private static LocalDate toDate(Object v) {
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (v instanceof LocalDate d) {
            return d;
        }
        if (v instanceof java.sql.Timestamp ts) {
            return ts.toLocalDateTime().toLocalDate();
        }
        throw new LakeLensException("trade_date is " + v.getClass().getSimpleName() + ", not a date.");
    }

    /**
     * Runs the mix through the baseline (when asked) and the given strategies: cold (caches
     * dropped before each of the first {@code coldQueries} searches), then warm.
     */
    public Report run(String table, int n, int coldQueries, long seed, List<StrategyKind> strategies, boolean baseline) {
        long version = engine.latestVersion(table);
        List<Query> mix = mix(table, n, seed);
        long rows = engine.readAction(table, AsOf.LATEST, () -> engine.read(table, new AsOf.Version(version)).count());
        int cold = Math.max(0, Math.min(coldQueries, n));
        Map<Long, String> views = baselineViews(table, mix, version);

        progress.accept("Warming up the JVM and Spark (not measured)…");
        for (int i = 0; i < Math.min(8, mix.size()); i++) {
            checkCancelled();
            SearchRequest r = mix.get(i).request();
            service.readByRoute(r, Route.Choice.KERNEL);
            service.readByRoute(r, Route.Choice.SPARK);
            baselineAnswer(views, version, r);
        }

        List<Line> lines = new ArrayList<>();
        List<Mismatch> mismatches = new ArrayList<>();
        // The reference answers are the baseline's; without a baseline, Kernel-routed database-only reads
        Answer[] expected = new Answer[mix.size()];
        if (baseline) {
            List<Sample> coldSamples = new ArrayList<>();
            for (int i = 0; i < cold; i++) {
                dropCaches(table);
                coldSamples.add(timeBaseline(views, version, mix.get(i), i, "cold", null));
            }
            baselineViews(table, mix, version); // the cold runs replaced them
            for (int i = 0; i < mix.size(); i++) {
                checkCancelled();
                progress.accept(String.format(Locale.ROOT, "%s warm-up %d/%d", BASELINE, i + 1, mix.size()));
                baselineAnswer(views, version, mix.get(i).request());
            }
            List<Sample> warmSamples = new ArrayList<>();
            for (int i = 0; i < mix.size(); i++) {
                warmSamples.add(timeBaseline(views, version, mix.get(i), i, "warm", expected));
            }
            lines.addAll(lines(BASELINE, "cold", coldSamples));
            lines.addAll(lines(BASELINE, "warm", warmSamples));
        } else {
            for (int i = 0; i < mix.size(); i++) {
                expected[i] = answer(service.readByRoute(mix.get(i).request(), Route.Choice.KERNEL));
            }
        }
        if (tamperBaseline && expected.length > 0 && expected[0] != null) {
            expected[0] = new Answer(expected[0].total() + 1, expected[0].rows(), expected[0].columns());
        }
        for (StrategyKind k : strategies) {
            List<Sample> coldSamples = new ArrayList<>();
            for (int i = 0; i < cold; i++) {
                dropCaches(table);
                coldSamples.add(timeSearch(k, "cold", mix, i, expected, mismatches));
            }
            for (int i = 0; i < mix.size(); i++) {
                checkCancelled();
                progress.accept(String.format(Locale.ROOT, "%s warm-up %d/%d", k.id(), i + 1, mix.size()));
                try {
                    service.searchNow(mix.get(i).request(), k);
                } catch (LakeLensException e) {
                    // counted in the timed passes
                }
            }
            List<Sample> warmSamples = new ArrayList<>();
            for (int i = 0; i < mix.size(); i++) {
                warmSamples.add(timeSearch(k, "warm", mix, i, expected, mismatches));
            }
            lines.addAll(lines(k.id(), "cold", coldSamples));
            lines.addAll(lines(k.id(), "warm", warmSamples));
        }
        Cache c = service.cache();
        return new Report(table, rows, version, n, cold, seed, withSpeedups(lines), mismatches,
                c.status().label() + " — " + c.description());
    }

    /**
     * Runs the mix through every strategy, cold then warm, into the service's metrics without
     * resetting them (for `lakelens stats`).
     */
    public void exercise(String table, int n, long seed) {
        List<Query> mix = mix(table, n, seed);
        for (StrategyKind k : StrategyKind.values()) {
            service.cache().clear(table);
            for (String phase : List.of("cold", "warm")) {
                int i = 0;
                for (Query q : mix) {
                    checkCancelled();
                    progress.accept(String.format(Locale.ROOT, "%s %s %d/%d: %s", k.id(), phase, ++i, mix.size(), q.kind().label()));
                    service.searchNow(q.request(), k);
                }
            }
        }
    }

    /** Drops every in-JVM cache a search could use, and the table's Redis entries. */
    private void dropCaches(String table) {
        service.dropCaches(List.of(table));
        org.apache.spark.sql.delta.DeltaLog.clearCache();
        engine.spark().catalog().clearCache();
        service.cache().clear(table);
    }

    private Sample timeSearch(StrategyKind k, String phase, List<Query> mix, int i, Answer[] expected, List<Mismatch> out) {
        checkCancelled();
        Query q = mix.get(i);
        progress.accept(String.format(Locale.ROOT, "%s %s %d/%d: %s", k.id(), phase, i + 1, mix.size(), q.kind().label()));
        DecodedCache before = service.decodedCache();
        long t0 = System.nanoTime();
        SearchResult r;
        try {
            r = service.searchNow(q.request(), k);
        } catch (LakeLensException e) {
            out.add(new Mismatch(k.id(), phase, i + 1, q.describe(), "failed: " + e.getMessage()));
            return new Sample(q.kind(), (System.nanoTime() - t0) / 1e6, true, false, false);
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        if (!r.fallback() && expected[i] != null) {
            String d = difference(expected[i], answer(r));
            if (d != null) {
                out.add(new Mismatch(k.id(), phase, i + 1, q.describe(), d));
            }
        }
        DecodedCache after = service.decodedCache();
        return new Sample(q.kind(), ms, false, r.cacheHit(), r.fallback(), Math.max(0, after.hits() - before.hits()),
                Math.max(0, after.misses() - before.misses()));
    }

    private Sample timeBaseline(Map<Long, String> views, long latest, Query q, int i, String phase, Answer[] keep) {
        checkCancelled();
        progress.accept(String.format(Locale.ROOT, "%s %s %d: %s", BASELINE, phase, i + 1, q.kind().label()));
        long t0 = System.nanoTime();
        Answer a;
        try {
            if (keep == null) {
                // cold: a view holds the snapshot it was made with, so the view is made again, from the log
                long v = q.request().asOf() instanceof AsOf.Version at ? at.version() : latest;
                engine.read(engine.spark(), q.request().table(), new AsOf.Version(v)).createOrReplaceTempView(views.get(v));
            }
            a = baselineAnswer(views, latest, q.request());
        } catch (RuntimeException e) {
            return new Sample(q.kind(), (System.nanoTime() - t0) / 1e6, true, false, false);
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        if (keep != null) {
            keep[i] = a;
        }
        return new Sample(q.kind(), ms, false, false, false);
    }

    static Answer answer(SearchResult r) {
        return new Answer(r.totalMatches(), r.rows(), r.columns());
    }

    /** Where {@code actual} differs from the reference, or null: the total, then each row's cells by column name. */
    static String difference(Answer expected, Answer actual) {
        if (expected.total() != actual.total()) {
            return "total " + actual.total() + ", expected " + expected.total();
        }
        if (expected.rows().size() != actual.rows().size()) {
            return actual.rows().size() + " rows on the page, expected " + expected.rows().size();
        }
        for (int r = 0; r < actual.rows().size(); r++) {
            List<Object> got = actual.rows().get(r);
            List<Object> want = expected.rows().get(r);
            for (int c = 0; c < actual.columns().size(); c++) {
                int e = expected.columns().indexOf(actual.columns().get(c));
                if (e < 0) {
                    continue;
                }
                if (!same(want.get(e), got.get(c))) {
                    return "row " + (r + 1) + " " + actual.columns().get(c) + " = " + got.get(c) + ", expected " + want.get(e);
                }
            }
        }
        return null;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y && (a instanceof Double || a instanceof Float)) {
            double p = x.doubleValue();
            double q = y.doubleValue();
            return p == q || Double.isNaN(p) && Double.isNaN(q) || Math.abs(p - q) <= 1e-12 * Math.max(Math.abs(p), Math.abs(q));
        }
        return Objects.equals(a, b);
    }

    /** One temp view per version the mix reads, registered on the session before anything is timed. */
    private Map<Long, String> baselineViews(String table, List<Query> mix, long latest) {
        TreeSet<Long> versions = new TreeSet<>();
        versions.add(latest);
        for (Query q : mix) {
            if (q.request().asOf() instanceof AsOf.Version v) {
                versions.add(v.version());
            }
        }
        SparkSession spark = engine.spark();
        Map<Long, String> views = new LinkedHashMap<>();
        for (long v : versions) {
            String name = "lakelens_bench_" + table + "_v" + v;
            engine.read(spark, table, new AsOf.Version(v)).createOrReplaceTempView(name);
            views.put(v, name);
        }
        return views;
    }

    /**
     * The plain way: on the engine's session, over the version's view, a count and an ordered
     * page in SQL. Named parameters would be the natural way to pass the values, but with
     * Delta's SQL extension loaded (Spark 4.2, Delta 4.4) they never bind
     * ({@code UNBOUND_SQL_PARAMETER}), so the values, all drawn by the bench itself from the
     * table and its seed, are inlined as literals after checking they hold nothing but letters,
     * digits and plain punctuation. No user text ever reaches this method.
     */
    Answer baselineAnswer(Map<Long, String> views, long latest, SearchRequest r) {
        SparkSession s = engine.spark();
        long version = r.asOf() instanceof AsOf.Version v ? v.version() : latest;
        String view = views.get(version);
        StringBuilder where = new StringBuilder("TRUE");
        for (SearchQuery.Word w : SearchQuery.parse(r.query()).words()) {
            String like = literal("%" + w.text().toLowerCase(Locale.ROOT) + "%");
            where.append(" AND (lower(symbol) = ").append(literal(w.text().toLowerCase(Locale.ROOT)))
                    .append(" OR lower(company_name) LIKE ").append(like)
                    .append(" OR lower(sector) LIKE ").append(like).append(")");
        }
        SearchRequest.Filters f = r.filters();
        f.sector().ifPresent(v -> where.append(" AND lower(sector) = ").append(literal(v.toLowerCase(Locale.ROOT))));
        f.exchange().ifPresent(v -> where.append(" AND lower(exchange) = ").append(literal(v.toLowerCase(Locale.ROOT))));
        f.from().ifPresent(v -> where.append(" AND trade_date >= DATE'").append(v).append("'"));
        f.to().ifPresent(v -> where.append(" AND trade_date <= DATE'").append(v).append("'"));
        f.minPrice().ifPresent(v -> where.append(" AND close >= ").append(number(v)));
        f.maxPrice().ifPresent(v -> where.append(" AND close <= ").append(number(v)));
        f.minVolume().ifPresent(v -> where.append(" AND volume >= ").append(v.longValue()));
        String column = r.sort().isDefault() ? MarketData.TRADE_DATE : r.sort().column();
        boolean descending = r.sort().isDefault() || r.sort().descending();
        String order = column + (descending ? " DESC NULLS LAST" : " ASC NULLS FIRST") + ", symbol, trade_date";
        return engine.readAction(r.table(), new AsOf.Version(version), () -> {
            long total = s.sql("SELECT count(*) FROM " + view + " WHERE " + where).first().getLong(0);
            long pages = Math.max(1, (total + r.pageSize() - 1) / r.pageSize());
            long offset = (Math.min(r.page(), pages) - 1) * r.pageSize();
            Dataset<Row> page = s.sql("SELECT * FROM " + view + " WHERE " + where + " ORDER BY " + order
                    + " LIMIT " + r.pageSize() + " OFFSET " + offset);
            List<String> columns = Arrays.asList(page.columns());
            List<List<Object>> rows = new ArrayList<>();
            for (Row row : page.collectAsList()) {
                Object[] values = new Object[row.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = Values.fromSpark(row.get(i));
                }
                rows.add(Arrays.asList(values));
            }
            return new Answer(total, rows, columns);
        });
    }

    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("[\\p{L}\\p{N} %&.,()/+-]*");

    /** A bench value as a SQL string literal; refuses anything that is not plain text. */
    static String literal(String v) {
        if (!PLAIN.matcher(v).matches()) {
            throw new IllegalStateException("The bench will not inline '" + v + "' into SQL");
        }
        return "'" + v + "'";
    }

    private static String number(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalStateException("The bench will not inline " + v + " into SQL");
        }
        return java.math.BigDecimal.valueOf(v).toPlainString();
    }

    /** Lines for all searches and for each kind in the mix. */
    private static List<Line> lines(String strategy, String phase, List<Sample> samples) {
        List<Line> out = new ArrayList<>();
        out.add(line(strategy, phase, "all", samples));
        for (Kind k : Kind.values()) {
            List<Sample> of = samples.stream().filter(s -> s.kind() == k).toList();
            if (!of.isEmpty()) {
                out.add(line(strategy, phase, k.label(), of));
            }
        }
        return out;
    }

    private static Line line(String strategy, String phase, String kind, List<Sample> samples) {
        double[] ok = samples.stream().filter(s -> !s.error()).mapToDouble(Sample::ms).toArray();
        int errors = (int) samples.stream().filter(Sample::error).count();
        int hits = (int) samples.stream().filter(s -> !s.error() && s.hit() && !s.fallback()).count();
        int fallbacks = (int) samples.stream().filter(Sample::fallback).count();
        return new Line(strategy, phase, kind, ok.length, percentile(ok, 50), percentile(ok, 95), percentile(ok, 99),
                ok.length == 0 ? 0 : (double) hits / ok.length, errors, fallbacks, null,
                samples.stream().mapToLong(Sample::decodedHits).sum(), samples.stream().mapToLong(Sample::decodedMisses).sum());
    }

    private static List<Line> withSpeedups(List<Line> lines) {
        List<Line> out = new ArrayList<>();
        for (Line l : lines) {
            Double speedup = lines.stream()
                    .filter(b -> b.strategy().equals(BASELINE) && b.phase().equals(l.phase()) && b.kind().equals(l.kind()))
                    .findFirst().filter(b -> b.n() > 0 && l.n() > 0)
                    .map(b -> b.p50Ms() / Math.max(l.p50Ms(), 0.001)).orElse(null);
            out.add(new Line(l.strategy(), l.phase(), l.kind(), l.n(), l.p50Ms(), l.p95Ms(), l.p99Ms(), l.hitRatio(),
                    l.errors(), l.fallbacks(), speedup, l.decodedHits(), l.decodedMisses()));
        }
        return out;
    }

    /** Nearest-rank percentile of {@code values}; NaN for none. */
    public static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int rank = (int) Math.ceil(p / 100.0 * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }

    private void checkCancelled() {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("Bench cancelled");
        }
    }
}
