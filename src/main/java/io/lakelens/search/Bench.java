package io.lakelens.search;

import io.lakelens.LakeLensException;
import io.lakelens.cache.Cache;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.LakeEngine;
import org.HdrHistogram.Histogram;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A fixed, seeded mix of searches (symbol lookups, company words, sector scans, filtered ranges,
 * deep pages) run through each strategy, first with the table's cache entries cleared (cold)
 * and then again (warm), and through plain {@code spark.sql} over the same table as the
 * baseline: a count and an ordered page per search, as a straightforward implementation would.
 * The baseline's SQL text is built from the bench's own constants; every value drawn from the
 * table is bound as a named parameter. Progress is reported per search; the run stops when
 * {@code cancelled} says so.
 */
public final class Bench {
    /** The kinds of search in the mix, with their share. */
    public enum Kind {
        SYMBOL(40), COMPANY(10), SECTOR(20), FILTERED(20), DEEP_PAGE(10);

        final int percent;

        Kind(int percent) {
            this.percent = percent;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /** One search of the mix. */
    public record Query(Kind kind, SearchRequest request) {
    }

    /**
     * Figures of one pass (a strategy cold or warm, or the baseline). Latencies in ms.
     *
     * @param rowsPerSecond page rows returned per second of search time
     */
    public record Line(String name, String phase, int queries, double p50Ms, double p95Ms, double p99Ms, double maxMs,
                       double hitRatio, long kernelReads, long sparkReads, double rowsPerSecond, double cachedBytes,
                       Map<Kind, Double> p50ByKind) {
    }

    /** A finished run. */
    public record Report(String table, long tableRows, long version, String cache, int queries, long seed,
                         List<Line> lines) {
        public Line baseline() {
            return lines.stream().filter(l -> l.name().equals("spark.sql")).findFirst().orElseThrow();
        }
    }

    private final LakeEngine engine;
    private final DefaultSearchService service;
    private final Cache cache;
    private final Consumer<String> progress;
    private final BooleanSupplier cancelled;

    public Bench(LakeEngine engine, DefaultSearchService service, Consumer<String> progress, BooleanSupplier cancelled) {
        this.engine = engine;
        this.service = service;
        this.cache = service.cache();
        this.progress = progress;
        this.cancelled = cancelled;
    }

    /** The seeded mix for a table: the same table and seed always give the same searches. */
    public List<Query> mix(String table, int n, long seed) {
        SparkSession spark = engine.spark();
        Dataset<Row> t = engine.read(spark, table, io.lakelens.lake.AsOf.LATEST);
        List<Row> dims = engine.readAction(table, io.lakelens.lake.AsOf.LATEST, () -> t.select(MarketData.SYMBOL,
                MarketData.COMPANY, MarketData.SECTOR, MarketData.EXCHANGE).distinct()
                .orderBy(MarketData.SYMBOL, MarketData.COMPANY, MarketData.SECTOR, MarketData.EXCHANGE).collectAsList());
        Row range = engine.readAction(table, io.lakelens.lake.AsOf.LATEST, () -> t.agg(
                org.apache.spark.sql.functions.min(MarketData.TRADE_DATE), org.apache.spark.sql.functions.max(MarketData.TRADE_DATE),
                org.apache.spark.sql.functions.expr("percentile_approx(close, 0.5)")).first());
        if (dims.isEmpty()) {
            throw new LakeLensException("Table " + table + " is empty; the bench needs market data.");
        }
        List<String> sectors = dims.stream().map(r -> r.getString(2)).filter(java.util.Objects::nonNull).distinct().sorted().toList();
        List<String> exchanges = dims.stream().map(r -> r.getString(3)).filter(java.util.Objects::nonNull).distinct().sorted().toList();
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

    /** Runs the mix through the given strategies (cold, then warm) and, if asked, the baseline. */
    public Report run(String table, int n, long seed, List<StrategyKind> strategies, boolean baseline) {
        List<Query> mix = mix(table, n, seed);
        long rows = engine.readAction(table, io.lakelens.lake.AsOf.LATEST, () -> engine.read(table, io.lakelens.lake.AsOf.LATEST).count());
        long version = engine.latestVersion(table);
        progress.accept("Warming up the JVM and Spark (not measured)…");
        warmUp(mix, table);
        List<Line> lines = new ArrayList<>();
        if (baseline) {
            lines.add(baseline(table, mix));
        }
        for (StrategyKind k : strategies) {
            cache.clear(table);
            lines.add(pass(k, "cold", mix));
            lines.add(pass(k, "warm", mix));
        }
        return new Report(table, rows, version, cache.status().label() + " — " + cache.description(), n, seed, lines);
    }

    /**
     * Runs the mix through every strategy, cold then warm, into the service's metrics without
     * resetting them (for `lakelens stats`).
     */
    public void exercise(String table, int n, long seed) {
        List<Query> mix = mix(table, n, seed);
        for (StrategyKind k : StrategyKind.values()) {
            cache.clear(table);
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

    private void warmUp(List<Query> mix, String table) {
        for (int i = 0; i < Math.min(4, mix.size()); i++) {
            checkCancelled();
            SearchRequest r = mix.get(i).request();
            service.readByRoute(r, Route.Choice.KERNEL);
            service.readByRoute(r, Route.Choice.SPARK);
            baselineQuery(table, r);
        }
    }

    private Line pass(StrategyKind k, String phase, List<Query> mix) {
        service.metrics().reset();
        Map<Kind, Histogram> byKind = new EnumMap<>(Kind.class);
        int i = 0;
        for (Query q : mix) {
            checkCancelled();
            progress.accept(String.format(Locale.ROOT, "%s %s %d/%d: %s", k.id(), phase, ++i, mix.size(), q.kind().label()));
            SearchResult r = service.searchNow(q.request(), k);
            byKind.computeIfAbsent(q.kind(), x -> new Histogram(3)).recordValue(Math.max(1, Math.round(r.latencyMs() * 1000)));
        }
        StrategyStats s = service.metrics().stats(k);
        double seconds = s.meanMs() * s.count() / 1000.0;
        return new Line(k.id(), phase, mix.size(), s.p50Ms(), s.p95Ms(), s.p99Ms(), s.maxMs(), s.hitRatio(), s.kernelReads(),
                s.sparkReads(), seconds == 0 ? 0 : s.rows() / seconds, s.cachedBytes(), medians(byKind));
    }

    private Line baseline(String table, List<Query> mix) {
        Histogram all = new Histogram(3);
        Map<Kind, Histogram> byKind = new EnumMap<>(Kind.class);
        long rows = 0;
        int i = 0;
        for (Query q : mix) {
            checkCancelled();
            progress.accept(String.format(Locale.ROOT, "spark.sql %d/%d: %s", ++i, mix.size(), q.kind().label()));
            long t0 = System.nanoTime();
            rows += baselineQuery(table, q.request());
            long micros = Math.max(1, (System.nanoTime() - t0) / 1000);
            all.recordValue(micros);
            byKind.computeIfAbsent(q.kind(), x -> new Histogram(3)).recordValue(micros);
        }
        double seconds = all.getMean() * all.getTotalCount() / 1e6;
        return new Line("spark.sql", "warm", mix.size(), all.getValueAtPercentile(50) / 1000.0, all.getValueAtPercentile(95) / 1000.0,
                all.getValueAtPercentile(99) / 1000.0, all.getMaxValue() / 1000.0, 0, 0, mix.size(), seconds == 0 ? 0 : rows / seconds,
                0, medians(byKind));
    }

    private static Map<Kind, Double> medians(Map<Kind, Histogram> byKind) {
        Map<Kind, Double> m = new LinkedHashMap<>();
        byKind.forEach((k, h) -> m.put(k, h.getValueAtPercentile(50) / 1000.0));
        return m;
    }

    /**
     * The naive way: the table as a view, a count and an ordered page in SQL. Named parameters
     * would be the natural way to pass the values, but with Delta's SQL extension loaded
     * (Spark 4.2, Delta 4.4) they never bind ({@code UNBOUND_SQL_PARAMETER}), so the values,
     * all drawn by the bench itself from the table and its seed, are inlined as literals after
     * checking they hold nothing but letters, digits and plain punctuation. No user text
     * ever reaches this method. Returns the page's row count.
     */
    long baselineQuery(String table, SearchRequest r) {
        SparkSession s = engine.spark().newSession();
        engine.read(s, table, io.lakelens.lake.AsOf.LATEST).createOrReplaceTempView("bench_market_data");
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
        return engine.readAction(table, io.lakelens.lake.AsOf.LATEST, () -> {
            long total = s.sql("SELECT count(*) FROM bench_market_data WHERE " + where).first().getLong(0);
            long pages = Math.max(1, (total + r.pageSize() - 1) / r.pageSize());
            long offset = (Math.min(r.page(), pages) - 1) * r.pageSize();
            return (long) s.sql("SELECT * FROM bench_market_data WHERE " + where + " ORDER BY " + order
                    + " LIMIT " + r.pageSize() + " OFFSET " + offset).collectAsList().size();
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

    private void checkCancelled() {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("Bench cancelled");
        }
    }
}
