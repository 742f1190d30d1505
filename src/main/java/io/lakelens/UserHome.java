package io.lakelens;

import java.nio.file.Path;

/** Where LakeLens keeps the analyst's own files, for the window and the launchers alike. */
public final class UserHome {
    /** The key of the saved heap (e.g. {@code 4g}) in the {@link #settings()} file. */
    public static final String HEAP_KEY = "jvm.heap";

    private UserHome() {
    }

    /**
     * The window's settings file: {@code ~/.lakelens/workbench.properties}, or the file named by
     * {@code -Dlakelens.settings} (tests and screenshot runs keep the analyst's own untouched).
     * The launchers read the saved heap from it.
     */
    public static Path settings() {
        String override = System.getProperty("lakelens.settings");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return Path.of(System.getProperty("user.home"), ".lakelens", "workbench.properties");
    }

    /**
     * The folder of the log file {@code lakelens.log}: {@code -Dlakelens.log.dir} as the log
     * configuration reads it, else {@code ~/.lakelens/logs}.
     */
    public static Path logFolder() {
        String override = System.getProperty("lakelens.log.dir");
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath().normalize();
        }
        return Path.of(System.getProperty("user.home"), ".lakelens", "logs");
    }

    /** A file kept beside the settings file, e.g. {@code console.json} (the SQL console's history). */
    public static Path besideSettings(String name) {
        return settings().resolveSibling(name);
    }
}
