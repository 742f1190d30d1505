package io.lakelens.lake;

import io.lakelens.LakeLensException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns what a user typed into a typed value for a column, so filters reach Spark as
 * {@code col(name) op lit(value)} and never as SQL text. Stateless and thread-safe.
 */
public final class ColumnValues {
    private ColumnValues() {
    }

    /** A column reference that takes the name literally (dots and spaces are part of the name). */
    public static Column col(String name) {
        return functions.col("`" + name.replace("`", "``") + "`");
    }

    /**
     * True when Spark cannot compare, group or join on values of {@code type}: a map or a
     * variant, at any depth of structs and arrays.
     */
    public static boolean incomparable(DataType type) {
        return switch (type) {
            case org.apache.spark.sql.types.MapType m -> true;
            case org.apache.spark.sql.types.VariantType v -> true;
            case org.apache.spark.sql.types.ArrayType a -> incomparable(a.elementType());
            case StructType s -> Arrays.stream(s.fields()).anyMatch(f -> incomparable(f.dataType()));
            default -> false;
        };
    }

    /**
     * A column in a form that compares, groups and joins: itself, or its JSON text when its
     * type is {@link #incomparable} (two maps or variants are equal when their JSON is).
     */
    public static Column comparable(Column c, DataType type) {
        return type != null && incomparable(type) ? functions.to_json(c) : c;
    }

    /** The field of a schema by name (case-insensitive, as Delta resolves names), or a clear error listing the columns. */
    public static StructField field(StructType schema, String table, String name) {
        String wanted = name == null ? "" : name.trim();
        for (StructField f : schema.fields()) {
            if (f.name().equalsIgnoreCase(wanted)) {
                return f;
            }
        }
        throw new LakeLensException("Table " + table + " has no column '" + Errors.abbreviate(wanted) + "'; its columns are "
                + Arrays.stream(schema.fieldNames()).collect(Collectors.joining(", ")) + ".");
    }

    /** Parses {@code text} as a value of {@code type}; a clear error names the column and the expected form. */
    public static Object parse(String column, DataType type, String text) {
        String t = text == null ? "" : text.trim();
        try {
            if (type instanceof StringType) {
                return text == null ? "" : text;
            }
            if (type instanceof IntegerType) {
                return Integer.parseInt(t);
            }
            if (type instanceof LongType) {
                return Long.parseLong(t);
            }
            if (type instanceof ShortType) {
                return Short.parseShort(t);
            }
            if (type instanceof ByteType) {
                return Byte.parseByte(t);
            }
            if (type instanceof DoubleType) {
                return Double.parseDouble(t);
            }
            if (type instanceof FloatType) {
                return Float.parseFloat(t);
            }
            if (type instanceof DecimalType) {
                return new BigDecimal(t);
            }
            if (type instanceof BooleanType) {
                if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
                    return Boolean.parseBoolean(t);
                }
                throw new IllegalArgumentException("not a boolean");
            }
            if (type instanceof DateType) {
                return LocalDate.parse(t);
            }
            if (type instanceof TimestampType) {
                return instant(t);
            }
            if (type instanceof TimestampNTZType) {
                return LocalDateTime.parse(t.replace(' ', 'T'));
            }
        } catch (RuntimeException e) {
            throw new LakeLensException("'" + Errors.abbreviate(t) + "' is not a valid " + type.simpleString() + " for column "
                    + column + expected(type) + ".");
        }
        throw new LakeLensException("Column " + column + " has type " + type.simpleString()
                + ", which cannot be filtered by a typed value; pick a column of a simple type.");
    }

    private static Instant instant(String t) {
        if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        if (t.endsWith("Z") || t.matches(".*[+-]\\d{2}:\\d{2}$")) {
            return OffsetDateTime.parse(t.replace(' ', 'T')).toInstant();
        }
        return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }

    private static String expected(DataType type) {
        String n = type.typeName().toLowerCase(Locale.ROOT);
        if (type instanceof DateType) {
            return " (use YYYY-MM-DD, e.g. 2024-03-15)";
        }
        if (type instanceof TimestampType || type instanceof TimestampNTZType) {
            return " (use e.g. 2024-03-15T10:00:00Z)";
        }
        if (type instanceof BooleanType) {
            return " (use true or false)";
        }
        if (List.of("integer", "long", "short", "byte").contains(n)) {
            return " (use a whole number)";
        }
        return "";
    }
}
