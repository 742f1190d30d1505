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
 * <p>To make that window observable instead of rare, this store can wait at a barrier between
 * the check and the rename until a number of processes have all passed the check for the same
 * version of the same table. The race it exposes is the real one; only its timing is forced.
 * The barrier is set per table by a file {@code DIR/TABLE.race} holding "PARTIES TIMEOUT_MS"
 * (tables without one commit at once); past the timeout the commit goes ahead alone. Configure
 * with JVM properties {@code spark.delta.logStore.file.impl=io.lakelens.reliability.BarrierLogStore}
 * and {@code lakelens.test.barrier=DIR}.
 */
public class BarrierLogStore extends HadoopFileSystemLogStore {
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
            await(target.getParent().getParent().getFileName().toString(), target.getFileName().toString());
        }
        // RawLocalFileSystem.rename: replaces an existing file without a word.
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Waits until the table's barrier has seen its parties for this commit file (or its timeout passed). */
    static void await(String table, String commitFile) throws IOException {
        String dir = System.getProperty("lakelens.test.barrier");
        if (dir == null) {
            return;
        }
        java.nio.file.Path barrier = Paths.get(dir);
        java.nio.file.Path race = barrier.resolve(table + ".race");
        if (!Files.exists(race)) {
            return;
        }
        String[] setting = Files.readString(race).trim().split("\\s+");
        int parties = Integer.parseInt(setting[0]);
        long timeoutMs = Long.parseLong(setting[1]);
        String key = table + "-" + commitFile;
        Files.writeString(barrier.resolve(key + "." + ProcessHandle.current().pid()), "");
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            try (Stream<java.nio.file.Path> s = Files.list(barrier)) {
                if (s.filter(p -> p.getFileName().toString().startsWith(key + ".")).count() >= parties) {
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

    /** Sets the barrier of {@code table}: commits wait for {@code parties} processes, at most {@code timeoutMs}. */
    static void race(java.nio.file.Path barrierDir, String table, int parties, long timeoutMs) throws IOException {
        Files.createDirectories(barrierDir);
        Files.writeString(barrierDir.resolve(table + ".race"), parties + " " + timeoutMs);
    }

    @Override
    public Boolean isPartialWriteVisible(Path path, Configuration hadoopConf) {
        return true;
    }
}
