package io.lakelens.api;

import io.lakelens.TestLakes;
import io.lakelens.LakeLensException;
import io.lakelens.search.MarketDataFixture;
import io.lakelens.ui.shell.Workbench;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window's menu serves the API over the window's own services, and the API stops with the window's lake. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class WindowApiTest {
    @TempDir
    static Path lake;
    @TempDir
    static Path home;

    @BeforeAll
    static void fixture() {
        MarketDataFixture.create(TestLakes.engine(lake));
    }

    @Test
    void theWindowServesTheApiOverItsOwnServicesAndStopsItWithItsLake() throws Exception {
        Workbench wb = new Workbench(TestLakes.config(lake), List.of());
        ApiServer api;
        try {
            api = wb.startApi(ApiOptions.defaults().withPort(0).withHome(home));
            assertSame(api, wb.startApi(ApiOptions.defaults().withPort(0).withHome(home)), "a second start returns the running server");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api.baseUri() + "/api/tables/market_data/search?q=TSLA"))
                    .header("Authorization", "Bearer " + api.token().value()).timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"totalMatches\" : 30"), r.body());
            assertTrue(wb.services().context().search().metrics().all().stream().anyMatch(s -> s.count() > 0),
                    "the search ran through the window's own search service");
        } finally {
            wb.close();
        }
        assertTrue(wb.api().isEmpty());
        URI after = api.baseUri();
        assertThrows(ConnectException.class, () -> HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(after + "/api/health")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()));
        assertThrows(LakeLensException.class, () -> wb.startApi(ApiOptions.defaults().withPort(0).withHome(home)));
    }
}
