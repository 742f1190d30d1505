package io.lakelens.cache;

/**
 * One cache key. Every key but a fallback one names the Delta version it was computed from,
 * so a commit makes the old keys unreachable and a cached answer can never be stale:
 * {@code lakelens:{table}:v{version}:{class}:{hash}}. Fallback keys
 * ({@code lakelens:{table}:last:search:{hash}}) deliberately hold the newest answer at any
 * version and carry that version in their value.
 *
 * @param table    table name (validated: letters, digits, underscores)
 * @param version  the Delta version, or {@link #ANY_VERSION} for a fallback key
 * @param ttlClass the class of the value; fixes the key segment and the TTL
 * @param hash     hex digest of what identifies the value within the version
 */
public record CacheKey(String table, long version, TtlClass ttlClass, String hash) {
    public static final long ANY_VERSION = -1;

    public CacheKey {
        if (table == null || !table.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
            throw new IllegalArgumentException("Not a table name: " + table);
        }
        if (version < ANY_VERSION) {
            throw new IllegalArgumentException("Negative version " + version);
        }
        if (hash == null || !hash.matches("[0-9a-z_-]{1,128}")) {
            throw new IllegalArgumentException("Not a key hash: " + hash);
        }
    }

    /** The Redis key. */
    public String text() {
        return version == ANY_VERSION
                ? "lakelens:" + table + ":last:" + TtlClass.QUERIES.keyClass() + ":" + hash
                : "lakelens:" + table + ":v" + version + ":" + ttlClass.keyClass() + ":" + hash;
    }

    @Override
    public String toString() {
        return text();
    }
}
