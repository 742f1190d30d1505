package io.lakelens.search;

import io.lakelens.LakeLensException;
import io.lakelens.data.Tables.MarketData;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The string columns a table's free text is matched against, and how. Either configured for
 * the table (kept in the lake, see {@link SearchColumnStore}) or the defaults: for
 * {@code market_data} the symbol as a whole value and the company name and sector by
 * substring; for any other table every string column by substring.
 *
 * @param table      the table
 * @param columns    the columns in order; configured ones may name columns a version lacks (they are skipped there)
 * @param configured true when set for this table, false for the defaults
 */
public record SearchColumns(String table, List<SearchColumn> columns, boolean configured) {
    /** How a word is matched against a column's values, case-insensitively. */
    public enum Match {
        /** The value contains the word. */
        CONTAINS,
        /** The value is the word (a symbol: {@code A} must not find every symbol with an A in it). */
        EXACT;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One searched column. */
    public record SearchColumn(String name, Match match) {
        public SearchColumn {
            if (name == null || name.isBlank()) {
                throw new LakeLensException("A searched column needs a name.");
            }
            match = match == null ? Match.CONTAINS : match;
        }

        /** {@code symbol:exact} or {@code company_name}: the form {@link #parse} reads. */
        public String spec() {
            return match == Match.EXACT ? name + ":exact" : name;
        }
    }

    public SearchColumns {
        columns = List.copyOf(columns);
    }

    /** The defaults for a table whose string columns (in schema order) are {@code stringColumns}. */
    public static SearchColumns defaults(String table, List<String> stringColumns) {
        List<SearchColumn> out = new ArrayList<>();
        if (MarketData.NAME.equals(table)) {
            out.add(new SearchColumn(MarketData.SYMBOL, Match.EXACT));
            out.add(new SearchColumn(MarketData.COMPANY, Match.CONTAINS));
            out.add(new SearchColumn(MarketData.SECTOR, Match.CONTAINS));
        } else {
            for (String c : stringColumns) {
                out.add(new SearchColumn(c, Match.CONTAINS));
            }
        }
        return new SearchColumns(table, out, false);
    }

    /**
     * Reads {@code a,b:exact,c} (a column name with a comma or colon in it is written in
     * backticks: {@code `a,b`:exact}). Duplicates and an empty list are refused.
     */
    public static List<SearchColumn> parse(String text) {
        List<SearchColumn> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String s = text == null ? "" : text;
        int i = 0;
        while (i < s.length()) {
            String name;
            int end;
            if (s.charAt(i) == '`') {
                int close = s.indexOf('`', i + 1);
                if (close < 0) {
                    throw new LakeLensException("Unclosed ` in the column list '" + s + "'.");
                }
                name = s.substring(i + 1, close);
                end = close + 1;
            } else {
                end = i;
                while (end < s.length() && s.charAt(end) != ',' && s.charAt(end) != ':') {
                    end++;
                }
                name = s.substring(i, end).strip();
            }
            Match match = Match.CONTAINS;
            if (end < s.length() && s.charAt(end) == ':') {
                int comma = s.indexOf(',', end);
                int stop = comma < 0 ? s.length() : comma;
                String m = s.substring(end + 1, stop).strip().toLowerCase(Locale.ROOT);
                match = switch (m) {
                    case "exact" -> Match.EXACT;
                    case "contains" -> Match.CONTAINS;
                    default -> throw new LakeLensException("'" + m + "' after " + name + ": is neither exact nor contains.");
                };
                end = stop;
            }
            if (end < s.length() && s.charAt(end) != ',') {
                throw new LakeLensException("Expected a comma after " + name + " in the column list '" + s + "'.");
            }
            if (!name.isBlank()) {
                if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                    throw new LakeLensException("Column " + name + " is listed twice.");
                }
                out.add(new SearchColumn(name, match));
            }
            i = end + 1;
        }
        if (out.isEmpty()) {
            throw new LakeLensException("Name at least one column to search, e.g. symbol:exact,company_name.");
        }
        return List.copyOf(out);
    }

    /** The columns as {@link #parse} reads them back. */
    public String spec() {
        List<String> parts = new ArrayList<>();
        for (SearchColumn c : columns) {
            String n = c.name().matches("[^,:`]+") && c.name().strip().equals(c.name()) ? c.name() : "`" + c.name() + "`";
            parts.add(c.match() == Match.EXACT ? n + ":exact" : n);
        }
        return String.join(",", parts);
    }

    /** What goes into cache keys: the configured list, or "default" (the defaults follow from the version's schema). */
    String keyPart() {
        if (!configured) {
            return "default";
        }
        StringBuilder b = new StringBuilder();
        for (SearchColumn c : columns) {
            b.append(c.name().length()).append(':').append(c.name()).append(c.match() == Match.EXACT ? '=' : '~');
        }
        return b.toString();
    }
}
