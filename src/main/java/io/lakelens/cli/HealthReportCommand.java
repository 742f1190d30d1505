package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.lake.maintenance.Bytes;
import io.lakelens.lake.maintenance.HealthInspector;
import io.lakelens.lake.maintenance.SizeHistogram;
import io.lakelens.lake.maintenance.TableHealth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@Command(name = "health-report", mixinStandardHelpOptions = true,
        description = "File-level health of a table: file sizes, small files, partitions, Z-order, deletion vectors, "
                + "maintenance properties and what OPTIMIZE would gain. Reads the log only; changes nothing.")
public final class HealthReportCommand extends LakeCommand {
    @Parameters(paramLabel = "TABLE")
    String table;

    @Option(names = "--small-file-threshold", paramLabel = "SIZE",
            description = "Files under this size count as small (default: a quarter of OPTIMIZE's target, e.g. 8MiB).")
    String threshold;

    @Option(names = "--format", defaultValue = "table", description = "table or json.")
    Format format;

    @Override
    protected int run(AppContext ctx) {
        HealthInspector inspector = new HealthInspector(ctx.engine());
        TableHealth h = threshold == null ? inspector.inspect(table) : inspector.inspect(table, Bytes.parse(threshold));
        if (format == Format.JSON) {
            out().println(Output.json(h));
            return ExitCode.OK;
        }
        var o = out();
        o.printf(Locale.ROOT, "%s  version %d · %,d file%s · %s · %s rows%n", h.table(), h.version(), h.fileCount(),
                h.fileCount() == 1 ? "" : "s",
                Bytes.human(h.totalBytes()), h.rows() < 0 ? "?" : String.format(Locale.ROOT, "%,d", h.rows()));
        o.println();
        o.println("Verdict: " + h.verdict());
        h.findings().forEach(f -> o.println("  · " + f));
        o.println();
        o.printf(Locale.ROOT, "Small files (< %s): %,d of %,d (%.0f%%)%n", Bytes.human(h.smallFileThresholdBytes()),
                h.smallFiles(), h.fileCount(), h.smallFileRatio() * 100);
        if (h.rows() >= 0 && h.fileCount() > 0) {
            o.printf(Locale.ROOT, "Rows per file: min %,d · avg %,d · max %,d%n", h.minRowsPerFile(), h.avgRowsPerFile(), h.maxRowsPerFile());
        }
        o.println("Z-order: " + (h.zOrderColumns().isEmpty() ? "none" : String.join(", ", h.zOrderColumns())
                + " (version " + h.zOrderVersion() + ", " + h.commitsSinceZOrder() + " commits since)")
                + " · clustering: " + (h.clusteringColumns().isEmpty() ? "none" : String.join(", ", h.clusteringColumns())));
        o.printf(Locale.ROOT, "Deletion vectors: %,d file%s, %,d deleted rows%n", h.deletionVectorFiles(),
                h.deletionVectorFiles() == 1 ? "" : "s", h.deletedRows());
        o.println();
        o.println("File sizes:");
        o.print(histogram(h.histogram()));
        if (!h.partitionColumns().isEmpty()) {
            o.println();
            o.printf(Locale.ROOT, "Partitions by %s: %,d (largest / median = %.1f×)%n", String.join(", ", h.partitionColumns()),
                    h.partitions().size(), h.partitionSkew());
            List<List<Object>> rows = new ArrayList<>();
            h.partitions().stream().sorted((a, b) -> Long.compare(b.bytes(), a.bytes())).limit(10).forEach(p ->
                    rows.add(List.of(p.key(), p.files(), Bytes.human(p.bytes()), p.rows(), p.smallFiles())));
            Output.rows(o, Format.TABLE, List.of("partition", "files", "size", "rows", "small"), rows);
            if (h.partitions().size() > 10) {
                o.println("(" + (h.partitions().size() - 10) + " smaller partitions not shown)");
            }
        }
        o.println();
        List<List<Object>> props = new ArrayList<>();
        h.properties().forEach(p -> props.add(List.of(p.key(), p.value(), p.source())));
        Output.rows(o, Format.TABLE, List.of("property", "value", "set by"), props);
        return ExitCode.OK;
    }

    static String histogram(SizeHistogram hist) {
        long max = hist.buckets().stream().mapToLong(SizeHistogram.Bucket::files).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (SizeHistogram.Bucket b : hist.buckets()) {
            int bar = max == 0 ? 0 : (int) Math.ceil(40.0 * b.files() / max);
            sb.append(String.format(Locale.ROOT, "  %-16s %8d  %s%n", b.label(), b.files(), "█".repeat(bar)));
        }
        return sb.toString();
    }
}
