package io.lakelens.data;

/**
 * Receives the progress of a lake generation and can cancel it. Called on the generating
 * thread (never the UI thread): implementations that touch a UI must hand over themselves.
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
