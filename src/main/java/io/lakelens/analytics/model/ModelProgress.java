package io.lakelens.analytics.model;

/**
 * Where a training or backtest run is: a step for people and the fraction of the whole run
 * done, 0 to 1, never going backwards.
 */
public record ModelProgress(String step, double fraction) {
    /** Receives progress on the thread doing the work (or Spark's status poller); must not block. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = p -> { };

        void progress(ModelProgress progress);
    }
}
