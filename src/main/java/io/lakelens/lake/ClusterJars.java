package io.lakelens.lake;

import java.io.File;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The jars a remote Spark cluster's executors need to run LakeLens's queries: Delta and its
 * storage layer, taken from this application's own class path.
 */
final class ClusterJars {
    private ClusterJars() {
    }

    static String forExecutors() {
        String cp = System.getProperty("java.class.path", "");
        return Arrays.stream(cp.split(File.pathSeparator))
                .filter(p -> p.endsWith(".jar"))
                .filter(p -> {
                    String n = new File(p).getName();
                    return n.startsWith("delta-") || n.startsWith("lakelens");
                })
                .collect(Collectors.joining(","));
    }
}
