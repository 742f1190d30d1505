package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.TableInfo;
import io.lakelens.lake.maintenance.Bytes;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

@Command(name = "describe", mixinStandardHelpOptions = true, description = "Show a table's schema, size and properties.")
public final class DescribeCommand extends LakeCommand {
    @Parameters(paramLabel = "TABLE")
    String table;

    @Option(names = "--format", defaultValue = "table", description = "table or json.")
    Format format;

    @Override
    protected int run(AppContext ctx) {
        TableInfo t = ctx.engine().describe(table);
        // the version described, not the latest again: a commit landing in between would mix two versions
        var snap = ctx.engine().snapshot(table, new AsOf.Version(t.version()));
        // Spark's type names read as SQL: struct<x:double,...>, string collate UTF8_LCASE, decimal(38,18)
        var schema = (StructType) DataType.fromJson(snap.getSchema().toJson());
        var protocol = snap.getProtocol();
        Set<String> named = new TreeSet<>(protocol.getReaderFeatures());
        named.addAll(protocol.getWriterFeatures());
        String features = "reader " + protocol.getMinReaderVersion() + ", writer " + protocol.getMinWriterVersion()
                + (named.isEmpty() ? "" : " · features: " + String.join(", ", named));
        List<String> key = ctx.engine().keyOf(table, t.properties());
        if (format == Format.JSON) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("table", t);
            List<Map<String, String>> cols = new ArrayList<>();
            for (var f : schema.fields()) {
                cols.add(Map.of("name", f.name(), "type", f.dataType().catalogString(), "nullable", Boolean.toString(f.nullable())));
            }
            m.put("columns", cols);
            m.put("protocol", features);
            m.put("key", key);
            out().println(Output.json(m));
            return ExitCode.OK;
        }
        out().printf("%s  (%s)%n", t.name(), t.path());
        out().printf("version %d · %,d rows · %d files · %s · partitioned by %s · last commit %s%n", t.version(),
                t.rowCount(), t.fileCount(), Bytes.human(t.sizeBytes()),
                t.partitionColumns().isEmpty() ? "nothing" : String.join(", ", t.partitionColumns()), t.lastCommit());
        out().printf("protocol: %s · rows matched on: %s%n%n", features, key.isEmpty() ? "whole rows (no lakelens.key)" : String.join(", ", key));
        List<List<Object>> rows = new ArrayList<>();
        for (var f : schema.fields()) {
            rows.add(List.of(f.name(), f.dataType().catalogString(), f.nullable() ? "yes" : "no"));
        }
        Output.rows(out(), Format.TABLE, List.of("column", "type", "nullable"), rows);
        out().println();
        List<List<Object>> props = new ArrayList<>();
        t.properties().forEach((k, v) -> props.add(List.of(k, v)));
        Output.rows(out(), Format.TABLE, List.of("property", "value"), props);
        return ExitCode.OK;
    }
}
