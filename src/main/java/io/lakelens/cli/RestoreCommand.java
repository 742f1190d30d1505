package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.LakeLensException;
import io.lakelens.lake.AsOfs;
import io.lakelens.lake.RestorePlan;
import io.lakelens.lake.RestoreResult;
import io.lakelens.lake.TimeTravel;
import io.lakelens.lake.change.ChangeRunner;
import io.lakelens.lake.change.LakeChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a table to an older version after previewing what changes. Without --yes it prints the "
                + "preview and asks; the restore commit records who and why.")
public final class RestoreCommand extends LakeCommand {
    @Parameters(paramLabel = "TABLE")
    String table;

    @Option(names = "--to", required = true, paramLabel = "VERSION|TIMESTAMP", description = "The version to go back to.")
    String to;

    @Option(names = "--reason", required = true, description = "Why; recorded in the commit for the audit trail.")
    String reason;

    @Option(names = "--yes", description = "Restore without asking (for scripts).")
    boolean yes;

    @Option(names = "--key", split = ",", paramLabel = "COLS", description = "Columns that identify a row in the preview.")
    List<String> key;

    @Option(names = "--show", defaultValue = "20", description = "Preview rows to print (default 20).")
    int show;

    @Override
    protected int run(AppContext ctx) {
        if (reason == null || reason.isBlank()) {
            throw new LakeLensException("--reason must say why; it is recorded in the restore commit.");
        }
        if (show < 0 || show > 10_000) {
            throw new LakeLensException("--show must be between 0 and 10,000, not " + show + ".");
        }
        TimeTravel tt = new TimeTravel(ctx.engine());
        try (RestorePlan plan = tt.previewRestore(table, AsOfs.parse(to), key == null ? List.of() : key)) {
            out().println(plan.describe());
            DiffRows.summary(out(), plan.diff().summary());
            if (show > 0 && !plan.diff().summary().identical()) {
                out().println();
                var page = plan.diff().page(null, 0, Math.max(1, show));
                Output.rows(out(), Format.TABLE, DiffRows.header(plan.diff()), DiffRows.rows(page));
                if (plan.diff().summary().total() > page.size()) {
                    out().printf("… and %,d more row%s (see `lakelens diff %s --from %d --to %d`)%n",
                            plan.diff().summary().total() - page.size(), plan.diff().summary().total() - page.size() == 1 ? "" : "s",
                            table, plan.currentVersion(), plan.targetVersion());
                }
            }
            if (!yes && !confirmed(plan)) {
                return ExitCode.USER_ERROR;
            }
            RestoreResult done = new ChangeRunner(ctx.engine())
                    .run(new LakeChange.Restore(plan, reason), null).result();
            out().printf("Restored %s to version %d; the restore is version %d (reason: %s).%n", table, done.restoredTo(),
                    done.newVersion(), reason.strip());
        }
        return ExitCode.OK;
    }

    private boolean confirmed(RestorePlan plan) {
        out().printf("Type yes to restore %s to version %d: ", table, plan.targetVersion());
        out().flush();
        String answer;
        try {
            answer = in().readLine();
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null) {
            out().println();
            throw new LakeLensException("No answer on standard input, so nothing was restored; "
                    + "run it in a terminal or pass --yes to restore without asking.");
        }
        if (!List.of("yes", "y").contains(answer.trim().toLowerCase(Locale.ROOT))) {
            err().println("lakelens: restore cancelled; nothing was changed.");
            return false;
        }
        return true;
    }
}
