package io.lakelens.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lakelens.text.Csv;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints rows as aligned text (doubles shortened for reading), CSV (full precision, see {@link Csv}) or JSON. */
public final class Output {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private Output() {
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot write JSON: " + e.getMessage(), e);
        }
    }

    public static void rows(PrintWriter out, Format format, List<String> header, List<List<Object>> rows) {
        switch (format) {
            case JSON -> {
                List<Map<String, Object>> maps = new ArrayList<>();
                for (List<Object> r : rows) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    for (int i = 0; i < header.size(); i++) {
                        m.put(header.get(i), i < r.size() ? jsonValue(r.get(i)) : null);
                    }
                    maps.add(m);
                }
                out.println(json(maps));
            }
            case CSV -> {
                Csv.Writer w = Csv.to(out, Csv.LineEnd.LF).header(header);
                rows.forEach(r -> w.row(r.stream().map(Output::csvValue).toList()));
                w.flush();
            }
            case TABLE -> out.print(table(header, rows));
        }
        out.flush();
    }

    private static Object jsonValue(Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
            return v;
        }
        return text(v);
    }

    /** Scalars go to the CSV writer as they are (full precision); structs, arrays, maps and bytes as people read them. */
    static Object csvValue(Object v) {
        return v == null || v instanceof Number || v instanceof Boolean || v instanceof CharSequence
                || v instanceof java.time.temporal.TemporalAccessor || v instanceof java.util.Date ? v : io.lakelens.lake.CellText.of(v);
    }

    /** One value as the CSV output writes it (see {@link Csv#field}). */
    public static String csv(Object v) {
        return Csv.field(v);
    }

    public static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() || Math.abs(d) >= 1e15 || (d != 0 && Math.abs(d) < 1e-4) ? String.valueOf(d)
                    : new java.math.BigDecimal(d).setScale(4, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        }
        return io.lakelens.lake.CellText.of(v);
    }

    public static String table(List<String> header, List<List<Object>> rows) {
        int n = header.size();
        int[] w = new int[n];
        List<String[]> cells = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            w[i] = header.get(i).length();
        }
        for (List<Object> r : rows) {
            String[] c = new String[n];
            for (int i = 0; i < n; i++) {
                String t = i < r.size() ? text(r.get(i)) : "";
                t = t.replace('\n', ' ');
                if (t.length() > 80) {
                    t = t.substring(0, 79) + "…";
                }
                c[i] = t;
                w[i] = Math.max(w[i], t.length());
            }
            cells.add(c);
        }
        boolean[] numeric = new boolean[n];
        for (int i = 0; i < n; i++) {
            final int col = i;
            numeric[i] = !rows.isEmpty() && rows.stream().allMatch(r -> col >= r.size() || r.get(col) == null || r.get(col) instanceof Number);
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, header.toArray(String[]::new), w, numeric);
        for (int i = 0; i < n; i++) {
            sb.append("-".repeat(w[i])).append(i < n - 1 ? "  " : "\n");
        }
        for (String[] c : cells) {
            appendRow(sb, c, w, numeric);
        }
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, String[] c, int[] w, boolean[] numeric) {
        for (int i = 0; i < c.length; i++) {
            String pad = " ".repeat(w[i] - c[i].length());
            sb.append(numeric[i] ? pad + c[i] : c[i] + (i < c.length - 1 ? pad : ""));
            sb.append(i < c.length - 1 ? "  " : "\n");
        }
    }
}
