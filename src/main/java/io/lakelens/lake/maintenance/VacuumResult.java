package io.lakelens.lake.maintenance;

import java.time.Duration;

/**
 * A VACUUM that ran.
 *
 * @param plan         the dry run taken just before, for the files and versions it named
 * @param deletedFiles files Delta reports deleted
 * @param version      the table version after the VACUUM's own log entries
 */
public record VacuumResult(VacuumPlan plan, long deletedFiles, long version, String user, String reason, Duration elapsed) {
}
