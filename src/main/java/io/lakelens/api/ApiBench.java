package io.lakelens.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakelens.AppContext;
import io.lakelens.LakeLensException;
import io.lakelens.LakeStateFolder;
import io.lakelens.lake.AsOf;
import io.lakelens.search.Bench;
import io.lakelens.search.SearchRequest;
import io.lakelens.search.SearchResult;
import io.lakelens.search.StrategyKind;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The HTTP API's search latency next to the same searches in process: the bench's seeded mix
 * (its text searches, deep pages and as-of searches; filtered searches are left out), each strategy warmed once,
 * then every search timed in process ({@code searchNow}) and over HTTP to an {@link ApiServer}
 * on a free loopback port sharing the same services (one keep-alive connection; the time is the
 * full answer read). Not thread-safe; one run at a time.
 */
public final class ApiBench {
    /**
     * One strategy's figures, in ms.
     *
     * @param mismatches searches whose HTTP answer did not report the in-process match count
     */
    public record Line(String strategy, int searches, double inProcessP50Ms, double httpP50Ms, double inProcessP95Ms,
                       double httpP95Ms, int mismatches) {
    }

    private ApiBench() {
    }

    /** Runs the mix ({@code queries} searches, {@code seed}) on {@code table} for each strategy. */
    public static List<Line> run(AppContext ctx, String table, int queries, long seed, List<StrategyKind> strategies,
                                 Consumer<String> progress) {
        List<SearchRequest> mix = new Bench(ctx.engine(), ctx.search(), m -> { }, () -> false).mix(table, queries, seed).stream()
                .filter(q -> q.kind() != Bench.Kind.FILTERED).map(Bench.Query::request).toList();
        ApiOptions options = ApiOptions.defaults().withPort(0).withToken(ApiToken.random())
                .withHome(LakeStateFolder.of(ctx.config().lakeRoot()).resolve("bench").resolve("api"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        List<Line> lines = new ArrayList<>();
        try (ApiServer server = ApiServer.start(ctx, options)) {
            for (StrategyKind kind : strategies) {
                double[] local = new double[mix.size()];
                double[] remote = new double[mix.size()];
                int mismatches = 0;
                for (int pass = 0; pass < 2; pass++) {
                    for (int i = 0; i < mix.size(); i++) {
                        progress.accept(String.format(Locale.ROOT, "API bench %s %s %d/%d", kind.id(), pass == 0 ? "warm-up" : "timed",
                                i + 1, mix.size()));
                        SearchRequest r = mix.get(i);
                        long t0 = System.nanoTime();
                        SearchResult in = ctx.search().searchNow(r, kind);
                        long t1 = System.nanoTime();
                        JsonNode over = get(http, server, r, kind);
                        long t2 = System.nanoTime();
                        local[i] = (t1 - t0) / 1e6;
                        remote[i] = (t2 - t1) / 1e6;
                        if (pass == 1 && over.path("totalMatches").asLong(-1) != in.totalMatches()) {
                            mismatches++;
                        }
                    }
                }
                lines.add(new Line(kind.id(), mix.size(), percentile(local, 50), percentile(remote, 50), percentile(local, 95),
                        percentile(remote, 95), mismatches));
            }
        }
        return lines;
    }

    private static JsonNode get(HttpClient http, ApiServer server, SearchRequest r, StrategyKind kind) {
        String url = server.baseUri() + "/api/tables/" + URLEncoder.encode(r.table(), StandardCharsets.UTF_8).replace("+", "%20")
                + "/search?q=" + URLEncoder.encode(r.query(), StandardCharsets.UTF_8) + "&page=" + r.page()
                + "&pageSize=" + r.pageSize() + "&strategy=" + kind.id() + asOfParam(r.asOf());
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + server.token().value())
                .timeout(Duration.ofSeconds(60)).GET().build();
        try {
            HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = Endpoints.JSON.readTree(resp.body());
            if (resp.statusCode() != 200) {
                throw new LakeLensException("The API answered " + resp.statusCode() + " to a bench search: " + body.path("message").asText());
            }
            return body;
        } catch (IOException e) {
            throw new LakeLensException("The API bench could not reach its own server: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakeLensException("The API bench was interrupted.");
        }
    }

    /** The as-of search of the mix carried as the API's {@code asOf} parameter (what {@code --as-of} accepts). */
    static String asOfParam(AsOf asOf) {
        return switch (asOf) {
            case AsOf.Latest l -> "";
            case AsOf.Version v -> "&asOf=" + v.version();
            case AsOf.Timestamp t -> "&asOf=" + URLEncoder.encode(t.instant().toString(), StandardCharsets.UTF_8);
        };
    }

    static double percentile(double[] values, int p) {
        double[] v = values.clone();
        Arrays.sort(v);
        if (v.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, i))];
    }

    /** What the figures are, for the line above their table. */
    public static final String TITLE = "Search over the HTTP API (GET …/search on loopback, one keep-alive connection) next to in process, warm:";

    public static List<String> header() {
        return List.of("strategy", "searches", "in-process p50 ms", "HTTP p50 ms", "in-process p95 ms", "HTTP p95 ms",
                "HTTP − in-process p50", "same answers");
    }

    public static List<List<Object>> rows(List<Line> lines) {
        List<List<Object>> rows = new ArrayList<>();
        for (Line l : lines) {
            rows.add(List.of(l.strategy(), l.searches(), ms(l.inProcessP50Ms()), ms(l.httpP50Ms()), ms(l.inProcessP95Ms()),
                    ms(l.httpP95Ms()), ms(l.httpP50Ms() - l.inProcessP50Ms()), l.mismatches() == 0 ? "all" : "MISMATCH " + l.mismatches()));
        }
        return rows;
    }

    private static String ms(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : Math.abs(v) >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }
}
