package io.lakelens.analytics;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AnalysisCodecTest {
    static final RiskReport RISK = new RiskReport(
            new RiskReport.Side("version 0", 0, 2, LocalDate.of(2025, 10, 24)),
            new RiskReport.Side("latest", 4, 11, LocalDate.of(2025, 10, 31)),
            List.of(new RiskReport.PortfolioRisk("Quality Factor", 1e6, 1.1e6, "META", 0.2, "META", 0.25, 8, 9, 0.03, 0.06,
                    0.03, RiskAssessment.values()[0])),
            List.of(),
            List.of(new RiskReport.PositionRisk("Quality Factor", "META", "Communication Services", 0.2, 0.25, null, 0.31,
                    0.0, 0.0775, 0.0775, RiskAssessment.values()[0])),
            List.of(new RiskReport.SectorExposure("Quality Factor", "Technology", 0.4, 0.5)));

    @Test
    void anAnswerComesBackWithItsTypesNullsAndDates() {
        var stored = new AnalysisCodec.Stored(RISK, "== Physical Plan ==", new Pins(11, 4, 0, 2, "latest", "version 0"), 12.5);
        var back = AnalysisCodec.INSTANCE.decode(AnalysisCodec.INSTANCE.encode(stored));
        assertEquals(stored, back);
    }

    @Test
    void bytesOfAnotherFormatAreRefusedSoTheCacheRecomputes() {
        byte[] json = "LLA1{\"data\":{}}".getBytes(StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class, () -> AnalysisCodec.INSTANCE.decode(json));
        assertThrows(IllegalArgumentException.class, () -> AnalysisCodec.INSTANCE.decode(new byte[] {'L', 'L', 'A', '2', 1, 2}));
    }
}
