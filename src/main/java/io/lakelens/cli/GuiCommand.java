package io.lakelens.cli;

import io.lakelens.ui.Launcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "gui", mixinStandardHelpOptions = true,
        description = "Open the workbench window (the same as `lakelens` with no command).")
public final class GuiCommand implements Callable<Integer> {
    @ParentCommand
    Main parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return open(parent.global, spec);
    }

    static int open(GlobalOptions global, CommandSpec spec) {
        String env = System.getenv("LAKELENS_LAKE");
        boolean lakeChosen = global.lake != null || (env != null && !env.isBlank());
        io.lakelens.Config config;
        try {
            config = global.toConfig();
        } catch (io.lakelens.LakeLensException e) {
            spec.commandLine().getErr().println("lakelens: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return ExitCode.USER_ERROR;
        }
        return Launcher.openWindow(config, lakeChosen, spec.commandLine().getErr());
    }
}
