package io.lakelens.data;

/**
 * Receives the progress of a lake generation and can cancel it. Called on the generator's own
 * threads, one call at a time (never on the UI thread): implementations that touch a UI hand
 * over to it themselves. {@link #isCancelled()} may be polled from several threads.
 */
public interface GenerationListener {
    /**
     * @param fraction progress in [0, 1], non-decreasing
     * @param step     what is being done, e.g. "market_data: EOD load 2025-10-27"
     */
    void progress(double fraction, String step);

    /** Polled between commits; once true, the generation stops before its next commit. */
    default boolean isCancelled() {
        return false;
    }

    GenerationListener NONE = (f, s) -> { };
}
