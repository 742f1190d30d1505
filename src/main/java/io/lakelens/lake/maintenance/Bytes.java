package io.lakelens.lake.maintenance;

import io.lakelens.LakeLensException;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte counts as people read them (binary units, one decimal). */
public final class Bytes {
    private Bytes() {
    }

    private static final Pattern SIZE = Pattern.compile(
            "(?i)^\\s*(\\d{1,15}(?:\\.\\d{1,3})?)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?\\s*$");

    /** Parses {@code 8MiB}, {@code 8m}, {@code 512 KB}, {@code 1048576} (binary units throughout). */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new LakeLensException("'" + text + "' is not a size; use e.g. 8MiB, 512KiB or 1048576.");
        }
        double n = Double.parseDouble(m.group(1));
        String u = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        long mult = switch (u.charAt(0)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return Math.round(n * mult);
    }

    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
