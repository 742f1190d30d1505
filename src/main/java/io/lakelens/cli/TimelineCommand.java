package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.lake.SchemaChange;
import io.lakelens.lake.TimeTravel;
import io.lakelens.lake.Timeline;
import io.lakelens.lake.TimelineNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

@Command(name = "timeline", mixinStandardHelpOptions = true,
        description = "A table's versions, oldest first: operation, rows and files changed, who and why, and whether each "
                + "version can still be read (VACUUM removes old files). --schema lists column changes instead.")
public final class TimelineCommand extends LakeCommand {
    @Parameters(paramLabel = "TABLE")
    String table;

    @Option(names = "--schema", description = "List the schema timeline: columns created, added, widened, renamed or dropped.")
    boolean schema;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json.")
    Format format;

    @Override
    protected int run(AppContext ctx) {
        Timeline t = new TimeTravel(ctx.engine()).timeline(table);
        List<List<Object>> rows = new ArrayList<>();
        if (schema) {
            for (SchemaChange c : t.schemaChanges()) {
                rows.add(List.of(c.version(), c.timestamp().toString(), c.column(), c.kind().label(), c.describe()));
            }
            Output.rows(out(), format, List.of("version", "timestamp", "column", "change", "detail"), rows);
            return ExitCode.OK;
        }
        for (TimelineNode n : t.nodes()) {
            String status = n.readable() ? "readable" : n.status().label() + (n.removedBy() >= 0 ? " (v" + n.removedBy() + ")" : "");
            rows.add(List.of(n.version(), n.timestamp().toString(), n.user(), n.kind().label(), n.operation(), n.rowsAdded(),
                    n.rowsUpdated(), n.rowsRemoved(), n.filesAdded() + "/" + n.filesRemoved(), status, n.reason()));
        }
        Output.rows(out(), format, List.of("version", "timestamp", "user", "kind", "operation", "rows_added", "rows_updated",
                "rows_removed", "files_added/removed", "status", "reason"), rows);
        return ExitCode.OK;
    }
}
