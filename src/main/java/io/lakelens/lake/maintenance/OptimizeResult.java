package io.lakelens.lake.maintenance;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The before/after of one OPTIMIZE run.
 *
 * @param committed false when OPTIMIZE found nothing to rewrite (the version is unchanged)
 * @param probe     the timed read, or null when not measured
 */
public record OptimizeResult(String table, List<String> zOrderBy, String where, long versionBefore, long versionAfter,
                             FileStats before, FileStats after, ReadProbe probe, Duration elapsed, boolean committed) {

    /** Files, bytes and size histogram of one version. */
    public record FileStats(long files, long bytes, SizeHistogram histogram) {
        static FileStats of(TableFiles tf) {
            return new FileStats(tf.files().size(), tf.totalBytes(), SizeHistogram.of(tf.files()));
        }
    }

    /**
     * A selective read ({@code column = value}: a page of 20 rows plus the total count) timed at
     * the version before and after, median of three warm runs each.
     *
     * @param filesBefore files data skipping leaves to open before, -1 if the column type is not skippable
     * @param rows        rows matching (the same before and after: OPTIMIZE changes no data)
     */
    public record ReadProbe(String column, String value, long filesBefore, long filesAfter,
                            double millisBefore, double millisAfter, long rows) {
        public double speedup() {
            return millisAfter <= 0 ? 1 : millisBefore / millisAfter;
        }
    }

    public String summary() {
        if (!committed) {
            return String.format(Locale.ROOT, "Nothing to compact in %s: %,d files, %s, version %d unchanged.",
                    table, before.files(), Bytes.human(before.bytes()), versionBefore);
        }
        String s = String.format(Locale.ROOT, "OPTIMIZE %s: %,d → %,d files, %s → %s, version %d → %d in %.1f s.",
                table, before.files(), after.files(), Bytes.human(before.bytes()), Bytes.human(after.bytes()),
                versionBefore, versionAfter, elapsed.toMillis() / 1000.0);
        if (probe != null) {
            s += String.format(Locale.ROOT, " Search %s = %s: %.0f → %.0f ms (%.1f×)%s.", probe.column(), probe.value(),
                    probe.millisBefore(), probe.millisAfter(), probe.speedup(),
                    probe.filesBefore() >= 0 ? String.format(Locale.ROOT, ", files read %,d → %,d", probe.filesBefore(), probe.filesAfter()) : "");
        }
        return s;
    }
}
