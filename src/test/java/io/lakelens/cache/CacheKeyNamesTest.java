package io.lakelens.cache;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(10)
class CacheKeyNamesTest {
    @Test
    void anyTableNameGivesAKeyOfTheUsualLayout() {
        String hash = CacheKeys.fingerprint("id", "request");
        assertEquals("lakelens:market_data:v3:search:" + hash, CacheKeys.search("market_data", "id", 3, "request").text());
        CacheKey odd = CacheKeys.search("sales/2024/Daily Prices: Q1*", "id", 3, "request");
        assertEquals("lakelens:sales/2024/Daily%20Prices%3A%20Q1%2A:v3:search:" + hash, odd.text());
        assertEquals(5, odd.text().split(":").length, "the name adds no segment");
    }

    @Test
    void namesNeverShareKeysOrPatterns() {
        assertNotEquals(CacheKeys.search("a:b", "id", 1, "r").text(), CacheKeys.search("a%3Ab", "id", 1, "r").text());
        // the pattern clearing table "a" never matches table "a:b" or "a*"
        String pattern = CacheKeys.tablePattern("a");
        String other = CacheKeys.search("a:b", "id", 1, "r").text();
        assertEquals("lakelens:a:*", pattern);
        assertEquals(false, other.startsWith("lakelens:a:"), other);
        assertEquals("lakelens:a%2A:*", CacheKeys.tablePattern("a*"));
        assertEquals(CacheKeys.search("a//b/", "id", 1, "r"), CacheKeys.search("a/b", "id", 1, "r"), "one table, one key");
        assertThrows(IllegalArgumentException.class, () -> CacheKeys.search("../x", "id", 1, "r"));
    }
}
