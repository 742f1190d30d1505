package io.lakelens.cli;

import io.lakelens.LakeLensException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** The {@code lakelens} command line. With no command it opens the workbench. */
@Command(name = "lakelens", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "LakeLens: a desktop workbench over a local Delta Lake with a Redis cache.",
        subcommands = {
                GenerateCommand.class,
                TablesCommand.class,
                DescribeCommand.class,
                HistoryCommand.class,
                QueryCommand.class,
                AnalyzeCommand.class,
                HealthCommand.class,
                SearchCommand.class,
                StatsCommand.class,
                BenchCommand.class,
                GuiCommand.class,
                ScreenshotsCommand.class,
                HealthReportCommand.class,
                OptimizeCommand.class,
                VacuumCommand.class,
                FeedCommand.class,
                ImportCommand.class,
                TimelineCommand.class,
                DiffCommand.class,
                AuditCommand.class,
                VerifyCommand.class,
                RestoreCommand.class,
                ExportAuditCommand.class,
                TortureCommand.class,
                ClusterDemoCommand.class,
                S3DemoCommand.class,
                ServeCommand.class,
                ModelCommand.class,
                QualityCommand.class,
                ReportCommand.class,
                StreamCommand.class,
                VersionCommand.class,
                CompletionCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    GlobalOptions global;

    /** Whether commands may draw a progress line: true only for the real process when stderr is a terminal. */
    boolean progressAllowed;

    /** Where commands that ask a question read the answer. */
    BufferedReader stdin = new BufferedReader(Reader.nullReader());

    public static void main(String[] args) {
        java.util.OptionalInt relaunched = InstalledHeap.relaunchIfAsked(args);
        if (relaunched.isPresent()) {
            System.exit(relaunched.getAsInt());
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        Main main = new Main();
        main.stdin = in;
        main.progressAllowed = Progress.stderrIsTerminal();
        int code = execute(main, args, out, err);
        // Auto-flush covers println and printf only; what a command print()ed last must not be lost.
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs a command line with no standard input and returns its exit code; used by tests and the installers. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, new BufferedReader(Reader.nullReader()), out, err);
    }

    /** Runs a command line whose questions (e.g. restore's confirmation) are answered from {@code in}. */
    public static int execute(String[] args, BufferedReader in, PrintWriter out, PrintWriter err) {
        Main main = new Main();
        main.stdin = in;
        return execute(main, args, out, err);
    }

    private static int execute(Main main, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(main);
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    public static CommandLine commandLine() {
        return commandLine(new Main());
    }

    private static CommandLine commandLine(Main main) {
        CommandLine cl = new CommandLine(main);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        conventions(cl);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            Throwable c = ex;
            while (c != null && !(c instanceof LakeLensException)) {
                c = c.getCause();
            }
            if (c != null) {
                line.getErr().println("lakelens: " + c.getMessage());
                return ExitCode.USER_ERROR;
            }
            line.getErr().println("lakelens: internal error: " + ex);
            if (System.getenv("LAKELENS_DEBUG") != null) {
                ex.printStackTrace(line.getErr());
            } else {
                line.getErr().println("(set LAKELENS_DEBUG=1 for the stack trace)");
            }
            return ExitCode.INTERNAL_ERROR;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine line = ex.getCommandLine();
            line.getErr().println("lakelens: " + ex.getMessage() + " (see `" + line.getCommandSpec().qualifiedName() + " --help`)");
            return ExitCode.USER_ERROR;
        });
        return cl;
    }

    /**
     * What every command shares: {@code -V/--version} prints the versions on subcommands too
     * (picocli gives a subcommand no version of its own), and {@code --help} lists the exit codes.
     */
    private static void conventions(CommandLine cl) {
        CommandLine.Model.CommandSpec s = cl.getCommandSpec();
        if (s.versionProvider() == null) {
            s.versionProvider(new VersionProvider());
        }
        s.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.descriptions());
        cl.getSubcommands().values().forEach(Main::conventions);
    }

    /** No command: the window. */
    @Override
    public Integer call() {
        return GuiCommand.open(global, spec);
    }
}
