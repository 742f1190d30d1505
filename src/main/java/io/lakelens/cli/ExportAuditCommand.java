package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.lake.AsOfs;
import io.lakelens.lake.AuditExport;
import io.lakelens.lake.AuditReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "export-audit", mixinStandardHelpOptions = true,
        description = "Write an audit report of a table over a version range: commits with who, when and why, a timeline "
                + "picture, checksums and optionally one row's history. FILE.html is a self-contained page; FILE.csv a table.")
public final class ExportAuditCommand extends LakeCommand {
    @Parameters(paramLabel = "TABLE")
    String table;

    @Option(names = "--from", paramLabel = "VERSION|TIMESTAMP", description = "First version (default: the oldest in the log).")
    String from;

    @Option(names = "--to", paramLabel = "VERSION|TIMESTAMP", description = "Last version (default: latest).")
    String to;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The report file, ending in .html or .csv.")
    Path outFile;

    @Option(names = "--key", paramLabel = "COL=VALUE[,COL=VALUE]", description = "Add this row's history, e.g. trade_id=42.")
    String key;

    @Option(names = "--verify", description = "Recompute every recorded checksum in the range for the report.")
    boolean verify;

    @Override
    protected int run(AppContext ctx) {
        Path target = AuditExport.checkTarget(outFile, ctx.engine().lakeRoot());
        var first = from == null ? new io.lakelens.lake.AsOf.Version(new io.lakelens.lake.TimeTravel(ctx.engine()).timeline(table).earliest())
                : AsOfs.parse(from);
        AuditReport report = AuditReport.build(ctx.engine(), table, first, AsOfs.parse(to), key, verify);
        Path written = AuditExport.write(report, target, ctx.engine().lakeRoot());
        out().printf("Wrote %s: %s versions %d to %d, %d commit%s, %d checksum%s%s.%n", written, table, report.fromVersion(),
                report.toVersion(), report.commits().size(), report.commits().size() == 1 ? "" : "s", report.checksums().size(),
                report.checksums().size() == 1 ? "" : "s",
                report.trail() == null ? "" : ", " + report.trail().events().size() + " change(s) to " + report.trail().key());
        return ExitCode.OK;
    }
}
