package io.lakelens.lake;

import io.lakelens.LakeLensException;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.sql.SparkSession;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs Spark work under its own job group so it can report progress (polled from Spark's
 * status tracker) and be cancelled (the group's jobs are killed, so a Delta command fails
 * before it commits and nothing changes).
 */
public final class SparkJobs {
    private static final long POLL_MS = 250;
    private static final ScheduledExecutorService POLLER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lakelens-job-progress");
        t.setDaemon(true);
        return t;
    });

    private SparkJobs() {
    }

    /**
     * Progress of a running piece of Spark work. Spark only knows the jobs started so far, so
     * {@code fraction} covers those (it never goes backwards); {@code stage} names the active one.
     */
    public record Progress(String stage, int jobsDone, int jobsRunning, long tasksDone, long tasksTotal,
                           double fraction, Duration elapsed) {
        public String summary() {
            return String.format(Locale.ROOT, "%s · %d job%s done, %d running · %d/%d tasks · %ds",
                    stage, jobsDone, jobsDone == 1 ? "" : "s", jobsRunning, tasksDone, tasksTotal, elapsed.toSeconds());
        }
    }

    /**
     * Cancels and observes one run. Thread-safe: cancel from any thread (a UI button); the
     * listener is called on a poller thread about four times a second.
     */
    public static final class Control {
        private volatile boolean cancelled;
        private volatile Consumer<Progress> listener;
        private volatile Runnable onCancel = () -> { };

        public Control() {
            this(p -> { });
        }

        public Control(Consumer<Progress> listener) {
            this.listener = listener == null ? p -> { } : listener;
        }

        public void cancel() {
            cancelled = true;
            onCancel.run();
        }

        public boolean isCancelled() {
            return cancelled;
        }

        public void onProgress(Consumer<Progress> l) {
            this.listener = l == null ? p -> { } : l;
        }

        /** Reports a step outside Spark jobs (reading the log, timing a search) to the listener. */
        public void phase(String what) {
            report(new Progress(what, 0, 0, 0, 0, 0, Duration.ZERO));
        }

        void report(Progress p) {
            try {
                listener.accept(p);
            } catch (RuntimeException ignored) {
                // a failing observer must not break the work it observes
            }
        }
    }

    /** Thrown when a run stopped because it was cancelled. */
    public static final class CancelledException extends LakeLensException {
        public CancelledException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Runs {@code work} on the calling thread with its Spark jobs in a fresh group. If the
     * control is cancelled the jobs are killed (repeatedly, so jobs started later die too) and
     * a {@link CancelledException} is thrown with {@code what} in its message.
     */
    public static <T> T run(SparkSession session, Control control, String what, Supplier<T> work) {
        Control c = control == null ? new Control() : control;
        SparkContext sc = session.sparkContext();
        String group = "lakelens-" + UUID.randomUUID();
        long start = System.nanoTime();
        if (c.isCancelled()) {
            throw new CancelledException(what + " was cancelled before it started; nothing was changed.", null);
        }
        sc.setJobGroup(group, what, true);
        double[] best = {0};
        AtomicBoolean finished = new AtomicBoolean();
        Runnable poll = () -> {
            if (c.isCancelled()) {
                sc.cancelJobGroup(group);
            }
            Progress p = progress(sc.statusTracker(), group, start, best);
            synchronized (finished) {
                if (!finished.get()) {
                    c.report(p);
                }
            }
        };
        c.onCancel = () -> sc.cancelJobGroup(group);
        ScheduledFuture<?> poller = POLLER.scheduleAtFixedRate(poll, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
        try {
            T result = work.get();
            if (c.isCancelled()) {
                c.report(progress(sc.statusTracker(), group, start, best));
            }
            return result;
        } catch (Exception e) { // Spark throws checked exceptions undeclared
            if (c.isCancelled()) {
                throw new CancelledException(what + " was cancelled; nothing was committed.", e);
            }
            if (e instanceof LakeLensException le) {
                throw le;
            }
            throw new LakeLensException(what + " failed: " + Errors.abbreviate(Errors.rootMessage(e)), e);
        } finally {
            synchronized (finished) {
                finished.set(true);
            }
            poller.cancel(false);
            c.onCancel = () -> { };
            sc.clearJobGroup();
            Progress last = progress(sc.statusTracker(), group, start, best);
            c.report(new Progress(c.isCancelled() ? "cancelled" : "done", last.jobsDone(), 0, last.tasksDone(),
                    last.tasksTotal(), c.isCancelled() ? last.fraction() : 1.0, last.elapsed()));
        }
    }

    private static Progress progress(SparkStatusTracker tracker, String group, long start, double[] best) {
        int done = 0;
        int running = 0;
        long tasksDone = 0;
        long tasksTotal = 0;
        String stage = "starting";
        for (int jobId : tracker.getJobIdsForGroup(group)) {
            var info = tracker.getJobInfo(jobId);
            if (info.isEmpty()) {
                continue;
            }
            SparkJobInfo job = info.get();
            switch (job.status()) {
                case SUCCEEDED -> done++;
                case RUNNING -> running++;
                default -> { }
            }
            for (int stageId : job.stageIds()) {
                var si = tracker.getStageInfo(stageId);
                if (si.isEmpty()) {
                    continue;
                }
                SparkStageInfo s = si.get();
                tasksTotal += s.numTasks();
                tasksDone += s.numCompletedTasks();
                if (s.numActiveTasks() > 0) {
                    stage = shortName(s.name());
                }
            }
        }
        double f = tasksTotal == 0 ? 0 : (double) tasksDone / tasksTotal;
        synchronized (best) {
            best[0] = Math.max(best[0], Math.min(f, 0.99));
            f = best[0];
        }
        if (running == 0 && done > 0 && stage.equals("starting")) {
            stage = "between jobs";
        }
        return new Progress(stage, done, running, tasksDone, tasksTotal, f,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static String shortName(String stageName) {
        if (stageName == null) {
            return "running";
        }
        int at = stageName.indexOf(" at ");
        return at > 0 ? stageName.substring(0, at) : stageName;
    }
}
