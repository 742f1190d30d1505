package io.lakelens.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * {@code LAKELENS_HEAP} for the installed app. Its native launcher starts the JVM with options
 * fixed at packaging time (half the machine's memory, at most 8 GiB); when the variable asks for
 * another heap, the app runs itself once more in a JVM of the packaged runtime with that heap,
 * passing its streams and exit code through. {@code ./lakelens} applies the variable itself.
 */
final class InstalledHeap {
    private static final String APPLIED = "LAKELENS_HEAP_APPLIED";

    private InstalledHeap() {
    }

    /** The exit code of the run with the asked-for heap, or empty when this JVM is the one to run in. */
    static OptionalInt relaunchIfAsked(String[] args) {
        String heap = System.getenv("LAKELENS_HEAP");
        if (!Boolean.getBoolean("lakelens.installed") || heap == null || heap.isBlank() || System.getenv(APPLIED) != null) {
            return OptionalInt.empty();
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
        if (!Files.isExecutable(java)) {
            System.err.println("lakelens: LAKELENS_HEAP is ignored: the packaged runtime has no java to start with it.");
            return OptionalInt.empty();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-Xmx") && !a.startsWith("-XX:MaxRAMPercentage") && !a.startsWith("-XX:ErgoHeapSizeLimit")) {
                cmd.add(a);
            }
        }
        cmd.add(heap.strip().startsWith("-") ? heap.strip() : "-Xmx" + heap.strip());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put(APPLIED, "1");
        try {
            return OptionalInt.of(pb.start().waitFor());
        } catch (IOException e) {
            System.err.println("lakelens: LAKELENS_HEAP is ignored: " + e.getMessage());
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.of(130);
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
    }
}
