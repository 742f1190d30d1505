package io.lakelens.ui.kit;

import java.nio.file.Path;

/** Where the workbench keeps what it remembers for the analyst (window, console history). */
public final class UserFiles {
    private UserFiles() {
    }

    /**
     * The window's settings file: {@code ~/.lakelens/workbench.properties}, or the file named by
     * {@code -Dlakelens.settings} (tests and screenshot runs keep the analyst's own untouched).
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

    /** A file kept beside the settings file, e.g. {@code console.json}. */
    public static Path besideSettings(String name) {
        return settings().resolveSibling(name);
    }
}
