package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.LakeLensException;
import io.lakelens.lake.SparkJobs;
import io.lakelens.lake.change.ChangeRunner;
import io.lakelens.lake.change.LakeChange;
import io.lakelens.lake.ingest.DataImporter;
import io.lakelens.lake.ingest.ImportPreview;
import io.lakelens.lake.ingest.ImportRequest;
import io.lakelens.lake.ingest.ImportResult;
import io.lakelens.lake.maintenance.Bytes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.Console;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Load your own CSV, JSON or Parquet file or folder into a Delta table of the lake. Shows the inferred "
                + "schema for confirmation; rows that do not fit are counted and reported, not loaded.")
public final class ImportCommand extends LakeCommand {
    @Parameters(paramLabel = "FILE|FOLDER")
    Path source;

    @Option(names = "--table", required = true, description = "Table to create or load into.")
    String table;

    @Option(names = "--format", description = "csv, parquet or json (default: from the file names).")
    String format;

    @Option(names = "--mode", defaultValue = "create", description = "create (default), append or overwrite.")
    String mode;

    @Option(names = "--partition-by", split = ",", paramLabel = "COL", description = "Partition the new table by these columns.")
    List<String> partitionBy;

    @Option(names = "--type", paramLabel = "COL=TYPE", description = "Override an inferred type (repeatable): price=double, day=date, …")
    Map<String, String> types;

    @Option(names = "--yes", description = "Import without asking to confirm the schema.")
    boolean yes;

    @Option(names = "--convert", description = "Convert the plain Parquet folder lake/TABLE into a Delta table in place (no copy).")
    boolean convert;

    @Option(names = "--reason", description = "Why; recorded in the commit.")
    String reason;

    @Override
    protected int run(AppContext ctx) {
        DataImporter importer = new DataImporter(ctx.engine());
        SparkJobs.Control control = new SparkJobs.Control(new ProgressPrinter(progress()));
        if (convert) {
            Path folder = ctx.engine().tablePath(table).toAbsolutePath().normalize();
            if (!source.toAbsolutePath().normalize().equals(folder)) {
                throw new LakeLensException("--convert works in place: FOLDER must be the lake's folder " + folder
                        + " (move or copy the Parquet folder there first, or import it without --convert).");
            }
            long v = new ChangeRunner(ctx.engine())
                    .run(new LakeChange.Convert(table, reason), control).version();
            out().println("Converted " + folder + " to Delta table " + table + " (version " + v + ").");
            return ExitCode.OK;
        }
        ImportRequest.Mode m;
        try {
            m = ImportRequest.Mode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new LakeLensException("Unknown --mode '" + mode + "'; choose create, append or overwrite.");
        }
        ImportRequest req = new ImportRequest(source, table, format == null ? null : ImportRequest.SourceFormat.parse(format), m,
                partitionBy, types == null ? Map.of() : new LinkedHashMap<>(types), reason);
        ImportPreview p = importer.preview(req);
        var o = out();
        o.printf(Locale.ROOT, "%s: %d %s file%s, %s → table %s (%s)%n", source, p.files(), p.format().sparkName(),
                p.files() == 1 ? "" : "s", Bytes.human(p.bytes()), table, m.name().toLowerCase(Locale.ROOT));
        p.columnLines().forEach(line -> o.println("  " + line));
        p.notes().forEach(n -> o.println("  note: " + n));
        o.flush();
        if (!yes) {
            Console console = System.console();
            if (console == null) {
                throw new LakeLensException("Confirm the schema above with --yes (no terminal to ask on); change types with --type COL=TYPE.");
            }
            String answer = console.readLine("Import with this schema? [y/N] ");
            if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
                o.println("Not imported.");
                return ExitCode.USER_ERROR;
            }
        }
        ImportResult r = new ChangeRunner(ctx.engine())
                .run(new LakeChange.Import(p), control).result();
        o.println(r.summary());
        if (r.badRows() > 0) {
            o.println("Bad rows (not loaded), first " + r.samples().size() + ":");
            r.samples().forEach(b -> o.println("  " + b.file() + ": " + b.reason() + "  ← " + abbreviate(b.raw())));
        }
        return ExitCode.OK;
    }

    private static String abbreviate(String raw) {
        String one = raw == null ? "" : raw.replace('\n', ' ').strip();
        return one.length() > 100 ? one.substring(0, 99) + "…" : one;
    }
}
