package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.LakeLensException;
import io.lakelens.cache.Cache;
import io.lakelens.cache.RedisProvider;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOfs;
import io.lakelens.search.DefaultSearchService;
import io.lakelens.search.Route;
import io.lakelens.search.SearchColumns;
import io.lakelens.search.SearchRequest;
import io.lakelens.search.SearchResult;
import io.lakelens.search.SearchSettings;
import io.lakelens.search.StrategyKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Search any table of the lake through one of the four strategies.",
                "Words are ANDed, each matching one of the table's searched text columns (case-insensitive); "
                        + "\"a quoted phrase\" is one word; column:value matches one column (sector:technology, "
                        + "volume:1000000); a word naming a column, or stock(s)/share(s)/price(s), is a hint and not searched.",
                "Which text columns free text searches is kept per table in the lake: --show-columns, "
                        + "--set-columns a,b:exact, --reset-columns.",
                "Without --redis, the embedded Redis this starts is shared by later commands on the same lake and "
                        + "stops after 15 minutes without clients (LAKELENS_REDIS_IDLE_MINUTES), so a repeated search is a hit."})
public final class SearchCommand extends LakeCommand {
    /** Columns shown in table format (all columns in JSON). */
    static final List<String> TABLE_COLUMNS = List.of(MarketData.SYMBOL, MarketData.COMPANY, MarketData.SECTOR,
            MarketData.EXCHANGE, MarketData.TRADE_DATE, MarketData.CLOSE, MarketData.VOLUME, MarketData.CHANGE_PCT);

    @Parameters(paramLabel = "TEXT", arity = "0..1", defaultValue = "",
            description = "Words to find, e.g. AAPL, \"technology sector\", '\"Apple Inc\"', sector:technology; empty lists everything.")
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

    @Option(names = "--filter", paramLabel = "COLUMN=VALUE",
            description = "Only rows whose text column equals the value (case-insensitive); repeat for more values "
                    + "(of one column: any of them) or more columns. `a name`=v for a name with = in it.")
    List<String> filters = new ArrayList<>();

    @Option(names = "--range", paramLabel = "COLUMN=MIN..MAX",
            description = "Only rows whose number, date or timestamp column is in the range, both ends inclusive, "
                    + "either end open (close=100..200, trade_date=2024-01-01.., ts=..2024-03-31).")
    List<String> ranges = new ArrayList<>();

    @Option(names = "--sector", description = "Only this sector (market_data; same as --filter sector=S).")
    String sector;

    @Option(names = "--exchange", description = "Only this exchange (market_data; same as --filter exchange=E).")
    String exchange;

    @Option(names = "--from", paramLabel = "DATE", description = "Trade dates from this day (YYYY-MM-DD), inclusive (market_data).")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Trade dates up to this day, inclusive (market_data).")
    String to;

    @Option(names = "--min-price", description = "Close price at least this (market_data).")
    Double minPrice;

    @Option(names = "--max-price", description = "Close price at most this (market_data).")
    Double maxPrice;

    @Option(names = "--min-volume", description = "Volume at least this (market_data).")
    Long minVolume;

    @Option(names = "--sort", paramLabel = "COLUMN[:asc|desc]",
            description = "Sort by any column (default: the table's newest date first; trade_date:desc for market_data).")
    String sort;

    @Option(names = "--show-columns", description = "Print which text columns free text searches in --table, and stop.")
    boolean showColumns;

    @Option(names = "--set-columns", paramLabel = "COLUMN[:exact],...",
            description = "Set the text columns free text searches in --table (kept in the lake for every LakeLens), "
                    + "e.g. symbol:exact,company_name,sector; :exact matches whole values only. Then stop.")
    String setColumns;

    @Option(names = "--reset-columns", description = "Search --table's default text columns again, and stop.")
    boolean resetColumns;

    @Option(names = "--as-of", paramLabel = "VERSION|TIMESTAMP", description = "Search the table as of a version or time.")
    String asOf;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json.")
    Format format;

    @Option(names = "--route", hidden = true, defaultValue = "AUTO",
            description = "Read Delta with kernel, spark or auto (the default: Kernel when the files to read are small).")
    Route.Choice route;

    @Override
    protected RedisProvider.EmbeddedLifetime redisLifetime() {
        return RedisProvider.EmbeddedLifetime.SHARED;
    }

