package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.lake.Integrity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

@Command(name = "verify",
        description = "Check table versions against their recorded content checksums (row count + order-independent hash). "
                + "A version with no checksum yet gets one recorded (the first check), unless --no-record or --read-only. "
                + "Exit code 3 when a version no longer matches, lost files or has a damaged record.")
public final class VerifyCommand extends LakeCommand {
    /** --version given with no value: it asks for LakeLens's version. */
    private static final String NO_VALUE = "-9223372036854775808";

    @Parameters(paramLabel = "TABLE", arity = "0..1")
    String table;

    @Option(names = "--at", paramLabel = "V",
            description = "Check this table version only (default: every version with a checksum, plus the latest).")
    Long at;

    /**
     * The earlier spelling of --at, kept (hidden) so scripts keep working; with no value it
     * prints LakeLens's version like on every other command.
     */
    @Option(names = "--version", hidden = true, paramLabel = "V", arity = "0..1", fallbackValue = NO_VALUE)
    Long tableVersion;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "-V", versionHelp = true, description = "Print version information and exit.")
    boolean versionHelp;

    @Option(names = "--no-record", description = "Only compare; never record a new checksum.")
    boolean noRecord;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json.")
    Format format;

    @Override
    protected java.util.OptionalInt answerWithoutLake() {
        if (tableVersion != null && tableVersion == Long.MIN_VALUE && at == null) {
            spec.commandLine().printVersionHelp(out());
            out().flush();
            return java.util.OptionalInt.of(ExitCode.OK);
        }
        if (table == null) {
            throw new io.lakelens.LakeLensException("Missing required parameter: 'TABLE' (see `lakelens verify --help`)");
        }
        return java.util.OptionalInt.empty();
    }

    @Override
    protected int run(AppContext ctx) {
        Integrity integrity = new Integrity(ctx.engine());
        Long version = at != null ? at : tableVersion;
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
            return ExitCode.CHECK_FAILED;
        }
        return ExitCode.OK;
    }
}
