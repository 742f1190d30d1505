package io.lakelens.cli;

import io.lakelens.AppContext;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs one command of this command line inside a process that is already running, against that
 * process's {@link AppContext}, and hands back what it printed. The HTTP API answers through it,
 * so an endpoint takes the same options as its command and answers with the very JSON that
 * {@code --format json} prints; nothing is rewritten for the API.
 *
 * <p>Each call parses into a fresh command object, so calls may run concurrently; they share
 * the context's services, which are thread-safe.
 */
public final class CommandBridge {
    private CommandBridge() {
    }

    /**
     * What a command printed.
     *
     * @param exitCode {@link ExitCode#OK}, or {@link ExitCode#USER_ERROR} for a command that reports a
     *                 failed check in its output (health)
     */
    public record Answer(int exitCode, String out, String err) {
    }

    /** The command's options and parameters, as picocli models them (for listing and documenting them). */
    public static CommandSpec spec(Supplier<? extends LakeCommand> command) {
        return commandLine(command.get()).getCommandSpec();
    }

    /**
     * Parses {@code args} into a new command and runs it against {@code ctx}.
     *
     * @throws CommandLine.ParameterException   when an option is unknown, missing or of the wrong type
     * @throws io.lakelens.LakeLensException a user error (the same one-line message the CLI prints)
     */
    public static Answer run(AppContext ctx, Supplier<? extends LakeCommand> command, List<String> args) {
        LakeCommand cmd = command.get();
        CommandLine cl = commandLine(cmd);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err);
        cl.setOut(o);
        cl.setErr(e);
        cl.parseArgs(args.toArray(String[]::new));
        int code = cmd.run(ctx);
        o.flush();
        e.flush();
        return new Answer(code, out.toString(), err.toString());
    }

    /**
     * What {@code lakelens stats --format json} prints, for the searches this process's search
     * service has answered so far (a long-running process has a history; no searches are run).
     */
    public static String searchStatsJson(AppContext ctx) {
        StringWriter out = new StringWriter();
        PrintWriter o = new PrintWriter(out);
        Output.rows(o, Format.JSON, StatsCommand.HEADER, StatsCommand.rows(ctx.search()));
        o.flush();
        return out.toString();
    }

    private static CommandLine commandLine(LakeCommand cmd) {
        CommandLine cl = new CommandLine(cmd);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // arguments come from the network: '@file' must stay text, never read a file's lines as arguments
        cl.setExpandAtFiles(false);
        return cl;
    }
}
