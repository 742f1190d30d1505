package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.lake.SparkJobs;
import io.lakelens.lake.change.ChangeRunner;
import io.lakelens.lake.change.LakeChange;
import io.lakelens.lake.maintenance.Bytes;
import io.lakelens.lake.maintenance.Durations;
import io.lakelens.lake.maintenance.VacuumPlan;
import io.lakelens.lake.maintenance.VacuumPlanner;
import io.lakelens.lake.maintenance.VacuumResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@Command(name = "vacuum", mixinStandardHelpOptions = true,
        description = "Delete files no version within the retention needs. Always shows first what it deletes and which "
                + "versions stop being time-travelable; --dry-run stops there.")
public final class VacuumCommand extends LakeCommand {
    @Parameters(paramLabel = "TABLE")
    String table;

    @Option(names = "--retain", required = true, paramLabel = "DURATION", description = "Keep files needed within this period, e.g. 168h or 7d.")
    String retain;

    @Option(names = "--dry-run", description = "Only show what would be deleted; change nothing.")
    boolean dryRun;

    @Option(names = "--force-short-retention",
            description = "Allow a retention under 7 days (or the table's deleted-file retention). Readers of old versions can fail.")
    boolean force;

    @Option(names = "--reason", description = "Why; recorded in the VACUUM's log entries.")
    String reason;

    @Option(names = "--files", defaultValue = "20", paramLabel = "N", description = "List at most N files (default 20; 0 for all).")
    int maxFiles;

    @Option(names = "--format", defaultValue = "table", description = "table or json.")
    Format format;

    @Override
    protected int run(AppContext ctx) {
        Duration retention = Durations.parse(retain);
        VacuumPlanner planner = new VacuumPlanner(ctx.engine());
        SparkJobs.Control control = new SparkJobs.Control(new ProgressPrinter(progress()));
        VacuumPlan plan = planner.plan(table, retention, control);
        if (format == Format.JSON && dryRun) {
            out().println(Output.json(plan));
            return ExitCode.OK;
        }
        if (format != Format.JSON) {
            print(plan);
        }
        if (dryRun) {
            return ExitCode.OK;
        }
        if (plan.needsOverride() && !force) {
            throw new io.lakelens.LakeLensException("Retention " + Durations.human(retention) + " is under the safe minimum of "
                    + Durations.human(plan.safeRetention()) + "; nothing was deleted. Re-run with --force-short-retention "
                    + "if losing the versions above is intended.");
        }
        if (plan.needsOverride()) {
            err().println("WARNING: running VACUUM with retention " + Durations.human(retention) + " under the safe minimum.");
        }
        VacuumResult r = new ChangeRunner(ctx.engine())
                .run(new LakeChange.Vacuum(plan, force, reason), control).result();
        if (format == Format.JSON) {
            out().println(Output.json(Map.of("plan", plan, "result", r)));
            return ExitCode.OK;
        }
        out().printf("VACUUM %s: deleted %d files (%s) as %s, reason \"%s\"; table now at version %d.%n", table,
                r.deletedFiles(), Bytes.human(plan.totalBytes()), r.user(), r.reason(), r.version());
        return ExitCode.OK;
    }

    private void print(VacuumPlan p) {
        var o = out();
        o.println(p.summary());
        p.warnings().forEach(w -> o.println("  ! " + w));
        o.println();
        if (!p.files().isEmpty()) {
            List<List<Object>> rows = new ArrayList<>();
            p.files().stream().sorted((a, b) -> Long.compare(b.sizeBytes(), a.sizeBytes()))
                    .limit(maxFiles <= 0 ? Long.MAX_VALUE : maxFiles)
                    .forEach(f -> rows.add(List.of(f.path(), Bytes.human(f.sizeBytes()), f.kind().name().toLowerCase().replace('_', ' '))));
            Output.rows(o, Format.TABLE, List.of("file", "size", "kind"), rows);
            if (maxFiles > 0 && p.files().size() > maxFiles) {
                o.println("(" + (p.files().size() - maxFiles) + " more; --files 0 lists all)");
            }
            o.printf("Total: %d files, %s%n%n", p.files().size(), Bytes.human(p.totalBytes()));
        }
        if (!p.versionsLosingTimeTravel().isEmpty()) {
            o.println("Versions that stop being time-travelable:");
            List<List<Object>> rows = new ArrayList<>();
            p.versionsLosingTimeTravel().forEach(v -> rows.add(List.of(v.version(), v.timestamp().toString(), v.operation(),
                    v.missingFiles())));
            Output.rows(o, Format.TABLE, List.of("version", "committed", "operation", "files_deleted"), rows);
            o.println();
        }
    }
}
