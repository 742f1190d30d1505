package io.lakelens.search;

import io.lakelens.LakeLensException;
import io.lakelens.data.Tables.MarketData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The query language's words, the searched-columns list form, and what goes into cache keys. No Spark. */
@Timeout(30)
class SearchQueryTest {
    private static final SearchColumns DEFAULTS = new SearchColumns(MarketData.NAME, List.of(), false);

    private static SearchQuery.Word word(String text) {
        return new SearchQuery.Word(text, false, Optional.empty());
    }

    @Test
    void wordsSplitOnSpaceAndAQuotedPhraseIsOneWord() {
        assertEquals(List.of(word("AAPL"), word("technology"), word("sector")),
                SearchQuery.parse("  AAPL   technology\tsector ").words());
        assertEquals(List.of(new SearchQuery.Word("Apple Inc", true, Optional.empty()), word("stock")),
                SearchQuery.parse("\"Apple Inc\" stock").words());
        // an unclosed quote runs to the end; an empty one is nothing
        assertEquals(List.of(word("a"), new SearchQuery.Word("b c", true, Optional.empty())),
                SearchQuery.parse("a \"b c").words());
        assertTrue(SearchQuery.parse("\"\"  ").isEmpty());
    }

    @Test
    void columnColonValueQualifiesAWordAndBackticksNameAColumnWithSpaces() {
        assertEquals(List.of(new SearchQuery.Word("technology", false, Optional.of("sector"))),
                SearchQuery.parse("sector:technology").words());
        assertEquals(List.of(new SearchQuery.Word("Apple Inc", true, Optional.of("company_name"))),
                SearchQuery.parse("company_name:\"Apple Inc\"").words());
        assertEquals(List.of(new SearchQuery.Word("5", false, Optional.of("Unit Price"))),
                SearchQuery.parse("`Unit Price`:5").words());
        // not a qualifier: a time, a URL-like word with a digit first, a trailing colon
        assertEquals(List.of(word("10:30")), SearchQuery.parse("10:30").words());
        assertEquals(List.of(word("sector:")), SearchQuery.parse("sector:").words());
        assertEquals("sector:technology", SearchQuery.parse("sector:technology").words().getFirst().display());
        assertEquals("`Unit Price`:\"a b\"", SearchQuery.parse("`Unit Price`:\"a b\"").words().getFirst().display());
    }

    @Test
    void keysIgnoreAsciiCaseAndSpacingButNotWordBoundariesColumnsFiltersOrSort() {
        SearchRequest r = SearchRequest.of("AAPL technology");
        String key = SearchPlan.normalised(r, DEFAULTS, false);
        assertEquals(key, SearchPlan.normalised(SearchRequest.of("aapl   TECHNOLOGY"), DEFAULTS, false));
        assertNotEquals(key, SearchPlan.normalised(SearchRequest.of("\"aapl technology\""), DEFAULTS, false));
        assertNotEquals(SearchPlan.normalised(SearchRequest.of("a b"), DEFAULTS, false),
                SearchPlan.normalised(SearchRequest.of("\"a\" b"), DEFAULTS, false));
        // a word cannot imitate two words
        assertNotEquals(SearchPlan.normalised(SearchRequest.of("a][wb"), DEFAULTS, false),
                SearchPlan.normalised(SearchRequest.of("a b"), DEFAULTS, false));

        SearchColumns onlySymbol = new SearchColumns(MarketData.NAME,
                List.of(new SearchColumns.SearchColumn("symbol", SearchColumns.Match.EXACT)), true);
        SearchColumns symbolContains = new SearchColumns(MarketData.NAME,
                List.of(new SearchColumns.SearchColumn("symbol", SearchColumns.Match.CONTAINS)), true);
        assertNotEquals(key, SearchPlan.normalised(r, onlySymbol, false));
        assertNotEquals(SearchPlan.normalised(r, onlySymbol, false), SearchPlan.normalised(r, symbolContains, false));

        SearchRequest filtered = r.withFilters(SearchRequest.Filters.NONE.withSector("Technology"));
        assertNotEquals(key, SearchPlan.normalised(filtered, DEFAULTS, false));
        assertEquals(SearchPlan.normalised(filtered, DEFAULTS, false), SearchPlan.normalised(
                r.withFilters(SearchRequest.Filters.NONE.withSector("technology")), DEFAULTS, false));
        SearchRequest.Filters two = SearchRequest.Filters.NONE.with(SearchRequest.Range.of("close", "1", "2"))
                .with(new SearchRequest.OneOf("exchange", List.of("NYSE", "NASDAQ")));
        SearchRequest.Filters same = SearchRequest.Filters.NONE.with(new SearchRequest.OneOf("exchange", List.of("nasdaq", "nyse")))
                .with(SearchRequest.Range.of("close", "1", "2"));
        assertEquals(SearchPlan.normalised(r.withFilters(two), DEFAULTS, false), SearchPlan.normalised(r.withFilters(same), DEFAULTS, false));
        assertNotEquals(SearchPlan.normalised(r.withFilters(two), DEFAULTS, false),
                SearchPlan.normalised(r.withFilters(two.with(SearchRequest.Range.of("close", "1", "3"))), DEFAULTS, false));

        assertNotEquals(key, SearchPlan.normalised(r.withSort(new SearchRequest.Sort("close", true)), DEFAULTS, false));
        assertNotEquals(SearchPlan.normalised(r.withSort(new SearchRequest.Sort("close", true)), DEFAULTS, false),
                SearchPlan.normalised(r.withSort(new SearchRequest.Sort("close", false)), DEFAULTS, false));
        assertNotEquals(key, SearchPlan.normalised(r.withTable("trading_transactions"), DEFAULTS, false));
    }

