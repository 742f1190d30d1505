package io.lakelens.lake;

import java.time.Instant;
import java.util.List;

/**
 * One commit of a table on the version timeline.
 *
 * @param commit         the commit as the log records it (who, why, operation parameters and metrics)
 * @param kind           its operation category; {@link OperationKind#SCHEMA_CHANGE} when a write changed the schema
 * @param rowsAdded      rows inserted (appended, merged in, restored)
 * @param rowsUpdated    rows rewritten with new values
 * @param rowsRemoved    rows deleted (or overwritten)
 * @param schemaChanges  column changes this commit made (empty for most commits)
 * @param status         whether the version can still be read
 * @param missingFiles   data files of this version that are gone from disk
 * @param removedBy      the VACUUM commit that deleted them, or -1 when none did
 */
public record TimelineNode(Commit commit, OperationKind kind, long rowsAdded, long rowsUpdated, long rowsRemoved,
                           int filesAdded, int filesRemoved, long bytesAdded, long bytesRemoved,
                           List<SchemaChange> schemaChanges, VersionStatus status, int missingFiles, long removedBy) {

    public long version() {
        return commit.version();
    }

    public Instant timestamp() {
        return commit.timestamp();
    }

    public String user() {
        return commit.user();
    }

    public String operation() {
        return commit.operation();
    }

    public String reason() {
        return commit.reason();
    }

    public boolean readable() {
        return status == VersionStatus.READABLE;
    }

    /** Rows this commit touched, for sizing its node. */
    public long rowsChanged() {
        return rowsAdded + rowsUpdated + rowsRemoved;
    }
}
