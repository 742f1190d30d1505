package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.analytics.CancelHandle;
import io.lakelens.analytics.quality.QualityChecker;
import io.lakelens.analytics.report.QualitySection;
import io.lakelens.analytics.report.RegulatoryReport;
import io.lakelens.analytics.report.ReportWriter;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.AsOfs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a regulatory report of a table over a period: a cover with the period, table and lake; commits by "
                + "operation, user and reason; rows added, changed and deleted; restores and erasures with their reasons; schema "
                + "changes; integrity verification of the recorded checksums; data-quality findings; the commit list. "
                + "FILE.pdf is a PDF with charts; FILE.html a self-contained page with the same content.")
public final class ReportCommand extends LakeCommand {
    @Parameters(paramLabel = "TABLE")
    String table;

    @Option(names = "--from", defaultValue = "0", paramLabel = "VERSION|TIMESTAMP", description = "First version (default 0).")
    String from;

    @Option(names = "--to", paramLabel = "VERSION|TIMESTAMP", description = "Last version (default: latest).")
    String to;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The report file, ending in .pdf or .html.")
    Path outFile;

    @Option(names = "--no-quality", description = "Leave the data-quality check out (it reads every version of the period).")
    boolean noQuality;

    @Override
    protected int run(AppContext ctx) {
        Path target = ReportWriter.checkTarget(outFile, ctx.engine().lakeRoot());
        ctx.engine().requireTable(table);
        AsOf fromAsOf = AsOfs.parse(from);
        AsOf toAsOf = to == null ? AsOf.LATEST : AsOfs.parse(to);
        QualitySection quality = null;
        if (!noQuality) {
            long[] last = {0};
            quality = QualitySection.of(new QualityChecker(ctx.engine(), ctx::cache, ctx::tableVersions)
                    .check(table, toAsOf, fromAsOf, new CancelHandle(), (step, fraction) -> {
                        long now = System.currentTimeMillis();
                        if (now - last[0] >= 1000) {
                            last[0] = now;
                            err().printf(Locale.ROOT, "… %3.0f%% data quality: %s%n", fraction * 100, step);
                            err().flush();
                        }
                    }));
        }
        err().println("… gathering the commits and verifying the recorded checksums");
        err().flush();
        RegulatoryReport report = RegulatoryReport.build(ctx.engine(), table, fromAsOf, toAsOf, quality);
        Path written = ReportWriter.write(report, target, ctx.engine().lakeRoot());
        out().printf(Locale.ROOT, "Wrote %s: %s versions %d to %d, %d commit%s, integrity %s, %s.%n", written, table,
                report.fromVersion(), report.toVersion(), report.commits().size(), report.commits().size() == 1 ? "" : "s",
                report.checksums().isEmpty() ? "not recorded" : report.integrityOk() ? "verified" : "FAILED",
                quality == null ? "quality not checked" : quality.findings().size() + " quality finding(s)");
        out().flush();
        return ExitCode.OK;
    }
}
