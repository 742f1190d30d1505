package io.lakelens.lake;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The jars a remote Spark cluster's executors need to run LakeLens's queries: Delta and its
 * storage layer, and LakeLens's own classes (for any function shipped to executors), taken
 * from this application's own class path. When LakeLens runs from a classes folder (a
 * development build or a test), that folder is packed into a temporary jar first, since
 * Spark ships only jars.
 */
public final class ClusterJars {
    private static volatile String cached;

    private ClusterJars() {
    }

    static synchronized String forExecutors() {
        if (cached == null) {
            List<String> jars = new ArrayList<>();
            for (Path p : classPath()) {
                String n = p.getFileName() == null ? "" : p.getFileName().toString();
                if (n.endsWith(".jar") && (n.startsWith("delta-spark") || n.startsWith("delta-storage") || n.startsWith("lakelens"))) {
                    jars.add(p.toString());
                } else if (Files.isDirectory(p) && Files.isDirectory(p.resolve("io/lakelens"))) {
                    jars.add(packed(p).toString());
                }
            }
            cached = jars.stream().distinct().collect(Collectors.joining(","));
        }
        return cached;
    }

    /**
     * The class path as entries, with a manifest-only jar (as test runners use) expanded into
     * the entries its {@code Class-Path} names.
     */
    public static List<Path> classPath() {
        Set<Path> out = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (e.isBlank()) {
                continue;
            }
            Path p = Path.of(e).toAbsolutePath();
            out.add(p);
            if (e.endsWith(".jar") && Files.isRegularFile(p)) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    var mf = jar.getManifest();
                    String cp = mf == null ? null : mf.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
                    if (cp != null) {
                        for (String ref : cp.trim().split("\\s+")) {
                            URI u = p.toUri().resolve(ref);
                            out.add(Path.of(u));
                        }
                    }
                } catch (IOException | IllegalArgumentException ignored) {
                    // not a readable jar: keep the entry as it is
                }
            }
        }
        return List.copyOf(out);
    }

    private static Path packed(Path classes) {
        try {
            Path jar = Files.createTempFile("lakelens-classes", ".jar");
            jar.toFile().deleteOnExit();
            try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os);
                 Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot pack " + classes + " for the cluster's executors: " + e.getMessage(), e);
        }
    }
}
