package io.lakelens.lake;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Durations of the engine's Spark jobs as they end, from Spark's listener bus (which calls it on
 * its own thread). {@link #drain()} returns the durations, in milliseconds, of the jobs that
 * ended since the last call; {@link #close()} stops listening. Thread-safe.
 */
public final class SparkJobTimes implements AutoCloseable {
    /** Jobs kept between two drains; older ones are dropped so an undrained watcher stays small. */
    private static final int KEEP = 10_000;

    private final SparkContext context;
    private final Listener listener = new Listener();
    private final Map<Integer, Long> started = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> ended = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    private SparkJobTimes(SparkContext context) {
        this.context = context;
    }

    /**
     * Starts watching the engine's jobs once its Spark session is up (starting it, like
     * {@link LakeEngine#start()}, if it is not). Completes exceptionally when Spark fails to start.
     */
    public static CompletableFuture<SparkJobTimes> watch(LakeEngine engine) {
        return engine.start().thenApply(session -> {
            SparkJobTimes times = new SparkJobTimes(session.sparkContext());
            times.context.addSparkListener(times.listener);
            return times;
        });
    }

    /** Durations in ms of the jobs that ended since the last call, in the order they ended. */
    public List<Long> drain() {
        List<Long> out = new ArrayList<>();
        Long d;
        while ((d = ended.poll()) != null) {
            size.decrementAndGet();
            out.add(d);
        }
        return out;
    }

    @Override
    public void close() {
        context.removeSparkListener(listener);
        started.clear();
        drain();
    }

    private final class Listener extends SparkListener {
        @Override
        public void onJobStart(SparkListenerJobStart jobStart) {
            started.put(jobStart.jobId(), jobStart.time());
        }

        @Override
        public void onJobEnd(SparkListenerJobEnd jobEnd) {
            Long t0 = started.remove(jobEnd.jobId());
            if (t0 != null) {
                ended.add(Math.max(0, jobEnd.time() - t0));
                if (size.incrementAndGet() > KEEP && ended.poll() != null) {
                    size.decrementAndGet();
                }
            }
        }
    }
}
