package io.lakelens.ui.kit;

import javafx.collections.ObservableList;

import java.time.Duration;

/**
 * Runs {@link BackgroundTask}s. The only way slow work starts in the UI, so nothing blocks
 * the JavaFX thread and every running job is visible (status bar) and cancellable.
 */
public interface TaskExecutor {

    /** Starts the task and returns its handle. Callbacks run on the UI thread. */
    <T> RunningTask execute(BackgroundTask<T> task);

    /**
     * Runs {@code tick} on a worker thread every {@code period} (the first after one period) until
     * the returned handle is cancelled: the one clock of the UI, for samplers and generators. A
     * tick still running when the next is due makes that one skip, so slow ticks never pile up;
     * a tick that throws is ignored and the next one runs. Ticks do not appear in {@link #running()}.
     */
    RunningTask every(Duration period, Runnable tick);

    /** The titled tasks still running, in start order; changes on the UI thread. */
    ObservableList<RunningTask> running();

    /**
     * Runs {@code action} on the UI thread: the one place where data arriving on other threads
     * (Lettuce, metrics, the feed) crosses into the UI.
     */
    void ui(Runnable action);
}
