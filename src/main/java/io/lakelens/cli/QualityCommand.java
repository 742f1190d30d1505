package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.analytics.CancelHandle;
import io.lakelens.analytics.quality.QualityChecker;
import io.lakelens.analytics.quality.QualityReport;
import io.lakelens.analytics.quality.QualityRules;
import io.lakelens.analytics.quality.Rule;
import io.lakelens.lake.AsOfs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@Command(name = "quality", mixinStandardHelpOptions = true,
        description = {"Check a table's data quality at every version from --since to --version: nulls in key columns, duplicate "
                + "keys, negative or zero prices, high below low, close outside low–high, negative volume, price jumps beyond k "
                + "daily standard deviations, symbols with no new rows for N trading days, schema drift.",
                "Each finding names the commit that introduced it and, once gone, the commit that fixed it; the trend lists "
                        + "the findings per version.",
                "--set NAME=VALUE changes the table's rules and keeps them in the lake's .lakelens/quality-rules.json: key=COL,.., "
                        + "symbol=, date=, prices=COL,.., close=, high=, low=, volume=, jump-k=10, stale-days=5, "
                        + "disable=RULE,.., enable=RULE,.."})
public final class QualityCommand extends LakeCommand {
    @Parameters(paramLabel = "TABLE")
    String table;

    @Option(names = "--version", paramLabel = "VERSION|TIMESTAMP", description = "Last version checked (default latest).")
    String version;

    @Option(names = "--since", paramLabel = "VERSION|TIMESTAMP", description = "First version checked (default the oldest in the log).")
    String since;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Change a rule setting for this table (kept in the lake).")
    List<String> settings;

    @Option(names = "--rules", description = "Print the rules in force for the table and stop.")
    boolean showRules;

    @Option(names = "--open", description = "List only findings still open at the last version.")
    boolean openOnly;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json.")
    Format format;

    @Override
    protected int run(AppContext ctx) {
        QualityChecker checker = new QualityChecker(ctx.engine(), ctx::cache, ctx::tableVersions);
        ctx.engine().requireTable(table);
        if (settings != null && !settings.isEmpty()) {
            QualityRules rules = checker.rulesFor(table);
            for (String s : settings) {
                rules = rules.with(s);
            }
            checker.rules().put(table, rules);
            err().println("Rules for " + table + " saved in " + checker.rules().file());
        }
        if (showRules) {
            QualityRules r = checker.rulesFor(table);
            if (format == Format.JSON) {
                out().println(Output.json(r));
            } else {
                out().print(Output.table(List.of("setting", "value"), List.of(
                        List.of("key", String.join(",", r.keyColumns())), List.of("symbol", text(r.symbolColumn())),
                        List.of("date", text(r.dateColumn())), List.of("prices", String.join(",", r.priceColumns())),
                        List.of("close", text(r.closeColumn())), List.of("high", text(r.highColumn())),
                        List.of("low", text(r.lowColumn())), List.of("volume", text(r.volumeColumn())),
                        List.of("jump-k", r.jumpK()), List.of("stale-days", r.staleDays()),
                        List.of("disabled", String.join(",", r.disabled().stream().map(Rule::id).sorted().toList())))));
            }
            out().flush();
            return ExitCode.OK;
        }
        long[] last = {0};
        QualityReport report = checker.check(table, version == null ? null : AsOfs.parse(version),
                since == null ? null : AsOfs.parse(since), new CancelHandle(), (step, fraction) -> {
                    long now = System.currentTimeMillis();
                    if (now - last[0] >= 1000 || fraction >= 1) {
                        last[0] = now;
                        err().printf(Locale.ROOT, "… %3.0f%% %s%n", fraction * 100, step);
                        err().flush();
                    }
                });
        List<QualityReport.TrackedFinding> shown = openOnly ? report.open() : report.findings();
        if (format == Format.JSON) {
            out().println(Output.json(openOnly ? new QualityReport(report.table(), report.fromVersion(), report.toVersion(),
                    report.rules(), report.trend(), shown, report.notes(), report.seconds()) : report));
            out().flush();
            return ExitCode.OK;
        }
        List<List<Object>> rows = new ArrayList<>();
        for (QualityReport.TrackedFinding f : shown) {
            rows.add(List.of(f.status().label(), f.atVersion().rule().id(), f.atVersion().where(), f.atVersion().detail(),
                    (f.introducedBeforeRange() ? "≤ " : "") + f.introduced(), f.fixed() == null ? "" : f.fixed().toString()));
        }
        List<String> header = List.of("status", "rule", "where", "detail", "introduced by", "fixed by");
        if (format == Format.CSV) {
            Output.rows(out(), Format.CSV, header, rows);
            return ExitCode.OK;
        }
        out().printf(Locale.ROOT, "Data quality of %s, versions %d to %d: %d open, %d fixed, %d schema change%s%n%n", report.table(),
                report.fromVersion(), report.toVersion(), report.open().size(), report.fixed().size(),
                report.findings().size() - report.open().size() - report.fixed().size(),
                report.findings().size() - report.open().size() - report.fixed().size() == 1 ? "" : "s");
        if (rows.isEmpty()) {
            out().println("No findings.");
        } else {
            out().print(Output.table(header, rows));
        }
        out().println();
        out().println("Findings per version:");
        List<Rule> rules = List.of(Rule.values());
        List<String> trendHeader = new ArrayList<>(List.of("version", "operation"));
        List<Rule> used = rules.stream().filter(r -> report.trend().stream().anyMatch(v -> v.counts().containsKey(r))).toList();
        used.forEach(r -> trendHeader.add(r.id()));
        trendHeader.add("total");
        List<List<Object>> trend = new ArrayList<>();
        for (QualityReport.VersionCheck v : report.trend()) {
            List<Object> row = new ArrayList<>(List.of(v.version(), v.operation() + (v.carried() ? " (rows unchanged)" : "")));
            used.forEach(r -> row.add(v.counts().getOrDefault(r, 0L)));
            row.add(v.total());
            trend.add(row);
        }
        out().print(Output.table(trendHeader, trend));
        report.notes().forEach(n -> out().println("note: " + n));
        out().printf(Locale.ROOT, "%nChecked in %.1f s.%n", report.seconds());
        out().flush();
        return ExitCode.OK;
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
