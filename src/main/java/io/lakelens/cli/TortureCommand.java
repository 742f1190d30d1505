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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

@Command(name = "torture", mixinStandardHelpOptions = true,
        description = {"Run the reliability scenarios again and again for a while, at a larger scale than the test suite: "
                + "concurrent writers with OPTIMIZE and another engine, several processes on one lake, and kill -9 "
                + "during append, OPTIMIZE, RESTORE and a checksum write. Every chosen scenario and every kind of kill "
                + "runs at least once (one full pass first, then more rounds while time is left). Works on its own "
                + "scratch lake (never on --lake) and prints the summary table, each row saying what it verified; "
                + "exit code 1 when any acknowledged row was lost, any operation failed, or a scenario did not run."})
public final class TortureCommand extends LakeCommand {
    @Option(names = "--minutes", defaultValue = "10",
            description = "How long to run (default 10); 0 runs exactly one pass. A pass always completes, so a run "
                    + "can last longer than this.")
    int minutes;

    @Option(names = "--work", paramLabel = "DIR", description = "Scratch folder (default: a new temporary folder).")
    Path work;

    @Option(names = "--threads", defaultValue = "4", description = "Writer threads in the concurrent-writers scenario (default 4).")
    int threads;

    @Option(names = "--batch-rows", defaultValue = "1000", paramLabel = "N",
            description = "Rows per batch a process appends (default 1000); writers append half as many, "
                    + "a killed process twice as many.")
    int batchRows;

    /** The scenarios a round can run. */
    enum Scenario { writers, processes, crashes }

    @Option(names = "--only", split = ",", paramLabel = "SCENARIO", defaultValue = "writers,processes,crashes",
            description = "Run only these scenarios, comma-separated: writers (threads and OPTIMIZE in one process), "
                    + "processes (several processes on one lake), crashes (kill -9 during writes). Default: all.")
    Set<Scenario> only;

    @Option(names = "--seed", description = "Seed for the random choices (default: the clock); printed so a run can be repeated.")
    Long seed;

    /** One run of one scenario, named as the coverage check counts it. */
    private record Run(String name, Supplier<ScenarioResult> work) {
    }

