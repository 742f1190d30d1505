package io.lakelens.ui.kit;

import javafx.application.Platform;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The window's executor: a small pool of daemon workers (the machine may have 2 cores, and
 * Spark has its own threads), callbacks on the JavaFX thread.
 */
public final class UiTaskExecutor extends AbstractTaskExecutor implements AutoCloseable {
    private static final int WORKERS = 4;
    private final ExecutorService pool;
    private final ScheduledExecutorService clock;

    public UiTaskExecutor(Consumer<Throwable> defaultFailure) {
        super(defaultFailure);
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "lakelens-ui-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(WORKERS, threads);
        this.clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lakelens-ui-clock");
            t.setDaemon(true);
            return t;
        });
    }

    /** Work asked for after {@link #close()} (a late timer or listener of a closed window) is dropped. */
    @Override
    void submit(Runnable job) {
        try {
            pool.execute(job);
        } catch (RejectedExecutionException closed) {
            // the window is gone; nobody is waiting for this answer
        }
    }

    /** The clock only hands ticks to the workers, so one thread keeps every period. */
    @Override
    Runnable repeat(Runnable tick, long periodNanos) {
        try {
            ScheduledFuture<?> f = clock.scheduleAtFixedRate(tick, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException closed) {
            return () -> { };
        }
    }

    @Override
    public void ui(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    /**
     * Cancels what still runs and waits for the workers to stop: a read ends with its cancelled
     * Spark job, while a change already committing (OPTIMIZE, VACUUM, restore, import) finishes
     * its commit, so nothing writes to the lake once the window is closed. Workers are not
     * interrupted: an interrupt inside a commit's file write would leave a temporary file behind.
     */
    @Override
    public void close() {
        for (RunningTask t : running().toArray(new RunningTask[0])) {
            t.cancel();
        }
        clock.shutdownNow();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(CLOSE_WAIT_S, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** How long closing waits for a commit in progress. */
    private static final long CLOSE_WAIT_S = 120;
}
