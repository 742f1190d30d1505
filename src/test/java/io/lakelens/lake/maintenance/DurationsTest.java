package io.lakelens.lake.maintenance;

import io.lakelens.LakeLensException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationsTest {
    @Test
    void theFormsAnalystsTypeAreParsed() {
        assertEquals(Duration.ofHours(168), Durations.parse("168h"));
        assertEquals(Duration.ofDays(7), Durations.parse("7 days"));
        assertEquals(Duration.ofDays(14), Durations.parse("interval 2 weeks"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("90m"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1.5 hours"));
        assertEquals(Duration.ZERO, Durations.parse("0h"));
    }

    @Test
    void canonicalIntervalUsesTheLargestWholeUnit() {
        assertEquals("interval 7 days", Durations.toInterval(Duration.ofHours(168)));
        assertEquals("interval 36 hours", Durations.toInterval(Duration.ofHours(36)));
        assertEquals("interval 90 minutes", Durations.toInterval(Duration.ofMinutes(90)));
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(LakeLensException.class, () -> Durations.parse("soon"));
        assertThrows(LakeLensException.class, () -> Durations.parse("-5h"));
        assertThrows(LakeLensException.class, () -> Durations.parse(""));
    }
}
