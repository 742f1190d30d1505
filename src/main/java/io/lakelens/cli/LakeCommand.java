package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.Config;
import io.lakelens.LakeLensException;
import io.lakelens.cache.RedisProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * Base of every command: parses the global options, builds the {@link AppContext}, runs,
 * and maps failures to exit codes (0 ok, 1 user error with a one-line reason, 2 internal).
 */
public abstract class LakeCommand implements Callable<Integer> {
    @ParentCommand
    protected Main parent;

    @Spec
    protected CommandSpec spec;

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Standard input for commands that ask a question; empty when there is none (tests, pipes closed). */
    protected java.io.BufferedReader in() {
        return parent.stdin;
    }

    @Override
    public final Integer call() {
        boolean lakeGiven = parent.global.lake != null || System.getenv("LAKELENS_LAKE") != null;
        try (AppContext ctx = new AppContext(config(parent.global.toConfig(), lakeGiven))) {
            ctx.embeddedRedisLifetime(redisLifetime());
            return run(ctx);
        } catch (LakeLensException e) {
            err().println("lakelens: " + e.getMessage());
            err().flush();
            return ExitCode.USER_ERROR;
        }
    }

    protected abstract int run(AppContext ctx) throws LakeLensException;

    /** The configuration this command runs with; {@code lakeGiven} says whether the user chose a lake. */
    protected Config config(Config fromOptions, boolean lakeGiven) {
        return fromOptions;
    }

    /**
     * How long an embedded Redis this command starts lives. Commands live with their own
     * process by default; a command whose value is a cache shared across runs overrides it.
     */
    protected RedisProvider.EmbeddedLifetime redisLifetime() {
        return RedisProvider.EmbeddedLifetime.PROCESS;
    }
}
