package io.lakelens.lake;

import io.lakelens.LakeLensException;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Retries a Delta commit that lost an optimistic-concurrency race (another writer committed
 * first: {@code ConcurrentAppendException}, {@code MetadataChangedException}, …). The work must
 * be idempotent on retry (an idempotent append with {@code txnAppId}/{@code txnVersion}, or a
 * command Delta re-plans from the new snapshot). Each conflict is reported to the listener.
 */
public final class DeltaRetry {
    private DeltaRetry() {
    }

    /** One lost race, for reporting. */
    public record Conflict(int attempt, String kind, String message) {
    }

    public static <T> T withRetries(int maxAttempts, Consumer<Conflict> onConflict, Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                Throwable conflict = conflictOf(e);
                if (conflict == null || attempt >= maxAttempts) {
                    if (conflict != null) {
                        throw new LakeLensException("Gave up after " + attempt + " attempts: another writer kept committing first ("
                                + conflict.getClass().getSimpleName() + ").", e);
                    }
                    throw e;
                }
                onConflict.accept(new Conflict(attempt, conflict.getClass().getSimpleName(), Errors.rootMessage(conflict)));
                try {
                    Thread.sleep(Math.min(2_000, 50L << attempt));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new LakeLensException("Interrupted while retrying a commit.", ie);
                }
            }
        }
    }

    /** The Delta concurrency exception in a failure's chain, or null when it is another failure. */
    public static Throwable conflictOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.delta.exceptions.DeltaConcurrentModificationException
                    || t instanceof org.apache.spark.sql.delta.DeltaConcurrentModificationException) {
                return t;
            }
            String name = t.getClass().getSimpleName().toLowerCase(Locale.ROOT);
            if (name.startsWith("concurrent") && name.endsWith("exception")) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
