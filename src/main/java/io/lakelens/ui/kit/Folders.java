package io.lakelens.ui.kit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Opens a folder in the desktop's file manager (xdg-open, open, explorer); safe from any thread. */
public final class Folders {
    private Folders() {
    }

    /** The command that opens {@code folder} on this system. */
    static List<String> command(Path folder, String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return List.of("explorer", folder.toString());
        }
        if (os.startsWith("mac")) {
            return List.of("open", folder.toString());
        }
        return List.of("xdg-open", folder.toString());
    }

    /**
     * Creates {@code folder} if needed and asks the desktop to show it; a failure says where the
     * folder is, so the analyst can go there by hand.
     */
    public static void open(Path folder, Notifier notifier) {
        Thread t = new Thread(() -> {
            try {
                Files.createDirectories(folder);
                new ProcessBuilder(command(folder, System.getProperty("os.name", ""))).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException | RuntimeException e) {
                notifier.warning("Cannot open a file manager here; the folder is " + folder);
            }
        }, "lakelens-open-folder");
        t.setDaemon(true);
        t.start();
    }
}
