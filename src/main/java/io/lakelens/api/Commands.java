package io.lakelens.api;

import io.lakelens.AppContext;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;
import java.util.ServiceLoader;

/**
 * The command line whose twin this API is: it runs a {@code lakelens} command inside the running
 * process, against that process's {@link AppContext}, and hands back what the command printed.
 * The CLI implements it and registers it with {@link ServiceLoader}, so the API (and the window
 * that starts it) build on the commands without depending on the CLI package. Implementations
 * are thread-safe: every call parses into a new command object.
 */
public interface Commands {
    /**
     * What a command printed.
     *
     * @param exitCode 0, or 1 for a command that reports a failed check in its output (health)
     */
    record Answer(int exitCode, String out, String err) {
    }

    /** The options and parameters of the command named {@code command} (e.g. {@code "search"}), as picocli models them. */
    CommandSpec spec(String command);

    /**
     * Parses {@code args} into a new {@code command} and runs it against {@code ctx}.
     *
     * @throws picocli.CommandLine.ParameterException when an option is unknown, missing or of the wrong type
     * @throws io.lakelens.LakeLensException          a user error (the CLI's one-line message)
     */
    Answer run(AppContext ctx, String command, List<String> args);

    /** What {@code lakelens stats --format json} prints for the searches {@code ctx} has answered so far. */
    String searchStatsJson(AppContext ctx);

    /** The product's version. */
    String version();

    /** The registered implementation (the CLI's). */
    static Commands load() {
        return ServiceLoader.load(Commands.class, Commands.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("No " + Commands.class.getName() + " is registered (META-INF/services)."));
    }
}
