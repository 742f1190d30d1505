package io.lakelens.ui.kit;

/** What a running {@link BackgroundTask} sees of itself. Thread-safe. */
public interface TaskContext {
    /** True once the analyst (or the shell) cancelled the task; long work should check it and stop. */
    boolean isCancelled();

    /**
     * Reports progress; shown in the status bar for titled tasks.
     *
     * @param fraction 0..1, or a negative value for "working, amount unknown"
     * @param step     what is happening now, a short phrase
     */
    void progress(double fraction, String step);

    /** Runs {@code hook} when the task is cancelled (e.g. to cancel a Spark job group); at once if it already is. */
    void onCancel(Runnable hook);
}
