package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.lake.SparkJobs;
import io.lakelens.lake.change.ChangeRunner;
import io.lakelens.lake.change.LakeChange;
import io.lakelens.lake.maintenance.Bytes;
import io.lakelens.lake.maintenance.OptimizeRequest;
import io.lakelens.lake.maintenance.OptimizeResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Locale;

@Command(name = "optimize", mixinStandardHelpOptions = true,
        description = "Compact a table's small files (optionally Z-ordering them), as one commit with your user and reason; "
                + "prints files, bytes and the latency of a selective search before and after.")
public final class OptimizeCommand extends LakeCommand {
    @Parameters(paramLabel = "TABLE")
    String table;

    @Option(names = "--zorder", split = ",", paramLabel = "COL", description = "Z-order by these columns (comma-separated).")
    List<String> zorder;

    @Option(names = "--where", paramLabel = "PREDICATE",
            description = "Only these partitions, e.g. \"region = 'EU' AND day >= '2024-01-01'\" (partition columns only).")
    String where;

    @Option(names = "--reason", description = "Why; recorded in the commit.")
    String reason;

    @Option(names = "--no-measure", description = "Skip timing a search before and after.")
    boolean noMeasure;

    @Option(names = "--format", defaultValue = "table", description = "table or json.")
    Format format;

    @Override
    protected int run(AppContext ctx) {
        ctx.engine().requireTable(table); // a wrong name is one line, before any progress
        SparkJobs.Control control = new SparkJobs.Control(new ProgressPrinter(progress()));
        Thread hook = new Thread(control::cancel);
        Runtime.getRuntime().addShutdownHook(hook);
        OptimizeResult r;
        try {
            r = new ChangeRunner(ctx.engine()).run(
                    new LakeChange.Optimize(new OptimizeRequest(table, zorder, where, reason, !noMeasure)), control).result();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down: the hook is running
            }
        }
        if (format == Format.JSON) {
            out().println(Output.json(r));
            return ExitCode.OK;
        }
        var o = out();
        o.println(r.summary());
        o.println();
        o.printf(Locale.ROOT, "%-10s %12s %12s%n", "", "before", "after");
        o.printf(Locale.ROOT, "%-10s %12d %12d%n", "version", r.versionBefore(), r.versionAfter());
        o.printf(Locale.ROOT, "%-10s %,12d %,12d%n", "files", r.before().files(), r.after().files());
        o.printf(Locale.ROOT, "%-10s %12s %12s%n", "size", Bytes.human(r.before().bytes()), Bytes.human(r.after().bytes()));
        if (r.probe() != null) {
            var p = r.probe();
            o.printf(Locale.ROOT, "%-10s %10.0f ms %9.0f ms   (%s = %s, %,d rows)%n", "search", p.millisBefore(), p.millisAfter(),
                    p.column(), p.value(), p.rows());
            if (p.filesBefore() >= 0) {
                o.printf(Locale.ROOT, "%-10s %,12d %,12d%n", "files read", p.filesBefore(), p.filesAfter());
            }
        }
        o.println();
        o.println("File sizes before:");
        o.print(HealthReportCommand.histogram(r.before().histogram()));
        o.println("File sizes after:");
        o.print(HealthReportCommand.histogram(r.after().histogram()));
        return ExitCode.OK;
    }
}
