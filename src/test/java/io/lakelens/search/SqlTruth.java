package io.lakelens.search;

import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.instr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.upper;

/**
 * What a search must answer, computed without the search service: a plain Spark read of the
 * table's folder at one version, filtered, ordered and paged as the README states the search
 * (text equal to the symbol or contained in company or sector, case-insensitive; sector and
 * exchange equal; ties broken by symbol then date; a page past the end shows the last page).
 * Shares no code with {@code io.lakelens.search} or {@code LakeEngine.read}.
 */
public final class SqlTruth {
    private SqlTruth() {
    }

    /** Total matches, the page shown, and the page's rows as "symbol|date|close". */
    public record Answer(long total, int page, List<String> rows) {
        @Override
        public String toString() {
            return total + " matches, page " + page + ": " + rows;
        }
    }

    /** The answer to {@code r} at {@code version} of its table. */
    public static Answer of(LakeEngine engine, SearchRequest r, long version) {
        Dataset<Row> t = engine.spark().read().format("delta").option("versionAsOf", version)
                .load(engine.lakeRoot().resolve(r.table()).toString());
        Column where = lit(true);
        if (!r.query().isEmpty()) {
            String lowerQ = r.query().toLowerCase(Locale.ROOT);
            where = where.and(upper(col(MarketData.SYMBOL)).equalTo(lit(r.query().toUpperCase(Locale.ROOT)))
                    .or(instr(lower(col(MarketData.COMPANY)), lowerQ).gt(0))
                    .or(instr(lower(col(MarketData.SECTOR)), lowerQ).gt(0)));
        }
        SearchRequest.Filters f = r.filters();
        if (f.sector().isPresent()) {
            where = where.and(lower(col(MarketData.SECTOR)).equalTo(lit(f.sector().get().toLowerCase(Locale.ROOT))));
        }
        if (f.exchange().isPresent()) {
            where = where.and(lower(col(MarketData.EXCHANGE)).equalTo(lit(f.exchange().get().toLowerCase(Locale.ROOT))));
        }
        if (f.from().isPresent()) {
            where = where.and(col(MarketData.TRADE_DATE).geq(lit(java.sql.Date.valueOf(f.from().get()))));
        }
        if (f.to().isPresent()) {
            where = where.and(col(MarketData.TRADE_DATE).leq(lit(java.sql.Date.valueOf(f.to().get()))));
        }
        if (f.minPrice().isPresent()) {
            where = where.and(col(MarketData.CLOSE).geq(lit(f.minPrice().get())));
        }
        if (f.maxPrice().isPresent()) {
            where = where.and(col(MarketData.CLOSE).leq(lit(f.maxPrice().get())));
        }
        if (f.minVolume().isPresent()) {
            where = where.and(col(MarketData.VOLUME).geq(lit(f.minVolume().get())));
        }
        Dataset<Row> matches = t.where(where);
        long total = matches.count();
        int pages = (int) Math.max(1, (total + r.pageSize() - 1) / r.pageSize());
        int page = Math.min(r.page(), pages);
        // market_data's default order is newest trade date first
        String sort = r.sort().isDefault() ? MarketData.TRADE_DATE : r.sort().column();
        boolean descending = r.sort().isDefault() || r.sort().descending();
        List<Column> order = new ArrayList<>();
        order.add(descending ? col(sort).desc_nulls_last() : col(sort).asc_nulls_first());
        for (String k : MarketData.KEY) {
            if (!k.equals(sort)) {
                order.add(col(k).asc_nulls_first());
            }
        }
        List<Row> rows = matches.orderBy(order.toArray(Column[]::new))
                .offset((page - 1) * r.pageSize()).limit(r.pageSize())
                .select(MarketData.SYMBOL, MarketData.TRADE_DATE, MarketData.CLOSE).collectAsList();
        List<String> keys = new ArrayList<>();
        for (Row row : rows) {
            keys.add(row.get(0) + "|" + row.get(1) + "|" + row.get(2));
        }
        return new Answer(total, page, keys);
    }

    /** The same projection of what a search returned. */
    public static Answer of(SearchResult res) {
        int s = res.columns().indexOf(MarketData.SYMBOL);
        int d = res.columns().indexOf(MarketData.TRADE_DATE);
        int c = res.columns().indexOf(MarketData.CLOSE);
        List<String> keys = new ArrayList<>();
        for (List<Object> row : res.rows()) {
            keys.add(row.get(s) + "|" + row.get(d) + "|" + row.get(c));
        }
        return new Answer(res.totalMatches(), res.page(), keys);
    }
}
