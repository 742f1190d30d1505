package io.lakelens;

import java.nio.file.Path;

/**
 * Where LakeLens keeps its own state for a lake (the search columns, maintenance policies, locks,
 * the shared Redis's record, stream journals, bench figures): {@code .lakelens} inside a local
 * lake; on this computer for a lake whose file system says so (a lake in a bucket).
 */
public final class LakeStateFolder {
    /** A file system whose lakes keep LakeLens's state on this computer rather than beside their tables. */
    public interface KeptLocally {
        Path localState(Path lakeRoot);
    }

    private LakeStateFolder() {
    }

    public static Path of(Path lakeRoot) {
        return lakeRoot.getFileSystem() instanceof KeptLocally k ? k.localState(lakeRoot) : lakeRoot.resolve(".lakelens");
    }
}
