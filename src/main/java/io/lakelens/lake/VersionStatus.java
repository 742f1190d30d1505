package io.lakelens.lake;

/** Whether a version of a table can still be read, and if not, why. */
public enum VersionStatus {
    READABLE("readable"),
    /** Files it needs were deleted by a VACUUM commit. */
    VACUUMED("files removed by VACUUM"),
    /** Files it needs are gone with no VACUUM in the log: deleted by hand or by another tool. */
    FILES_MISSING("files missing"),
    /** Its commit is listed but the checkpoint needed to rebuild it was cleaned up. */
    LOG_EXPIRED("log expired");

    private final String label;

    VersionStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
