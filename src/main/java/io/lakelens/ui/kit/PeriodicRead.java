package io.lakelens.ui.kit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A read a panel repeats while it is shown (the cache's figures, the streams' journals): once at
 * once, then every {@code period} on a worker thread until stopped. The read itself hands its
 * outcome to the UI thread through {@link TaskExecutor#ui}.
 */
public final class PeriodicRead {
    private final Duration period;
    private final Runnable read;
    private final TaskExecutor tasks;
    private RunningTask ticking;

    /** @param read one read, run on a worker thread */
    public PeriodicRead(Duration period, Runnable read, TaskExecutor tasks) {
        this.period = period;
        this.read = read;
        this.tasks = tasks;
    }

    /** Reads now and then every period until {@link #stop()}; a second start only reads now. */
    public synchronized void start() {
        if (ticking == null) {
            ticking = tasks.every(period, read);
        }
        once();
    }

    public synchronized void stop() {
        if (ticking != null) {
            ticking.cancel();
            ticking = null;
        }
    }

    public synchronized boolean isRunning() {
        return ticking != null;
    }

    /** Reads once in the background; completes when the read has run (and handed its outcome on). */
    public CompletableFuture<Void> once() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        BackgroundTask.wrap(() -> {
                    read.run();
                    return null;
                })
                .onSuccess(x -> done.complete(null))
                .onFailure(done::completeExceptionally)
                .executeWith(tasks);
        return done;
    }
}
