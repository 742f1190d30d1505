package io.lakelens.reliability;

import io.delta.storage.HadoopFileSystemLogStore;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A Delta log store for tests of two processes on one local lake. It commits exactly as
 * Delta's default store does on a local disk (HDFSLogStore over RawLocalFileSystem): write a
 * temporary file, check that the version does not exist yet, rename over it. That
 * check-then-rename is atomic only inside one JVM (the default store holds a monitor around
 * it); between processes nothing protects the microseconds between the check and the rename.
 *
 * <p>To make that window observable instead of rare, this store waits at a barrier between
 * the check and the rename until the configured number of processes have all passed the
 * check for the same version (or a short timeout passes). The race it exposes is the real
 * one; only its timing is forced. Configure with JVM properties:
 * {@code spark.delta.logStore.file.impl=io.lakelens.reliability.BarrierLogStore},
 * {@code lakelens.test.barrier=DIR} and {@code lakelens.test.parties=N}.
 */
public class BarrierLogStore extends HadoopFileSystemLogStore {
    private static final long TIMEOUT_MS = Long.getLong("lakelens.test.barrierTimeoutMs", 2500);

    public BarrierLogStore(Configuration hadoopConf) {
        super(hadoopConf);
    }

    @Override
    public void write(Path path, Iterator<String> actions, Boolean overwrite, Configuration hadoopConf) throws IOException {
        java.nio.file.Path target = Paths.get(path.toUri());
        java.nio.file.Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        List<String> lines = new ArrayList<>();
        actions.forEachRemaining(lines::add);
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        if (!overwrite && Files.exists(target)) {
            Files.deleteIfExists(tmp);
            throw new FileAlreadyExistsException(path.toString());
        }
        if (!overwrite && target.getFileName().toString().matches("\\d{20}\\.json")) {
            // keyed by table and version, so one barrier folder serves several tables
            await(target.getParent().getParent().getFileName() + "-" + target.getFileName());
        }
        // RawLocalFileSystem.rename: replaces an existing file without a word.
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void await(String commitFile) throws IOException {
        String dir = System.getProperty("lakelens.test.barrier");
        if (dir == null) {
            return;
        }
        int parties = Integer.getInteger("lakelens.test.parties", 2);
        java.nio.file.Path barrier = Paths.get(dir);
        Files.createDirectories(barrier);
        Files.writeString(barrier.resolve(commitFile + "." + ProcessHandle.current().pid()), "");
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            try (Stream<java.nio.file.Path> s = Files.list(barrier)) {
                if (s.filter(p -> p.getFileName().toString().startsWith(commitFile + ".")).count() >= parties) {
                    return;
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public Boolean isPartialWriteVisible(Path path, Configuration hadoopConf) {
        return true;
    }
}
