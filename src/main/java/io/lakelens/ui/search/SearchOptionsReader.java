package io.lakelens.ui.search;

import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;

/** Reads the symbols (with company names), sectors and exchanges of {@code market_data}. */
final class SearchOptionsReader {
    private SearchOptionsReader() {
    }

    static SearchOptions read(LakeEngine engine) {
        if (!engine.tableNames().contains(MarketData.NAME)) {
            return SearchOptions.NONE;
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
        List<Suggestion> suggestions = new ArrayList<>();
        symbols.forEach((s, c) -> suggestions.add(new Suggestion(s, c)));
        return new SearchOptions(List.copyOf(suggestions), List.copyOf(sectors), List.copyOf(exchanges));
    }
}
