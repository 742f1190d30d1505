package io.lakelens.ui.shell;

import io.lakelens.data.DatasetSize;
import io.lakelens.data.GenerationListener;
import io.lakelens.data.GenerationReport;
import io.lakelens.data.LakeGenerator;
import io.lakelens.ui.kit.TaskContext;

/**
 * Generates a synthetic dataset into the window's lake, reporting progress to a task and
 * stopping (before its next commit) when the task is cancelled.
 */
public final class DatasetGeneration {
    /** The seed the first-run panel and screenshot mode use, so their lakes are alike. */
    public static final long DEFAULT_SEED = 42;

    private DatasetGeneration() {
    }

    public static GenerationReport generate(LakeGenerator generator, DatasetSize size, long seed, TaskContext task) {
        return generator.generate(size, seed, new GenerationListener() {
            @Override
            public void progress(double fraction, String step) {
                task.progress(fraction, step);
            }

            @Override
            public boolean isCancelled() {
                return task.isCancelled();
            }
        });
    }
}
