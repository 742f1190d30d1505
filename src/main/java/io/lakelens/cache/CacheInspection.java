package io.lakelens.cache;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Redis's own view of the cache at one moment: the server, its memory against the limit, the
 * eviction policy, keys evicted and expired since it started, LakeLens keys by TTL class and by
 * table, the server's hit ratio and its slow log.
 *
 * @param server        which Redis answers (embedded binary, PATH binary or URL), as the connection describes it
 * @param usedMemory    bytes Redis uses now ({@code used_memory})
 * @param maxMemory     the limit in bytes; 0 means none
 * @param keysByClass   LakeLens keys per TTL class, every class listed (0 when none)
 * @param keysByTable   LakeLens keys per table, most first
 * @param otherKeys     keys in the database that are not LakeLens's
 * @param scanTruncated true when more keys exist than one inspection counts ({@link CacheInspector#MAX_SCANNED})
 * @param hits          keyspace hits since Redis started (every client)
 * @param misses        keyspace misses since Redis started (every client)
 */
public record CacheInspection(String server, String redisVersion, long usedMemory, long maxMemory, String evictionPolicy,
                              long evictedKeys, long expiredKeys, Map<TtlClass, Long> keysByClass, Map<String, Long> keysByTable,
                              long otherKeys, boolean scanTruncated, long hits, long misses, List<SlowEntry> slowLog) {

    /**
     * One command the slow log kept.
     *
     * @param micros how long Redis took to execute it, in microseconds
     * @param command the command and its first arguments (long values shortened)
     */
    public record SlowEntry(long id, Instant at, long micros, String command) {
    }

    /** Keyspace hits over lookups since Redis started, or NaN when there were none. */
    public double hitRatio() {
        return hits + misses == 0 ? Double.NaN : (double) hits / (hits + misses);
    }

    public long lakelensKeys() {
        return keysByClass.values().stream().mapToLong(Long::longValue).sum();
    }
}
