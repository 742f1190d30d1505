package io.lakelens.ui;

import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import io.lakelens.search.SearchRequest;
import io.lakelens.search.SearchResult;
import io.lakelens.search.SearchService;
import io.lakelens.search.StrategyKind;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A plain search over a small Delta table, for UI tests until the search engine's own service
 * is on this branch: each table version is read once through Spark, then filtered, sorted and
 * paged in Java. Every strategy reads Delta; nothing is cached across versions.
 */
public final class DeltaSearchForTests implements SearchService {
    private final LakeEngine engine;
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    /*
     * Its own threads: Parquet's vectored reads complete on the common fork-join pool, which has a
     * single thread on a 2-core machine; blocking it on a Spark job would deadlock.
     */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-search");
        t.setDaemon(true);
        return t;
    });

    private record Snapshot(List<String> columns, List<List<Object>> rows) {
    }

    public DeltaSearchForTests(LakeEngine engine) {
        this.engine = engine;
    }

    @Override
    public CompletionStage<SearchResult> search(SearchRequest r, StrategyKind strategy) {
        return CompletableFuture.supplyAsync(() -> engine.readAction(r.table(), r.asOf(), () -> answer(r, strategy)), THREADS);
    }

    private SearchResult answer(SearchRequest r, StrategyKind strategy) {
        long t0 = System.nanoTime();
        long version = engine.resolveVersion(r.table(), r.asOf());
        Snapshot snap = snapshots.computeIfAbsent(r.table() + "@" + version, k -> read(r.table(), version));
        List<String> cols = snap.columns();
        Predicate<List<Object>> match = row -> true;
        if (!r.query().isEmpty()) {
            String q = r.query().toLowerCase(Locale.ROOT);
            match = row -> text(cols, row, MarketData.SYMBOL).equals(q) || text(cols, row, MarketData.COMPANY).contains(q)
                    || text(cols, row, MarketData.SECTOR).contains(q);
        }
        SearchRequest.Filters f = r.filters();
        match = match.and(row -> f.sector().map(s -> s.equals(value(cols, row, MarketData.SECTOR))).orElse(true))
                .and(row -> f.exchange().map(s -> s.equals(value(cols, row, MarketData.EXCHANGE))).orElse(true))
                .and(row -> f.from().map(d -> !((LocalDate) value(cols, row, MarketData.TRADE_DATE)).isBefore(d)).orElse(true))
                .and(row -> f.to().map(d -> !((LocalDate) value(cols, row, MarketData.TRADE_DATE)).isAfter(d)).orElse(true))
                .and(row -> f.minPrice().map(p -> number(cols, row, MarketData.CLOSE) >= p).orElse(true))
                .and(row -> f.maxPrice().map(p -> number(cols, row, MarketData.CLOSE) <= p).orElse(true))
                .and(row -> f.minVolume().map(v -> number(cols, row, MarketData.VOLUME) >= v).orElse(true));
        Comparator<List<Object>> order = Comparator.comparing(row -> (Comparable<Object>) value(cols, row, r.sort().column()),
                Comparator.nullsFirst(Comparator.naturalOrder()));
        if (r.sort().descending()) {
            order = order.reversed();
        }
        order = order.thenComparing(row -> (String) value(cols, row, MarketData.SYMBOL))
                .thenComparing(row -> (LocalDate) value(cols, row, MarketData.TRADE_DATE));
        List<List<Object>> matching = snap.rows().stream().filter(match).sorted(order).toList();
        long total = matching.size();
        int pageCount = (int) Math.max(1, (total + r.pageSize() - 1) / r.pageSize());
        int page = Math.min(r.page(), pageCount);
        int from = (page - 1) * r.pageSize();
        List<List<Object>> rows = matching.subList(Math.min(from, matching.size()), Math.min(from + r.pageSize(), matching.size()));
        double ms = (System.nanoTime() - t0) / 1e6;
        return new SearchResult(cols, List.copyOf(rows), total, page, pageCount, r.page() > pageCount,
                strategy, SearchResult.Source.DELTA, Optional.of("spark"), ms, version, false, false, Optional.empty());
    }

    private Snapshot read(String table, long version) {
        Dataset<Row> df = engine.read(table, new AsOf.Version(version));
        List<List<Object>> rows = new ArrayList<>();
        for (Row row : df.collectAsList()) {
            List<Object> v = new ArrayList<>();
            for (int i = 0; i < row.length(); i++) {
                Object o = row.get(i);
                v.add(o instanceof java.sql.Date d ? d.toLocalDate() : o);
            }
            rows.add(v);
        }
        return new Snapshot(Arrays.asList(df.columns()), rows);
    }

    private static Object value(List<String> cols, List<Object> row, String column) {
        return row.get(cols.indexOf(column));
    }

    private static String text(List<String> cols, List<Object> row, String column) {
        Object v = value(cols, row, column);
        return v == null ? "" : v.toString().toLowerCase(Locale.ROOT);
    }

    private static double number(List<String> cols, List<Object> row, String column) {
        return ((Number) value(cols, row, column)).doubleValue();
    }
}
