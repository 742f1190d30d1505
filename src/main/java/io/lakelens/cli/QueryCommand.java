package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.analytics.QueryService;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.AsOfs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Run a read-only SQL query over the lake's tables (each visible by its name).")
public final class QueryCommand extends LakeCommand {
    @Parameters(paramLabel = "SQL")
    String sql;

    @Option(names = "--as-of", paramLabel = "VERSION|TIMESTAMP", description = "Read the tables as of a version or time.")
    String asOf;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json.")
    Format format;

    @Option(names = "--max-rows", defaultValue = "1000", description = "At most this many rows (default 1000).")
    int maxRows;

    @Override
    protected int run(AppContext ctx) {
        if (maxRows < 1 || maxRows > 1_000_000) {
            throw new io.lakelens.LakeLensException("--max-rows must be between 1 and 1,000,000, not " + maxRows + ".");
        }
        AsOf at = AsOfs.parse(asOf);
        var result = new QueryService(ctx.engine()).run(sql, at, maxRows);
        Output.rows(out(), format, result.columns(), result.rows());
        if (format == Format.TABLE) {
            out().printf("%d row%s%s in %d ms%s%n", result.rows().size(), result.rows().size() == 1 ? "" : "s",
                    result.truncated() ? " (more not shown; raise --max-rows)" : "", result.elapsedMs(),
                    result.versionsRead().isEmpty() ? "" : " · read " + result.versionsRead());
        }
        return ExitCode.OK;
    }
}
