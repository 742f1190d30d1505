package io.lakelens.lake;

import io.lakelens.LakeLensException;
import io.lakelens.LakeStateFolder;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Serialises writes to one table across threads and across processes. Delta's default log
 * store on a local file system makes a commit atomic only within one JVM, so two LakeLens
 * processes on one lake take an OS file lock per table under {@code .lakelens/locks}. The
 * lock file names the holder (process, user, reason) so a waiting writer can say who.
 */
public final class WriteGuard {
    private final Path lakeRoot;
    private final Path lockDir;
    private final Map<String, ReentrantLock> local = new ConcurrentHashMap<>();
    private volatile Consumer<String> waitListener = msg -> { };

    WriteGuard(Path lakeRoot) {
        this.lakeRoot = lakeRoot;
        this.lockDir = LakeStateFolder.of(lakeRoot).resolve("locks");
    }

    /** Called with a message naming the holder when a write has to wait for the lock. */
    public void onWait(Consumer<String> listener) {
        this.waitListener = listener == null ? msg -> { } : listener;
    }

    public <T> T withLock(String tableName, String reason, Supplier<T> work) {
        TableName name = TableName.of(tableName);
        String table = name.path();
        // Delta's S3 log store is safe for one writing process: a lake in a bucket is claimed
        // by the first process that writes to it (the lock files below stay local either way).
        io.lakelens.lake.s3.S3Lakes.claimWriter(lakeRoot);
        ReentrantLock lock = local.computeIfAbsent(table, t -> new ReentrantLock());
        lock.lock();
        try {
            Files.createDirectories(lockDir);
            Path file = lockDir.resolve(name.fileName() + ".lock");
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ)) {
                FileLock fl = ch.tryLock();
                if (fl == null) {
                    waitListener.accept("Waiting for the write lock on " + table + ", held by " + holder(file));
                    fl = ch.lock();
                }
                try {
                    String me = ProcessHandle.current().pid() + " " + CommitMetadata.currentUser() + " " + reason;
                    ch.truncate(0);
                    ch.write(java.nio.ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
                    return work.get();
                } finally {
                    fl.release();
                }
            }
        } catch (OverlappingFileLockException e) {
            throw new LakeLensException("A write to " + table + " is already running in this process.", e);
        } catch (IOException e) {
            throw new LakeLensException("Cannot lock table " + table + " for writing under " + lockDir
                    + ": " + e.getMessage() + " (is the lake folder writable?)", e);
        } finally {
            lock.unlock();
        }
    }

    private static String holder(Path file) {
        try {
            String s = Files.readString(file).trim();
            return s.isEmpty() ? "another process" : "process " + s;
        } catch (IOException e) {
            return "another process";
        }
    }
}
