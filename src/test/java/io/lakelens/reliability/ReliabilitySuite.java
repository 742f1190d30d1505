package io.lakelens.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reliability suite's shared report: each scenario test records its result here, and
 * {@link ReliabilitySummaryListener} prints the table when the test plan ends. The table is
 * rewritten to this JVM's file under {@code target/reliability/} after every result, so it
 * survives a run that stops early.
 */
public final class ReliabilitySuite {
    static final ReliabilityReport REPORT = new ReliabilityReport();
    /** This test JVM's own file (the build sets one per execution and fork; the build's check reads them all). */
    static final Path SUMMARY = Path.of(System.getProperty("lakelens.reliabilitySummary", "target/reliability/summary.txt"));

    private ReliabilitySuite() {
    }

    public static ScenarioResult record(ScenarioResult r) {
        REPORT.add(r);
        write();
        return r;
    }

    static synchronized void write() {
        try {
            Files.createDirectories(SUMMARY.getParent());
            Files.writeString(SUMMARY, "LakeLens reliability suite (small scale; `lakelens torture` runs the same scenarios longer)\n"
                    + REPORT.table());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
