package io.lakelens.ui.kit;

import io.lakelens.analytics.QueryCancelledException;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.concurrent.CompletableFuture;

/**
 * What a view shows of its long job, one at a time (a quality check, a report, a training, a
 * backtest): whether it runs, how far it is, what it is doing or how it ended, and the last
 * failure in one line. {@link #track} wires a task to it. A job replaced by a newer one still
 * settles its own future but no longer touches these properties. Used on the UI thread only.
 */
public final class JobState {
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper step = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private long jobs;

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** 0..1 of the running job. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** What the running job is doing; how the last one ended once it has. */
    public ReadOnlyStringProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** The last failure in one line; empty after a success. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** A request refused before any work started: its reason becomes the error line. */
    public void refuse(String why) {
        error.set(why);
        step.set("");
    }

    /** A side read of the view (not the tracked job) failed: its one line becomes the error line. */
    public void failed(Throwable e, CompletableFuture<?> shown) {
        UiErrors.fail(error, e, shown);
    }

    /** How the job ended, said by its success handler. */
    public void done(String outcome) {
        progress.set(1);
        step.set(outcome);
    }

    /** Nothing to say any more (the view shows another table). */
    public void clear() {
        step.set("");
        error.set("");
    }

    /** {@link #track(BackgroundTask, String, String, CompletableFuture, Runnable)} with nothing more to do at the end. */
    public <T> BackgroundTask<T> track(BackgroundTask<T> task, String starting, String cancelled, CompletableFuture<?> shown) {
        return track(task, starting, cancelled, shown, () -> { });
    }

    /**
     * Wires {@code task} to these properties: running with {@code starting} as its step, then the
     * task's progress; a failure becomes the error line and fails {@code shown}; a cancellation
     * (or a query the work stopped on cancellation) says {@code cancelled} and cancels
     * {@code shown}. The caller's success handler completes {@code shown}; set it before or
     * after, but set no other handler afterwards.
     *
     * @param over run at the end of the job while it is still the current one
     */
    public <T> BackgroundTask<T> track(BackgroundTask<T> task, String starting, String cancelled, CompletableFuture<?> shown,
                                       Runnable over) {
        long job = ++jobs;
        Runnable onCancel = () -> {
            if (job == jobs) {
                step.set(cancelled);
            }
            shown.cancel(false);
        };
        return task
                .onRunning(() -> {
                    running.set(true);
                    error.set("");
                    progress.set(0);
                    step.set(starting);
                })
                .onProgress((f, s) -> {
                    if (job == jobs) {
                        progress.set(Math.max(0, f));
                        step.set(s);
                    }
                })
                .onFailure(e -> {
                    if (e instanceof QueryCancelledException) {
                        onCancel.run();
                    } else {
                        step.set("");
                        UiErrors.fail(error, e, shown);
                    }
                })
                .onCancelled(onCancel)
                .onFinished(() -> {
                    if (job == jobs) {
                        running.set(false);
                        over.run();
                    }
                });
    }
}
