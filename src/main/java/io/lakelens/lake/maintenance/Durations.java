package io.lakelens.lake.maintenance;

import io.lakelens.LakeLensException;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the retention periods users type ({@code 168h}, {@code 7 days}, {@code interval 2 weeks},
 * {@code 90m}) and writes them back in the one form Delta's interval properties accept.
 */
public final class Durations {
    private static final Pattern FORM = Pattern.compile(
            "(?i)^\\s*(?:interval\\s+)?(\\d{1,9}(?:\\.\\d{1,3})?)\\s*(w|weeks?|d|days?|h|hours?|m|mins?|minutes?|s|secs?|seconds?)\\s*$");

    private Durations() {
    }

    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new LakeLensException("A duration is needed, e.g. 168h, 7 days or interval 30 days.");
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new LakeLensException("'" + abbreviate(text) + "' is not a duration; use e.g. 168h, 7 days, 2 weeks or 90m.");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        long seconds = switch (unit.charAt(0)) {
            case 'w' -> Math.round(n * 7 * 86400);
            case 'd' -> Math.round(n * 86400);
            case 'h' -> Math.round(n * 3600);
            case 'm' -> Math.round(n * 60);
            default -> Math.round(n);
        };
        return Duration.ofSeconds(seconds);
    }

    /** Delta's interval form: the largest whole unit ({@code interval 7 days}, {@code interval 36 hours}). */
    public static String toInterval(Duration d) {
        long s = d.getSeconds();
        if (s % 86400 == 0) {
            return "interval " + s / 86400 + " days";
        }
        if (s % 3600 == 0) {
            return "interval " + s / 3600 + " hours";
        }
        if (s % 60 == 0) {
            return "interval " + s / 60 + " minutes";
        }
        return "interval " + s + " seconds";
    }

    /** Short human form: 7d, 36h, 90m, 0h. */
    public static String human(Duration d) {
        long s = d.getSeconds();
        if (s != 0 && s % 86400 == 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() > 40 ? t.substring(0, 40) + "…" : t;
    }
}
