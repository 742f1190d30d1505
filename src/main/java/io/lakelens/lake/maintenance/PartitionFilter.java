package io.lakelens.lake.maintenance;

import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import io.lakelens.LakeLensException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * A user's OPTIMIZE partition predicate ({@code region = 'EU' AND day >= '2024-01-01'}),
 * parsed into comparisons of partition columns with typed literals and rebuilt with the
 * Column API. Anything else (other columns, functions, OR, sub-queries) is refused, so the
 * text Delta receives is Spark's own rendering of a validated expression.
 */
public final class PartitionFilter {
    private final Column column;
    private final String sql;
    private final String description;

    private PartitionFilter(Column column, String sql, String description) {
        this.column = column;
        this.sql = sql;
        this.description = description;
    }

    public Column column() {
        return column;
    }

    /** Spark's SQL rendering of {@link #column()}, for {@code DeltaOptimizeBuilder.where}. */
    public String sql() {
        return sql;
    }

    @Override
    public String toString() {
        return description;
    }

    /**
     * Parses {@code text} against the table's schema and partition columns. Grammar:
     * {@code cond (AND cond)*} where {@code cond} is {@code column op literal} with op one of
     * {@code = != <> < <= > >=}, or {@code column IN (literal, …)}.
     */
    public static PartitionFilter parse(SparkSession session, String text, StructType schema, List<String> partitionColumns) {
        if (text == null || text.isBlank()) {
            throw new LakeLensException("The partition predicate is empty.");
        }
        if (partitionColumns.isEmpty()) {
            throw new LakeLensException("The table is not partitioned, so OPTIMIZE takes no --where; it compacts the whole table.");
        }
        List<String> tokens = tokenize(text);
        int[] pos = {0};
        Column result = null;
        List<String> parts = new ArrayList<>();
        while (true) {
            String name = expectColumn(tokens, pos, partitionColumns, schema);
            DataType type = schema.get(name).getDataType();
            String op = next(tokens, pos, "an operator after " + name);
            Column cond;
            String shown;
            Column c = col("`" + name.replace("`", "``") + "`");
            if (op.equalsIgnoreCase("IN")) {
                expect(tokens, pos, "(");
                List<Object> values = new ArrayList<>();
                List<String> shownValues = new ArrayList<>();
                do {
                    String lit = next(tokens, pos, "a value in IN (…)");
                    values.add(value(lit, type, name));
                    shownValues.add(lit);
                } while (accept(tokens, pos, ","));
                expect(tokens, pos, ")");
                cond = c.isin(values.toArray());
                shown = name + " IN (" + String.join(", ", shownValues) + ")";
            } else {
                String lit = next(tokens, pos, "a value after " + name + " " + op);
                Column v = lit(value(lit, type, name));
                cond = switch (op) {
                    case "=", "==" -> c.equalTo(v);
                    case "!=", "<>" -> c.notEqual(v);
                    case "<" -> c.lt(v);
                    case "<=" -> c.leq(v);
                    case ">" -> c.gt(v);
                    case ">=" -> c.geq(v);
                    default -> throw new LakeLensException("'" + op + "' is not a comparison; use =, !=, <, <=, >, >= or IN.");
                };
                shown = name + " " + op + " " + lit;
            }
            result = result == null ? cond : result.and(cond);
            parts.add(shown);
            if (pos[0] >= tokens.size()) {
                break;
            }
            String conj = tokens.get(pos[0]++);
            if (!conj.equalsIgnoreCase("AND")) {
                throw new LakeLensException("Expected AND between conditions, found '" + conj + "'; only AND of partition "
                        + "comparisons is allowed.");
            }
        }
        String sql = render(session, result);
        return new PartitionFilter(result, sql, String.join(" AND ", parts));
    }

    /** Catalyst's SQL for the expression; only a classic (in-process) session can convert a Column. */
    private static String render(SparkSession session, Column column) {
        if (session instanceof org.apache.spark.sql.classic.SparkSession classic) {
            return classic.expression(column).sql();
        }
        throw new IllegalStateException("LakeLens runs only on a classic Spark session");
    }

