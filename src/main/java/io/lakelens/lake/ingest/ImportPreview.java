package io.lakelens.lake.ingest;

import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What an import would load, for the analyst to confirm: the schema (inferred, with any
 * overrides applied) and the columns renamed because Delta does not allow their names.
 *
 * @param schema  the schema the rows will be read with, in Delta-safe column names
 * @param renamed original name to Delta-safe name, for the columns that changed
 * @param files   data files found under the source
 */
public record ImportPreview(ImportRequest request, ImportRequest.SourceFormat format, StructType schema,
                            Map<String, String> renamed, long files, long bytes, List<String> notes) {

    /** The schema's columns as names and type names, for callers that do not speak Spark types. */
    public List<ImportSample.ImportColumn> columns() {
        return Arrays.stream(schema.fields()).map(f -> new ImportSample.ImportColumn(f.name(), f.dataType().simpleString())).toList();
    }

    /** The column types the analyst can choose from (each accepted as an override). */
    public static List<String> typeChoices() {
        return List.of("string", "int", "bigint", "double", "decimal(18,4)", "boolean", "date", "timestamp");
    }

    /** The same preview loading into {@code table} with {@code reason}; the name is checked when it runs. */
    public ImportPreview withTarget(String table, String reason) {
        return new ImportPreview(request.withTable(table).withReason(reason), format, schema, renamed, files, bytes, notes);
    }

    /** One line per column: {@code name  type}. */
    public List<String> columnLines() {
        return Arrays.stream(schema.fields())
                .map(f -> f.name() + "  " + f.dataType().simpleString() + (f.nullable() ? "" : " not null")).toList();
    }
}
