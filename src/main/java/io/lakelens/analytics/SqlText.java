package io.lakelens.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits SQL text into the spans an editor colours (keywords, strings, numbers, comments) and
 * finds the word being typed for completion. A lexer, not a parser: it never fails, whatever
 * the text. Stateless and thread-safe.
 */
public final class SqlText {
    private SqlText() {
    }

    /** What a span is. */
    public enum Kind {
        KEYWORD, FUNCTION, STRING, NUMBER, COMMENT, IDENTIFIER, OTHER
    }

    /** {@code [start, end)} of the text. */
    public record Span(int start, int end, Kind kind) {
    }

    public static final Set<String> KEYWORDS = Set.of(
            "SELECT", "FROM", "WHERE", "GROUP", "BY", "ORDER", "HAVING", "LIMIT", "OFFSET", "JOIN", "INNER", "LEFT",
            "RIGHT", "FULL", "OUTER", "CROSS", "SEMI", "ANTI", "ON", "USING", "AS", "AND", "OR", "NOT", "IN", "IS",
            "NULL", "LIKE", "ILIKE", "RLIKE", "BETWEEN", "EXISTS", "CASE", "WHEN", "THEN", "ELSE", "END", "WITH",
            "UNION", "ALL", "DISTINCT", "INTERSECT", "EXCEPT", "ASC", "DESC", "NULLS", "FIRST", "LAST", "OVER",
            "PARTITION", "ROWS", "RANGE", "PRECEDING", "FOLLOWING", "CURRENT", "ROW", "UNBOUNDED", "WINDOW",
            "VERSION", "TIMESTAMP", "OF", "SYSTEM_TIME", "SYSTEM_VERSION", "TRUE", "FALSE", "CAST", "INTERVAL",
            "DATE", "EXPLAIN", "DESCRIBE", "HISTORY", "DETAIL", "SHOW", "TABLES", "COLUMNS", "VALUES", "TABLE",
            "LATERAL", "VIEW", "EXTENDED", "FORMATTED", "FILTER", "QUALIFY", "PIVOT", "UNPIVOT");

    public static final Set<String> FUNCTIONS = Set.of(
            "COUNT", "SUM", "AVG", "MIN", "MAX", "STDDEV", "STDDEV_SAMP", "STDDEV_POP", "VARIANCE", "LAG", "LEAD",
            "ROW_NUMBER", "RANK", "DENSE_RANK", "PERCENT_RANK", "NTILE", "FIRST_VALUE", "LAST_VALUE", "LN", "LOG",
            "EXP", "SQRT", "ABS", "ROUND", "FLOOR", "CEIL", "COALESCE", "NULLIF", "LOWER", "UPPER", "TRIM",
            "CONCAT", "SUBSTRING", "DATE_TRUNC", "DATE_ADD", "DATE_SUB", "DATEDIFF", "YEAR", "MONTH", "DAY",
            "TO_DATE", "TO_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIMESTAMP", "MIN_BY", "MAX_BY", "PERCENTILE",
            "APPROX_COUNT_DISTINCT", "CORR", "COVAR_SAMP", "GREATEST", "LEAST", "IF", "IFNULL", "NVL");

    /** Keywords, functions, strings, numbers and comments of {@code sql}, in order; other text is not listed. */
    public static List<Span> spans(String sql) {
        List<Span> out = new ArrayList<>();
        if (sql == null) {
            return out;
        }
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int e = sql.indexOf('\n', i);
                e = e < 0 ? n : e;
                out.add(new Span(i, e, Kind.COMMENT));
                i = e;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int e = sql.indexOf("*/", i + 2);
                e = e < 0 ? n : e + 2;
                out.add(new Span(i, e, Kind.COMMENT));
                i = e;
            } else if (c == '\'' || c == '"') {
                int e = i + 1;
                while (e < n && sql.charAt(e) != c) {
                    e += sql.charAt(e) == '\\' ? 2 : 1;
                }
                e = Math.min(n, e + 1);
                out.add(new Span(i, e, Kind.STRING));
                i = e;
            } else if (c == '`') {
                int e = sql.indexOf('`', i + 1);
                e = e < 0 ? n : e + 1;
                i = e;
            } else if (Character.isDigit(c)) {
                int e = i;
                while (e < n && (Character.isLetterOrDigit(sql.charAt(e)) || sql.charAt(e) == '.')) {
                    e++;
                }
                out.add(new Span(i, e, Kind.NUMBER));
                i = e;
            } else if (Character.isLetter(c) || c == '_') {
                int e = i;
                while (e < n && (Character.isLetterOrDigit(sql.charAt(e)) || sql.charAt(e) == '_')) {
                    e++;
                }
                String w = sql.substring(i, e).toUpperCase(Locale.ROOT);
                if (KEYWORDS.contains(w)) {
                    out.add(new Span(i, e, Kind.KEYWORD));
                } else if (FUNCTIONS.contains(w)) {
                    out.add(new Span(i, e, Kind.FUNCTION));
                }
                i = e;
            } else {
                i++;
            }
        }
        return out;
    }

    /** The start of the word that ends at {@code caret} (letters, digits, underscores). */
    public static int wordStart(String text, int caret) {
        int i = Math.max(0, Math.min(caret, text.length()));
        while (i > 0 && (Character.isLetterOrDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '_')) {
            i--;
        }
        return i;
    }

    /**
     * Completions for the word ending at {@code caret}: the lake's table names, their column
     * names, then keywords, each starting with the word (case-insensitive), at most {@code max}.
     * An empty word offers nothing, so completion never floods the editor.
     */
    public static List<String> complete(String text, int caret, java.util.Map<String, List<String>> catalogue, int max) {
        int start = wordStart(text, caret);
        String prefix = text.substring(start, Math.max(start, Math.min(caret, text.length()))).toLowerCase(Locale.ROOT);
        if (prefix.isEmpty()) {
            return List.of();
        }
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        catalogue.keySet().stream().filter(t -> t.toLowerCase(Locale.ROOT).startsWith(prefix)).sorted().forEach(out::add);
        catalogue.values().stream().flatMap(List::stream).filter(c -> c.toLowerCase(Locale.ROOT).startsWith(prefix))
                .sorted().forEach(out::add);
        KEYWORDS.stream().filter(k -> k.toLowerCase(Locale.ROOT).startsWith(prefix)).sorted().forEach(out::add);
        FUNCTIONS.stream().filter(k -> k.toLowerCase(Locale.ROOT).startsWith(prefix)).sorted().forEach(out::add);
        out.removeIf(w -> w.equalsIgnoreCase(prefix));
        return out.stream().limit(max).toList();
    }
}
