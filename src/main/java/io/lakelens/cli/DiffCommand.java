package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.LakeLensException;
import io.lakelens.lake.AsOfs;
import io.lakelens.lake.TimeTravel;
import io.lakelens.lake.VersionDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Locale;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare two versions of a table: rows, size and schema, then the rows added, removed and changed "
                + "(old → new per cell), matched on the table's key.")
public final class DiffCommand extends LakeCommand {
    @Parameters(paramLabel = "TABLE")
    String table;

    @Option(names = "--from", required = true, paramLabel = "VERSION|TIMESTAMP", description = "The older side (a version or a time).")
    String from;

    @Option(names = "--to", paramLabel = "VERSION|TIMESTAMP", description = "The newer side (default: latest).")
    String to;

    @Option(names = "--key", split = ",", paramLabel = "COLS",
            description = "Columns that identify a row (default: the table's key; none = whole rows).")
    List<String> key;

    @Option(names = "--only", paramLabel = "added|removed|changed", description = "Show one kind of change only.")
    String only;

    @Option(names = "--limit", defaultValue = "50", description = "Rows to show (default 50).")
    int limit;

    @Option(names = "--offset", defaultValue = "0", description = "Skip this many rows first, in key order (for paging).")
    long offset;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json.")
    Format format;

    @Override
    protected int run(AppContext ctx) {
        if (limit < 1 || limit > 10_000) {
            throw new LakeLensException("--limit must be between 1 and 10,000, not " + limit + ".");
        }
        if (offset < 0) {
            throw new LakeLensException("--offset must be 0 or more, not " + offset + ".");
        }
        VersionDiff.ChangeKind kind = kind(only);
        try (VersionDiff diff = new TimeTravel(ctx.engine()).diff(table, AsOfs.parse(from), AsOfs.parse(to), key == null ? List.of() : key)) {
            var page = diff.page(kind, offset, limit);
            if (format == Format.JSON) {
                out().println(Output.json(DiffRows.json(diff.summary(), page, offset)));
                return ExitCode.OK;
            }
            if (format == Format.TABLE) {
                DiffRows.summary(out(), diff.summary());
                if (diff.summary().identical()) {
                    return ExitCode.OK;
                }
                out().println();
            }
            Output.rows(out(), format, DiffRows.header(diff), DiffRows.rows(page));
            if (format == Format.TABLE) {
                long total = kind == null ? diff.summary().total() : switch (kind) {
                    case ADDED -> diff.summary().added();
                    case REMOVED -> diff.summary().removed();
                    case CHANGED -> diff.summary().changed();
                };
                out().printf("Rows %,d–%,d of %,d%s%n", Math.min(total, offset + 1), Math.min(total, offset + page.size()), total,
                        offset + page.size() < total ? " (next page: --offset " + (offset + page.size()) + ")" : "");
            }
        }
        return ExitCode.OK;
    }

    static VersionDiff.ChangeKind kind(String only) {
        if (only == null || only.isBlank()) {
            return null;
        }
        try {
            return VersionDiff.ChangeKind.valueOf(only.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LakeLensException("--only takes added, removed or changed, not '" + only + "'.");
        }
    }
}
