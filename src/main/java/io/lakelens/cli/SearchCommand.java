package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.LakeLensException;
import io.lakelens.cache.Cache;
import io.lakelens.cache.RedisProvider;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOfs;
import io.lakelens.search.SearchRequest;
import io.lakelens.search.SearchResult;
import io.lakelens.search.StrategyKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Search market data by symbol, company or sector through one of the four strategies.",
                "Without --redis, the embedded Redis this starts is shared by later commands on the same lake and "
                        + "stops after 15 minutes without clients (LAKELENS_REDIS_IDLE_MINUTES), so a repeated search is a hit."})
public final class SearchCommand extends LakeCommand {
    /** Columns shown in table format (all columns in JSON). */
    static final List<String> TABLE_COLUMNS = List.of(MarketData.SYMBOL, MarketData.COMPANY, MarketData.SECTOR,
            MarketData.EXCHANGE, MarketData.TRADE_DATE, MarketData.CLOSE, MarketData.VOLUME, MarketData.CHANGE_PCT);

    @Parameters(paramLabel = "TEXT", arity = "0..1", defaultValue = "",
            description = "Symbol (AAPL), part of a company name (apple) or sector (technology); empty lists everything.")
    String text;

    @Option(names = "--strategy", defaultValue = "cache-first",
            description = "cache-first (default), database-only, circuit-breaker or hybrid.")
    String strategy;

    @Option(names = "--table", defaultValue = MarketData.NAME, description = "Table to search (default market_data).")
    String table;

    @Option(names = "--page", defaultValue = "1", description = "Page number, from 1 (pages past the end show the last).")
    int page;

    @Option(names = "--page-size", defaultValue = "20", description = "10, 20, 50 or 100.")
    int pageSize;

    @Option(names = "--sector", description = "Only this sector (case-insensitive).")
    String sector;

    @Option(names = "--exchange", description = "Only this exchange (case-insensitive).")
    String exchange;

    @Option(names = "--from", paramLabel = "DATE", description = "Trade dates from this day (YYYY-MM-DD), inclusive.")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Trade dates up to this day, inclusive.")
    String to;

    @Option(names = "--min-price", description = "Close price at least this.")
    Double minPrice;

    @Option(names = "--max-price", description = "Close price at most this.")
    Double maxPrice;

    @Option(names = "--min-volume", description = "Volume at least this.")
    Long minVolume;

    @Option(names = "--sort", paramLabel = "COLUMN[:asc|desc]", description = "Sort column and direction (default trade_date:desc).")
    String sort;

    @Option(names = "--as-of", paramLabel = "VERSION|TIMESTAMP", description = "Search the table as of a version or time.")
    String asOf;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json.")
    Format format;

    @Override
    protected RedisProvider.EmbeddedLifetime redisLifetime() {
        return RedisProvider.EmbeddedLifetime.SHARED;
    }

    @Override
    protected int run(AppContext ctx) {
        StrategyKind kind = StrategyKind.parse(strategy);
        SearchRequest request = request();
        Cache cache = ctx.cache();
        cache.warning().ifPresent(w -> err().println("lakelens: " + w));
        SearchResult r = ctx.search().searchNow(request, kind);
        if (format == Format.JSON) {
            out().println(Output.json(json(r, cache)));
            out().flush();
            return ExitCode.OK;
        }
        List<String> header = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        for (String c : TABLE_COLUMNS) {
            int i = r.columns().indexOf(c);
            if (i >= 0) {
                header.add(c);
                index.add(i);
            }
        }
        if (header.isEmpty()) {
            header.addAll(r.columns());
            for (int i = 0; i < r.columns().size(); i++) {
                index.add(i);
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : r.rows()) {
            List<Object> shown = new ArrayList<>();
            for (int i : index) {
                shown.add(row.get(i));
            }
            rows.add(shown);
        }
        Output.rows(out(), format, header, rows);
        if (format == Format.TABLE) {
            out().println(r.summary() + (r.clamped() ? " — page " + page + " is past the end; showing the last page" : ""));
            out().println(statusLine(r, cache));
        }
        out().flush();
        return ExitCode.OK;
    }

    static String statusLine(SearchResult r, Cache cache) {
        StringBuilder b = new StringBuilder();
        b.append(r.strategy().id())
                .append(" · ").append(r.source() == SearchResult.Source.CACHE ? "from cache" : "from Delta")
                .append(r.route().map(x -> " · route " + x).orElse(""))
                .append(String.format(Locale.ROOT, " · %.1f ms", r.latencyMs()))
                .append(" · version ").append(r.version())
                .append(" · ").append(r.fallback() ? "fallback" : r.cacheHit() ? "hit" : "miss")
                .append(" · cache ").append(cache.status().label());
        r.reason().ifPresent(x -> b.append(" · ").append(x));
        return b.toString();
    }

    private static Map<String, Object> json(SearchResult r, Cache cache) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("summary", r.summary());
        m.put("totalMatches", r.totalMatches());
        m.put("page", r.page());
        m.put("pageCount", r.pageCount());
        m.put("clamped", r.clamped());
        m.put("strategy", r.strategy().id());
        m.put("source", r.source().name().toLowerCase(Locale.ROOT));
        m.put("route", r.route().orElse(null));
        m.put("latencyMs", Math.round(r.latencyMs() * 1000) / 1000.0);
        m.put("version", r.version());
        m.put("cacheHit", r.cacheHit());
        m.put("fallback", r.fallback());
        m.put("reason", r.reason().orElse(null));
        m.put("cache", cache.status().label());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : r.rowMaps()) {
            Map<String, Object> shown = new LinkedHashMap<>();
            row.forEach((k, v) -> shown.put(k, v == null || v instanceof Number || v instanceof Boolean || v instanceof String ? v : Output.text(v)));
            rows.add(shown);
        }
        m.put("rows", rows);
        return m;
    }

    SearchRequest request() {
        SearchRequest.Filters f = SearchRequest.Filters.NONE.withSector(sector).withExchange(exchange)
                .withDates(date(from, "--from"), date(to, "--to")).withPrices(minPrice, maxPrice).withMinVolume(minVolume);
        SearchRequest.Sort s = SearchRequest.Sort.DEFAULT;
        if (sort != null && !sort.isBlank()) {
            String[] parts = sort.trim().split(":", 2);
            boolean desc = parts.length == 2 && switch (parts[1].trim().toLowerCase(Locale.ROOT)) {
                case "desc" -> true;
                case "asc" -> false;
                default -> throw new LakeLensException("Sort direction '" + parts[1] + "' is neither asc nor desc.");
            };
            s = new SearchRequest.Sort(parts[0].trim(), desc);
        }
        return new SearchRequest(table, text, f, s, page, pageSize, AsOfs.parse(asOf));
    }

    private static LocalDate date(String text, String option) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new LakeLensException(option + " '" + text + "' is not a date; use YYYY-MM-DD, e.g. 2024-03-15.");
        }
    }
}
