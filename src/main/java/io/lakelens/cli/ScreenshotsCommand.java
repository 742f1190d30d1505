package io.lakelens.cli;

import io.lakelens.data.DatasetSize;
import io.lakelens.ui.Launcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "screenshots", mixinStandardHelpOptions = true,
        description = {"Capture the workbench as PNGs, headless (no display needed).",
                "Pictures go to DIR/{size}/: the overview, searches, each strategy's folder, the compact layout and "
                        + "every tab's scenes, each stamped with dataset, version, strategy and time. Without --lake the "
                        + "dataset is generated into ~/.lakelens/screenshot-lakes/{size} when missing."})
public final class ScreenshotsCommand implements Callable<Integer> {
    @ParentCommand
    Main parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--dataset", defaultValue = "small", paramLabel = "SIZE",
            description = "tiny, small, medium or large (default small).")
    String dataset;

    @Option(names = "--theme", defaultValue = "light", paramLabel = "THEME", description = "light or dark (default light).")
    String theme;

    @Override
    public Integer call() {
        DatasetSize size;
        try {
            size = DatasetSize.parse(dataset);
        } catch (io.lakelens.LakeLensException e) {
            spec.commandLine().getErr().println("lakelens: " + e.getMessage());
            return ExitCode.USER_ERROR;
        }
        if (size == DatasetSize.XLARGE && parent.global.lake == null) {
            spec.commandLine().getErr().println("lakelens: Screenshots generate tiny, small, medium or large datasets; "
                    + "for an xlarge one, generate it with `lakelens generate --dataset xlarge` and pass --lake.");
            return ExitCode.USER_ERROR;
        }
        if (!theme.equalsIgnoreCase("light") && !theme.equalsIgnoreCase("dark")) {
            spec.commandLine().getErr().println("lakelens: Unknown theme '" + theme + "'; choose light or dark.");
            return ExitCode.USER_ERROR;
        }
        GlobalOptions g = parent.global;
        io.lakelens.Config config;
        try {
            config = g.toConfig();
        } catch (io.lakelens.LakeLensException e) {
            spec.commandLine().getErr().println("lakelens: " + e.getMessage());
            return ExitCode.USER_ERROR;
        }
        return Launcher.screenshots(config, out, size, theme, g.lake == null ? null : config.lakeRoot(), spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }
}
