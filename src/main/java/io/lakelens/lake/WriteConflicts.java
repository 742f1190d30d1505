package io.lakelens.lake;

import dev.failsafe.RetryPolicy;
import org.apache.spark.sql.delta.DeltaConcurrentModificationException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Delta's optimistic concurrency: a commit that loses a race with another writer fails with a
 * {@link DeltaConcurrentModificationException} (concurrent append, delete-read, delete-delete,
 * metadata or protocol change) and commits nothing, so the whole operation can run again on
 * the new snapshot. LakeLens's own writers never race each other (the {@link WriteGuard}
 * serialises them); these conflicts come from other engines writing the same table.
 */
final class WriteConflicts {
    private static final Pattern COMMIT_FILE = Pattern.compile("(\\d{20})\\.json");

    /** Attempts after the first; each re-runs the write on the table's new snapshot. */
    static final int MAX_RETRIES = 6;

    private WriteConflicts() {
    }

    /** Whether {@code t} (or a cause) is a lost optimistic-concurrency race. */
    static boolean isConflict(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof DeltaConcurrentModificationException) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /** The conflict that {@code t} carries, for its message. */
    static Throwable conflict(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof DeltaConcurrentModificationException) {
                return c;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return t;
    }

    /**
     * Retries lost races with jittered backoff (50 ms doubling to 2 s): a busy writer elsewhere
     * commits every few hundred ms, so a short pause usually lets the next attempt through.
     * {@code safeToRetry} is asked before each retry so a write whose earlier commits already
     * landed is never repeated.
     */
    static RetryPolicy<Object> policy(java.util.function.BooleanSupplier safeToRetry,
                                      java.util.function.Consumer<Throwable> onRetry) {
        return RetryPolicy.builder()
                .handleIf(WriteConflicts::isConflict)
                .abortIf((result, failure) -> failure != null && isConflict(failure) && !safeToRetry.getAsBoolean())
                .withMaxRetries(MAX_RETRIES)
                .withBackoff(Duration.ofMillis(50), Duration.ofSeconds(2))
                .withJitter(0.25)
                .onRetry(e -> onRetry.accept(e.getLastException()))
                .build();
    }

    /** The newest commit version in the table's log folder, or -1 when it has none yet. */
    static long newestCommit(Path tableDir) {
        Path log = tableDir.resolve("_delta_log");
        if (!Files.isDirectory(log)) {
            return -1;
        }
        try (Stream<Path> files = Files.list(log)) {
            return files.map(p -> COMMIT_FILE.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToLong(m -> Long.parseLong(m.group(1)))
                    .max().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Whether a commit after {@code since} carries {@code writeId} (that write already committed part of its work). */
    static boolean committedSince(Path tableDir, long since, String writeId) {
        long newest = newestCommit(tableDir);
        for (long v = since + 1; v <= newest; v++) {
            Path f = tableDir.resolve("_delta_log").resolve(String.format("%020d.json", v));
            try {
                if (Files.isRegularFile(f) && Files.readString(f, StandardCharsets.UTF_8).contains(writeId)) {
                    return true;
                }
            } catch (IOException e) {
                return true; // cannot tell: do not risk repeating a commit
            }
        }
        return false;
    }
}
