package io.lakelens.analytics.quality;

import io.lakelens.LakeLensException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The data-quality rules, each with an id for the command line and a title for people. */
public enum Rule {
    NULL_KEY("null-key", "Null in a key column"),
    DUPLICATE_KEY("duplicate-key", "Duplicate key"),
    NON_POSITIVE_PRICE("non-positive-price", "Negative or zero price"),
    HIGH_BELOW_LOW("high-below-low", "High below low"),
    CLOSE_OUTSIDE_RANGE("close-outside-range", "Close outside the day's low–high range"),
    NEGATIVE_VOLUME("negative-volume", "Negative volume"),
    PRICE_JUMP("price-jump", "Price jump beyond k daily standard deviations"),
    STALE_SYMBOL("stale-symbol", "Symbol with no new rows for N trading days"),
    SCHEMA_DRIFT("schema-drift", "Schema changed from the previous version");

    private final String id;
    private final String title;

    Rule(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** A schema change is an event of one commit; every other rule describes rows that stay wrong until fixed. */
    public boolean event() {
        return this == SCHEMA_DRIFT;
    }

    public static Rule parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Rule r : values()) {
            if (r.id.equals(t)) {
                return r;
            }
        }
        throw new LakeLensException("Unknown rule '" + text + "'; the rules are "
                + Arrays.stream(values()).map(Rule::id).collect(Collectors.joining(", ")) + ".");
    }
}
