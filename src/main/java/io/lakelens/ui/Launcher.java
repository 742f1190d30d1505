package io.lakelens.ui;

import io.lakelens.Config;
import io.lakelens.LakeLensException;
import io.lakelens.data.DatasetSize;
import io.lakelens.ui.shell.ScreenshotRun;
import io.lakelens.ui.shell.Themes;
import io.lakelens.ui.shell.Toolkits;
import io.lakelens.ui.shell.WorkbenchApp;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one door from the command line into the UI. Its signatures carry no JavaFX types, so the
 * CLI compiles and runs its other commands without touching the toolkit.
 */
public final class Launcher {
    private Launcher() {
    }

    /**
     * Why no window can open here, as one line for the terminal; empty when a display (or the
     * headless Monocle platform) is available.
     */
    public static Optional<String> missingDisplay(Map<String, String> env, String osName) {
        if ("Monocle".equalsIgnoreCase(System.getProperty("glass.platform"))) {
            return Optional.empty();
        }
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        boolean x11Like = os.contains("linux") || os.contains("bsd") || os.contains("sunos");
        if (!x11Like || present(env.get("DISPLAY")) || present(env.get("WAYLAND_DISPLAY"))) {
            return Optional.empty();
        }
        return Optional.of("lakelens: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset); "
                + "run `xvfb-run ./lakelens` for a virtual one, or `./lakelens screenshots --out DIR` to capture the workbench headless.");
    }

    /**
     * Opens the workbench window and returns when it is closed: 0, or 1 with a one-line reason
     * on {@code err} when there is no display.
     *
     * @param lakeChosen true when the lake was named (option or environment); otherwise the last lake is reopened
     */
    public static int openWindow(Config config, boolean lakeChosen, PrintWriter err) {
        Optional<String> missing = missingDisplay(System.getenv(), System.getProperty("os.name"));
        if (missing.isPresent()) {
            err.println(missing.get());
            err.flush();
            return 1;
        }
        try {
            return WorkbenchApp.run(config, lakeChosen, WorkbenchTabs.all());
        } catch (UnsupportedOperationException e) {
            Optional<String> why = missingToolkit(e);
            if (why.isEmpty()) {
                throw e;
            }
            err.println(why.get());
            err.flush();
            return 1;
        }
    }

    /**
     * The one-line reason when JavaFX cannot load its windowing library (Linux without GTK 3,
     * common on servers); empty for any other failure.
     */
    static Optional<String> missingToolkit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("Unable to load glass GTK library") || m.contains("Unable to open DISPLAY")) {
                return Optional.of("lakelens: the window needs GTK 3 on Linux (" + m.strip() + "); install it "
                        + "(Debian/Ubuntu: sudo apt install libgtk-3-0), or capture the workbench without it: "
                        + "`lakelens screenshots --out DIR`.");
            }
        }
        return Optional.empty();
    }

    /**
     * Captures the workbench headless into {@code out/{size}/}; needs no display.
     *
     * @param lake a lake to capture instead of {@code ~/.lakelens/screenshot-lakes/{size}}, or null
     * @return 0 when every picture was written, 1 otherwise (the reasons are on {@code err})
     */
    public static int screenshots(Config config, Path out, DatasetSize size, String theme, Path lake,
                                  PrintWriter stdout, PrintWriter err) {
        Toolkits.headless();
        ScreenshotRun.Outcome outcome;
        try {
            outcome = ScreenshotRun.run(config, new ScreenshotRun.Options(out, size, Themes.parse(theme),
                    Optional.ofNullable(lake)), WorkbenchTabs.all(), stdout);
        } catch (LakeLensException e) {
            err.println("lakelens: " + e.getMessage());
            err.flush();
            return 1;
        }
        stdout.printf(Locale.ROOT, "Wrote %d screenshot%s to %s%n", outcome.written().size(),
                outcome.written().size() == 1 ? "" : "s", outcome.folder());
        stdout.flush();
        for (String f : outcome.failures()) {
            err.println("lakelens: not captured: " + f);
        }
        err.flush();
        return outcome.failures().isEmpty() && !outcome.written().isEmpty() ? 0 : 1;
    }

    /**
     * Draws the bench chart (latency against dataset size, log-log) into a PNG, headless.
     *
     * @param series name → points of (rows, milliseconds)
     * @return 0, or 1 with a one-line reason on {@code err}
     */
    public static int benchChart(Path png, String title, Map<String, java.util.List<double[]>> series, PrintWriter err) {
        try {
            BenchChart.write(png, title, series);
            return 0;
        } catch (LakeLensException e) {
            err.println("lakelens: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private static boolean present(String v) {
        return v != null && !v.isBlank();
    }
}
