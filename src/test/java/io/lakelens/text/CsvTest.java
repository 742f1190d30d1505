package io.lakelens.text;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(60)
class CsvTest {
    private static List<CSVRecord> read(String csv) throws Exception {
        return CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
    }

    @Test
    void doublesKeepEveryDigitAndReadBackAsTheSameDouble() throws Exception {
        double[] values = {123.456789012345, 0.1 + 0.2, 1.0 / 3, 1e-9, 12345678901234.5, -0.000123456789, 1e20};
        String csv = Csv.of(List.of("x"), Arrays.stream(values).mapToObj(v -> List.<Object>of(v)).toList(), Csv.LineEnd.LF);
        List<CSVRecord> records = read(csv);
        for (int i = 0; i < values.length; i++) {
            String cell = records.get(i + 1).get(0);
            assertEquals(values[i], Double.parseDouble(cell), 0.0, cell);
            assertEquals(-1, cell.indexOf('E'), "plain digits, no exponent: " + cell);
        }
        assertEquals("123.456789012345", records.get(1).get(0));
        assertEquals("100000000000000000000", records.get(7).get(0));
    }

    @Test
    void decimalsAreWrittenPlainAndWholeDoublesWithoutATrailingZero() {
        assertEquals("0.00000012300", Csv.cell(new BigDecimal("1.2300E-7")));
        assertEquals("42", Csv.cell(42.0));
        assertEquals("0", Csv.cell(-0.0));
        assertEquals("NaN", Csv.cell(Double.NaN));
        assertEquals("2.5", Csv.cell(2.5f));
        assertEquals("2026-01-02T03:04:05Z", Csv.cell(Instant.parse("2026-01-02T03:04:05Z")));
        assertEquals("", Csv.cell(null));
    }

    @Test
    void textIsQuotedPerRfc4180AndReadsBackUnchanged() throws Exception {
        List<Object> row = List.of("a,b", "say \"hi\"", "two\nlines", "plain");
        String csv = Csv.of(List.of("c1", "c2", "c3", "c4"), List.of(row), Csv.LineEnd.CRLF);
        assertEquals("c1,c2,c3,c4\r\n\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",plain\r\n", csv);
        assertEquals(row, read(csv).get(1).toList());
    }

    @Test
    void oneFieldIsQuotedAsInARecord() {
        assertEquals("\"a,b\"", Csv.field("a,b"));
        assertEquals("plain", Csv.field("plain"));
        assertEquals("0.30000000000000004", Csv.field(0.1 + 0.2));
        assertEquals("", Csv.field(null));
    }

    @Test
    void formulasAreDefusedButNumbersAndNegativeValuesAreNot() {
        assertEquals("'=HYPERLINK(\"x\")", Csv.cell("=HYPERLINK(\"x\")"));
        assertEquals("'@SUM(A1)", Csv.cell("@SUM(A1)"));
        assertEquals("'+cmd", Csv.cell("+cmd"));
        assertEquals("'-2+3", Csv.cell("-2+3"));
        assertEquals("-2.5", Csv.cell("-2.5"), "text that is a number stays a number");
        assertEquals("-2.5", Csv.cell(-2.5));
        assertEquals("AAPL", Csv.cell("AAPL"));
    }
}
