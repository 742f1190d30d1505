package io.lakelens.cache;

import java.util.Locale;

/**
 * The state of the cache as the analyst sees it. {@link #EXTERNAL} and {@link #EMBEDDED} are
 * up; {@link #DOWN} means a cache was configured but does not answer right now (searches go
 * to Delta, the connection retries by itself); {@link #NONE} means LakeLens runs without one.
 */
public enum CacheStatus {
    EXTERNAL, EMBEDDED, DOWN, NONE;

    public boolean isUp() {
        return this == EXTERNAL || this == EMBEDDED;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
