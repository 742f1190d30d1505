package io.lakelens.analytics;

import io.lakelens.LakeLensException;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.CellText;
import io.lakelens.lake.Errors;
import io.lakelens.lake.LakeEngine;
import io.lakelens.text.Csv;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes the full result of a read-only query to one CSV or Parquet file inside a folder the
 * user chose. The file name is checked so the file can only land in that folder (no
 * separators, no {@code ..}, no symlink), never inside the lake, and never over an existing
 * file unless asked. The file appears only when complete: a failed or cancelled export leaves
 * nothing behind. Thread-safe.
 */
public final class ResultExport {
    private static final int MAX_NAME = 200;

    private final QueryService queries;

    public ResultExport(QueryService queries) {
        this.queries = queries;
    }

    /**
     * What was written.
     *
     * @param file      the file, absolute
     * @param rows      rows written (all of them: an export is never truncated)
     * @param bytes     size of the file
     * @param elapsedMs wall time of the export
     */
    public record Exported(Path file, long rows, long bytes, long elapsedMs) {
    }

    /**
     * Runs {@code sql} as of {@code asOf} and writes every row to {@code folder/fileName}
     * (the extension is added when missing).
     */
    public Exported export(String sql, AsOf asOf, Path folder, String fileName, ExportFormat format, boolean overwrite,
                           CancelHandle cancel) {
        long t0 = System.nanoTime();
        LakeEngine engine = queries.engine();
        Path target = target(folder, fileName, format, overwrite, engine.lakeRoot());
        Dataset<Row> df = queries.dataFrame(sql, asOf, new LinkedHashMap<>());
        return write(df, target, format, overwrite, cancel, t0);
    }

    /**
     * Writes every row of {@code df} to {@code target} (a file {@link #target} allowed), in its
     * order, streaming it (CSV a partition at a time, Parquet and JSON by Spark's writers). The
     * file appears only when complete; cancelling stops the Spark jobs and leaves nothing behind.
     */
    public static Exported write(Dataset<Row> df, Path target, ExportFormat format, boolean overwrite, CancelHandle cancel) {
        return write(df, target, format, overwrite, cancel, System.nanoTime());
    }

