package io.lakelens.cli;

import io.lakelens.LakeLensException;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for lakelens (commands, options, enum values).",
                "bash: source <(lakelens completion bash), or save it in ~/.local/share/bash-completion/completions/lakelens.",
                "zsh: lakelens completion zsh > \"${fpath[1]}/_lakelens\", or source it from ~/.zshrc."})
public final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    String shell;

    @Override
    public Integer call() {
        String script = script(shell, spec);
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }

    static String script(String shell, CommandSpec spec) {
        // picocli's generator writes a bash script that, under zsh, loads bashcompinit itself.
        String bash = AutoComplete.bash("lakelens", spec.root().commandLine());
        return switch (shell == null ? "" : shell.toLowerCase(Locale.ROOT)) {
            case "bash" -> bash;
            case "zsh" -> "#compdef lakelens\n" + bash;
            default -> throw new LakeLensException("No completion for '" + shell + "'; choose bash or zsh.");
        };
    }
}
