package io.lakelens.cli;

import io.lakelens.lake.JvmFlags;
import io.lakelens.ui.kit.UserFiles;
import io.lakelens.ui.shell.WorkbenchSettings;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The options every launcher starts LakeLens's JVM with, and the heap rule, stated once:
 * {@code LAKELENS_HEAP} if set ({@code 4g}, {@code 4096m} or a full {@code -Xmx4g}), else the heap
 * saved in the window's Preferences ({@value #HEAP_KEY} in the settings file), else half the
 * machine's memory between 1 and 8 GiB. {@code ./lakelens} and {@code lakelens.cmd} run
 * {@link #main} and start the app with what it prints; the installed app, whose native launcher
 * has fixed options, starts its JVM again with the asked-for heap ({@link InstalledHeap}).
 * Needs nothing beyond the JDK and this jar, so the scripts run it with the jar alone.
 */
public final class LaunchFlags {
    /** The settings key the Preferences save the heap under. */
    static final String HEAP_KEY = WorkbenchSettings.HEAP_KEY;
    /** What Preferences accept and a saved heap must be: a whole number of MiB or GiB. */
    static final Pattern SAVED_SIZE = Pattern.compile("[0-9]{1,6}[mMgG]");
    private static final long MIB = 1L << 20;

    private LaunchFlags() {
    }

    /**
     * The heap asked for, if any: {@code env} (the value of {@code LAKELENS_HEAP}) when set, else
     * the heap saved in {@code settings}. A saved value that is not a size is ignored, with a
     * one-line warning on standard error; an unreadable or missing file means none saved.
     */
    static Optional<String> asked(String env, Path settings) {
        if (env != null && !env.isBlank()) {
            return Optional.of(env.strip());
        }
        Optional<String> saved = saved(settings);
        if (saved.isPresent() && !SAVED_SIZE.matcher(saved.get()).matches()) {
            System.err.println("lakelens: the heap saved in Preferences (" + saved.get()
                    + ") is not a size like 4g or 4096m; using the automatic size.");
            return Optional.empty();
        }
        return saved;
    }

    /** The heap saved in the settings file, as written (stripped); empty when none. */
    static Optional<String> saved(Path settings) {
        if (settings == null || !Files.isRegularFile(settings)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(settings)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException unreadable) {
            return Optional.empty();
        }
        return Optional.ofNullable(p.getProperty(HEAP_KEY)).map(String::strip).filter(s -> !s.isEmpty());
    }

    /** The JVM option for a heap asked for: {@code 4g} becomes {@code -Xmx4g}; a full option is kept. */
    static String option(String heap) {
        String h = heap.strip();
        return h.startsWith("-") ? h : "-Xmx" + h;
    }

    /** The automatic heap: half of {@code totalBytes} of memory, between 1 and 8 GiB, in MiB. */
    static String automatic(long totalBytes) {
        long mib = Math.max(1024, Math.min(8192, totalBytes / MIB / 2));
        return "-Xmx" + mib + "m";
    }

    /** The heap option by the rule, for a machine with {@code totalBytes} of memory. */
    static String heap(String env, Path settings, long totalBytes) {
        return asked(env, settings).map(LaunchFlags::option).orElseGet(() -> automatic(totalBytes));
    }

    /** The heap option, then Spark's flags for this JDK. */
    static List<String> flags(String env, Path settings, long totalBytes, List<String> spark) {
        List<String> out = new ArrayList<>();
        out.add(heap(env, settings, totalBytes));
        out.addAll(spark);
        return out;
    }

    /** The settings file the window writes (and the launchers read the saved heap from). */
    static Path settingsFile() {
        return UserFiles.settings();
    }

    private static long totalMemory() {
        try {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        } catch (RuntimeException | LinkageError noManagement) {
            return 0; // the floor, 1 GiB, applies
        }
    }

    /** Prints the options for this JDK and machine on one line: the heap first, then Spark's flags. */
    public static void main(String[] args) {
        System.out.println(String.join(" ", flags(System.getenv("LAKELENS_HEAP"), settingsFile(), totalMemory(),
                JvmFlags.forSpark())));
    }
}
