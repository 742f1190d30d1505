package io.lakelens.ui.performance;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Durations of Spark jobs as they end, from Spark's listener bus (which calls it on its own
 * thread). {@link #drain()} returns the durations, in milliseconds, of the jobs that ended since
 * the last call. Thread-safe.
 */
final class SparkJobTimes extends SparkListener {
    private final Map<Integer, Long> started = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> ended = new ConcurrentLinkedQueue<>();

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        started.put(jobStart.jobId(), jobStart.time());
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd jobEnd) {
        Long t0 = started.remove(jobEnd.jobId());
        if (t0 != null) {
            ended.add(Math.max(0, jobEnd.time() - t0));
        }
    }

    List<Long> drain() {
        List<Long> out = new ArrayList<>();
        Long d;
        while ((d = ended.poll()) != null) {
            out.add(d);
        }
        return out;
    }
}
