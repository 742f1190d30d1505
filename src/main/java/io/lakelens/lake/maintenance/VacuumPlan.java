package io.lakelens.lake.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What a VACUUM with a given retention would do, computed without deleting anything: the
 * files it would delete and the versions that would stop being readable by time travel.
 *
 * @param safeRetention         the shortest retention allowed without an override: 7 days, or the
 *                              table's deleted-file retention when that is longer
 * @param earliestReadable      oldest version time travel can read today
 * @param versionsLosingTimeTravel versions readable today whose files the VACUUM would delete
 * @param warnings              what to tell the analyst before running it
 */
public record VacuumPlan(String table, long version, Duration retention, Duration safeRetention,
                         List<FileToDelete> files, long totalBytes, long earliestReadable,
                         List<VersionLoss> versionsLosingTimeTravel, List<String> warnings) {

    /** Kinds of file VACUUM deletes. */
    public enum Kind {
        /** A data file removed from the table by an earlier commit. */
        REMOVED_DATA,
        /** A change-data-feed file. */
        CHANGE_DATA,
        /** A deletion-vector file no longer referenced. */
        DELETION_VECTOR,
        /** A file in the folder no commit ever added (a failed write's leftover). */
        UNTRACKED
    }

    public record FileToDelete(String path, long sizeBytes, Kind kind) {
    }

    /**
     * A version that becomes unreadable.
     *
     * @param missingFiles how many files it needs that the VACUUM deletes
     */
    public record VersionLoss(long version, Instant timestamp, String operation, int missingFiles) {
    }

    public boolean needsOverride() {
        return retention.compareTo(safeRetention) < 0;
    }

    /** The oldest version still readable after the VACUUM. */
    public long earliestReadableAfter() {
        long after = earliestReadable;
        for (VersionLoss l : versionsLosingTimeTravel) {
            if (l.version() >= after) {
                after = l.version() + 1;
            }
        }
        return Math.min(after, version);
    }

    public String summary() {
        String losses = versionsLosingTimeTravel.isEmpty() ? "no version loses time travel"
                : versionsLosingTimeTravel.size() == 1 ? "version " + versionsLosingTimeTravel.get(0).version() + " loses time travel"
                : versionsLosingTimeTravel.size() + " versions lose time travel ("
                + versionsLosingTimeTravel.get(0).version() + "–" + versionsLosingTimeTravel.get(versionsLosingTimeTravel.size() - 1).version() + ")";
        long first = earliestReadableAfter();
        String kept = first == version ? "only the latest version " + version + " stays readable"
                : "versions " + first + "–" + version + " stay readable";
        return String.format(Locale.ROOT, "VACUUM %s RETAIN %s would delete %,d file%s (%s); %s; %s.",
                table, Durations.human(retention), files.size(), files.size() == 1 ? "" : "s", Bytes.human(totalBytes), losses,
                kept);
    }
}
