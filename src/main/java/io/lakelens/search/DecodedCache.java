package io.lakelens.search;

/**
 * The Kernel route's in-memory cache of decoded data files (files never change in Delta, so a
 * warm search need not decode Parquet again). Its size is an estimate of the decoded vectors'
 * heap use; it is bounded by {@code budgetBytes} ({@code LAKELENS_DECODED_CACHE_MB}).
 *
 * @param usedBytes   estimated bytes held now
 * @param budgetBytes the bound
 * @param files       decoded files held now
 * @param hits        reads answered from memory since the service started
 * @param misses      reads that decoded a file (and kept it when it fit)
 */
public record DecodedCache(long usedBytes, long budgetBytes, int files, long hits, long misses) {
    /** Hits over reads; 0 before any read. */
    public double hitRatio() {
        long reads = hits + misses;
        return reads == 0 ? 0 : (double) hits / reads;
    }
}
