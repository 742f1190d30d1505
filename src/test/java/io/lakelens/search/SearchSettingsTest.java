package io.lakelens.search;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SearchSettingsTest {
    private final SearchSettings d = SearchSettings.defaults();

    @Test
    void eachWithChangesItsOwnValuesAndNothingElse() {
        SearchSettings s = d.withRoute(Route.Choice.SPARK).withWarmNextPage(false).withKernelMaxBytes(7)
                .withDecodedCacheBytes(8).withHybridSlowCacheMs(9.5).withTermIndexMinBytes(10)
                .withBreaker(11, 12, Duration.ofMillis(13), Duration.ofMillis(14));
        assertEquals(new SearchSettings(11, 12, Duration.ofMillis(13), d.breakerSuccesses(), Duration.ofMillis(14), 7, 10, 8,
                Route.Choice.SPARK, d.hybridDeepPage(), 9.5, false, d.versionRecheck(), d.threads()), s);
        assertNotEquals(d, s);
        assertEquals(d, s.withRoute(d.route()).withWarmNextPage(d.warmNextPage()).withKernelMaxBytes(d.kernelMaxBytes())
                .withDecodedCacheBytes(d.decodedCacheBytes()).withHybridSlowCacheMs(d.hybridSlowCacheMs())
                .withTermIndexMinBytes(d.termIndexMinBytes())
                .withBreaker(d.breakerFailures(), d.breakerWindow(), d.breakerDelay(), d.deltaTimeout()));
    }
}
