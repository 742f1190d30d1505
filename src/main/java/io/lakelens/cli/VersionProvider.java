package io.lakelens.cli;

import picocli.CommandLine.IVersionProvider;

/** Versions of LakeLens and its engine components. */
public final class VersionProvider implements IVersionProvider {
    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** Delta's version; its Scala package object cannot be named from Java. */
    public static String delta() {
        return scalaPackageValue("io.delta.package", "VERSION");
    }

    public static String spark() {
        return scalaPackageValue("org.apache.spark.package", "SPARK_VERSION");
    }

    private static String scalaPackageValue(String cls, String method) {
        try {
            return String.valueOf(Class.forName(cls).getMethod(method).invoke(null));
        } catch (ReflectiveOperationException e) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[]{"LakeLens " + version(), "Spark " + spark(), "Delta " + delta(),
                "Java " + System.getProperty("java.version")};
    }
}
