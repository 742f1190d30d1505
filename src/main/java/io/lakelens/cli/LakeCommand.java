package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.Config;
import io.lakelens.LakeLensException;
import io.lakelens.cache.RedisProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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

    private Progress progress;

    protected PrintWriter out() {
        return progress().clearing(spec.commandLine().getOut());
    }

    protected PrintWriter err() {
        return progress().clearing(spec.commandLine().getErr());
    }

    /**
     * This command's progress line on standard error: drawn only when standard error is a
     * terminal and {@code --no-progress} is not given; anything the command prints removes it first.
     */
    protected synchronized Progress progress() {
        if (progress == null) {
            // a command run for the HTTP API has no parent command line: it never draws progress
            progress = parent == null ? Progress.OFF
                    : Progress.on(spec.commandLine().getErr(), parent.progressAllowed && !parent.global.noProgress);
        }
        return progress;
    }

    /** Standard input for commands that ask a question; empty when there is none (tests, pipes closed). */
    protected java.io.BufferedReader in() {
        return parent.stdin;
    }

    @Override
    public final Integer call() {
        java.util.OptionalInt answered = answerWithoutLake();
        if (answered.isPresent()) {
            return answered.getAsInt();
        }
        boolean lakeGiven = parent.global.lake != null || System.getenv("LAKELENS_LAKE") != null;
        try (AppContext ctx = new AppContext(config(parent.global.toConfig(), lakeGiven))) {
            ctx.embeddedRedisLifetime(redisLifetime());
            return run(ctx);
        } catch (LakeLensException e) {
            progress().clear();
            err().println("lakelens: " + e.getMessage());
            err().flush();
            return ExitCode.USER_ERROR;
        } finally {
            progress().clear();
        }
    }

    /** A date option's value, or {@code null} when it was not given. */
    protected static LocalDate date(String option, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new LakeLensException(option + " '" + text + "' is not a date; use YYYY-MM-DD, e.g. 2024-03-15.");
        }
    }

    protected abstract int run(AppContext ctx) throws LakeLensException;

    /** An answer that needs no lake (and so starts no Spark), or empty to run the command. */
    protected java.util.OptionalInt answerWithoutLake() {
        return java.util.OptionalInt.empty();
    }

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
