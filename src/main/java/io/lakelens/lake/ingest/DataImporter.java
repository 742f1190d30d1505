package io.lakelens.lake.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import io.delta.tables.DeltaTable;
import io.lakelens.LakeLensException;
import io.lakelens.lake.Commit;
import io.lakelens.lake.Errors;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.SparkJobs;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;

/**
 * Loads an analyst's own CSV, JSON or Parquet files into a Delta table of the lake. Two steps:
 * {@link #preview} infers the schema (with the analyst's type overrides) and changes nothing;
 * {@link #run} loads the rows as one commit with the user and reason. Rows that do not fit the
 * schema are not loaded: they are counted and sampled with the reason, never silently dropped
 * and never the cause of a failed load. {@link #convertInPlace} turns a plain Parquet folder of
 * the lake into a Delta table without copying. Thread-safe.
 */
public final class DataImporter {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Characters Delta refuses in column names (without column mapping). */
    private static final Pattern BAD_NAME_CHARS = Pattern.compile("[ ,;{}()\\n\\t=]+");
    private static final Pattern TYPE = Pattern.compile(
            "(?i)string|int|integer|bigint|long|smallint|short|tinyint|byte|double|float|real|boolean|bool|date|timestamp|decimal\\(\\s*\\d{1,2}\\s*(,\\s*\\d{1,2}\\s*)?\\)");
    private static final int SAMPLES = 5;

    private final LakeEngine engine;

    public DataImporter(LakeEngine engine) {
        this.engine = engine;
    }

    /** Infers what {@link #run} would load. Reads the source (a Spark job for CSV and JSON); writes nothing. */
    public ImportPreview preview(ImportRequest request) {
        Path source = request.source().toAbsolutePath().normalize();
        if (!Files.exists(source)) {
            throw new LakeLensException("No file or folder " + source + ".");
        }
        if (Files.isDirectory(source.resolve("_delta_log"))) {
            throw new LakeLensException(source + " is already a Delta table; open it with --lake " + source.getParent() + ".");
        }
        engine.tablePath(request.table());
        List<Path> files = dataFiles(source);
        ImportRequest.SourceFormat format = request.format() != null ? request.format() : detect(source, files);
        long bytes = files.stream().mapToLong(DataImporter::size).sum();
        if (files.isEmpty()) {
            throw new LakeLensException("No data files under " + source + ".");
        }
        SparkSession spark = engine.spark();
        StructType inferred;
        try {
            inferred = reader(spark, format, source, null).load(source.toString()).schema();
        } catch (Exception e) { // Spark throws checked exceptions undeclared
            throw new LakeLensException("Cannot read " + source + " as " + format.sparkName() + ": "
                    + Errors.abbreviate(Errors.rootMessage(e)), e);
        }
        List<String> notes = new ArrayList<>();
        Map<String, String> renamed = new LinkedHashMap<>();
        StructType schema = safeNames(inferred, renamed);
        schema = applyOverrides(schema, inferred, request.typeOverrides());
        for (String p : request.partitionBy()) {
            if (!List.of(schema.fieldNames()).contains(p)) {
                throw new LakeLensException("Cannot partition by '" + p + "': the columns are " + String.join(", ", schema.fieldNames()) + ".");
            }
        }
        if (!renamed.isEmpty()) {
            notes.add("Renamed for Delta: " + renamed);
        }
        if (format == ImportRequest.SourceFormat.PARQUET && Files.isDirectory(source) && source.getParent() != null
                && source.getParent().equals(engine.lakeRoot().toAbsolutePath().normalize())) {
            notes.add(source.getFileName() + " is a plain Parquet folder inside the lake: it can be converted in place "
                    + "(CONVERT TO DELTA), without copying, with --convert.");
        }
        return new ImportPreview(request, format, schema, Map.copyOf(renamed), files.size(), bytes, List.copyOf(notes));
    }

