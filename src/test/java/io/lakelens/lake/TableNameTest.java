package io.lakelens.lake;

import io.lakelens.LakeLensException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class TableNameTest {
    @Test
    void anyFolderNameIsATableNameAndOneFolderHasOneName() {
        assertEquals("sales/2024/Daily-Prices", TableName.of("sales//2024/./Daily-Prices/").path());
        assertEquals("basic-decimal-table", TableName.of("basic-decimal-table").path());
        assertEquals("ünïcode/prix journaliers", TableName.of("ünïcode/prix journaliers").path());
        assertEquals(" leading space", TableName.of(" leading space").path());
        assertEquals(List.of("warehouse", "finance.db", "trades"), TableName.of("warehouse/finance.db/trades").segments());
        assertEquals(Path.of("/lake", "a b", "c.d"), TableName.of("a b/c.d").resolveIn(Path.of("/lake")));
    }

    @Test
    void namesThatWouldLeaveTheLakeOrBreakALineAreRefused() {
        for (String bad : new String[]{"..", "a/../b", "/abs", "", " ", "/", ".lakelens", ".lakelens/locks", "a\nb", "a\u0000b"}) {
            var e = assertThrows(LakeLensException.class, () -> TableName.of(bad), bad);
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void sqlQuotingDoublesBackticksAndPlainNamesStayPlain() {
        assertEquals("`sales/2024/Daily-Prices`", TableName.of("sales/2024/Daily-Prices").sql());
        assertEquals("`odd``name`", TableName.of("odd`name").sql());
        assertEquals("market_data", TableName.of("market_data").sqlReference());
        assertEquals("`v1.2`", TableName.of("v1.2").sqlReference());
    }

    @Test
    void encodingIsInjectiveAndFreeOfKeyAndGlobCharacters() {
        List<String> names = List.of("a/b", "a%2Fb", "a:b", "a b", "a*b", "a?b", "a[b]", "A/b", "ü", "%C3%BC", "a.b", "a-b", "a_b");
        Set<String> keys = new HashSet<>();
        for (String n : names) {
            String k = TableName.of(n).encoded(true);
            assertTrue(keys.add(k), n + " encodes like another name: " + k);
            assertTrue(k.matches("[A-Za-z0-9_.%/-]+"), k);
            String f = TableName.of(n).fileName();
            assertTrue(f.matches("[A-Za-z0-9_.%~-]+") && !f.contains("/"), f);
        }
        assertEquals("market_data", TableName.of("market_data").encoded(true));
        assertEquals("sales/2024/Daily%20Prices", TableName.of("sales/2024/Daily Prices").encoded(true));
    }
}
