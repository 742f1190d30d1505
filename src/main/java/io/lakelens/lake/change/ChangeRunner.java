package io.lakelens.lake.change;

import io.lakelens.LakeLensException;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.SparkJobs;
import io.lakelens.lake.TimeTravel;
import io.lakelens.lake.ingest.DataImporter;
import io.lakelens.lake.maintenance.Durations;
import io.lakelens.lake.maintenance.Optimizer;
import io.lakelens.lake.maintenance.PropertyEditor;
import io.lakelens.lake.maintenance.VacuumPlanner;

import java.util.Optional;

/**
 * Runs every {@link LakeChange} the same way: first the refusals every change shares (a
 * read-only lake, a missing reason where one is required, a short vacuum retention without
 * its override), then the change under the table's write lock with its reason in the commit,
 * cancellable through the {@link SparkJobs.Control} where the work is a Spark job. Thread-safe;
 * blocking: call it off the FX thread.
 */
public final class ChangeRunner {
    private final LakeEngine engine;

    public ChangeRunner(LakeEngine engine) {
        this.engine = engine;
    }

    public LakeEngine engine() {
        return engine;
    }

    /** Why the change may not run now, in one line; empty when it may. Reads nothing from the table. */
    public Optional<String> refusal(LakeChange<?> change) {
        if (engine.config().readOnly()) {
            return Optional.of("The lake " + engine.lakeRoot() + " is open read-only; " + verb(change) + " "
                    + change.table() + " is refused (open it without --read-only to change it).");
        }
        if (change.needsReason() && (change.reason() == null || change.reason().isBlank())) {
            return Optional.of("A " + noun(change) + " needs a reason; it is recorded in the commit for the audit trail.");
        }
        if (change instanceof LakeChange.Vacuum v && v.plan().needsOverride() && !v.overrideShortRetention()) {
            return Optional.of("Retention " + Durations.human(v.plan().retention()) + " is under the safe minimum of "
                    + Durations.human(v.plan().safeRetention()) + " for " + v.table() + "; "
                    + v.plan().versionsLosingTimeTravel().size()
                    + " versions would lose time travel. Pass the short-retention override to run it anyway.");
        }
        return Optional.empty();
    }

    /**
     * Runs the change. Fails with a {@link LakeLensException} saying why, and then nothing was
     * committed: a refusal, a table that changed since its preview, a cancel or a failed job.
     */
    @SuppressWarnings("unchecked") // each kind of change answers its own kind of result
    public <R extends ChangeResult> R run(LakeChange<R> change, SparkJobs.Control control) {
        Optional<String> refused = refusal(change);
        if (refused.isPresent()) {
            throw new LakeLensException(refused.get());
        }
        SparkJobs.Control ctl = control == null ? new SparkJobs.Control() : control;
        String reason = change.reason() == null ? null : change.reason().strip();
        ChangeResult result = switch (change) {
            case LakeChange.Restore r -> new ChangeResult.Restored(new TimeTravel(engine).restore(r.plan(), reason));
            case LakeChange.Optimize o -> new ChangeResult.Optimized(new Optimizer(engine).optimize(o.request(), ctl));
            case LakeChange.Vacuum v -> new ChangeResult.Vacuumed(new VacuumPlanner(engine)
                    .vacuum(v.table(), v.plan().retention(), v.overrideShortRetention(), reason, ctl));
            case LakeChange.SetProperties p -> new ChangeResult.PropertiesSet(p.table(),
                    new PropertyEditor(engine).apply(p.change(), reason));
            case LakeChange.Import i -> new ChangeResult.Imported(new DataImporter(engine).run(i.preview(), ctl));
            case LakeChange.Convert c -> new ChangeResult.Converted(c.table(),
                    new DataImporter(engine).convertInPlace(c.table(), reason, ctl));
        };
        return (R) result;
    }

    private static String verb(LakeChange<?> c) {
        return switch (c) {
            case LakeChange.Restore r -> "restoring";
            case LakeChange.Optimize o -> "optimizing";
            case LakeChange.Vacuum v -> "vacuuming";
            case LakeChange.SetProperties p -> "changing the properties of";
            case LakeChange.Import i -> "importing into";
            case LakeChange.Convert k -> "converting";
        };
    }

    private static String noun(LakeChange<?> c) {
        return switch (c) {
            case LakeChange.Restore r -> "restore";
            case LakeChange.Optimize o -> "optimize";
            case LakeChange.Vacuum v -> "vacuum";
            case LakeChange.SetProperties p -> "property change";
            case LakeChange.Import i -> "import";
            case LakeChange.Convert k -> "conversion";
        };
    }
}
