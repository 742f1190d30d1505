package io.lakelens.search;

import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;

/**
 * The values a search can filter by, read from {@code market_data}: its symbols (with company
 * names), sectors and exchanges, each distinct and sorted. Immutable.
 */
public record SearchFacets(List<Symbol> symbols, List<String> sectors, List<String> exchanges) {
    /** A lake without {@code market_data} offers nothing. */
    public static final SearchFacets NONE = new SearchFacets(List.of(), List.of(), List.of());

    /** A symbol and the company name it trades under ("" when the row has none). */
    public record Symbol(String symbol, String company) {
    }

    public SearchFacets {
        symbols = List.copyOf(symbols);
        sectors = List.copyOf(sectors);
        exchanges = List.copyOf(exchanges);
    }

    /**
     * Reads the latest version of {@code market_data} (one Spark job; starts Spark if needed, so
     * call it from a background thread). Never modifies the table; {@link #NONE} when the lake
     * has no {@code market_data}. Thread-safe.
     */
    public static SearchFacets read(LakeEngine engine) {
        if (!engine.tableNames().contains(MarketData.NAME)) {
            return NONE;
        }
        List<Row> rows = engine.readAction(MarketData.NAME, AsOf.LATEST, () -> engine.read(MarketData.NAME, AsOf.LATEST)
                .select(col(MarketData.SYMBOL), col(MarketData.COMPANY), col(MarketData.SECTOR), col(MarketData.EXCHANGE))
                .distinct().collectAsList());
        TreeMap<String, String> symbols = new TreeMap<>();
        TreeSet<String> sectors = new TreeSet<>();
        TreeSet<String> exchanges = new TreeSet<>();
        for (Row r : rows) {
            String symbol = r.isNullAt(0) ? null : r.getString(0);
            if (symbol != null) {
                symbols.putIfAbsent(symbol, r.isNullAt(1) ? "" : r.getString(1));
            }
            if (!r.isNullAt(2)) {
                sectors.add(r.getString(2));
            }
            if (!r.isNullAt(3)) {
                exchanges.add(r.getString(3));
            }
        }
        List<Symbol> out = new ArrayList<>();
        symbols.forEach((s, c) -> out.add(new Symbol(s, c)));
        return new SearchFacets(out, new ArrayList<>(sectors), new ArrayList<>(exchanges));
    }
}
