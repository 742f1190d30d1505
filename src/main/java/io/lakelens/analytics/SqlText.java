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

    /**
     * The names a query may use for tables, in order: identifiers (a backtick-quoted one
     * unquoted, {@code ``} as one backtick), runs of dotted identifiers joined ({@code v1.2}),
     * and the text of string literals ({@code table_changes('market_data', 0)}), with backticks
     * inside them removed. Comments are skipped. Never fails.
     */
    public static List<String> identifiers(String sql) {
        List<String> out = new ArrayList<>();
        if (sql == null) {
            return out;
        }
        int n = sql.length();
        int i = 0;
        StringBuilder dotted = null;
        while (i < n) {
            char c = sql.charAt(i);
            String word = null;
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int e = sql.indexOf('\n', i);
                i = e < 0 ? n : e;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int e = sql.indexOf("*/", i + 2);
                i = e < 0 ? n : e + 2;
            } else if (c == '\'' || c == '"') {
                StringBuilder lit = new StringBuilder();
                int e = i + 1;
                while (e < n && sql.charAt(e) != c) {
                    if (sql.charAt(e) == '\\' && e + 1 < n) {
                        e++;
                    }
                    lit.append(sql.charAt(e));
                    e++;
                }
                String text = lit.toString().strip();
                if (text.length() > 1 && text.startsWith("`") && text.endsWith("`")) {
                    text = text.substring(1, text.length() - 1).replace("``", "`");
                }
                if (!text.isEmpty()) {
                    out.add(text);
                }
                i = Math.min(n, e + 1);
            } else if (c == '`') {
                StringBuilder id = new StringBuilder();
                int e = i + 1;
                while (e < n) {
                    if (sql.charAt(e) == '`') {
                        if (e + 1 < n && sql.charAt(e + 1) == '`') {
                            id.append('`');
                            e += 2;
                            continue;
                        }
                        break;
                    }
                    id.append(sql.charAt(e));
                    e++;
                }
                word = id.toString();
                i = Math.min(n, e + 1);
            } else if (Character.isLetter(c) || c == '_') {
                int e = i;
                while (e < n && (Character.isLetterOrDigit(sql.charAt(e)) || sql.charAt(e) == '_')) {
                    e++;
                }
                word = sql.substring(i, e);
                i = e;
            } else if (Character.isDigit(c) && dotted != null) {
                int e = i;
                while (e < n && (Character.isLetterOrDigit(sql.charAt(e)) || sql.charAt(e) == '_')) {
                    e++;
                }
                word = sql.substring(i, e);
                i = e;
            } else {
                i++;
            }
            if (word != null) {
                out.add(word);
                dotted = dotted == null ? new StringBuilder(word) : dotted.append('.').append(word);
                if (dotted.indexOf(".") > 0) {
                    out.add(dotted.toString());
                }
                if (i < n && sql.charAt(i) == '.') {
                    i++;
                    continue;
                }
                dotted = null;
            } else if (i > 0 && (i >= n || sql.charAt(i - 1) != '.')) {
                dotted = null;
            }
        }
        return out;
    }

    /**
     * The start of the word that ends at {@code caret}: letters, digits and underscores, or,
     * inside an unclosed backtick-quoted name, everything from that backtick (so a table name
     * with {@code /} or spaces completes as one word).
     */
    public static int wordStart(String text, int caret) {
        int end = Math.max(0, Math.min(caret, text.length()));
        int open = openBacktick(text, end);
        if (open >= 0) {
            return open;
        }
        int i = end;
        while (i > 0 && (Character.isLetterOrDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '_')) {
            i--;
        }
        return i;
    }

    /** The position of a backtick opened before {@code end} and not closed by it, or -1 (strings and comments skipped). */
    private static int openBacktick(String text, int end) {
        int open = -1;
        int i = 0;
        while (i < end) {
            char c = text.charAt(i);
            if (open >= 0) {
                if (c == '`') {
                    if (i + 1 < end && text.charAt(i + 1) == '`') {
                        i += 2;
                        continue;
                    }
                    open = -1;
                }
                i++;
            } else if (c == '`') {
                open = i;
                i++;
            } else if (c == '\'' || c == '"') {
                int e = i + 1;
                while (e < end && text.charAt(e) != c) {
                    e += text.charAt(e) == '\\' ? 2 : 1;
                }
                i = e + 1;
            } else if (c == '-' && i + 1 < end && text.charAt(i + 1) == '-') {
                int e = text.indexOf('\n', i);
                i = e < 0 ? end : e;
            } else {
                i++;
            }
        }
        return open;
    }

    /**
     * Completions for the word ending at {@code caret}: the lake's table names, their column
     * names, then keywords, each starting with the word (case-insensitive), at most {@code max}.
     * Each completion replaces the text from {@link #wordStart} to the caret, so a name that is
     * not a plain identifier ({@code sales/2024/Daily-Prices}, {@code Full Name}) comes quoted
     * with backticks; a word begun with a backtick offers only names, quoted. An empty word
     * offers nothing, so completion never floods the editor.
     */
    public static List<String> complete(String text, int caret, java.util.Map<String, List<String>> catalogue, int max) {
        int start = wordStart(text, caret);
        String typed = text.substring(start, Math.max(start, Math.min(caret, text.length())));
        boolean quoted = typed.startsWith("`");
        String prefix = (quoted ? typed.substring(1).replace("``", "`") : typed).toLowerCase(Locale.ROOT);
        if (prefix.isEmpty() && !quoted) {
            return List.of();
        }
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        catalogue.keySet().stream().filter(t -> t.toLowerCase(Locale.ROOT).startsWith(prefix)).sorted()
                .forEach(t -> out.add(quoted ? quote(t) : reference(t)));
        catalogue.values().stream().flatMap(List::stream).filter(c -> c.toLowerCase(Locale.ROOT).startsWith(prefix))
                .sorted().forEach(c -> out.add(quoted ? quote(c) : reference(c)));
        if (!quoted) {
            KEYWORDS.stream().filter(k -> k.toLowerCase(Locale.ROOT).startsWith(prefix)).sorted().forEach(out::add);
            FUNCTIONS.stream().filter(k -> k.toLowerCase(Locale.ROOT).startsWith(prefix)).sorted().forEach(out::add);
        }
        out.removeIf(w -> w.equalsIgnoreCase(typed));
        return out.stream().limit(max).toList();
    }

    /** A name as SQL text: plain when it is a plain identifier, else in backticks. */
    public static String reference(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name : quote(name);
    }

    /** A name in backticks, backticks inside doubled. */
    public static String quote(String name) {
        return io.lakelens.lake.TableName.quote(name);
    }
}
