package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.lake.Integrity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check table versions against their recorded content checksums (row count + order-independent hash). "
                + "A version with no checksum yet gets one recorded (the first check), unless --no-record or --read-only. "
                + "Exit code 1 when a version no longer matches, lost files or has a damaged record.")
public final class VerifyCommand extends LakeCommand {
    @Parameters(paramLabel = "TABLE")
    String table;

    @Option(names = "--version", paramLabel = "V",
            description = "Check this version only (default: every version with a checksum, plus the latest).")
    Long version;

    @Option(names = "--no-record", description = "Only compare; never record a new checksum.")
    boolean noRecord;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json.")
    Format format;

    @Override
    protected int run(AppContext ctx) {
        Integrity integrity = new Integrity(ctx.engine());
        List<Integrity.Verification> results = version == null ? integrity.verifyAll(table, !noRecord)
                : List.of(integrity.verify(table, version, !noRecord));
        List<List<Object>> rows = new ArrayList<>();
        for (Integrity.Verification v : results) {
            Integrity.Checksum c = v.actual() != null ? v.actual() : v.expected();
            rows.add(java.util.Arrays.asList(v.version(), v.status().label(), c == null ? null : c.rowCount(),
                    c == null ? "" : c.fingerprint(), v.recordedAt() == null ? "" : v.recordedAt().toString(), v.recordedBy(), v.message()));
        }
        Output.rows(out(), format, List.of("version", "status", "rows", "checksum", "recorded", "by", "detail"), rows);
        long failed = results.stream().filter(v -> v.status().failed()).count();
        if (results.isEmpty() && format == Format.TABLE) {
            out().println("No checksum of " + table + " is recorded yet; run without --no-record to record the latest version's.");
        }
        if (failed > 0) {
            err().println("lakelens: integrity check failed for " + failed + " version" + (failed == 1 ? "" : "s") + " of " + table + ".");
            return ExitCode.USER_ERROR;
        }
        return ExitCode.OK;
    }
}
