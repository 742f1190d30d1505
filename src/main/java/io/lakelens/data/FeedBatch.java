package io.lakelens.data;

import java.time.Instant;
import java.util.Map;

/**
 * One committed micro-batch of the live feed.
 *
 * @param version      the table version this batch's commit created
 * @param rows         ticks in it
 * @param commitMillis time to write and commit, waiting for the write lock included
 * @param retries      commit attempts lost to concurrent writers and retried
 * @param lastPrices   last price of each symbol ticked in this batch
 */
public record FeedBatch(String table, long batch, long version, int rows, long commitMillis, int retries,
                        Map<String, Double> lastPrices, Instant committedAt) {
}