    @Override
    protected int run(AppContext ctx) {
        if (minutes < 0 || minutes > 24 * 60) {
            throw new LakeLensException("--minutes must be between 0 and 1440, not " + minutes + ".");
        }
        if (threads < 1 || threads > 32) {
            throw new LakeLensException("--threads must be between 1 and 32, not " + threads + ".");
        }
        if (batchRows < 10 || batchRows > 1_000_000) {
            throw new LakeLensException("--batch-rows must be between 10 and 1,000,000, not " + batchRows + ".");
        }
        long s = seed != null ? seed : System.currentTimeMillis();
        Path dir = scratch();
        Path lake = dir.resolve("lake");
        out().printf("Torture run for %s, seed %d, scratch lake %s%n", minutes == 0 ? "one pass" : minutes + " min", s, lake);
        out().flush();
        LakeEngine engine = ctx.own(new LakeEngine(ctx.config().withLake(lake).withReadOnly(false)));
        engine.spark();
        ReliabilityReport report = new ReliabilityReport();
        Random rnd = new Random(s);
        List<String> required = required(only);
        Map<String, Integer> ran = new LinkedHashMap<>();
        required.forEach(r -> ran.put(r, 0));
        Map<String, String> whyNot = new LinkedHashMap<>();
        List<ChildJvm> agents = new ArrayList<>();
        try {
            if (only.contains(Scenario.processes)) {
                try {
                    for (String name : List.of("agentA", "agentB")) {
                        agents.add(ChildJvm.start(name, LakeAgent.class.getName(), List.of(lake.toString()), List.of("-Xmx1g"),
                                Map.of(), dir.resolve("logs")));
                    }
                    for (ChildJvm a : agents) {
                        a.await(l -> l.startsWith("READY"), Duration.ofMinutes(5));
                    }
                } catch (RuntimeException e) {
                    whyNot.put(PROCESSES, "its processes did not start: " + e.getMessage());
                }
            }
            // the clock starts once every process is up; the first pass always runs in full
            long deadline = System.nanoTime() + Duration.ofMinutes(minutes).toNanos();
            for (int round = 1; round == 1 || System.nanoTime() < deadline; round++) {
                for (Run r : round(engine, agents, round, s, rnd, dir, whyNot)) {
                    if (round > 1 && System.nanoTime() >= deadline) {
                        break;
                    }
                    try {
                        record(report, r.work().get());
                        ran.merge(r.name(), 1, Integer::sum);
                    } catch (RuntimeException e) {
                        record(report, new ScenarioResult(r.name() + " (stopped)", 1, 1, 0, String.valueOf(e.getMessage())));
                        whyNot.putIfAbsent(r.name(), "stopped: " + e.getMessage());
                    }
                }
            }
        } finally {
            agents.forEach(ChildJvm::close);
        }
        List<String> missing = missing(ran);
        String coverage = "Ran: " + String.join(", ", ran.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue()).toList())
                + (missing.isEmpty() ? "" : System.lineSeparator() + "DID NOT RUN: " + String.join("; ",
                missing.stream().map(m -> m + (whyNot.containsKey(m) ? " (" + whyNot.get(m) + ")" : "")).toList()));
        String table = report.table();
        out().println();
        out().print(table);
        out().println(coverage);
        try {
            Files.writeString(dir.resolve("torture-summary.txt"), "seed " + s + "\n" + table + coverage + "\n");
        } catch (IOException e) {
            err().println("lakelens: cannot keep the summary in " + dir + ": " + e.getMessage());
        }
        out().println("Summary kept in " + dir.resolve("torture-summary.txt"));
        long failures = report.results().stream().mapToLong(ScenarioResult::failures).sum();
        if (!missing.isEmpty()) {
            err().println("lakelens: torture did not run " + String.join(", ", missing) + "; see the summary.");
        }
        return report.lostRows() == 0 && failures == 0 && missing.isEmpty() ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }

    static final String WRITERS = "concurrent writers + OPTIMIZE";
    static final String PROCESSES = "two+ processes, one lake";

    /** What a run must have run at least once: each chosen scenario, and each kind of kill when crashes are chosen. */
    static List<String> required(Set<Scenario> only) {
        List<String> r = new ArrayList<>();
        if (only.contains(Scenario.writers)) {
            r.add(WRITERS);
        }
        if (only.contains(Scenario.processes)) {
            r.add(PROCESSES);
        }
        if (only.contains(Scenario.crashes)) {
            for (CrashRecovery.Kind k : CrashRecovery.Kind.values()) {
                r.add(k.scenario());
            }
        }
        return r;
    }

    /** The required scenarios that never ran to a verdict. */
    static List<String> missing(Map<String, Integer> ran) {
        return ran.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey).toList();
    }

    /**
     * One round: the chosen scenarios in order; the first round kills during every kind of
     * write, later ones during one kind each, in turn.
     */
    private List<Run> round(LakeEngine engine, List<ChildJvm> agents, int round, long s, Random rnd, Path dir,
                            Map<String, String> whyNot) {
        List<Run> runs = new ArrayList<>();
        if (only.contains(Scenario.writers)) {
            runs.add(new Run(WRITERS, () -> ConcurrentWriters.run(engine, "contested_" + round,
                    new ConcurrentWriters.Params(threads, 12, Math.max(2, batchRows / 2), 20, s + round))));
        }
        if (only.contains(Scenario.processes) && !whyNot.containsKey(PROCESSES)) {
            runs.add(new Run(PROCESSES, () -> ProcessWriters.run(engine, "shared_" + round, agents, 6, batchRows, false, true)));
        }
        if (only.contains(Scenario.crashes)) {
            CrashRecovery.Kind[] kinds = CrashRecovery.Kind.values();
            List<CrashRecovery.Kind> now = round == 1 ? List.of(kinds) : List.of(kinds[(round - 2) % kinds.length]);
            for (CrashRecovery.Kind kind : now) {
                runs.add(new Run(kind.scenario(), () -> CrashRecovery.run(engine, "crash_" + round + "_" + kind.name().toLowerCase(),
                        kind, batchRows * 2, rnd, dir.resolve("logs"), t -> List.of())));
            }
        }
        return runs;
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
