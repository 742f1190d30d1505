package io.lakelens.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM flags Spark needs on JDK 21+, read from {@code io/lakelens/jvm.options} (the one list,
 * kept in pom.xml), for JVMs LakeLens starts itself: a second LakeLens process, a standalone
 * master and worker, and the executors of a remote cluster.
 */
public final class JvmFlags {
    private JvmFlags() {
    }

    public static List<String> forSpark() {
        List<String> flags = new ArrayList<>();
        try (InputStream in = JvmFlags.class.getResourceAsStream("/io/lakelens/jvm.options")) {
            if (in != null) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                if (!text.isEmpty() && !text.startsWith("${")) {
                    flags.addAll(Arrays.asList(text.split("\\s+")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Runtime.version().feature() >= 24) {
            // sun.security.action left java.base in JDK 24; opening it only prints a warning there
            flags.removeIf(f -> f.contains("sun.security.action"));
            flags.add("--sun-misc-unsafe-memory-access=allow");
            flags.add("--enable-native-access=ALL-UNNAMED");
        }
        return flags;
    }
}
