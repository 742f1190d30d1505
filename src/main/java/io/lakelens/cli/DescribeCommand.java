package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.TableInfo;
import io.lakelens.lake.maintenance.Bytes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "describe", mixinStandardHelpOptions = true, description = "Show a table's schema, size and properties.")
public final class DescribeCommand extends LakeCommand {
    @Parameters(paramLabel = "TABLE")
    String table;

    @Option(names = "--format", defaultValue = "table", description = "table or json.")
    Format format;

    @Override
    protected int run(AppContext ctx) {
        TableInfo t = ctx.engine().describe(table);
        var schema = ctx.engine().snapshot(table, AsOf.LATEST).getSchema();
        if (format == Format.JSON) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("table", t);
            List<Map<String, String>> cols = new ArrayList<>();
            schema.fields().forEach(f -> cols.add(Map.of("name", f.getName(), "type", f.getDataType().toString(),
                    "nullable", Boolean.toString(f.isNullable()))));
            m.put("columns", cols);
            out().println(Output.json(m));
            return ExitCode.OK;
        }
        out().printf("%s  (%s)%n", t.name(), t.path());
        out().printf("version %d · %,d rows · %d files · %s · partitioned by %s · last commit %s%n%n", t.version(),
                t.rowCount(), t.fileCount(), Bytes.human(t.sizeBytes()),
                t.partitionColumns().isEmpty() ? "nothing" : String.join(", ", t.partitionColumns()), t.lastCommit());
        List<List<Object>> rows = new ArrayList<>();
        schema.fields().forEach(f -> rows.add(List.of(f.getName(), f.getDataType().toString(), f.isNullable() ? "yes" : "no")));
        Output.rows(out(), Format.TABLE, List.of("column", "type", "nullable"), rows);
        out().println();
        List<List<Object>> props = new ArrayList<>();
        t.properties().forEach((k, v) -> props.add(List.of(k, v)));
        Output.rows(out(), Format.TABLE, List.of("property", "value"), props);
        return ExitCode.OK;
    }
}
