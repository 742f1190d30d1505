package io.lakelens.analytics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class AnswersTest {
    private static SectorReport report(double returnPct, String best) {
        return new SectorReport(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 1), List.of(
                new SectorReport.Sector("Energy", returnPct, 0.5, 100, 2, best, 3.0, "DDD", -1.0)));
    }

    @Test
    void summationOrderNoiseIsTheSameAnswer() {
        assertEquals(List.of(), Answers.differences(report(1.2345678901234, "AAA"), report(1.2345678901234 + 1e-15, "AAA")));
        assertTrue(Answers.close(0.0, 1e-17), "a spread of equal values may be 0 or 1e-17");
    }

    @Test
    void aDifferentNumberOrNameIsReportedWithItsPath() {
        List<String> d = Answers.differences(report(1.25, "AAA"), report(1.26, "AAA"));
        assertEquals(1, d.size());
        assertTrue(d.getFirst().startsWith("sectors[0].returnPct: expected 1.25, got 1.26"), d.getFirst());
        assertTrue(Answers.differences(report(1.25, "AAA"), report(1.25, "BBB")).getFirst().contains("bestSymbol"));
    }

    @Test
    void aMissingRowIsReported() {
        SectorReport one = report(1.0, "AAA");
        SectorReport none = new SectorReport(one.from(), one.to(), List.of());
        assertTrue(Answers.differences(one, none).getFirst().contains("expected 1 entries, got 0"));
    }
}
