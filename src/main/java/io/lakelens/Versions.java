package io.lakelens;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Versions of LakeLens and the components it bundles, as the command line's {@code --version}
 * and the window's About dialog show them. Read from the jars' manifests and the engines' own
 * constants; "dev" or "unknown" when run from classes without a manifest. Thread-safe.
 */
public final class Versions {
    private Versions() {
    }

    public static String lakelens() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public static String spark() {
        return scalaPackageValue("org.apache.spark.package", "SPARK_VERSION");
    }

    /** Delta's version; its Scala package object cannot be named from Java. */
    public static String delta() {
        return scalaPackageValue("io.delta.package", "VERSION");
    }

    public static String kernel() {
        return manifestVersion("io.delta.kernel.Table");
    }

    public static String java() {
        return System.getProperty("java.version") + " (" + System.getProperty("java.vendor", "unknown vendor") + ")";
    }

    /** Component name to version, LakeLens first. */
    public static Map<String, String> all() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("LakeLens", lakelens());
        m.put("Spark", spark());
        m.put("Delta", delta());
        m.put("Delta Kernel", kernel());
        m.put("Java", java());
        return m;
    }

    private static String manifestVersion(String cls) {
        try {
            String v = Class.forName(cls).getPackage().getImplementationVersion();
            return v == null ? "unknown" : v;
        } catch (ClassNotFoundException e) {
            return "unknown";
        }
    }

    private static String scalaPackageValue(String cls, String method) {
        try {
            return String.valueOf(Class.forName(cls).getMethod(method).invoke(null));
        } catch (ReflectiveOperationException e) {
            return "unknown";
        }
    }
}
