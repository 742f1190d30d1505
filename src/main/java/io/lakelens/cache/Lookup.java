package io.lakelens.cache;

/**
 * The outcome of {@link Cache#getOrCompute}.
 *
 * @param value   the value
 * @param outcome where it came from
 * @param bytes   its encoded size (what is or would be stored)
 * @param cacheMs time spent on cache commands, in milliseconds
 */
public record Lookup<T>(T value, Outcome outcome, int bytes, double cacheMs) {

    public enum Outcome {
        /** Read from the cache. */
        HIT,
        /** Computed by this caller, then stored. */
        MISS,
        /** Computed by a concurrent identical request this caller waited for. */
        SHARED,
        /** Computed without the cache, which is down or absent. */
        BYPASS
    }

    public boolean hit() {
        return outcome == Outcome.HIT;
    }

    Lookup<T> shared() {
        return outcome == Outcome.MISS || outcome == Outcome.BYPASS ? new Lookup<>(value, Outcome.SHARED, bytes, cacheMs) : this;
    }
}