    /**
     * Reads the first {@code limit} rows of a preview's source with its schema and sorts them into
     * rows that fit and rows that do not (with the reason each). A Spark job over the start of the
     * source only; writes nothing.
     */
    public ImportSample sample(ImportPreview preview, int limit) {
        Path source = preview.request().source().toAbsolutePath().normalize();
        boolean textFormat = preview.format() != ImportRequest.SourceFormat.PARQUET;
        String corrupt = uniqueName("_corrupt_record", preview.schema());
        String fileCol = uniqueName("_source_file", preview.schema());
        List<Row> first;
        try {
            Dataset<Row> df = read(engine.spark(), preview, source, textFormat ? corrupt : null).withColumn(fileCol, input_file_name());
            first = df.limit(Math.max(1, limit)).collectAsList();
        } catch (LakeLensException e) {
            throw e;
        } catch (Exception e) { // Spark throws checked exceptions undeclared
            throw new LakeLensException("Cannot read " + source + ": " + Errors.abbreviate(Errors.rootMessage(e)), e);
        }
        int n = preview.schema().size();
        List<List<String>> rows = new ArrayList<>();
        List<ImportResult.BadRow> bad = new ArrayList<>();
        for (Row r : first) {
            String raw = textFormat ? r.getString(n) : null;
            String file = fileName(r.getString(textFormat ? n + 1 : n));
            if (raw != null) {
                bad.add(new ImportResult.BadRow(file, raw, reason(preview, raw)));
                continue;
            }
            List<String> values = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Object v = r.get(i);
                values.add(v == null ? null : v instanceof BigDecimal b ? b.toPlainString() : String.valueOf(v));
            }
            rows.add(values);
        }
        return new ImportSample(preview.columns(), rows, first.size(), bad);
    }

    /**
     * Loads the rows of a confirmed preview as one commit. Progress and cancellation go through
     * {@code control}; a cancelled load commits nothing.
     */
    public ImportResult run(ImportPreview preview, SparkJobs.Control control) {
        SparkJobs.Control ctl = control == null ? new SparkJobs.Control() : control;
        ImportRequest req = preview.request();
        String table = req.table();
        Path target = engine.tablePath(table);
        boolean exists = Files.isDirectory(target.resolve("_delta_log"));
        switch (req.mode()) {
            case CREATE -> {
                if (exists) {
                    throw new LakeLensException("Table " + table + " already exists; use --mode append or --mode overwrite.");
                }
                if (Files.exists(target) && !isEmptyDir(target)) {
                    throw new LakeLensException(target + " exists and is not a Delta table; choose another --table name.");
                }
            }
            case APPEND -> {
                if (!exists) {
                    throw new LakeLensException("Table " + table + " does not exist; use --mode create.");
                }
                if (!req.partitionBy().isEmpty()) {
                    throw new LakeLensException("--partition-by applies when creating or overwriting; appends keep the table's partitioning.");
                }
            }
            case OVERWRITE -> { }
        }
        long t0 = System.nanoTime();
        Path source = req.source().toAbsolutePath().normalize();
        String why = req.reason() == null || req.reason().isBlank() ? "import " + source.getFileName() : req.reason().strip();
        boolean textFormat = preview.format() != ImportRequest.SourceFormat.PARQUET;
        String corrupt = uniqueName("_corrupt_record", preview.schema());
        String fileCol = uniqueName("_source_file", preview.schema());
        String path = target.toString();
        List<ImportResult.BadRow> samples = new ArrayList<>();
        // Read in the write's own session: a DataFrame writes through the session that built it,
        // and only that session carries this commit's user and reason.
        long bad = engine.write(table, why, session -> {
            ctl.phase("reading " + source.getFileName());
            Dataset<Row> all = read(session, preview, source, textFormat ? corrupt : null).withColumn(fileCol, input_file_name());
            Dataset<Row> cached = all.persist(StorageLevel.MEMORY_AND_DISK());
            try {
                long badRows = 0;
                Dataset<Row> good = cached;
                if (textFormat) {
                    Column isBad = col(corrupt).isNotNull();
                    badRows = SparkJobs.run(session, ctl, "checking rows of " + source.getFileName(), () -> cached.filter(isBad).count());
                    if (badRows > 0) {
                        for (Row r : cached.filter(isBad).select(col(fileCol), col(corrupt)).limit(SAMPLES).collectAsList()) {
                            String raw = r.getString(1);
                            samples.add(new ImportResult.BadRow(fileName(r.getString(0)), raw, reason(preview, raw)));
                        }
                    }
                    good = cached.filter(col(corrupt).isNull()).drop(corrupt);
                }
                Dataset<Row> rows = good.drop(fileCol);
                ctl.phase("writing " + table);
                SparkJobs.run(session, ctl, "import into " + table, () -> {
                    var w = rows.write().format("delta").mode(req.mode() == ImportRequest.Mode.OVERWRITE ? "overwrite" : "append");
                    if (req.mode() == ImportRequest.Mode.OVERWRITE) {
                        w = w.option("overwriteSchema", "true");
                    }
                    if (!req.partitionBy().isEmpty()) {
                        w = w.partitionBy(req.partitionBy().toArray(String[]::new));
                    }
                    try {
                        w.save(path);
                    } catch (Exception e) { // Spark throws checked exceptions undeclared
                        throw new LakeLensException(writeError(table, e), e);
                    }
                    return null;
                });
                return badRows;
            } finally {
                cached.unpersist(false);
            }
        });
        Commit c = engine.history(table, 1).get(0);
        return new ImportResult(table, req.mode(), c.version(), c.metric("numOutputRows"), bad, List.copyOf(samples),
                Duration.ofNanos(System.nanoTime() - t0), why);
    }

    /**
     * Converts the plain Parquet folder {@code lake/table} into a Delta table in place (no copy).
     * Partition folders ({@code col=value}) are detected; their types come from Spark's inference.
     */
    public long convertInPlace(String table, String reason, SparkJobs.Control control) {
        Path dir = engine.tablePath(table);
        if (!Files.isDirectory(dir)) {
            throw new LakeLensException("No folder " + dir + " to convert.");
        }
        if (Files.isDirectory(dir.resolve("_delta_log"))) {
            throw new LakeLensException(table + " is already a Delta table.");
        }
        List<Path> files = dataFiles(dir);
        if (files.isEmpty() || !files.stream().allMatch(p -> p.getFileName().toString().endsWith(".parquet"))) {
            throw new LakeLensException(dir + " is not a plain Parquet folder (CONVERT TO DELTA needs only .parquet files).");
        }
        if (dir.toString().indexOf('`') >= 0) {
            throw new LakeLensException("The folder " + dir + " contains a backtick (`), which Delta cannot name.");
        }
        List<String> partitions = partitionDirs(dir);
        String why = reason == null || reason.isBlank() ? "convert Parquet folder to Delta" : reason.strip();
        engine.write(table, why, session -> SparkJobs.run(session, control, "CONVERT TO DELTA " + table, () -> {
            String ident = "parquet.`" + dir + "`";
            if (partitions.isEmpty()) {
                DeltaTable.convertToDelta(session, ident);
            } else {
                StructType inferred = session.read().parquet(dir.toString()).schema();
                StructType partSchema = new StructType();
                for (String p : partitions) {
                    partSchema = partSchema.add(inferred.apply(p));
                }
                DeltaTable.convertToDelta(session, ident, partSchema);
            }
            return null;
        }));
        return engine.latestVersion(table);
    }

    /** Whether {@code dir} is a folder of Parquet files with no Delta log. */
    public static boolean isPlainParquetFolder(Path dir) {
        if (!Files.isDirectory(dir) || Files.isDirectory(dir.resolve("_delta_log"))) {
            return false;
        }
        List<Path> files = dataFiles(dir);
        return !files.isEmpty() && files.stream().allMatch(p -> p.getFileName().toString().endsWith(".parquet"));
    }

    private static List<String> partitionDirs(Path dir) {
        List<String> cols = new ArrayList<>();
        Path level = dir;
        while (true) {
            Path next;
            try (Stream<Path> s = Files.list(level)) {
                next = s.filter(Files::isDirectory).filter(p -> p.getFileName().toString().contains("="))
                        .findFirst().orElse(null);
            } catch (IOException e) {
                throw new LakeLensException("Cannot list " + level + ": " + e.getMessage(), e);
            }
            if (next == null) {
                return cols;
            }
            String n = next.getFileName().toString();
            cols.add(n.substring(0, n.indexOf('=')));
            level = next;
        }
    }

    private Dataset<Row> read(SparkSession spark, ImportPreview p, Path source, String corruptColumn) {
        StructType schema = p.schema();
        try {
            if (p.format() == ImportRequest.SourceFormat.CSV) {
                // With a header and a given schema, CSV columns are taken by position: the safe names apply directly.
                StructType withBad = corruptColumn == null ? schema : schema.add(corruptColumn, DataTypes.StringType, true);
                return reader(spark, p.format(), source, corruptColumn).schema(withBad).load(source.toString());
            }
            // JSON and Parquet match fields by name: read with the original names, then rename.
            StructType original = originalNames(schema, p.renamed());
            StructType withBad = corruptColumn == null ? original : original.add(corruptColumn, DataTypes.StringType, true);
            Dataset<Row> df = reader(spark, p.format(), source, corruptColumn).schema(withBad).load(source.toString());
            List<String> names = new ArrayList<>(List.of(schema.fieldNames()));
            if (corruptColumn != null) {
                names.add(corruptColumn);
            }
            return df.toDF(names.toArray(String[]::new));
        } catch (Exception e) { // Spark throws checked exceptions undeclared
            throw new LakeLensException("Cannot read " + source + ": " + Errors.abbreviate(Errors.rootMessage(e)), e);
        }
    }

    private static DataFrameReader reader(SparkSession spark, ImportRequest.SourceFormat format, Path source, String corrupt) {
        DataFrameReader r = spark.read().format(format.sparkName());
        switch (format) {
            case CSV -> r = r.option("header", "true").option("inferSchema", "true").option("mode", "PERMISSIVE")
                    .option("multiLine", "false");
            case JSON -> r = r.option("mode", "PERMISSIVE").option("multiLine", Boolean.toString(jsonArray(source)));
            case PARQUET -> { }
        }
        if (corrupt != null) {
            r = r.option("columnNameOfCorruptRecord", corrupt);
        }
        return r;
    }

    private static boolean jsonArray(Path source) {
        Path first = Files.isDirectory(source) ? dataFiles(source).stream().findFirst().orElse(null) : source;
        if (first == null) {
            return false;
        }
        try (BufferedReader r = Files.newBufferedReader(first, StandardCharsets.UTF_8)) {
            int c;
            while ((c = r.read()) >= 0) {
                if (!Character.isWhitespace(c)) {
                    return c == '[';
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    static StructType safeNames(StructType inferred, Map<String, String> renamed) {
        Set<String> used = new HashSet<>();
        StructType out = new StructType();
        for (StructField f : inferred.fields()) {
            String n = BAD_NAME_CHARS.matcher(f.name().strip()).replaceAll("_");
            if (n.isEmpty()) {
                n = "column";
            }
            String base = n;
            for (int i = 2; !used.add(n.toLowerCase(Locale.ROOT)); i++) {
                n = base + "_" + i;
            }
            if (!n.equals(f.name())) {
                renamed.put(f.name(), n);
            }
            out = out.add(n, f.dataType(), true);
        }
        return out;
    }

    private static StructType originalNames(StructType safe, Map<String, String> renamed) {
        Map<String, String> back = new LinkedHashMap<>();
        renamed.forEach((orig, now) -> back.put(now, orig));
        StructType out = new StructType();
        for (StructField f : safe.fields()) {
            out = out.add(back.getOrDefault(f.name(), f.name()), f.dataType(), true);
        }
        return out;
    }

    static StructType applyOverrides(StructType schema, StructType inferred, Map<String, String> overrides) {
        StructField[] fields = schema.fields().clone();
        for (var e : overrides.entrySet()) {
            String key = e.getKey().strip();
            int i = -1;
            for (int j = 0; j < fields.length; j++) {
                if (fields[j].name().equalsIgnoreCase(key) || inferred.fields()[j].name().equalsIgnoreCase(key)) {
                    i = j;
                    break;
                }
            }
            if (i < 0) {
                throw new LakeLensException("--type names no column '" + key + "'; the columns are " + String.join(", ", schema.fieldNames()) + ".");
            }
            fields[i] = new StructField(fields[i].name(), parseType(e.getValue()), true, fields[i].metadata());
        }
        return new StructType(fields);
    }

    /** A type from the allow-list (string, int, bigint, double, boolean, date, timestamp, decimal(p,s), …). */
    static DataType parseType(String text) {
        String t = text == null ? "" : text.strip();
        if (!TYPE.matcher(t).matches()) {
            throw new LakeLensException("'" + Errors.abbreviate(t) + "' is not a column type; use string, int, bigint, double, "
                    + "float, boolean, date, timestamp or decimal(p,s).");
        }
        String l = t.toLowerCase(Locale.ROOT).replace(" ", "");
        return switch (l) {
            case "string" -> DataTypes.StringType;
            case "int", "integer" -> DataTypes.IntegerType;
            case "bigint", "long" -> DataTypes.LongType;
            case "smallint", "short" -> DataTypes.ShortType;
            case "tinyint", "byte" -> DataTypes.ByteType;
            case "double" -> DataTypes.DoubleType;
            case "float", "real" -> DataTypes.FloatType;
            case "boolean", "bool" -> DataTypes.BooleanType;
            case "date" -> DataTypes.DateType;
            case "timestamp" -> DataTypes.TimestampType;
            default -> {
                String[] ps = l.substring(l.indexOf('(') + 1, l.indexOf(')')).split(",");
                int precision = Integer.parseInt(ps[0]);
                int scale = ps.length > 1 ? Integer.parseInt(ps[1]) : 0;
                if (precision < 1 || precision > 38 || scale > precision) {
                    throw new LakeLensException("decimal(" + precision + "," + scale + ") is not a valid decimal; precision 1-38, scale ≤ precision.");
                }
                yield DataTypes.createDecimalType(precision, scale);
            }
        };
    }

    /** Why a raw CSV line or JSON record does not fit the schema, in the analyst's terms. */
    static String reason(ImportPreview p, String raw) {
        if (raw == null) {
            return "unreadable record";
        }
        StructType schema = p.schema();
        if (p.format() == ImportRequest.SourceFormat.CSV) {
            CsvParserSettings settings = new CsvParserSettings();
            settings.setLineSeparatorDetectionEnabled(true);
            String[] tokens = new CsvParser(settings).parseLine(raw);
            if (tokens == null || tokens.length != schema.size()) {
                return "has " + (tokens == null ? 0 : tokens.length) + " field" + (tokens != null && tokens.length == 1 ? "" : "s")
                        + ", expected " + schema.size();
            }
            for (int i = 0; i < tokens.length; i++) {
                String problem = misfit(tokens[i], schema.fields()[i].dataType());
                if (problem != null) {
                    return "column " + schema.fields()[i].name() + ": " + problem;
                }
            }
            return "could not be parsed as CSV with this schema";
        }
        JsonNode node;
        try {
            node = JSON.readTree(raw);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "malformed JSON: " + Errors.abbreviate(Errors.firstLine(String.valueOf(e.getOriginalMessage())));
        }
        if (node == null || !node.isObject()) {
            return "not a JSON object";
        }
        StructType original = originalNames(schema, p.renamed());
        for (int i = 0; i < original.size(); i++) {
            JsonNode v = node.get(original.fields()[i].name());
            if (v == null || v.isNull()) {
                continue;
            }
            String problem = misfit(v.isTextual() ? v.asText() : v.toString(), original.fields()[i].dataType());
            if (problem != null) {
                return "field " + original.fields()[i].name() + ": " + problem;
            }
        }
        return "does not match the schema";
    }

    private static String misfit(String value, DataType type) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String v = value.strip();
        try {
            if (type.equals(DataTypes.IntegerType)) {
                Integer.parseInt(v);
            } else if (type.equals(DataTypes.LongType)) {
                Long.parseLong(v);
            } else if (type.equals(DataTypes.ShortType)) {
                Short.parseShort(v);
            } else if (type.equals(DataTypes.ByteType)) {
                Byte.parseByte(v);
            } else if (type.equals(DataTypes.DoubleType) || type.equals(DataTypes.FloatType)) {
                Double.parseDouble(v);
            } else if (type instanceof DecimalType) {
                new BigDecimal(v);
            } else if (type.equals(DataTypes.BooleanType)) {
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException();
                }
            } else if (type.equals(DataTypes.DateType)) {
                LocalDate.parse(v);
            } else if (type.equals(DataTypes.TimestampType)) {
                LocalDateTime.parse(v.replace(' ', 'T').replaceAll("Z$", ""));
            }
            return null;
        } catch (RuntimeException e) {
            return "'" + Errors.abbreviate(v) + "' is not a valid " + type.simpleString();
        }
    }

    private static String writeError(String table, Exception e) {
        String m = Errors.rootMessage(e);
        if (m.contains("schema mismatch") || m.contains("DELTA_FAILED_TO_MERGE_FIELDS") || m.contains("SCHEMA")) {
            return "The file's columns do not match table " + table + " (" + Errors.abbreviate(m)
                    + "); use --mode overwrite to replace it, or --type to match its types.";
        }
        return "Writing " + table + " failed: " + Errors.abbreviate(m) + "; nothing was committed.";
    }

    private static String uniqueName(String base, StructType schema) {
        String n = base;
        for (int i = 2; List.of(schema.fieldNames()).contains(n); i++) {
            n = base + i;
        }
        return n;
    }

    private static String fileName(String uri) {
        if (uri == null || uri.isEmpty()) {
            return "";
        }
        int slash = uri.lastIndexOf('/');
        return URLDecoder.decode(slash >= 0 ? uri.substring(slash + 1) : uri, StandardCharsets.UTF_8);
    }

    private static ImportRequest.SourceFormat detect(Path source, List<Path> files) {
        Set<ImportRequest.SourceFormat> found = new HashSet<>();
        for (Path f : files) {
            String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".csv") || n.endsWith(".csv.gz")) {
                found.add(ImportRequest.SourceFormat.CSV);
            } else if (n.endsWith(".parquet")) {
                found.add(ImportRequest.SourceFormat.PARQUET);
            } else if (n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json.gz")) {
                found.add(ImportRequest.SourceFormat.JSON);
            }
        }
        if (found.size() == 1) {
            return found.iterator().next();
        }
        throw new LakeLensException(found.isEmpty()
                ? "Cannot tell the format of " + source + " from its file names; pass --format csv|parquet|json."
                : source + " mixes " + found + " files; pass --format to pick one.");
    }

    /** Data files under a file or folder, skipping hidden and metadata files (_SUCCESS, .crc). */
    static List<Path> dataFiles(Path source) {
        if (Files.isRegularFile(source)) {
            return List.of(source);
        }
        try (Stream<Path> s = Files.walk(source)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                for (Path part : source.relativize(p)) {
                    String n = part.toString();
                    if (n.startsWith(".") || n.startsWith("_")) {
                        return false;
                    }
                }
                return true;
            }).sorted().toList();
        } catch (IOException e) {
            throw new LakeLensException("Cannot list " + source + ": " + e.getMessage(), e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean isEmptyDir(Path p) {
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
