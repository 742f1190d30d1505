package io.lakelens.ui.shell;

import io.lakelens.text.AtomicFile;
import io.lakelens.ui.kit.UserFiles;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What the window remembers between runs: size, position, theme, the last lake, the lakes
 * opened recently and the watchlist's symbols. Kept in {@code ~/.lakelens/workbench.properties}; a file that cannot be read
 * or written costs the memory, never the start.
 */
public final class WorkbenchSettings {
    private static final int RECENT = 8;
    private final Path file;
    private final Properties props = new Properties();

    private WorkbenchSettings(Path file) {
        this.file = file;
    }

    public static Path defaultFile() {
        return UserFiles.settings();
    }

    /** Settings read from {@code file} (empty if it does not exist yet). */
    public static WorkbenchSettings load(Path file) {
        WorkbenchSettings s = new WorkbenchSettings(file);
        if (file != null && Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                s.props.load(in);
            } catch (IOException | IllegalArgumentException ignored) {
                // unreadable settings: start with defaults
            }
        }
        return s;
    }

    /** Settings that are never written (screenshot runs, tests). */
    public static WorkbenchSettings inMemory() {
        return new WorkbenchSettings(null);
    }

    public void save() {
        if (file == null) {
            return;
        }
        try {
            AtomicFile.write(file, out -> props.store(out, "LakeLens workbench"));
        } catch (IOException ignored) {
            // a read-only home folder only means nothing is remembered
        }
    }

    public double width(double fallback) {
        return number("window.width", fallback);
    }

    public double height(double fallback) {
        return number("window.height", fallback);
    }

    public Optional<double[]> position() {
        double x = number("window.x", Double.NaN);
        double y = number("window.y", Double.NaN);
        return Double.isNaN(x) || Double.isNaN(y) ? Optional.empty() : Optional.of(new double[]{x, y});
    }

    public boolean maximized() {
        return Boolean.parseBoolean(props.getProperty("window.maximized", "false"));
    }

    public void window(double x, double y, double width, double height, boolean maximized) {
        props.setProperty("window.maximized", Boolean.toString(maximized));
        if (!maximized) {
            props.setProperty("window.x", Double.toString(x));
            props.setProperty("window.y", Double.toString(y));
            props.setProperty("window.width", Double.toString(width));
            props.setProperty("window.height", Double.toString(height));
        }
    }

    public Themes theme() {
        return Themes.parse(props.getProperty("theme", "light"));
    }

    public void theme(Themes theme) {
        props.setProperty("theme", theme.id());
    }

    public Optional<Path> lastLake() {
        return Optional.ofNullable(props.getProperty("lake.last")).filter(s -> !s.isBlank()).map(Path::of);
    }

    /** Remembers {@code lake} as the last one and puts it first among the recent lakes. */
    public void lake(Path lake) {
        String p = lake.toAbsolutePath().normalize().toString();
        props.setProperty("lake.last", p);
        List<String> recent = new ArrayList<>(recentLakeNames());
        recent.remove(p);
        recent.add(0, p);
        props.setProperty("lake.recent", String.join(File.pathSeparator,
                recent.subList(0, Math.min(RECENT, recent.size()))));
    }

    /** The symbols of the live quotes strip; empty means the defaults. */
    public List<String> watchlist() {
        String v = props.getProperty("watchlist.symbols", "");
        return v.isBlank() ? List.of() : Arrays.stream(v.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    public void watchlist(List<String> symbols) {
        props.setProperty("watchlist.symbols", String.join(",", symbols));
    }

    public List<Path> recentLakes() {
        return recentLakeNames().stream().map(Path::of).toList();
    }

    private List<String> recentLakeNames() {
        String v = props.getProperty("lake.recent", "");
        return v.isBlank() ? List.of() : Arrays.stream(v.split(File.pathSeparator)).filter(s -> !s.isBlank()).toList();
    }

    private double number(String key, double fallback) {
        try {
            return Double.parseDouble(props.getProperty(key, ""));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
