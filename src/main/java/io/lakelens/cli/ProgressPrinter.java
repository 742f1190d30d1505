package io.lakelens.cli;

import io.lakelens.lake.SparkJobs;

import java.io.PrintWriter;
import java.util.function.Consumer;

/** Prints job progress to stderr at most once a second, and every change of step. */
final class ProgressPrinter implements Consumer<SparkJobs.Progress> {
    private final PrintWriter err;
    private long lastPrint;
    private String lastStage = "";

    ProgressPrinter(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void accept(SparkJobs.Progress p) {
        long now = System.currentTimeMillis();
        boolean newStage = !p.stage().equals(lastStage);
        if (!newStage && now - lastPrint < 1000) {
            return;
        }
        lastPrint = now;
        lastStage = p.stage();
        if (p.tasksTotal() == 0 && p.jobsDone() == 0) {
            err.println("… " + p.stage());
        } else {
            err.printf("… %3.0f%% %s%n", p.fraction() * 100, p.summary());
        }
        err.flush();
    }
}
