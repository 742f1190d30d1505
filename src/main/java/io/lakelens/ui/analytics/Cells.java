package io.lakelens.ui.analytics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Locale;

/**
 * How analysis and query values read in a grid: by column name for analysis tables (percent,
 * weights, prices, scores), plainly for SQL results. Also which columns are coloured as a rise
 * or fall. Pure functions.
 */
final class Cells {
    private Cells() {
    }

    /** How a value reads in the column {@code column} of an analysis table. */
    static String format(String column, Object value) {
        if (value == null) {
            return "—";
        }
        if (value instanceof Double d) {
            if (d.isNaN()) {
                return "—";
            }
            if (column.endsWith("_pct")) {
                return String.format(Locale.ROOT, "%+.2f%%", d);
            }
            if (column.startsWith("weight") || column.equals("largest_share") || column.equals("volatility_30d")) {
                return String.format(Locale.ROOT, "%.1f%%", d * 100);
            }
            if (column.equals("risk_change")) {
                return String.format(Locale.ROOT, "%+.3f", d);
            }
            if (column.startsWith("risk")) {
                return String.format(Locale.ROOT, "%.3f", d);
            }
            return String.format(Locale.ROOT, "%,.2f", d);
        }
        if (value instanceof Long || value instanceof Integer) {
            return String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
        }
        return value.toString();
    }

    /** How a SQL result value reads: full precision, no grouping, dates in ISO form. */
    static String plain(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? d.toString() : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (value instanceof Date d) {
            return d.toLocalDate().toString();
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        return value.toString();
    }

    /**
     * How a SQL result value reads in the grid: as {@link #plain}, but doubles rounded to six
     * significant digits (exports keep every digit).
     */
    static String grid(Object value) {
        if (value instanceof Double d && !d.isNaN() && !d.isInfinite() && d != 0) {
            return new BigDecimal(d).round(new MathContext(6)).stripTrailingZeros().toPlainString();
        }
        return plain(value);
    }

    static boolean numeric(Object value) {
        return value instanceof Number;
    }

    /**
     * +1 when the value is good news to colour as a rise, −1 as a fall, 0 for no colour: returns
     * and changes by sign; a risk increase is a fall (it is bad news).
     */
    static int direction(String column, Object value) {
        if (!(value instanceof Number n) || n.doubleValue() == 0 || Double.isNaN(n.doubleValue())) {
            return 0;
        }
        if (column.endsWith("_pct")) {
            return n.doubleValue() > 0 ? 1 : -1;
        }
        if (column.equals("risk_change")) {
            return n.doubleValue() > 0 ? -1 : 1;
        }
        return 0;
    }
}
