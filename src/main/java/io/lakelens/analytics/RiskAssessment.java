package io.lakelens.analytics;

/**
 * The seed's assessment of a risk-score change (now − then), extended symmetrically to
 * decreases. Thresholds are strict, as in the seed's {@code CASE WHEN change > 0.2}.
 */
public enum RiskAssessment {
    HIGH_INCREASE, MODERATE_INCREASE, STABLE, MODERATE_DECREASE, HIGH_DECREASE;

    /** A change above this is a high increase (below its negative a high decrease). */
    public static final double HIGH = 0.20;
    /** A change above this is a moderate increase (below its negative a moderate decrease). */
    public static final double MODERATE = 0.10;

    public static RiskAssessment of(double change) {
        if (change > HIGH) {
            return HIGH_INCREASE;
        }
        if (change > MODERATE) {
            return MODERATE_INCREASE;
        }
        if (change < -HIGH) {
            return HIGH_DECREASE;
        }
        if (change < -MODERATE) {
            return MODERATE_DECREASE;
        }
        return STABLE;
    }

    /** CSS style class for the assessment badge. */
    public String styleClass() {
        return "risk-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
