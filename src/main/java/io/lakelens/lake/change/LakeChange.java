package io.lakelens.lake.change;

import io.lakelens.lake.RestorePlan;
import io.lakelens.lake.ingest.ImportPreview;
import io.lakelens.lake.maintenance.Durations;
import io.lakelens.lake.maintenance.OptimizeRequest;
import io.lakelens.lake.maintenance.PropertyChange;
import io.lakelens.lake.maintenance.VacuumPlan;

/**
 * A change to one table of the lake, previewed before it runs. Every write LakeLens offers —
 * restore, optimize, vacuum, property edits, import, conversion — is one of these, and
 * {@link ChangeRunner} runs them all the same way: refused on a read-only lake or without a
 * reason where one is required, cancellable, and committed with the reason as the commit's
 * {@code userMetadata}, so each leaves the same kind of audit entry. The window, the CLI and
 * the HTTP API build the change from their preview and hand it to the runner.
 *
 * @param <R> what running it answers
 */
public sealed interface LakeChange<R extends ChangeResult> {
    String table();

    /** Becomes the commit's reason in the table's history. */
    String reason();

    /** One line: what running it will do. */
    String describe();

    /** Whether a blank reason refuses it (changes that can lose data or history need one). */
    default boolean needsReason() {
        return false;
    }

    /** Restores the table to the plan's target version; the plan holds the previewed diff. */
    record Restore(RestorePlan plan, String reason) implements LakeChange<ChangeResult.Restored> {
        public String table() {
            return plan.table();
        }

        public String describe() {
            return plan.describe();
        }

        @Override
        public boolean needsReason() {
            return true;
        }
    }

    /** Compacts (and optionally Z-orders) files; the request carries its reason. */
    record Optimize(OptimizeRequest request) implements LakeChange<ChangeResult.Optimized> {
        public String table() {
            return request.table();
        }

        public String reason() {
            return request.reason();
        }

        public String describe() {
            return "Optimize " + request.table() + (request.zOrderBy().isEmpty() ? "" : " (Z-order by "
                    + String.join(", ", request.zOrderBy()) + ")") + (request.where() == null || request.where().isBlank()
                    ? "" : " where " + request.where());
        }
    }

    /** Deletes the files the plan lists; a retention under the safe minimum needs the override. */
    record Vacuum(VacuumPlan plan, boolean overrideShortRetention, String reason) implements LakeChange<ChangeResult.Vacuumed> {
        public String table() {
            return plan.table();
        }

        public String describe() {
            return "Vacuum " + plan.table() + " with retention " + Durations.human(plan.retention()) + ": "
                    + plan.files().size() + " file(s), " + plan.versionsLosingTimeTravel().size()
                    + " version(s) lose time travel";
        }

        @Override
        public boolean needsReason() {
            return true;
        }
    }

    /** Sets table properties as previewed; a blank reason becomes the change's own description. */
    record SetProperties(PropertyChange change, String reason) implements LakeChange<ChangeResult.PropertiesSet> {
        public String table() {
            return change.table();
        }

        @Override
        public String reason() {
            return reason == null || reason.isBlank() ? change.defaultReason() : reason;
        }

        public String describe() {
            return change.statement();
        }
    }

    /** Loads a file or folder as previewed (schema, mode, bad rows). */
    record Import(ImportPreview preview) implements LakeChange<ChangeResult.Imported> {
        public String table() {
            return preview.request().table();
        }

        public String reason() {
            return preview.request().reason();
        }

        public String describe() {
            return "Import " + preview.request().source() + " into " + table() + " ("
                    + preview.request().mode().name().toLowerCase(java.util.Locale.ROOT) + ")";
        }
    }

    /** Turns a plain Parquet folder of the lake into a Delta table in place. */
    record Convert(String table, String reason) implements LakeChange<ChangeResult.Converted> {
        public String describe() {
            return "Convert the Parquet folder " + table + " to a Delta table in place";
        }
    }
}