    @Override
    protected int run(AppContext ctx) {
        if (showColumns || setColumns != null || resetColumns) {
            return columns(ctx);
        }
        StrategyKind kind = StrategyKind.parse(strategy);
        SearchRequest request = request();
        if (route != Route.Choice.AUTO) {
            ctx.searchSettings(SearchSettings.defaults().withRoute(route));
        }
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
        if (MarketData.NAME.equals(table)) {
            for (String c : TABLE_COLUMNS) {
                int i = r.columns().indexOf(c);
                if (i >= 0) {
                    header.add(c);
                    index.add(i);
                }
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
            r.emptyReason().ifPresent(out()::println);
            String reading = r.reading().describe();
            if (!reading.isEmpty()) {
                out().println("(" + reading + ")");
            }
            out().println(statusLine(r, cache));
        }
        out().flush();
        return ExitCode.OK;
    }

    /** --show-columns, --set-columns, --reset-columns: the table's searched columns. */
    private int columns(AppContext ctx) {
        if (setColumns != null && resetColumns) {
            throw new LakeLensException("Give --set-columns or --reset-columns, not both.");
        }
        DefaultSearchService search = ctx.search();
        SearchColumns now;
        if (setColumns != null) {
            now = search.setSearchColumns(table, SearchColumns.parse(setColumns));
        } else if (resetColumns) {
            now = search.resetSearchColumns(table);
        } else {
            now = search.searchColumns(table);
        }
        List<String> text = search.textColumns(table);
        List<String> searched = now.columns().stream()
                .map(c -> c.name() + (c.match() == SearchColumns.Match.EXACT ? " (whole value)" : "")).toList();
        List<String> others = text.stream().filter(t -> now.columns().stream().noneMatch(c -> c.name().equals(t))).toList();
        if (format == Format.JSON) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("table", table);
            m.put("configured", now.configured());
            m.put("columns", now.columns().stream().map(c -> Map.of("column", c.name(), "match", c.match().id())).toList());
            m.put("otherTextColumns", others);
            out().println(Output.json(m));
        } else {
            out().println("Free text in " + table + " searches " + (searched.isEmpty() ? "no columns" : String.join(", ", searched))
                    + (now.configured() ? " (set for this table)" : " (the defaults)") + ".");
            out().println("Other text columns: " + (others.isEmpty() ? "none" : String.join(", ", others)) + ".");
            out().println(now.configured()
                    ? "Back to the defaults: lakelens search --table " + table + " --reset-columns"
                    : "Choose: lakelens search --table " + table + " --set-columns " + (now.columns().isEmpty()
                            ? String.join(",", text) : now.spec()));
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
        m.put("emptyReason", r.emptyReason().orElse(null));
        m.put("searched", r.reading().terms());
        m.put("hints", r.reading().hints());
        m.put("unmatched", r.reading().unmatched());
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
        SearchRequest.Filters f = SearchRequest.Filters.NONE;
        // values of one column (named in any case, as columns are matched) make one pick list
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, List<String>> picks = new LinkedHashMap<>();
        for (String spec : filters) {
            String[] cv = columnAndValue(spec, "--filter", "COLUMN=VALUE");
            String key = cv[0].toLowerCase(Locale.ROOT);
            names.putIfAbsent(key, cv[0]);
            picks.computeIfAbsent(key, k -> new ArrayList<>()).add(cv[1]);
        }
        for (Map.Entry<String, List<String>> e : picks.entrySet()) {
            f = f.with(new SearchRequest.OneOf(names.get(e.getKey()), e.getValue()));
        }
        for (String spec : ranges) {
            String[] cv = columnAndValue(spec, "--range", "COLUMN=MIN..MAX");
            int dots = cv[1].indexOf("..");
            if (dots < 0) {
                throw new LakeLensException("--range " + spec + " has no '..'; use COLUMN=MIN..MAX, either end open (close=100..).");
            }
            if (f.on(cv[0]).isPresent()) {
                throw new LakeLensException("Column " + cv[0] + " has two filters; give one range per column.");
            }
            f = f.with(SearchRequest.Range.of(cv[0], cv[1].substring(0, dots), cv[1].substring(dots + 2)));
        }
        if (sector != null) {
            f = f.withSector(sector);
        }
        if (exchange != null) {
            f = f.withExchange(exchange);
        }
        if (from != null || to != null) {
            f = f.withDates(date("--from", from), date("--to", to));
        }
        if (minPrice != null || maxPrice != null) {
            f = f.withPrices(minPrice, maxPrice);
        }
        if (minVolume != null) {
            f = f.withMinVolume(minVolume);
        }
        SearchRequest.Sort s = SearchRequest.Sort.DEFAULT;
        if (sort != null && !sort.isBlank()) {
            String column = sort.strip();
            boolean desc = false;
            int colon = column.lastIndexOf(':');
            if (colon >= 0) {
                String dir = column.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
                desc = switch (dir) {
                    case "desc" -> true;
                    case "asc" -> false;
                    default -> throw new LakeLensException("Sort direction '" + column.substring(colon + 1) + "' is neither asc nor desc.");
                };
                column = column.substring(0, colon).strip();
            }
            if (column.length() > 1 && column.startsWith("`") && column.endsWith("`")) {
                column = column.substring(1, column.length() - 1);
            }
            s = new SearchRequest.Sort(column, desc);
        }
        return new SearchRequest(table, text, f, s, page, pageSize, AsOfs.parse(asOf));
    }

    /** {@code column=value}, the column optionally in backticks (then it may hold '='). */
    static String[] columnAndValue(String spec, String option, String form) {
        String t = spec == null ? "" : spec.strip();
        int eq;
        String column;
        if (t.startsWith("`")) {
            int close = t.indexOf('`', 1);
            if (close < 0 || close + 1 >= t.length() || t.charAt(close + 1) != '=') {
                throw new LakeLensException(option + " " + spec + ": use " + form + " (`a column`=value for a name in backticks).");
            }
            column = t.substring(1, close);
            eq = close + 1;
        } else {
            eq = t.indexOf('=');
            if (eq <= 0) {
                throw new LakeLensException(option + " " + spec + ": use " + form + ".");
            }
            column = t.substring(0, eq).strip();
        }
        return new String[]{column, t.substring(eq + 1).strip()};
    }
}
