package io.lakelens.ui.kit;

import javafx.collections.ObservableList;

/**
 * Runs {@link BackgroundTask}s. The only way slow work starts in the UI, so nothing blocks
 * the JavaFX thread and every running job is visible (status bar) and cancellable.
 */
public interface TaskExecutor {

    /** Starts the task and returns its handle. Callbacks run on the UI thread. */
    <T> RunningTask execute(BackgroundTask<T> task);

    /** The titled tasks still running, in start order; changes on the UI thread. */
    ObservableList<RunningTask> running();

    /**
     * Runs {@code action} on the UI thread: the one place where data arriving on other threads
     * (Lettuce, metrics, the feed) crosses into the UI.
     */
    void ui(Runnable action);
}
