package io.lakelens.lake.change;

import io.lakelens.lake.RestoreResult;
import io.lakelens.lake.ingest.ImportResult;
import io.lakelens.lake.maintenance.OptimizeResult;
import io.lakelens.lake.maintenance.VacuumResult;

/** What a {@link LakeChange} did, one kind per kind of change. */
public sealed interface ChangeResult {
    record Restored(RestoreResult result) implements ChangeResult {
    }

    record Optimized(OptimizeResult result) implements ChangeResult {
    }

    record Vacuumed(VacuumResult result) implements ChangeResult {
    }

    /** @param version the commit that set them */
    record PropertiesSet(String table, long version) implements ChangeResult {
    }

    record Imported(ImportResult result) implements ChangeResult {
    }

    /** @param version the table's first Delta version */
    record Converted(String table, long version) implements ChangeResult {
    }
}
