package io.lakelens.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The heap rule ({@link LaunchFlags}) for the installed app. Its native launcher starts the JVM
 * with options fixed at packaging time (half the machine's memory, at most 8 GiB); when
 * {@code LAKELENS_HEAP} or the heap saved in Preferences asks for another heap, the app runs
 * itself once more in a JVM of the packaged runtime with that heap, passing its streams and exit
 * code through. {@code ./lakelens} and {@code lakelens.cmd} apply the rule themselves.
 */
final class InstalledHeap {
    private static final String APPLIED = "LAKELENS_HEAP_APPLIED";

    private InstalledHeap() {
    }

    /** The exit code of the run with the asked-for heap, or empty when this JVM is the one to run in. */
    static OptionalInt relaunchIfAsked(String[] args) {
        if (!Boolean.getBoolean("lakelens.installed") || System.getenv(APPLIED) != null) {
            return OptionalInt.empty();
        }
        Optional<String> heap = LaunchFlags.asked(System.getenv("LAKELENS_HEAP"), LaunchFlags.settingsFile());
        if (heap.isEmpty()) {
            return OptionalInt.empty();
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
        if (!Files.isExecutable(java)) {
            System.err.println("lakelens: the heap " + heap.get() + " is ignored: the packaged runtime has no java to start with it.");
            return OptionalInt.empty();
        }
        List<String> cmd = command(java, LaunchFlags.option(heap.get()), ManagementFactory.getRuntimeMXBean().getInputArguments(),
                System.getProperty("java.class.path"), args);
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put(APPLIED, "1");
        try {
            return OptionalInt.of(pb.start().waitFor());
        } catch (IOException e) {
            System.err.println("lakelens: the heap " + heap.get() + " is ignored: " + e.getMessage());
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.of(130);
        }
    }

    /**
     * The command that runs the app again with {@code heapOption}: this JVM's options without its
     * heap sizing (the packaged {@code -XX:MaxRAMPercentage} and {@code -XX:ErgoHeapSizeLimit},
     * any {@code -Xmx}), then the heap, the class path, the main class and the arguments.
     */
    static List<String> command(Path java, String heapOption, List<String> jvmOptions, String classPath, String[] args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        for (String a : jvmOptions) {
            if (!a.startsWith("-Xmx") && !a.startsWith("-XX:MaxRAMPercentage") && !a.startsWith("-XX:ErgoHeapSizeLimit")) {
                cmd.add(a);
            }
        }
        cmd.add(heapOption);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
    }
}
