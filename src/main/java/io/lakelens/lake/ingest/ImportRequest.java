package io.lakelens.lake.ingest;

import io.lakelens.LakeLensException;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A file or folder to load into a Delta table of the lake.
 *
 * @param format        null to detect from the file extensions
 * @param partitionBy   partition columns of a created or overwritten table
 * @param typeOverrides column to type ({@code price=double}) replacing inferred types
 * @param reason        recorded in the commit; a default names the source
 */
public record ImportRequest(Path source, String table, SourceFormat format, Mode mode, List<String> partitionBy,
                            Map<String, String> typeOverrides, String reason) {

    public enum SourceFormat {
        CSV, PARQUET, JSON;

        public static SourceFormat parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new LakeLensException("Unknown format '" + text + "'; choose csv, parquet or json.");
            }
        }

        public String sparkName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What happens to an existing table. */
    public enum Mode {
        /** The table must not exist yet. */
        CREATE,
        /** Add rows to an existing table with the same columns. */
        APPEND,
        /** Replace the table's rows (and schema) in a new version; older versions stay readable. */
        OVERWRITE
    }

    public ImportRequest {
        if (source == null) {
            throw new LakeLensException("Name a file or folder to import.");
        }
        mode = mode == null ? Mode.CREATE : mode;
        partitionBy = partitionBy == null ? List.of() : List.copyOf(partitionBy);
        typeOverrides = typeOverrides == null ? Map.of() : Map.copyOf(typeOverrides);
    }

    public static ImportRequest of(Path source, String table) {
        return new ImportRequest(source, table, null, Mode.CREATE, List.of(), Map.of(), null);
    }

    public ImportRequest withTable(String t) {
        return new ImportRequest(source, t, format, mode, partitionBy, typeOverrides, reason);
    }

    public ImportRequest withFormat(SourceFormat f) {
        return new ImportRequest(source, table, f, mode, partitionBy, typeOverrides, reason);
    }

    public ImportRequest withMode(Mode m) {
        return new ImportRequest(source, table, format, m, partitionBy, typeOverrides, reason);
    }

    public ImportRequest withPartitionBy(List<String> cols) {
        return new ImportRequest(source, table, format, mode, cols, typeOverrides, reason);
    }

    public ImportRequest withTypes(Map<String, String> types) {
        return new ImportRequest(source, table, format, mode, partitionBy, types, reason);
    }

    public ImportRequest withReason(String r) {
        return new ImportRequest(source, table, format, mode, partitionBy, typeOverrides, r);
    }
}
