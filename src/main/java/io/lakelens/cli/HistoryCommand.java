package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.lake.Commit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

@Command(name = "history", mixinStandardHelpOptions = true, description = "List a table's commits, newest first, with who and why.")
public final class HistoryCommand extends LakeCommand {
    @Parameters(paramLabel = "TABLE")
    String table;

    @Option(names = "--limit", defaultValue = "0", description = "Show at most N commits (default all).")
    int limit;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json.")
    Format format;

    @Override
    protected int run(AppContext ctx) {
        if (limit < 0) {
            throw new io.lakelens.LakeLensException("--limit must be 0 (all) or more, not " + limit + ".");
        }
        List<Commit> commits = ctx.engine().history(table, limit);
        if (format == Format.JSON) {
            out().println(Output.json(commits));
            return ExitCode.OK;
        }
        List<List<Object>> rows = new ArrayList<>();
        for (Commit c : commits) {
            rows.add(List.of(c.version(), c.timestamp().toString(), c.user(), c.operation(), c.reason(),
                    metrics(c)));
        }
        Output.rows(out(), format, List.of("version", "timestamp", "user", "operation", "reason", "metrics"), rows);
        return ExitCode.OK;
    }

    /** Delta's metric names and the words the history shows for them, in display order. */
    private static final java.util.Map<String, String> METRIC_LABELS = new java.util.LinkedHashMap<>();

    static {
        METRIC_LABELS.put("numOutputRows", "rows written");
        METRIC_LABELS.put("numTargetRowsInserted", "inserted");
        METRIC_LABELS.put("numTargetRowsUpdated", "updated");
        METRIC_LABELS.put("numUpdatedRows", "updated");
        METRIC_LABELS.put("numTargetRowsDeleted", "deleted");
        METRIC_LABELS.put("numDeletedRows", "deleted");
        METRIC_LABELS.put("numAddedFiles", "files added");
        METRIC_LABELS.put("numRemovedFiles", "files removed");
        METRIC_LABELS.put("numFiles", "files");
    }

    private static String metrics(Commit c) {
        List<String> parts = new ArrayList<>();
        METRIC_LABELS.forEach((key, label) -> {
            String v = c.operationMetrics().get(key);
            if (v != null && !v.equals("0")) {
                parts.add(label + " " + v);
            }
        });
        return String.join(", ", parts);
    }
}
