package io.lakelens.analytics.quality;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Data quality of a table across a range of versions: the findings with the commit that
 * introduced each and, once gone, the commit that fixed it; and the count per rule at every
 * version (the trend).
 *
 * @param notes versions that could not be checked and why (vacuumed files, for example)
 */
public record QualityReport(String table, long fromVersion, long toVersion, QualityRules rules, List<VersionCheck> trend,
                            List<TrackedFinding> findings, List<String> notes, double seconds) {

    /** A commit as the report names it. */
    public record CommitRef(long version, Instant timestamp, String user, String operation, String reason) {
        @Override
        public String toString() {
            return "v" + version + " " + operation + (reason == null || reason.isBlank() ? "" : ": " + reason);
        }
    }

    /**
     * One finding's life.
     *
     * @param introduced           the first version in the range it was seen at
     * @param introducedBeforeRange true when it was already there at the range's first version (introduced then or earlier)
     * @param fixed                the first version it was gone at, or null while it is open (always null for a schema change)
     * @param atVersion            the finding as last seen
     */
    public record TrackedFinding(Finding atVersion, CommitRef introduced, boolean introducedBeforeRange, CommitRef fixed) {
        public Status status() {
            return atVersion.rule().event() ? Status.CHANGE : fixed == null ? Status.OPEN : Status.FIXED;
        }
    }

    public enum Status {
        OPEN("open"), FIXED("fixed"), CHANGE("schema change");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * The rules' counts at one version.
     *
     * @param carried   true when the commit changed no rows (OPTIMIZE, VACUUM, properties), so the
     *                  previous version's findings stand without reading it again
     * @param truncated true when more rows broke rules than a check keeps; counts are still exact
     */
    public record VersionCheck(long version, String operation, String reason, Map<Rule, Long> counts, boolean carried,
                               boolean truncated) {
        public long total() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public List<TrackedFinding> open() {
        return findings.stream().filter(f -> f.status() == Status.OPEN).toList();
    }

    public List<TrackedFinding> fixed() {
        return findings.stream().filter(f -> f.status() == Status.FIXED).toList();
    }
}
