package io.lakelens.search;

/**
 * The four search strategies as data the UI and CLI read: id, display name, colour (a CSS
 * variable name, never a literal), latency band and when to use it. Icons are the UI's
 * ({@code AppIcon.of}).
 */
public enum StrategyKind {
    CACHE_FIRST("cache-first", "Cache-first", "-ll-cache-first",
            "1–30 ms on a hit", "Popular lookups and repeated queries: Redis first, Delta on a miss."),
    DATABASE_ONLY("database-only", "Database-only", "-ll-database-only",
            "30–500 ms", "Compliance and time-travel reads: always the engine's own answer from Delta."),
    CIRCUIT_BREAKER("circuit-breaker", "Circuit breaker", "-ll-circuit-breaker",
            "30–800 ms", "Mission-critical reads: Delta guarded by a breaker and timeout, cached fallback when it fails."),
    HYBRID("hybrid", "Hybrid", "-ll-hybrid",
            "1–400 ms", "Mixed workloads: routes each request by its shape and the cache's state, and says why.");

    private final String id;
    private final String displayName;
    private final String colorVariable;
    private final String latencyBand;
    private final String whenToUse;

    StrategyKind(String id, String displayName, String colorVariable, String latencyBand, String whenToUse) {
        this.id = id;
        this.displayName = displayName;
        this.colorVariable = colorVariable;
        this.latencyBand = latencyBand;
        this.whenToUse = whenToUse;
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** The CSS looked-up colour that paints this strategy, e.g. {@code -ll-cache-first}. */
    public String colorVariable() {
        return colorVariable;
    }

    /** CSS style class for badges of this strategy, e.g. {@code strategy-cache-first}. */
    public String styleClass() {
        return "strategy-" + id;
    }

    public String latencyBand() {
        return latencyBand;
    }

    public String whenToUse() {
        return whenToUse;
    }

    public static StrategyKind parse(String text) {
        for (StrategyKind k : values()) {
            if (k.id.equalsIgnoreCase(text.trim()) || k.name().equalsIgnoreCase(text.trim())) {
                return k;
            }
        }
        throw new io.lakelens.LakeLensException("Unknown strategy '" + text
                + "'; choose cache-first, database-only, circuit-breaker or hybrid.");
    }
}
