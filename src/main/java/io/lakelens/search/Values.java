package io.lakelens.search;

import io.delta.kernel.data.ColumnVector;
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
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Cell values as both read paths return them (String, Long, Integer, Short, Byte, Double,
 * Float, Boolean, BigDecimal, LocalDate, Instant, LocalDateTime), and comparisons with
 * Spark's semantics, so the Kernel path filters and sorts exactly as Spark does: strings in
 * UTF-8 byte order, NaN above every number, -0.0 equal to 0.0.
 */
final class Values {
    private Values() {
    }

    /** Whether LakeLens returns columns of this type (complex types are left out on both paths). */
    static boolean supported(DataType t) {
        return t instanceof StringType || t instanceof LongType || t instanceof IntegerType || t instanceof ShortType
                || t instanceof ByteType || t instanceof DoubleType || t instanceof FloatType || t instanceof BooleanType
                || t instanceof DecimalType || t instanceof DateType || t instanceof TimestampType
                || t instanceof TimestampNTZType;
    }

    static Object read(ColumnVector v, DataType t, int row) {
        if (v.isNullAt(row)) {
            return null;
        }
        if (t instanceof StringType) {
            return v.getString(row);
        } else if (t instanceof LongType) {
            return v.getLong(row);
        } else if (t instanceof DoubleType) {
            return v.getDouble(row);
        } else if (t instanceof IntegerType) {
            return v.getInt(row);
        } else if (t instanceof DateType) {
            return LocalDate.ofEpochDay(v.getInt(row));
        } else if (t instanceof TimestampType) {
            long micros = v.getLong(row);
            return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        } else if (t instanceof TimestampNTZType) {
            long micros = v.getLong(row);
            return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), (int) (Math.floorMod(micros, 1_000_000L) * 1_000L),
                    ZoneOffset.UTC);
        } else if (t instanceof FloatType) {
            return v.getFloat(row);
        } else if (t instanceof DecimalType) {
            return v.getDecimal(row);
        } else if (t instanceof BooleanType) {
            return v.getBoolean(row);
        } else if (t instanceof ShortType) {
            return v.getShort(row);
        } else if (t instanceof ByteType) {
            return v.getByte(row);
        }
        throw new IllegalArgumentException("Unsupported type " + t);
    }

    /** Normalises what Spark returns (java8 date-time API on) to the same Java types. */
    static Object fromSpark(Object v) {
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (v instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        if (v instanceof scala.math.BigDecimal bd) {
            return bd.bigDecimal();
        }
        return v;
    }

    /** Spark's ordering of two non-null values of one column. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return compareUtf8(x, y);
        }
        if (a instanceof Double x && b instanceof Double y) {
            return compareDoubles(x, y);
        }
        if (a instanceof Float x && b instanceof Float y) {
            return x.floatValue() == y.floatValue() ? 0 : Float.compare(x, y);
        }
        if (a instanceof Number x && b instanceof Number y && !(a instanceof BigDecimal) && !(b instanceof BigDecimal)) {
            if (isIntegral(x) && isIntegral(y)) {
                return Long.compare(x.longValue(), y.longValue());
            }
            return compareDoubles(x.doubleValue(), y.doubleValue());
        }
        return ((Comparable) a).compareTo(b);
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }

    /** Spark's double ordering: NaN is the largest value and -0.0 equals 0.0. */
    static int compareDoubles(double x, double y) {
        return x == y ? 0 : Double.compare(x, y);
    }

    /** UTF-8 byte order, which is code-point order (String.compareTo is UTF-16 order). */
    static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** A number cell as a double for range filters (as Spark widens to double against a double literal). */
    static double asDouble(Object v) {
        return v instanceof BigDecimal bd ? bd.doubleValue() : ((Number) v).doubleValue();
    }
}