    private static String expectColumn(List<String> tokens, int[] pos, List<String> partitionColumns, StructType schema) {
        String t = next(tokens, pos, "a partition column");
        String name = t.startsWith("`") ? t.substring(1, t.length() - 1).replace("``", "`") : t;
        for (String p : partitionColumns) {
            if (p.equalsIgnoreCase(name)) {
                return p;
            }
        }
        if (schema.fieldNames().stream().anyMatch(f -> f.equalsIgnoreCase(name))) {
            throw new LakeLensException("'" + name + "' is not a partition column; OPTIMIZE can only be limited by "
                    + String.join(", ", partitionColumns) + ".");
        }
        throw new LakeLensException("No column '" + abbreviate(name) + "'; the partition columns are " + String.join(", ", partitionColumns) + ".");
    }

    static Object value(String literal, DataType type, String column) {
        String raw = literal;
        boolean quoted = raw.startsWith("'");
        String v = quoted ? raw.substring(1, raw.length() - 1).replace("''", "'") : raw;
        try {
            if (type instanceof StringType) {
                if (!quoted) {
                    throw new LakeLensException(column + " is a string column; quote the value: " + column + " = '" + v + "'.");
                }
                return v;
            }
            if (type instanceof IntegerType || type instanceof LongType || type instanceof ShortType || type instanceof ByteType) {
                return Long.parseLong(v);
            }
            if (type instanceof DoubleType || type instanceof FloatType) {
                return Double.parseDouble(v);
            }
            if (type instanceof DecimalType) {
                return new BigDecimal(v);
            }
            if (type instanceof BooleanType) {
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    throw new NumberFormatException();
                }
                return Boolean.parseBoolean(v);
            }
            if (type instanceof DateType) {
                return LocalDate.parse(v);
            }
            if (type instanceof TimestampType) {
                return Instant.parse(v);
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new LakeLensException("'" + abbreviate(v) + "' is not a valid " + type.toString().toLowerCase(Locale.ROOT)
                    + " for partition column " + column + ".");
        }
        throw new LakeLensException("Partition column " + column + " has type " + type + ", which --where does not support.");
    }

    private static String next(List<String> tokens, int[] pos, String what) {
        if (pos[0] >= tokens.size()) {
            throw new LakeLensException("The partition predicate ends early; expected " + what + ".");
        }
        return tokens.get(pos[0]++);
    }

    private static void expect(List<String> tokens, int[] pos, String token) {
        String t = next(tokens, pos, "'" + token + "'");
        if (!t.equals(token)) {
            throw new LakeLensException("Expected '" + token + "' in the partition predicate, found '" + abbreviate(t) + "'.");
        }
    }

    private static boolean accept(List<String> tokens, int[] pos, String token) {
        if (pos[0] < tokens.size() && tokens.get(pos[0]).equals(token)) {
            pos[0]++;
            return true;
        }
        return false;
    }

    static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '`') {
                int j = i + 1;
                StringBuilder sb = new StringBuilder().append(c);
                while (true) {
                    if (j >= n) {
                        throw new LakeLensException("Unclosed " + (c == '\'' ? "quote" : "backtick") + " in the partition predicate.");
                    }
                    char d = text.charAt(j);
                    if (d == c) {
                        if (j + 1 < n && text.charAt(j + 1) == c) {
                            sb.append(c).append(c);
                            j += 2;
                            continue;
                        }
                        sb.append(c);
                        j++;
                        break;
                    }
                    sb.append(d);
                    j++;
                }
                out.add(sb.toString());
                i = j;
            } else if ("=<>!".indexOf(c) >= 0) {
                int j = i + 1;
                if (j < n && "=>".indexOf(text.charAt(j)) >= 0) {
                    j++;
                }
                out.add(text.substring(i, j));
                i = j;
            } else if (c == '(' || c == ')' || c == ',') {
                out.add(String.valueOf(c));
                i++;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || "_-.:+".indexOf(text.charAt(j)) >= 0)) {
                    j++;
                }
                out.add(text.substring(i, j));
                i = j;
            } else {
                throw new LakeLensException("Unexpected '" + c + "' in the partition predicate; use column = 'value' AND …");
            }
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
