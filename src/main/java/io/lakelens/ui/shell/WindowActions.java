package io.lakelens.ui.shell;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;

import java.nio.file.Path;
import java.util.List;

/** What the header and menu ask of the window they live in. */
interface WindowActions {
    ObjectProperty<Themes> themeProperty();

    void captureCurrentView();

    /** Lakes the dataset selector offers: the open one first, then recent and screenshot lakes. */
    List<Path> knownLakes();

    void openLake(Path lake);

    void chooseLakeFolder();

    void showShortcuts();

    /** Redis, Spark master, memory, theme, page size and cache size. */
    void showPreferences();

    /** Versions, the lake, the log folder and the bundled libraries' licences. */
    void showAbout();

    void openLogFolder();

    /** Copies a diagnostic summary (versions, settings, the last log lines) to the clipboard. */
    void reportProblem();

    /** Starts or stops the local HTTP API over this window's lake, in the background. */
    void serveApi(boolean on);

    /** Whether the API runs for the lake now open. */
    ReadOnlyBooleanProperty apiServingProperty();

    void quit();
}