    private static Exported write(Dataset<Row> df, Path target, ExportFormat format, boolean overwrite, CancelHandle cancel,
                                  long t0) {
        Path temp = target.resolveSibling(".lakelens-export-" + UUID.randomUUID());
        try {
            long rows = cancel.run(df.sparkSession(), "Export to " + target.getFileName(), () -> {
                try {
                    return switch (format) {
                        case CSV -> writeCsv(df, temp);
                        case PARQUET -> writeParquet(df, temp);
                        case JSON -> writeJson(df, temp);
                    };
                } catch (LakeLensException e) {
                    throw e;
                } catch (Exception e) { // Spark and I/O failures, checked or not
                    throw new LakeLensException("The export failed: " + Errors.abbreviate(Errors.rootMessage(e)), e);
                }
            });
            Path written = format == ExportFormat.CSV ? temp : onePartFile(temp, format);
            if (overwrite) {
                Files.move(written, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(written, target); // fails if the name was taken meanwhile, unlike an atomic rename
            }
            return new Exported(target, rows, Files.size(target), (System.nanoTime() - t0) / 1_000_000);
        } catch (FileAlreadyExistsException e) {
            throw new LakeLensException(target + " appeared while exporting; nothing was overwritten.", e);
        } catch (IOException e) {
            throw new LakeLensException("Cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * The file an export may write: {@code fileName} directly inside {@code folder}. Refuses
     * names that would leave the folder, folders inside the lake, and existing files unless
     * {@code overwrite}.
     */
    public static Path target(Path folder, String fileName, ExportFormat format, boolean overwrite, Path lakeRoot) {
        if (folder == null || !Files.isDirectory(folder)) {
            throw new LakeLensException("Export folder " + folder + " does not exist; choose an existing folder.");
        }
        String name = fileName == null ? "" : fileName.strip();
        if (name.isEmpty()) {
            throw new LakeLensException("Give the export file a name, e.g. result." + format.extension() + ".");
        }
        if (name.contains("/") || name.contains("\\") || name.contains("\0") || name.equals(".") || name.equals("..")
                || name.startsWith(".") || name.length() > MAX_NAME) {
            throw new LakeLensException("'" + Errors.abbreviate(name) + "' is not a plain file name; the export goes "
                    + "directly into the chosen folder, so use a name like result." + format.extension() + ".");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (ExportFormat other : ExportFormat.values()) {
            if (other != format && lower.endsWith("." + other.extension())) {
                throw new LakeLensException("'" + name + "' ends in ." + other.extension() + " but the format is "
                        + format.label() + "; change the name or the format.");
            }
        }
        if (!lower.endsWith("." + format.extension())) {
            name = name + "." + format.extension();
        }
        Path real;
        try {
            real = folder.toRealPath();
        } catch (IOException e) {
            throw new LakeLensException("Cannot open export folder " + folder + ": " + e.getMessage(), e);
        }
        Path target = real.resolve(name).normalize();
        if (!real.equals(target.getParent())) {
            throw new LakeLensException("'" + Errors.abbreviate(name) + "' would leave the folder " + real + ".");
        }
        if (lakeRoot != null && Files.isDirectory(lakeRoot)) {
            try {
                if (real.startsWith(lakeRoot.toRealPath())) {
                    throw new LakeLensException("Exports never go inside the lake (" + lakeRoot + "); choose a folder outside it.");
                }
            } catch (IOException e) {
                throw new LakeLensException("Cannot check the lake folder " + lakeRoot + ": " + e.getMessage(), e);
            }
        }
        if (Files.isSymbolicLink(target)) {
            throw new LakeLensException(target + " is a symbolic link; exports never write through links.");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (!overwrite) {
                throw new LakeLensException(target + " already exists; choose another name or allow overwriting.");
            }
            if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new LakeLensException(target + " is not a file; it cannot be overwritten by an export.");
            }
        }
        return target;
    }

    private static long writeCsv(Dataset<Row> df, Path file) throws IOException {
        long rows = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            Csv.Writer w = Csv.to(out, Csv.LineEnd.CRLF).header(List.of(df.columns()));
            Iterator<Row> it = df.toLocalIterator();
            List<Object> cells = new ArrayList<>();
            while (it.hasNext()) {
                Row r = it.next();
                cells.clear();
                for (int i = 0; i < r.size(); i++) {
                    Object v = r.get(i);
                    // Scalars at full precision through the writer; nested values as the grids show them.
                    cells.add(v == null || v instanceof Number || v instanceof Boolean || v instanceof String
                            || v instanceof java.util.Date || v instanceof java.time.temporal.TemporalAccessor ? v : CellText.of(v));
                }
                w.row(cells);
                rows++;
            }
            w.flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return rows;
    }

    private static long writeParquet(Dataset<Row> df, Path dir) {
        // One file: the user asked for "a Parquet file", not a folder of parts.
        df.coalesce(1).write().mode("errorifexists").parquet(dir.toString());
        return df.sparkSession().read().parquet(dir.toString()).count();
    }

    /** One JSON object per line (what Spark, DuckDB and jq read); every row, nulls left out as Spark writes them. */
    private static long writeJson(Dataset<Row> df, Path dir) {
        long rows = df.count();
        df.coalesce(1).write().mode("errorifexists").json(dir.toString());
        return rows;
    }

    private static Path onePartFile(Path dir, ExportFormat format) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> parts = files.filter(p -> p.getFileName().toString().startsWith("part-")
                    && p.getFileName().toString().endsWith("." + format.extension())).toList();
            if (parts.size() != 1) {
                throw new LakeLensException("The export wrote " + parts.size() + " " + format.label() + " parts instead of one; nothing was kept.");
            }
            return parts.get(0);
        }
    }

    private static void deleteQuietly(Path p) {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // a leftover temporary file is hidden (dot name) and harmless
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
