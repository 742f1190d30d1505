package io.lakelens.ui.kit;

import io.lakelens.UserHome;

import java.nio.file.Path;

/** Where the workbench keeps what it remembers for the analyst (window, console history). */
public final class UserFiles {
    private UserFiles() {
    }

    /** The window's settings file (see {@link UserHome#settings()}). */
    public static Path settings() {
        return UserHome.settings();
    }

    /** The folder of the log file {@code lakelens.log} (see {@link UserHome#logFolder()}). */
    public static Path logFolder() {
        return UserHome.logFolder();
    }

    /** A file kept beside the settings file, e.g. {@code console.json}. */
    public static Path besideSettings(String name) {
        return settings().resolveSibling(name);
    }
}
