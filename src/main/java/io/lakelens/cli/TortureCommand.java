package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.LakeLensException;
import io.lakelens.lake.LakeEngine;
import io.lakelens.reliability.ChildJvm;
import io.lakelens.reliability.ConcurrentWriters;
import io.lakelens.reliability.CrashRecovery;
import io.lakelens.reliability.LakeAgent;
import io.lakelens.reliability.ProcessWriters;
import io.lakelens.reliability.ReliabilityReport;
import io.lakelens.reliability.ScenarioResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

@Command(name = "torture", mixinStandardHelpOptions = true,
        description = {"Run the reliability scenarios again and again for a while, at a larger scale than the test suite: "
                + "concurrent writers with OPTIMIZE and another engine, several processes on one lake, and kill -9 "
                + "during append, OPTIMIZE and RESTORE. Works on its own scratch lake (never on --lake) and prints the "
                + "summary table; exit code 1 when any acknowledged row was lost or any operation failed."})
public final class TortureCommand extends LakeCommand {
    @Option(names = "--minutes", defaultValue = "10", description = "How long to run (default 10).")
    int minutes;

    @Option(names = "--work", paramLabel = "DIR", description = "Scratch folder (default: a new temporary folder).")
    Path work;

    @Option(names = "--threads", defaultValue = "4", description = "Writer threads in the concurrent-writers scenario (default 4).")
    int threads;

    /** The scenarios a round can run. */
    enum Scenario { writers, processes, crashes }

    @Option(names = "--only", split = ",", paramLabel = "SCENARIO", defaultValue = "writers,processes,crashes",
            description = "Run only these scenarios, comma-separated: writers (threads and OPTIMIZE in one process), "
                    + "processes (several processes on one lake), crashes (kill -9 during writes). Default: all.")
    Set<Scenario> only;

    @Option(names = "--seed", description = "Seed for the random choices (default: the clock); printed so a run can be repeated.")
    Long seed;

    @Override
    protected int run(AppContext ctx) {
        if (minutes < 1 || minutes > 24 * 60) {
            throw new LakeLensException("--minutes must be between 1 and 1440, not " + minutes + ".");
        }
        if (threads < 1 || threads > 32) {
            throw new LakeLensException("--threads must be between 1 and 32, not " + threads + ".");
        }
        long s = seed != null ? seed : System.currentTimeMillis();
        Path dir = scratch();
        Path lake = dir.resolve("lake");
        out().printf("Torture run for %d min, seed %d, scratch lake %s%n", minutes, s, lake);
        out().flush();
        LakeEngine engine = ctx.own(new LakeEngine(ctx.config().withLake(lake).withReadOnly(false)));
        engine.spark();
        ReliabilityReport report = new ReliabilityReport();
        long deadline = Long.MAX_VALUE;
        Random rnd = new Random(s);
        List<ChildJvm> agents = new ArrayList<>();
        try {
            for (String name : only.contains(Scenario.processes) ? List.of("agentA", "agentB") : List.<String>of()) {
                agents.add(ChildJvm.start(name, LakeAgent.class.getName(), List.of(lake.toString()), List.of("-Xmx1g"),
                        Map.of(), dir.resolve("logs")));
            }
            for (ChildJvm a : agents) {
                a.await(l -> l.startsWith("READY"), Duration.ofMinutes(5));
            }
            // the clock starts once every process is up; a round always completes at least once
            deadline = System.nanoTime() + Duration.ofMinutes(minutes).toNanos();
            for (int round = 1; System.nanoTime() < deadline; round++) {
                if (only.contains(Scenario.writers)) {
                    record(report, ConcurrentWriters.run(engine, "contested_" + round,
                            new ConcurrentWriters.Params(threads, 12, 500, 20, s + round)));
                }
                if (only.contains(Scenario.processes) && System.nanoTime() < deadline) {
                    record(report, ProcessWriters.run(engine, "shared_" + round, agents, 6, 1000, false, true));
                }
                if (only.contains(Scenario.crashes) && System.nanoTime() < deadline) {
                    CrashRecovery.Kind kind = CrashRecovery.Kind.values()[(round - 1) % CrashRecovery.Kind.values().length];
                    record(report, CrashRecovery.run(engine, "crash_" + round, kind, 2000, rnd, dir.resolve("logs"), t -> List.of()));
                }
            }
        } catch (RuntimeException e) {
            record(report, new ScenarioResult("torture stopped", 1, 1, 0, String.valueOf(e.getMessage())));
        } finally {
            agents.forEach(ChildJvm::close);
        }
        String table = report.table();
        out().println();
        out().print(table);
        try {
            Files.writeString(dir.resolve("torture-summary.txt"), "seed " + s + "\n" + table);
        } catch (IOException e) {
            err().println("lakelens: cannot keep the summary in " + dir + ": " + e.getMessage());
        }
        out().println("Summary kept in " + dir.resolve("torture-summary.txt"));
        long failures = report.results().stream().mapToLong(ScenarioResult::failures).sum();
        return report.lostRows() == 0 && failures == 0 ? ExitCode.OK : ExitCode.USER_ERROR;
    }

    private void record(ReliabilityReport report, ScenarioResult r) {
        report.add(r);
        out().printf("%-32s ops %5d  failures %d  lost %d  %s%n", r.scenario(), r.operations(), r.failures(), r.lostRows(),
                r.detail());
        out().flush();
    }

    private Path scratch() {
        try {
            if (work == null) {
                return Files.createTempDirectory("lakelens-torture");
            }
            Files.createDirectories(work);
            try (var entries = Files.list(work)) {
                if (entries.findAny().isPresent()) {
                    throw new LakeLensException("The scratch folder " + work + " is not empty; torture only runs in an empty "
                            + "folder so it can never touch a real lake.");
                }
            }
            return work.toAbsolutePath();
        } catch (IOException e) {
            throw new LakeLensException("Cannot create the scratch folder: " + e.getMessage(), e);
        }
    }
}
