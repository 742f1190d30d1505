package io.lakelens.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reliability suite's shared report: each scenario test records its result here, and
 * {@link ReliabilitySummaryListener} prints the table when the test plan ends. The table is
 * rewritten to {@code target/reliability-summary.txt} after every result, so it survives a
 * run that stops early.
 */
public final class ReliabilitySuite {
    static final ReliabilityReport REPORT = new ReliabilityReport();
    static final Path SUMMARY = Path.of("target", "reliability-summary.txt");

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
