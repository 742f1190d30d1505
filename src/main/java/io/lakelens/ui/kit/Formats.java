package io.lakelens.ui.kit;

import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.CellText;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the tabs print times, counts, latencies and cell values. */
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
        // structs, arrays, maps, variants and binary read the same as on the command line
        return CellText.of(v);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A {@code market_data} cell as the results table writes it: prices to the cent, caps abbreviated. */
    public static String cell(String column, Object value) {
        if (value == null) {
            return "";
        }
        if (!(value instanceof Number n)) {
            return CellText.of(value);
        }
        double d = n.doubleValue();
        return switch (column) {
            case MarketData.VOLUME -> String.format(Locale.ROOT, "%,d", n.longValue());
            case MarketData.MARKET_CAP -> money(d);
            case MarketData.CHANGE_PCT -> String.format(Locale.ROOT, "%+.2f%%", d);
            case MarketData.OPEN, MarketData.HIGH, MarketData.LOW, MarketData.CLOSE, MarketData.VWAP ->
                    String.format(Locale.ROOT, "%,.2f", d);
            default -> n instanceof Double || n instanceof Float ? String.format(Locale.ROOT, "%,.2f", d)
                    : String.format(Locale.ROOT, "%,d", n.longValue());
        };
    }

    /** 2.91T, 184.3B, 512.0M: market caps an analyst reads at a glance. */
    public static String money(double d) {
        double a = Math.abs(d);
        if (a >= 1e12) {
            return String.format(Locale.ROOT, "%.2fT", d / 1e12);
        }
        if (a >= 1e9) {
            return String.format(Locale.ROOT, "%.1fB", d / 1e9);
        }
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", d / 1e6);
        }
        return String.format(Locale.ROOT, "%,.0f", d);
    }

    /** Milliseconds with the precision that matters at their size. */
    public static String latency(double ms) {
        return ms < 10 ? String.format(Locale.ROOT, "%.2f ms", ms)
                : ms < 1000 ? String.format(Locale.ROOT, "%.1f ms", ms)
                : String.format(Locale.ROOT, "%,.0f ms", ms);
    }
}
