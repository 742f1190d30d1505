package io.lakelens.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageCodecTest {
    @Test
    void everyCellTypeSurvivesTheRoundTripWithItsJavaType() {
        List<Object> row = Arrays.asList("AAPL", null, 42L, 7, (short) 3, (byte) 1, 1.5, 2.5f, true, false,
                new BigDecimal("-12345.6789"), LocalDate.of(2024, 2, 29), Instant.parse("2024-03-01T16:00:00.123456Z"),
                LocalDateTime.of(2024, 3, 1, 9, 30), "AAPL", "株式会社 🚀", Double.NaN, -0.0, Long.MIN_VALUE);
        List<String> cols = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            cols.add("c" + i);
        }
        QueryReading reading = new QueryReading(List.of("AAPL", "\"apple inc\"", "sector:tech"), List.of("stocks"),
                List.of("sector:tech"), true);
        Page p = new Page(cols, List.of(row, row), 1234, 3, 62, true, 17, Route.SPARK, -1, -1, 0, reading);
        Page back = PageCodec.INSTANCE.decode(PageCodec.INSTANCE.encode(p));
        assertEquals(p, back);
        for (int i = 0; i < row.size(); i++) {
            Object v = row.get(i);
            assertEquals(v == null ? null : v.getClass(), back.rows().get(1).get(i) == null ? null : back.rows().get(1).get(i).getClass());
        }
    }

    @Test
    void aPageOfMarketDataIsAFractionOfItsJson() throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        for (org.apache.spark.sql.Row r : MarketDataFixture.rows().subList(0, 20)) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
                values.add(Values.fromSpark(r.get(i)));
            }
            rows.add(values);
        }
        List<String> cols = Arrays.asList(MarketDataFixture.schema().fieldNames());
        Page p = new Page(cols, rows, 30, 1, 2, false, 1, Route.KERNEL, 1, 3, 1, QueryReading.NONE);
        byte[] bytes = PageCodec.INSTANCE.encode(p);
        byte[] json = new ObjectMapper().registerModule(new JavaTimeModule()).writeValueAsBytes(
                new SearchResult(cols, rows, 30, 1, 2, false, StrategyKind.CACHE_FIRST, SearchResult.Source.DELTA,
                        java.util.Optional.of("kernel"), 1, 1, false, false, java.util.Optional.empty(), QueryReading.NONE).rowMaps());
        assertEquals(p, PageCodec.INSTANCE.decode(bytes));
        assertTrue(bytes.length * 3 < json.length, bytes.length + " bytes vs JSON " + json.length);
    }

    @Test
    void bytesOfAnotherFormatAreRefusedNotMisread() {
        assertThrows(IllegalArgumentException.class, () -> PageCodec.INSTANCE.decode("{\"rows\":[]}".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> PageCodec.INSTANCE.decode(new byte[]{0x4C, 0x50, 9}));
    }
}
