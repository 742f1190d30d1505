package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.lake.LakeListing;
import io.lakelens.lake.LakeTable;
import io.lakelens.lake.maintenance.Bytes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

@Command(name = "tables", mixinStandardHelpOptions = true,
        description = "List the Delta tables in the lake (every folder with a _delta_log, at any depth) with their state: "
                + "ok, or unreadable with the reason. Reads the tables' logs only.")
public final class TablesCommand extends LakeCommand {
    @Option(names = "--format", defaultValue = "table", description = "table, csv or json.")
    Format format;

    @Override
    protected int run(AppContext ctx) {
        LakeListing listing = ctx.engine().listTables();
        if (listing.tables().isEmpty() && format == Format.TABLE) {
            out().println("No Delta tables in " + ctx.config().lakeRoot() + ". Run `lakelens generate --dataset small` to create some.");
            listing.skipped().forEach(s -> out().println("Not searched: " + s));
            return ExitCode.OK;
        }
        List<List<Object>> rows = new ArrayList<>();
        for (LakeTable t : listing.tables()) {
            LakeTable.Summary s = t.summary();
            rows.add(Arrays.asList(t.name(),
                    s == null ? "" : s.version(),
                    s == null || s.rows() < 0 ? "" : s.rows(),
                    s == null ? "" : s.files(),
                    s == null ? "" : Bytes.human(s.bytes()),
                    s == null ? "" : String.join(",", s.partitionColumns()),
                    s == null ? "" : s.lastCommit().toString(),
                    t.status().label(),
                    t.reason()));
        }
        Output.rows(out(), format, List.of("table", "version", "rows", "files", "size", "partitioned_by", "last_commit",
                "state", "note"), rows);
        if (format == Format.TABLE) {
            long broken = listing.tables().stream().filter(t -> !t.readable()).count();
            out().printf("%d table%s, %d unreadable%n", listing.tables().size(), listing.tables().size() == 1 ? "" : "s", broken);
            listing.skipped().forEach(s -> out().println("Not searched: " + s));
            if (ctx.config().isBucketLake()) {
                out().println(io.lakelens.lake.s3.S3Lakes.SINGLE_WRITER_NOTE);
            }
        }
        return ExitCode.OK;
    }
}
