package io.lakelens.lake.maintenance;

import java.util.ArrayList;
import java.util.List;

/**
 * File counts by size, in fixed power-of-four buckets from 64 KiB to 1 GiB so that the
 * histograms of two versions (before and after OPTIMIZE) line up bucket for bucket.
 */
public record SizeHistogram(List<Bucket> buckets) {
    private static final long KIB = 1024;
    /** Upper bounds (exclusive) of all buckets but the last, which is open-ended. */
    static final long[] BOUNDS = {64 * KIB, 256 * KIB, 1024 * KIB, 4096 * KIB, 16384 * KIB, 65536 * KIB,
            262144 * KIB, 1048576 * KIB};

    /**
     * @param label      human range, e.g. "256 KiB–1 MiB"
     * @param lowerBytes inclusive lower bound
     * @param upperBytes exclusive upper bound, or {@link Long#MAX_VALUE} for the last bucket
     */
    public record Bucket(String label, long lowerBytes, long upperBytes, long files, long bytes) {
    }

    public static SizeHistogram of(List<DataFile> files) {
        long[] counts = new long[BOUNDS.length + 1];
        long[] bytes = new long[BOUNDS.length + 1];
        for (DataFile f : files) {
            int i = bucketOf(f.sizeBytes());
            counts[i]++;
            bytes[i] += f.sizeBytes();
        }
        List<Bucket> out = new ArrayList<>();
        for (int i = 0; i <= BOUNDS.length; i++) {
            long lo = i == 0 ? 0 : BOUNDS[i - 1];
            long hi = i == BOUNDS.length ? Long.MAX_VALUE : BOUNDS[i];
            String label = i == 0 ? "< " + unit(hi) : hi == Long.MAX_VALUE ? "≥ " + unit(lo) : unit(lo) + "–" + unit(hi);
            out.add(new Bucket(label, lo, hi, counts[i], bytes[i]));
        }
        return new SizeHistogram(List.copyOf(out));
    }

    static int bucketOf(long size) {
        for (int i = 0; i < BOUNDS.length; i++) {
            if (size < BOUNDS[i]) {
                return i;
            }
        }
        return BOUNDS.length;
    }

    public long totalFiles() {
        return buckets.stream().mapToLong(Bucket::files).sum();
    }

    private static String unit(long bytes) {
        if (bytes >= 1024 * 1024 * 1024) {
            return bytes / (1024 * 1024 * 1024) + " GiB";
        }
        if (bytes >= 1024 * 1024) {
            return bytes / (1024 * 1024) + " MiB";
        }
        return bytes / 1024 + " KiB";
    }
}
