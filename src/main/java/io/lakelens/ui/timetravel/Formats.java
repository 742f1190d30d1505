package io.lakelens.ui.timetravel;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the time-travel and audit tabs print times and cell values. */
public final class Formats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Formats() {
    }

    public static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    /** A cell value as text: numbers without scientific notation, null as empty. */
    public static String value(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return d.toString();
            }
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (v instanceof Float f) {
            return BigDecimal.valueOf(f.doubleValue()).stripTrailingZeros().toPlainString();
        }
        if (v instanceof BigDecimal b) {
            return b.toPlainString();
        }
        return String.valueOf(v);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
