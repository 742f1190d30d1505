package io.lakelens.text;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one CSV writer of LakeLens: command output, grid and result exports, audit and
 * performance exports. RFC 4180 quoting (Commons CSV); numbers at full precision (a double
 * is written with the shortest digits that read back as the same double, a decimal plainly,
 * never rounded or in exponent form); text a spreadsheet would run as a formula
 * ({@code = + - @}, tab, carriage return first) gets a leading apostrophe. Stateless; a
 * {@link Writer} belongs to one thread.
 */
public final class Csv {
    /** How records end: CRLF for files (RFC 4180, spreadsheets), LF for a terminal or a pipe. */
    public enum LineEnd {
        CRLF("\r\n"), LF("\n");

        private final String text;

        LineEnd(String text) {
            this.text = text;
        }
    }

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private Csv() {
    }

    /** A writer appending records to {@code out}. */
    public static Writer to(Appendable out, LineEnd lineEnd) {
        CSVFormat format = CSVFormat.RFC4180.builder().setRecordSeparator(lineEnd.text).get();
        try {
            return new Writer(new CSVPrinter(out, format));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A whole table as CSV text, header first. */
    public static String of(List<String> header, List<? extends List<?>> rows, LineEnd lineEnd) {
        StringBuilder sb = new StringBuilder();
        Writer w = to(sb, lineEnd);
        w.header(header);
        rows.forEach(w::row);
        return sb.toString();
    }

    /** One value exactly as it appears in a record: guarded, at full precision, quoted when needed. */
    public static String field(Object v) {
        StringBuilder sb = new StringBuilder();
        to(sb, LineEnd.LF).row(java.util.Collections.singletonList(v));
        return sb.substring(0, sb.length() - 1);
    }

    /**
     * A value as CSV cell text, before quoting: full precision for numbers, ISO-8601 for
     * times, Base64 for bytes, and text guarded against formula injection.
     */
    public static String cell(Object v) {
        return switch (v) {
            case null -> "";
            case Double d -> d.isNaN() || d.isInfinite() ? d.toString() : plain(BigDecimal.valueOf(d));
            case Float f -> f.isNaN() || f.isInfinite() ? f.toString() : plain(new BigDecimal(f.toString()));
            case BigDecimal b -> b.toPlainString();
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            case java.sql.Timestamp t -> t.toInstant().toString();
            case TemporalAccessor t -> t.toString();
            case byte[] b -> Base64.getEncoder().encodeToString(b);
            case CharSequence s -> guard(s.toString());
            default -> guard(v.toString());
        };
    }

    /** {@code 1.0} as {@code 1}, {@code 1E+3} as {@code 1000}: digits a reader parses back exactly. */
    private static String plain(BigDecimal b) {
        return b.signum() == 0 ? "0" : b.stripTrailingZeros().toPlainString();
    }

    /** A leading apostrophe on text a spreadsheet would evaluate; text that is just a number stays as it is. */
    public static String guard(String s) {
        if (s.isEmpty() || "=+-@\t\r".indexOf(s.charAt(0)) < 0 || PLAIN_NUMBER.matcher(s).matches()) {
            return s;
        }
        return "'" + s;
    }

    /** Writes records to one destination; not thread-safe. I/O failures surface as {@link UncheckedIOException}. */
    public static final class Writer implements java.io.Flushable {
        private final CSVPrinter printer;

        private Writer(CSVPrinter printer) {
            this.printer = printer;
        }

        /** Column names, guarded like any text. */
        public Writer header(List<String> names) {
            return row(names);
        }

        /** One record; each value goes through {@link Csv#cell}. */
        public Writer row(List<?> values) {
            List<String> cells = new ArrayList<>(values.size());
            for (Object v : values) {
                cells.add(cell(v));
            }
            try {
                printer.printRecord(cells);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        @Override
        public void flush() {
            try {
                printer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
