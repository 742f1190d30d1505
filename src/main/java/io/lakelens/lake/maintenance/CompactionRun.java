package io.lakelens.lake.maintenance;

import java.time.Instant;

/**
 * One check or run of a compaction policy, as listed in the Compaction tab.
 *
 * @param trigger "schedule" or "manual"
 * @param message what happened, one sentence
 */
public record CompactionRun(String table, Instant started, Instant finished, Outcome outcome, String trigger,
                            String message, long filesBefore, long filesAfter, long bytesBefore, long bytesAfter,
                            long versionAfter) {

    public enum Outcome {
        /** OPTIMIZE ran and committed. */
        COMPACTED,
        /** The table was below every threshold; nothing ran. */
        HEALTHY,
        /** A job on the same table was still running; this one did not start. */
        OVERLAP,
        /** The check or the OPTIMIZE failed; the message says why. */
        FAILED
    }

    public long durationMillis() {
        return finished.toEpochMilli() - started.toEpochMilli();
    }
}
