package io.lakelens.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM flags Spark needs on JDK 21+, read from {@code io/lakelens/jvm.options} (the one list:
 * its base line comes from pom.xml, its version lines say what changes on newer JDKs). Used for
 * the JVMs LakeLens starts itself (a second LakeLens process, a standalone master and worker,
 * the executors of a remote cluster) and, through {@link #main}, by the launcher scripts.
 */
public final class JvmFlags {
    private static final String OPTIONS = "/io/lakelens/jvm.options";

    private JvmFlags() {
    }

    /** The flags for the JDK this JVM runs on. */
    public static List<String> forSpark() {
        return forJdk(Runtime.version().feature());
    }

    /** The flags for JDK feature version {@code jdk} (21, 24, …). */
    public static List<String> forJdk(int jdk) {
        try (InputStream in = JvmFlags.class.getResourceAsStream(OPTIONS)) {
            return in == null ? List.of() : parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), jdk);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> parse(String text, int jdk) {
        List<String> flags = new ArrayList<>();
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            // "${" is the line the build fills in, seen unfiltered when run from the sources
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("${")) {
                continue;
            }
            List<String> words = new ArrayList<>(Arrays.asList(line.split("\\s+")));
            if (Character.isDigit(words.getFirst().charAt(0)) && !applies(words.removeFirst(), jdk)) {
                continue;
            }
            for (String w : words) {
                if (w.startsWith("!")) {
                    flags.remove(w.substring(1));
                } else if (!flags.contains(w)) {
                    flags.add(w);
                }
            }
        }
        return flags;
    }

    /** {@code 24+} or {@code 21-23}. */
    private static boolean applies(String range, int jdk) {
        if (range.endsWith("+")) {
            return jdk >= Integer.parseInt(range.substring(0, range.length() - 1));
        }
        String[] ends = range.split("-", 2);
        return jdk >= Integer.parseInt(ends[0]) && (ends.length == 1 || jdk <= Integer.parseInt(ends[1]));
    }

    /** Prints the flags for this JDK on one line, for the launcher scripts. */
    public static void main(String[] args) {
        System.out.println(String.join(" ", forSpark()));
    }
}
