package io.lakelens.cli;

import io.lakelens.lake.SparkJobs;

import java.util.function.Consumer;

/** Shows Spark job progress on the command's {@link Progress} line. */
final class ProgressPrinter implements Consumer<SparkJobs.Progress> {
    private final Progress line;

    ProgressPrinter(Progress line) {
        this.line = line;
    }

    @Override
    public void accept(SparkJobs.Progress p) {
        line.update(p.tasksTotal() == 0 && p.jobsDone() == 0 ? -1 : p.fraction(), p.summary());
    }
}
