package io.lakelens.lake;

import io.lakelens.LakeLensException;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One table of a lake as a listing shows it: its name, whether it opens, and when it does not,
 * why, in one line that names the table and, where it helps, the version and the file.
 *
 * @param name    the table's path under the lake root, with {@code /}
 * @param status  {@link Status#OK} when its log opens at the latest version
 * @param reason  why it does not open; for an openable table a note worth knowing (or empty)
 * @param summary what the log says of the latest version, when the table was opened (else null)
 * @param problem what kind of refusal an unreadable table is
 */
public record LakeTable(String name, Status status, String reason, Summary summary, Problem problem) {
    public enum Status {
        OK("ok"), UNREADABLE("unreadable");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Why a table does not open, as code may act on it (the reason says it to a person). */
    public enum Problem {
        /** It opens. */
        NONE,
        /** Its folder or log is damaged, missing or cannot be read. */
        DAMAGED,
        /** Its protocol needs a Delta newer than this one; the log itself may be sound. */
        NEWER_PROTOCOL
    }

    /**
     * The latest version as its log describes it (no data read).
     *
     * @param rows  rows from the files' statistics (deletion vectors subtracted), or -1 when a file has none
     * @param bytes total size of the data files
     */
    public record Summary(long version, long files, long bytes, long rows, List<String> partitionColumns, Instant lastCommit) {
        public Summary {
            partitionColumns = List.copyOf(partitionColumns);
        }
    }

    public LakeTable {
        reason = reason == null ? "" : reason;
        problem = status == Status.OK ? Problem.NONE : problem == null || problem == Problem.NONE ? Problem.DAMAGED : problem;
    }

    public static LakeTable ok(String name, String note) {
        return new LakeTable(name, Status.OK, note, null, Problem.NONE);
    }

    public static LakeTable ok(String name, String note, Summary summary) {
        return new LakeTable(name, Status.OK, note, summary, Problem.NONE);
    }

    /** A table whose folder or log is damaged or cannot be read. */
    public static LakeTable unreadable(String name, String reason) {
        return new LakeTable(name, Status.UNREADABLE, reason, null, Problem.DAMAGED);
    }

    /** A table refused with {@code e}'s message, of the kind {@code e} is. */
    static LakeTable refused(String name, LakeLensException e) {
        return new LakeTable(name, Status.UNREADABLE, e.getMessage(), null,
                e instanceof NewerProtocolException ? Problem.NEWER_PROTOCOL : Problem.DAMAGED);
    }

    public boolean readable() {
        return status == Status.OK;
    }

    public Optional<Summary> details() {
        return Optional.ofNullable(summary);
    }
}
