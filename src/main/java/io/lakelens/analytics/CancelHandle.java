package io.lakelens.analytics;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * Lets another thread cancel a running query or analysis. The Spark jobs the work starts
 * run in their own job group, so {@link #cancel()} stops them (interrupting their tasks);
 * work not yet started is refused. Thread-safe; one handle per piece of work.
 */
public final class CancelHandle {
    private final String groupId = "lakelens-" + UUID.randomUUID();
    private volatile boolean cancelled;
    private volatile SparkContext context;

    /** The Spark job group of the work, for tests and the status bar. */
    public String groupId() {
        return groupId;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    private final java.util.List<CancelHandle> children = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Cancels the work: running Spark jobs stop, and the work fails with {@link QueryCancelledException}. */
    public void cancel() {
        cancelled = true;
        SparkContext sc = context;
        if (sc != null) {
            sc.cancelJobGroup(groupId);
        }
        children.forEach(CancelHandle::cancel);
        onCancel.forEach(Runnable::run);
    }

    private final java.util.List<Runnable> onCancel = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Runs {@code action} when the work is cancelled (at once if it already is): stops work Spark does not run. */
    public void onCancel(Runnable action) {
        onCancel.add(action);
        if (cancelled) {
            action.run();
        }
    }

    /** Forgets an action given to {@link #onCancel}, once the work it stops has ended. */
    public void removeOnCancel(Runnable action) {
        onCancel.remove(action);
    }

    /**
     * A handle for part of this work (one attempt, one timed read) that is cancelled with this
     * one and can also be cancelled alone.
     */
    public CancelHandle child() {
        CancelHandle c = new CancelHandle();
        children.add(c);
        if (cancelled) {
            c.cancel();
        }
        return c;
    }

    /**
     * Runs {@code work} on the calling thread with its Spark jobs in this handle's group.
     * Throws {@link QueryCancelledException} if the handle was cancelled before or during it.
     */
    public <T> T run(SparkSession spark, String what, Supplier<T> work) {
        if (cancelled) {
            throw new QueryCancelledException(what);
        }
        SparkContext sc = spark.sparkContext();
        context = sc;
        sc.setJobGroup(groupId, what, true);
        try {
            // A cancel between the first check and setJobGroup found no group to stop.
            if (cancelled) {
                throw new QueryCancelledException(what);
            }
            T result = work.get();
            if (cancelled) {
                throw new QueryCancelledException(what);
            }
            return result;
        } catch (QueryCancelledException e) {
            throw e;
        } catch (Exception e) { // Spark throws checked exceptions undeclared
            if (cancelled) {
                throw new QueryCancelledException(what);
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new io.lakelens.LakeLensException(what + " failed: " + io.lakelens.lake.Errors.rootMessage(e), e);
        } finally {
            sc.clearJobGroup();
        }
    }
}
