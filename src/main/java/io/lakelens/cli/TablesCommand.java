package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.lake.TableInfo;
import io.lakelens.lake.maintenance.Bytes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

@Command(name = "tables", mixinStandardHelpOptions = true, description = "List the Delta tables in the lake.")
public final class TablesCommand extends LakeCommand {
    @Option(names = "--format", defaultValue = "table", description = "table, csv or json.")
    Format format;

    @Override
    protected int run(AppContext ctx) {
        List<TableInfo> tables = ctx.engine().catalog();
        if (tables.isEmpty() && format == Format.TABLE) {
            out().println("No Delta tables in " + ctx.config().lakeRoot() + ". Run `lakelens generate --dataset small` to create some.");
            return ExitCode.OK;
        }
        List<List<Object>> rows = new ArrayList<>();
        for (TableInfo t : tables) {
            rows.add(List.of(t.name(), t.version(), t.rowCount(), t.fileCount(), Bytes.human(t.sizeBytes()),
                    String.join(",", t.partitionColumns()), t.lastCommit().toString()));
        }
        Output.rows(out(), format, List.of("table", "version", "rows", "files", "size", "partitioned_by", "last_commit"), rows);
        return ExitCode.OK;
    }
}
