package io.lakelens.ui.kit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs each task at once on the calling thread, callbacks included: ViewModel tests need no FX
 * thread and no sleeps. Failures with no handler are collected in {@link #failures()}. Periodic
 * work ({@link #every}) runs only when the test calls {@link #tick()}.
 */
public final class CurrentThreadTaskExecutor extends AbstractTaskExecutor {
    private final List<Throwable> failures;
    private final List<Runnable> clock = new CopyOnWriteArrayList<>();

    public CurrentThreadTaskExecutor() {
        this(new ArrayList<>());
    }

    private CurrentThreadTaskExecutor(List<Throwable> failures) {
        super(failures::add);
        this.failures = failures;
    }

    /** Failures of tasks that had no failure handler, oldest first. */
    public List<Throwable> failures() {
        return failures;
    }

    /** Runs one tick of every periodic job not yet cancelled, in the order they were started. */
    public void tick() {
        for (Runnable r : clock) {
            r.run();
        }
    }

    @Override
    Runnable repeat(Runnable tick, long periodNanos) {
        clock.add(tick);
        return () -> clock.remove(tick);
    }

    @Override
    void submit(Runnable job) {
        job.run();
    }

    @Override
    boolean awaitsStages() {
        return true;
    }

    @Override
    public void ui(Runnable action) {
        action.run();
    }
}
