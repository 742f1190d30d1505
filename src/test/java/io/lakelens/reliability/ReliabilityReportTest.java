package io.lakelens.reliability;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The summary table whose TOTAL row the build reads: "ROWS LOST" there fails it (pom.xml). */
class ReliabilityReportTest {
    @Test
    void theTotalRowSaysRowsLostExactlyWhenAScenarioLostRows() {
        ReliabilityReport report = new ReliabilityReport();
        report.add(new ScenarioResult("writers", 10, 0, 0, "fine"));
        assertFalse(report.table().contains("ROWS LOST"), report.table());
        assertTrue(report.table().lines().reduce((a, b) -> b).orElseThrow().endsWith("no lost rows"), report.table());

        report.add(new ScenarioResult("processes", 5, 1, 7, "7 rows missing"));
        String last = report.table().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.startsWith("TOTAL (2 runs)") && last.endsWith("ROWS LOST"), report.table());
        assertTrue(last.matches("TOTAL \\(2 runs\\)\\s+15\\s+1\\s+7\\s+ROWS LOST"), last);
        assertEquals(7, report.lostRows());
    }
}
