package io.lakelens.analytics.quality;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing a rule found at one version.
 *
 * @param where  the rows it is about, for people (e.g. {@code symbol=AAPL, trade_date=2025-10-27})
 * @param key    the column values that find those rows again (as Spark prints them)
 * @param detail what is wrong, with the numbers
 */
public record Finding(Rule rule, String where, Map<String, String> key, String detail) {
    public Finding {
        // a null key value is a finding of its own (null in a key column), so nulls are kept
        key = key == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(key));
    }

    /** The same rule on the same rows is the same finding at every version. */
    public String identity() {
        return rule.id() + "|" + where;
    }
}
