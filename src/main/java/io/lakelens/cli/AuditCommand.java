package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.lake.RowEvent;
import io.lakelens.lake.RowTrail;
import io.lakelens.lake.TimeTravel;
import io.lakelens.lake.VersionDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Every change to one row across versions (inserted, updated old → new, deleted) with who, when and why, "
                + "from the change data feed, or by comparing versions when the table keeps none.")
public final class AuditCommand extends LakeCommand {
    @Parameters(paramLabel = "TABLE")
    String table;

    @Option(names = "--key", required = true, paramLabel = "COL=VALUE[,COL=VALUE]",
            description = "The row, e.g. trade_id=42 or symbol=AAPL,trade_date=2024-03-15.")
    String key;

    @Option(names = "--limit", defaultValue = "1000", description = "At most this many changes (default 1000).")
    int limit;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json.")
    Format format;

    @Override
    protected int run(AppContext ctx) {
        RowTrail trail = new TimeTravel(ctx.engine()).trail(table, key, limit);
        List<List<Object>> rows = new ArrayList<>();
        for (RowEvent e : trail.events()) {
            rows.add(List.of(e.version(), e.timestamp() == null ? "" : e.timestamp().toString(), e.user(), e.operation(),
                    e.kind().label(), keyText(e), changes(e), e.reason()));
        }
        Output.rows(out(), format, List.of("version", "timestamp", "user", "operation", "change", "row", "values", "reason"), rows);
        if (format == Format.TABLE) {
            out().printf("%d change%s to %s in %s (versions %d to %d)%s%n", trail.events().size(),
                    trail.events().size() == 1 ? "" : "s", trail.key(), table, trail.fromVersion(), trail.toVersion(),
                    trail.truncated() ? "; more exist (raise --limit)" : "");
            if (!trail.note().isEmpty()) {
                out().println(trail.note());
            }
        }
        return ExitCode.OK;
    }

    private static String keyText(RowEvent e) {
        return e.key().entrySet().stream().map(k -> k.getKey() + "=" + Output.text(k.getValue())).collect(Collectors.joining(", "));
    }

    static String changes(RowEvent e) {
        if (e.kind() == RowEvent.Kind.PRESENT) {
            return "(present when the change feed begins)";
        }
        List<String> parts = new ArrayList<>();
        for (VersionDiff.CellChange c : e.changes()) {
            if (e.key().containsKey(c.column()) && e.kind() != RowEvent.Kind.UPDATED) {
                continue;
            }
            parts.add(c.column() + ": " + (c.oldValue() == null ? "∅" : Output.text(c.oldValue())) + " → "
                    + (c.newValue() == null ? "∅" : Output.text(c.newValue())));
        }
        return String.join("; ", parts);
    }
}
