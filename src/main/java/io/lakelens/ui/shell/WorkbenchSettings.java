package io.lakelens.ui.shell;

import io.lakelens.UserHome;
import io.lakelens.text.AtomicFile;

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
 * opened recently, the watchlist's symbols and the preferences (Redis, Spark master, heap, page
 * size, cache size). Kept in {@code ~/.lakelens/workbench.properties}; a file that cannot be read
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
        return UserHome.settings();
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

    /** The theme shown now; choosing light or dark (the header's toggle) also makes it the choice. */
    public void theme(Themes theme) {
        props.setProperty("theme", theme.id());
        props.setProperty("theme.choice", theme.id());
    }

    /** Light, dark or the system's: what the analyst chose (the header's toggle chooses light or dark). */
    public ThemeChoice themeChoice() {
        return ThemeChoice.parse(props.getProperty("theme.choice", theme().id()));
    }

    public void themeChoice(ThemeChoice choice) {
        props.setProperty("theme.choice", choice.id());
    }

    /** The theme to start with: the chosen one, or the system's when the choice is to follow it. */
    public Themes startTheme() {
        return themeChoice().theme();
    }

    /** An external Redis URL; empty for the embedded Redis. Applies at the next start. */
    public Optional<String> redisUrl() {
        return text("redis.url");
    }

    public void redisUrl(Optional<String> url) {
        put("redis.url", url);
    }

    /** The Spark master; empty for the default. Applies at the next start. */
    public Optional<String> sparkMaster() {
        return text("spark.master");
    }

    public void sparkMaster(Optional<String> master) {
        put("spark.master", master);
    }

    /**
     * The JVM heap for the next start ({@code 4g}, {@code 4096m}); empty for the automatic size.
     * The launcher reads the key {@value #HEAP_KEY} of this file when {@code LAKELENS_HEAP} is unset.
     */
    public Optional<String> heap() {
        return text(HEAP_KEY);
    }

    public void heap(Optional<String> heap) {
        put(HEAP_KEY, heap);
    }

    /** The key the launchers read the heap from. */
    public static final String HEAP_KEY = UserHome.HEAP_KEY;

    /** Rows per page of result grids; applies at once. */
    public int pageSizeOr(int fallback) {
        return (int) number("grid.pageSize", fallback);
    }

    public void pageSize(int rows) {
        props.setProperty("grid.pageSize", Integer.toString(rows));
    }

    /** The decoded-column cache's bound in MiB; empty for the default. Applies at once. */
    public Optional<Long> decodedCacheMb() {
        double v = number("cache.decodedMb", Double.NaN);
        return Double.isNaN(v) ? Optional.empty() : Optional.of((long) v);
    }

    public void decodedCacheMb(Optional<Long> mb) {
        put("cache.decodedMb", mb.map(String::valueOf));
    }

    private Optional<String> text(String key) {
        return Optional.ofNullable(props.getProperty(key)).map(String::strip).filter(s -> !s.isEmpty());
    }

    private void put(String key, Optional<String> value) {
        value.map(String::strip).filter(s -> !s.isEmpty()).ifPresentOrElse(v -> props.setProperty(key, v), () -> props.remove(key));
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
