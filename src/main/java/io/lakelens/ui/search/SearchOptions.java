package io.lakelens.ui.search;

import io.lakelens.search.SearchFacets;

import java.util.List;

/** What the filters and autocomplete offer, read from the lake's {@code market_data}. */
public record SearchOptions(List<Suggestion> symbols, List<String> sectors, List<String> exchanges) {
    public static final SearchOptions NONE = new SearchOptions(List.of(), List.of(), List.of());

    static SearchOptions of(SearchFacets facets) {
        return new SearchOptions(facets.symbols().stream().map(s -> new Suggestion(s.symbol(), s.company())).toList(),
                facets.sectors(), facets.exchanges());
    }
}
