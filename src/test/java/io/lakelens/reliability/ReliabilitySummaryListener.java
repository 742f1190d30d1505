package io.lakelens.reliability;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

import java.io.IOException;
import java.nio.file.Files;

/** Clears the previous run's summary when tests start and prints this run's when they end. */
public final class ReliabilitySummaryListener implements TestExecutionListener {
    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        try {
            Files.deleteIfExists(ReliabilitySuite.SUMMARY);
        } catch (IOException ignored) {
            // a stale summary is overwritten by the first result anyway
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (!ReliabilitySuite.REPORT.results().isEmpty()) {
            ReliabilitySuite.write();
            System.out.println(ReliabilitySuite.REPORT.table());
        }
    }
}
