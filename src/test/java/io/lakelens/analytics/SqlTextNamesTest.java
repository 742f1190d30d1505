package io.lakelens.analytics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Table names with slashes, spaces and hyphens in the SQL console: found in queries, completed quoted. */
@Timeout(10)
class SqlTextNamesTest {
    static final Map<String, List<String>> CATALOGUE = Map.of(
            "sales/2024/Daily-Prices", List.of("day", "close"),
            "market_data", List.of("symbol", "Full Name"));

    @Test
    void queriesNameTablesQuotedPlainDottedOrInStrings() {
        List<String> ids = SqlText.identifiers("SELECT a.close FROM `sales/2024/Daily-Prices` a JOIN market_data m "
                + "-- `ignored/in comment`\n JOIN `odd``name` JOIN v1.2 JOIN table_changes('`change-feed/on`', 0)");
        assertTrue(ids.contains("sales/2024/Daily-Prices"), ids.toString());
        assertTrue(ids.contains("market_data"), ids.toString());
        assertTrue(ids.contains("odd`name"), ids.toString());
        assertTrue(ids.contains("v1.2"), ids.toString());
        assertTrue(ids.contains("change-feed/on"), ids.toString());
        assertTrue(ids.stream().noneMatch(i -> i.contains("ignored")), ids.toString());
    }

    @Test
    void completionInsertsNamesThatAreNotPlainIdentifiersQuoted() {
        String text = "SELECT * FROM sal";
        assertEquals(List.of("`sales/2024/Daily-Prices`"), SqlText.complete(text, text.length(), CATALOGUE, 10));
        String quoted = "SELECT * FROM `sales/20";
        assertEquals(text.indexOf("sal"), SqlText.wordStart(text, text.length()));
        assertEquals(quoted.indexOf('`'), SqlText.wordStart(quoted, quoted.length()));
        assertEquals(List.of("`sales/2024/Daily-Prices`"), SqlText.complete(quoted, quoted.length(), CATALOGUE, 10));
        String column = "SELECT Ful";
        assertEquals("`Full Name`", SqlText.complete(column, column.length(), CATALOGUE, 10).getFirst());
        String plain = "SELECT * FROM mark";
        assertEquals(List.of("market_data"), SqlText.complete(plain, plain.length(), CATALOGUE, 10));
    }
}