    @Test
    void searchedColumnListsReadBackAsWritten() {
        List<SearchColumns.SearchColumn> cols = SearchColumns.parse(" symbol:exact, company_name ,`odd, name`:contains");
        assertEquals(List.of(new SearchColumns.SearchColumn("symbol", SearchColumns.Match.EXACT),
                new SearchColumns.SearchColumn("company_name", SearchColumns.Match.CONTAINS),
                new SearchColumns.SearchColumn("odd, name", SearchColumns.Match.CONTAINS)), cols);
        SearchColumns s = new SearchColumns("t", cols, true);
        assertEquals(cols, SearchColumns.parse(s.spec()));
        for (String bad : new String[]{"", " , ", "a,a", "a:fuzzy", "`a"}) {
            LakeLensException e = assertThrows(LakeLensException.class, () -> SearchColumns.parse(bad), bad);
            assertEquals(1, e.getMessage().lines().count());
        }
    }

    @Test
    void filtersKeepOnePerColumnAndCheckMarketDataValuesAsBefore() {
        SearchRequest.Filters f = SearchRequest.Filters.NONE.withSector("Energy").withSector("Technology")
                .withPrices(10.0, 20.0).withMinVolume(5L);
        assertEquals(3, f.list().size());
        assertEquals(Optional.of("Technology"), f.sector());
        assertEquals(Optional.of(10.0), f.minPrice());
        assertEquals(Optional.of(5L), f.minVolume());
        assertEquals(2, f.withPrices(null, null).list().size());
        assertThrows(LakeLensException.class, () -> SearchRequest.Range.of("close", "5", "1"));
        assertThrows(LakeLensException.class, () -> SearchRequest.Range.of("trade_date", "2024-03-01", "2024-01-01"));
        assertThrows(LakeLensException.class, () -> new SearchRequest.OneOf("side", List.of(" ", "")));
        assertThrows(LakeLensException.class, () -> new SearchRequest.Filters(List.of(new SearchRequest.OneOf("a", List.of("x")),
                SearchRequest.Range.of("a", "1", "2"))));
    }

    @Test
    void anEmptyAnswerSaysWhichWordMatchedNothing() {
        assertEquals(Optional.of("The word \"xyzzy\" matched nothing."),
                new QueryReading(List.of("AAPL", "xyzzy"), List.of(), List.of("xyzzy"), false).emptyReason(0));
        assertEquals(Optional.of("The words \"foo\" and \"bar\" matched nothing."),
                new QueryReading(List.of("foo", "bar"), List.of(), List.of("foo", "bar"), false).emptyReason(0));
        assertEquals(Optional.of("Each word matches some rows, but no row matches both together."),
                new QueryReading(List.of("AAPL", "energy"), List.of(), List.of(), false).emptyReason(0));
        assertEquals(Optional.of("No row matches the filters."), new QueryReading(List.of(), List.of(), List.of(), true).emptyReason(0));
        assertEquals(Optional.empty(), new QueryReading(List.of("AAPL"), List.of(), List.of(), false).emptyReason(3));
        assertEquals("searched AAPL; read \"sector\" as a hint, not a search word",
                new QueryReading(List.of("AAPL"), List.of("sector"), List.of(), false).describe());
    }
}
