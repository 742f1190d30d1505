package io.lakelens.cache;

import io.lakelens.lake.TableName;

/**
 * One cache key. Every key but a fallback one names the Delta version it was computed from,
 * so a commit makes the old keys unreachable and a cached answer can never be stale:
 * {@code lakelens:{table}:v{version}:{class}:{hash}}. Fallback keys
 * ({@code lakelens:{table}:last:search:{hash}}) deliberately hold the newest answer at any
 * version and carry that version in their value. The table segment is the table's name with
 * every character outside {@code [A-Za-z0-9_.-/]} percent-encoded ({@link TableName#encoded}),
 * so {@code market_data} reads as itself, no two names share a segment, and no name can add a
 * {@code :} to the layout or a glob character to {@link CacheKeys#tablePattern}.
 *
 * @param table    table name (any valid {@link TableName}; kept as given, encoded in the key)
 * @param version  the Delta version, or {@link #ANY_VERSION} for a fallback key
 * @param ttlClass the class of the value; fixes the key segment and the TTL
 * @param hash     hex digest of what identifies the value within the version
 */
public record CacheKey(String table, long version, TtlClass ttlClass, String hash) {
    public static final long ANY_VERSION = -1;

    public CacheKey {
        if (table == null || !TableName.isValid(table)) {
            throw new IllegalArgumentException("Not a table name: " + table);
        }
        table = TableName.of(table).path();
        if (version < ANY_VERSION) {
            throw new IllegalArgumentException("Negative version " + version);
        }
        if (hash == null || !hash.matches("[0-9a-z_-]{1,128}")) {
            throw new IllegalArgumentException("Not a key hash: " + hash);
        }
    }

    /** The Redis key. */
    public String text() {
        String segment = segment(table);
        return version == ANY_VERSION
                ? "lakelens:" + segment + ":last:" + TtlClass.QUERIES.keyClass() + ":" + hash
                : "lakelens:" + segment + ":v" + version + ":" + ttlClass.keyClass() + ":" + hash;
    }

    /** The key segment naming a table. */
    static String segment(String table) {
        return TableName.of(table).encoded(true);
    }

    @Override
    public String toString() {
        return text();
    }
}
