package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.api.Commands;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one command of this command line inside a process that is already running, against that
 * process's {@link AppContext}, and hands back what it printed. The HTTP API answers through it,
 * so an endpoint takes the same options as its command and answers with the very JSON that
 * {@code --format json} prints; nothing is rewritten for the API. Registered for
 * {@link java.util.ServiceLoader} under {@link Commands}.
 *
 * <p>Each call parses into a fresh command object, so calls may run concurrently; they share
 * the context's services, which are thread-safe.
 */
public final class CommandBridge implements Commands {
    /** The commands that run against a context, by name, from {@link Main}'s list. */
    private static final Map<String, Class<? extends LakeCommand>> COMMANDS = commands();

    @Override
    public CommandSpec spec(String command) {
        return commandLine(create(command)).getCommandSpec();
    }

    @Override
    public Answer run(AppContext ctx, String command, List<String> args) {
        LakeCommand cmd = create(command);
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
    @Override
    public String searchStatsJson(AppContext ctx) {
        StringWriter out = new StringWriter();
        PrintWriter o = new PrintWriter(out);
        Output.rows(o, Format.JSON, StatsCommand.HEADER, StatsCommand.rows(ctx.search()));
        o.flush();
        return out.toString();
    }

    @Override
    public String version() {
        return VersionProvider.version();
    }

    private static LakeCommand create(String command) {
        Class<? extends LakeCommand> type = COMMANDS.get(command);
        if (type == null) {
            throw new IllegalArgumentException("No command " + command);
        }
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (InstantiationException | IllegalAccessException | NoSuchMethodException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot create the " + command + " command", e);
        }
    }

    private static Map<String, Class<? extends LakeCommand>> commands() {
        Map<String, Class<? extends LakeCommand>> m = new LinkedHashMap<>();
        for (Class<?> c : Main.class.getAnnotation(Command.class).subcommands()) {
            if (LakeCommand.class.isAssignableFrom(c)) {
                m.put(c.getAnnotation(Command.class).name(), c.asSubclass(LakeCommand.class));
            }
        }
        return m;
    }

    private static CommandLine commandLine(LakeCommand cmd) {
        CommandLine cl = new CommandLine(cmd);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // arguments come from the network: '@file' must stay text, never read a file's lines as arguments
        cl.setExpandAtFiles(false);
        return cl;
    }
}
