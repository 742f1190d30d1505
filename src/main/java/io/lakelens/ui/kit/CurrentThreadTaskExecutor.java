package io.lakelens.ui.kit;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs each task at once on the calling thread, callbacks included: ViewModel tests need no FX
 * thread and no sleeps. Failures with no handler are collected in {@link #failures()}.
 */
public final class CurrentThreadTaskExecutor extends AbstractTaskExecutor {
    private final List<Throwable> failures;

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

    @Override
    void submit(Runnable job) {
        job.run();
    }

    @Override
    public void ui(Runnable action) {
        action.run();
    }
}
