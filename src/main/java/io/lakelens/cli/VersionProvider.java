package io.lakelens.cli;

import io.lakelens.Versions;
import picocli.CommandLine.IVersionProvider;

/** Versions of LakeLens and its engine components, for {@code --version} on every command. */
public final class VersionProvider implements IVersionProvider {
    public static String version() {
        return Versions.lakelens();
    }

    public static String delta() {
        return Versions.delta();
    }

    public static String spark() {
        return Versions.spark();
    }

    @Override
    public String[] getVersion() {
        return Versions.all().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toArray(String[]::new);
    }
}
