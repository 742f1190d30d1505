package io.lakelens.cache;

/**
 * What the cache did since this process started.
 *
 * @param gets         lookups sent (or short-circuited while down)
 * @param hits         lookups that found a readable value
 * @param errors       timeouts, rejected commands and unreadable values
 * @param puts         values stored
 * @param bytesRead    bytes of values read
 * @param bytesWritten bytes of values stored
 * @param getEwmaMs    exponentially weighted mean latency of a GET, in milliseconds
 */
public record CacheCounters(long gets, long hits, long errors, long puts, long bytesRead, long bytesWritten,
                            double getEwmaMs) {
    public long misses() {
        return gets - hits;
    }

    public double hitRatio() {
        return gets == 0 ? 0 : (double) hits / gets;
    }
}
