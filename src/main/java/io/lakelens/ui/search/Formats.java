package io.lakelens.ui.search;

import io.lakelens.data.Tables.MarketData;

import java.util.Locale;

/** How the results table writes each kind of value. */
final class Formats {
    private Formats() {
    }

    static String cell(String column, Object value) {
        if (value == null) {
            return "";
        }
        if (!(value instanceof Number n)) {
            return value.toString();
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
    static String money(double d) {
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

    static String latency(double ms) {
        return ms < 10 ? String.format(Locale.ROOT, "%.2f ms", ms)
                : ms < 1000 ? String.format(Locale.ROOT, "%.1f ms", ms)
                : String.format(Locale.ROOT, "%,.0f ms", ms);
    }
}
