package io.lakelens.lake.maintenance;

import io.lakelens.LakeLensException;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the scheduler compacts one table: OPTIMIZE once the small-file ratio or the file count
 * crosses a threshold, checked every N minutes, optionally only inside a daily window.
 *
 * @param smallFileRatio run when small files / all files reaches this (0..1]; 0 disables the test
 * @param maxFiles       run when the table has at least this many files; 0 disables the test
 * @param everyMinutes   minutes between checks, 1 to 10080
 * @param window         daily window {@code HH:mm-HH:mm} in local time (may wrap midnight); empty for any time
 * @param zOrderBy       columns to Z-order by when it runs; empty for plain compaction
 */
public record CompactionPolicy(String table, boolean enabled, double smallFileRatio, int maxFiles, int everyMinutes,
                               String window, List<String> zOrderBy) {
    private static final Pattern WINDOW = Pattern.compile("^\\s*(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})\\s*$");

    public CompactionPolicy {
        if (table == null || table.isBlank()) {
            throw new LakeLensException("A compaction policy needs a table.");
        }
        if (Double.isNaN(smallFileRatio) || smallFileRatio < 0 || smallFileRatio > 1) {
            throw new LakeLensException("The small-file ratio threshold must be between 0 and 1 (e.g. 0.5), not " + smallFileRatio + ".");
        }
        if (maxFiles < 0) {
            throw new LakeLensException("The file-count threshold must be 0 (off) or more, not " + maxFiles + ".");
        }
        if (smallFileRatio == 0 && maxFiles == 0) {
            throw new LakeLensException("Set a small-file ratio or a file count for the policy on " + table + "; with neither it never runs.");
        }
        if (everyMinutes < 1 || everyMinutes > 10_080) {
            throw new LakeLensException("Check every 1 to 10080 minutes, not " + everyMinutes + ".");
        }
        window = window == null ? "" : window.strip();
        if (!window.isEmpty()) {
            parseWindow(window);
        }
        zOrderBy = zOrderBy == null ? List.of() : List.copyOf(zOrderBy);
    }

    public static CompactionPolicy of(String table, double smallFileRatio, int maxFiles, int everyMinutes) {
        return new CompactionPolicy(table, true, smallFileRatio, maxFiles, everyMinutes, "", List.of());
    }

    public CompactionPolicy withWindow(String w) {
        return new CompactionPolicy(table, enabled, smallFileRatio, maxFiles, everyMinutes, w, zOrderBy);
    }

    public CompactionPolicy withEnabled(boolean on) {
        return new CompactionPolicy(table, on, smallFileRatio, maxFiles, everyMinutes, window, zOrderBy);
    }

    /** Whether {@code now} is inside the window (always, without one). */
    public boolean inWindow(LocalTime now) {
        if (window.isEmpty()) {
            return true;
        }
        LocalTime[] w = parseWindow(window);
        if (w[0].equals(w[1])) {
            return true;
        }
        return w[0].isBefore(w[1]) ? !now.isBefore(w[0]) && now.isBefore(w[1])
                : !now.isBefore(w[0]) || now.isBefore(w[1]);
    }

    /** The thresholds this health crosses, as one sentence; empty when none is crossed. */
    public String triggeredBy(TableHealth h) {
        List<String> why = new ArrayList<>();
        if (smallFileRatio > 0 && h.smallFiles() >= 2 && h.smallFileRatio() >= smallFileRatio) {
            why.add(String.format(Locale.ROOT, "small-file ratio %.2f ≥ %.2f", h.smallFileRatio(), smallFileRatio));
        }
        if (maxFiles > 0 && h.fileCount() >= maxFiles && h.fileCount() > h.estimatedFilesAfter()) {
            why.add(String.format(Locale.ROOT, "%,d files ≥ %,d", h.fileCount(), maxFiles));
        }
        return String.join(" and ", why);
    }

    public String describe() {
        List<String> t = new ArrayList<>();
        if (smallFileRatio > 0) {
            t.add(String.format(Locale.ROOT, "small-file ratio ≥ %.2f", smallFileRatio));
        }
        if (maxFiles > 0) {
            t.add("≥ " + maxFiles + " files");
        }
        return "OPTIMIZE " + table + (zOrderBy.isEmpty() ? "" : " ZORDER BY " + String.join(", ", zOrderBy)) + " when "
                + String.join(" or ", t) + ", checked every " + everyMinutes + " min" + (window.isEmpty() ? "" : " within " + window)
                + (enabled ? "" : " (paused)");
    }

    private static LocalTime[] parseWindow(String w) {
        Matcher m = WINDOW.matcher(w);
        try {
            if (m.matches()) {
                return new LocalTime[]{LocalTime.parse(pad(m.group(1))), LocalTime.parse(pad(m.group(2)))};
            }
        } catch (DateTimeParseException ignored) {
            // fall through to the message below
        }
        throw new LakeLensException("'" + w + "' is not a daily window; use HH:mm-HH:mm, e.g. 22:00-06:00.");
    }

    private static String pad(String hhmm) {
        return hhmm.length() == 4 ? "0" + hhmm : hhmm;
    }
}
