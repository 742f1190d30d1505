package io.lakelens.lake;

/**
 * What restoring a table to an older version would change, computed before anything is
 * written: the diff from the current version to the target.
 *
 * @param currentVersion the latest version when the preview was made; the restore refuses if the table moved on
 * @param diff           current → target; close the plan to free its cached rows
 */
public record RestorePlan(String table, long currentVersion, long targetVersion, VersionDiff diff) implements AutoCloseable {

    /** One sentence naming the rows that will change. */
    public String describe() {
        VersionDiff.Summary s = diff.summary();
        if (s.identical()) {
            return "Restoring " + table + " to version " + targetVersion + " changes no rows (versions " + currentVersion
                    + " and " + targetVersion + " hold the same data); it only records a new commit.";
        }
        return String.format(java.util.Locale.ROOT,
                "Restoring %s from version %d to version %d will add %,d row%s, remove %,d row%s and change %,d row%s%s.",
                table, currentVersion, targetVersion, s.added(), s.added() == 1 ? "" : "s", s.removed(),
                s.removed() == 1 ? "" : "s", s.changed(), s.changed() == 1 ? "" : "s",
                s.schemaChanges().isEmpty() ? "" : " and revert " + s.schemaChanges().size() + " schema change"
                        + (s.schemaChanges().size() == 1 ? "" : "s"));
    }

    @Override
    public void close() {
        diff.close();
    }
}
