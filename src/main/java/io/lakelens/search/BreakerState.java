package io.lakelens.search;

/** The circuit breaker's state: closed (Delta used), open (cached fallback only), half-open (one trial read). */
public enum BreakerState {
    CLOSED, OPEN, HALF_OPEN;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
