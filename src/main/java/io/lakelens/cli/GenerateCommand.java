package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.LakeLensException;
import io.lakelens.data.DatasetSize;
import io.lakelens.data.GenerationReport;
import io.lakelens.data.LakeGenerator;
import io.lakelens.data.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Build the synthetic financial lake (market_data, trading_transactions, portfolio_holdings, "
                + "market_events) with a realistic commit history, deterministically from a seed.",
                "Sizes by market_data rows: tiny 1K, small 10K, medium 100K, large 1M, xlarge 10M."})
public final class GenerateCommand extends LakeCommand {
    @Option(names = "--dataset", paramLabel = "SIZE", defaultValue = "small",
            description = "tiny, small, medium, large or xlarge (default ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the data; the same seed gives the same lake (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--force", description = "Replace the generated tables if the lake already has them (their history is lost).")
    boolean force;

    @Override
    protected int run(AppContext ctx) {
        DatasetSize size = DatasetSize.parse(dataset);
        List<String> existing = ctx.engine().tableNames().stream().filter(Tables.GENERATED::contains).toList();
        if (!existing.isEmpty() && !force) {
            throw new LakeLensException("The lake " + ctx.config().lakeRoot() + " already has " + String.join(", ", existing)
                    + "; pass --force to replace them (their history is lost) or --lake with another folder.");
        }
        PrintWriter out = out();
        out.printf(Locale.ROOT, "Generating %s (%,d market_data rows, seed %d) into %s%n", size.label(), size.rows(), seed,
                ctx.config().lakeRoot());
        out.flush();
        Progress progress = progress();
        GenerationReport report = new LakeGenerator(ctx.engine()).generate(size, seed, progress::update);
        progress.clear();
        List<List<Object>> rows = new ArrayList<>();
        for (String table : Tables.GENERATED) {
            rows.add(List.of(table, report.rowsPerTable().getOrDefault(table, 0L),
                    report.versionsPerTable().getOrDefault(table, 0L)));
        }
        Output.rows(out, Format.TABLE, List.of("table", "rows", "versions"), rows);
        out.printf(Locale.ROOT, "Generated %,d rows in %.1f s (%,.0f rows/s).%n", report.totalRows(),
                report.elapsedMs() / 1000.0, report.rowsPerSecond());
        out.flush();
        return ExitCode.OK;
    }
}
