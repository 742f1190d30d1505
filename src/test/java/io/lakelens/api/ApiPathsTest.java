package io.lakelens.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(10)
class ApiPathsTest {
    private static ApiPaths.TableRoute table(String rawPath) {
        return ApiPaths.table(rawPath).orElseThrow();
    }

    @Test
    void aNameWithSlashesRunsUpToTheLastKnownAction() {
        assertEquals(new ApiPaths.TableRoute("sales/2024/orders", "history"), table("/api/tables/sales/2024/orders/history"));
        assertEquals(new ApiPaths.TableRoute("sales/2024/orders", "search"), table("/api/tables/sales/2024/orders/search"));
        assertEquals(new ApiPaths.TableRoute("sales/2024/orders", ""), table("/api/tables/sales/2024/orders"));
    }

    @Test
    void anEncodedSlashIsPartOfTheNameSoANameEndingInAnActionWordStaysAName() {
        assertEquals(new ApiPaths.TableRoute("sales/history", ""), table("/api/tables/sales%2Fhistory"));
        assertEquals(new ApiPaths.TableRoute("sales/history", "history"), table("/api/tables/sales%2Fhistory/history"));
        assertEquals(new ApiPaths.TableRoute("history", ""), table("/api/tables/history"));
    }

    @Test
    void spacesDotsCapitalsAndNonAsciiArePercentDecoded() {
        assertEquals(new ApiPaths.TableRoute("Q1 Sales.v2/Café €", "timeline"),
                table("/api/tables/Q1%20Sales.v2/Caf%C3%A9%20%E2%82%AC/timeline"));
        // a plus in a path is a plus, not a space
        assertEquals(new ApiPaths.TableRoute("a+b", "diff"), table("/api/tables/a+b/diff"));
    }

    @Test
    void malformedEscapesAndAnEmptyNameAreBadRequests() {
        assertEquals(400, assertThrows(ApiError.class, () -> table("/api/tables/abc%2")).status());
        assertEquals(400, assertThrows(ApiError.class, () -> table("/api/tables/abc%zz/history")).status());
        assertEquals(400, assertThrows(ApiError.class, () -> table("/api/tables/%C3%28")).status());
        assertEquals(400, assertThrows(ApiError.class, () -> table("/api/tables/")).status());
    }

    @Test
    void otherPathsAreNotTableRoutes() {
        assertEquals(Optional.empty(), ApiPaths.table("/api/tables"));
        assertEquals(Optional.empty(), ApiPaths.table("/api/analyze/sector"));
        assertEquals(Optional.of(""), ApiPaths.tableByParameter("/api/table"));
        assertEquals(Optional.of("history"), ApiPaths.tableByParameter("/api/table/history"));
        assertEquals(Optional.of("risk"), ApiPaths.analysis("/api/analyze/risk"));
    }

    @Test
    void queryParametersAreFormDecodedAndKeepRepeatedValues() {
        Map<String, List<String>> q = ApiPaths.query("name=sales%2F2024+orders&key=a&key=b&flag&q=");
        assertEquals(List.of("sales/2024 orders"), q.get("name"));
        assertEquals(List.of("a", "b"), q.get("key"));
        assertEquals(List.of(""), q.get("flag"));
        assertEquals(List.of(""), q.get("q"));
        assertEquals(400, assertThrows(ApiError.class, () -> ApiPaths.query("q=%E2%8")).status());
    }
}
