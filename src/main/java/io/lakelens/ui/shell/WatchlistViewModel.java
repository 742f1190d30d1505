package io.lakelens.ui.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakelens.LakeLensException;
import io.lakelens.cache.Cache;
import io.lakelens.cache.CacheKeys;
import io.lakelens.cache.TableVersions;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOf;
import io.lakelens.search.SearchRequest;
import io.lakelens.search.SearchResult;
import io.lakelens.search.SearchService;
import io.lakelens.search.StrategyKind;
import io.lakelens.ui.kit.BackgroundTask;
import io.lakelens.ui.kit.TaskExecutor;
import io.lakelens.ui.kit.UiErrors;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The live quotes strip: the last price, change against the previous close and a short history
 * of a few chosen symbols. Prices come from the 1 s {@code price} keys the feed writes
 * ({@link io.lakelens.cache.FeedPrices}), read whenever an invalidation on
 * {@link Cache#INVALIDATE_CHANNEL} says {@code market_data} has a new version (from a
 * {@code lakelens feed} in another process or this window's own feed); the latest closes in
 * Delta stand in when a key is missing or Redis is off. Prices arrive on Lettuce and LakeLens
 * threads and reach {@link #quotes()} on the UI thread at most {@code 1000 / COALESCE_MS} times
 * a second. Closing it stops listening.
 */
public final class WatchlistViewModel implements AutoCloseable {
    /** Points of history a sparkline shows. */
    public static final int POINTS = 40;
    public static final int MAX_SYMBOLS = 12;
    public static final int DEFAULT_SYMBOLS = 5;
    /** At most one UI update per this many milliseconds. */
    static final long COALESCE_MS = 250;
    /** Retries of a missing price key: the invalidation is published at commit, the keys just after. */
    private static final long[] RETRY_MS = {100, 300};
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9.\\-]{0,11}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a quote's price came from. */
    public enum Source { LIVE, DELTA, NONE }

    /**
     * One symbol of the strip.
     *
     * @param price     the last price, NaN while unknown
     * @param change    price minus the previous trading day's close (NaN when unknown)
     * @param changePct the same in percent
     * @param version   the market_data version the price is from (-1 when unknown)
     * @param history   the last {@link #POINTS} prices, oldest first
     */
    public record Quote(String symbol, double price, double change, double changePct, Source source, long version,
                        List<Double> history) {
    }

    private static final class Entry {
        final String symbol;
        final Deque<Double> history = new ArrayDeque<>();
        double reference = Double.NaN;
        double price = Double.NaN;
        long version = -1;
        Source source = Source.NONE;

        Entry(String symbol) {
            this.symbol = symbol;
        }

        void add(double p) {
            history.addLast(p);
            while (history.size() > POINTS) {
                history.removeFirst();
            }
        }

        Quote quote() {
            double change = Double.isNaN(price) || Double.isNaN(reference) ? Double.NaN : price - reference;
            double pct = Double.isNaN(change) || reference == 0 ? Double.NaN : change / reference * 100;
            return new Quote(symbol, price, change, pct, source, version, List.copyOf(history));
        }
    }

    private final String table = MarketData.NAME;
    private final Supplier<Cache> cache;
    private final Supplier<TableVersions> versions;
    private final SearchService search;
    private final Supplier<List<String>> defaults;
    private final Consumer<List<String>> remember;
    private final TaskExecutor tasks;

    private final ObservableList<Quote> quotes = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Loading quotes…");
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final BiConsumer<String, Long> onInvalidation = this::invalidated;

    // guarded by this
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private List<String> chosen;
    private long newestVersion = -1;
    private Cache live;
    private String identity;
    private boolean closed;

    /**
     * @param cache    the window's cache, or null when it runs without Redis; asked for on a worker thread
     * @param versions the window's table versions (to name the price keys)
     * @param search   reads the latest closes from Delta
     * @param defaults the symbols shown when none are chosen (read on a worker thread)
     * @param chosen   the symbols remembered from last time (empty: the defaults)
     * @param remember called with the symbols the analyst chooses
     */
    public WatchlistViewModel(Supplier<Cache> cache, Supplier<TableVersions> versions, SearchService search,
                          Supplier<List<String>> defaults, List<String> chosen, Consumer<List<String>> remember, TaskExecutor tasks) {
        this.cache = cache;
        this.versions = versions;
        this.search = search;
        this.defaults = defaults;
        this.chosen = List.copyOf(chosen);
        this.remember = remember;
        this.tasks = tasks;
    }

    /** Reads the closes, then listens for the feed; completes when the strip shows the closes. */
    public CompletableFuture<Void> start() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        BackgroundTask.wrap(() -> {
                    load();
                    return null;
                })
                .withTitle("Reading the watchlist's quotes")
                .onSuccess(x -> done.complete(null))
                .onFailure(e -> {
                    status.set("Quotes unavailable: " + UiErrors.message(e));
                    done.completeExceptionally(e);
                })
                .executeWith(tasks);
        return done;
    }

    /** Parses a list typed by the analyst: symbols separated by commas or spaces; empty means the defaults. */
    public static List<String> parse(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : (text == null ? "" : text).split("[,;\\s]+")) {
            String sym = s.strip().toUpperCase(Locale.ROOT);
            if (sym.isEmpty()) {
                continue;
            }
            if (!SYMBOL.matcher(sym).matches()) {
                throw new LakeLensException("'" + s.strip() + "' is not a symbol: use letters, digits, '.' or '-', at most 12.");
            }
            out.add(sym);
        }
        if (out.size() > MAX_SYMBOLS) {
            throw new LakeLensException("The watchlist holds at most " + MAX_SYMBOLS + " symbols, not " + out.size() + ".");
        }
        return List.copyOf(out);
    }

    /** Shows these symbols (empty: the defaults), remembers them and reads their closes again. */
    public CompletableFuture<Void> choose(List<String> symbols) {
        synchronized (this) {
            chosen = List.copyOf(symbols);
        }
        remember.accept(List.copyOf(symbols));
        return start();
    }

    /** The symbols chosen by the analyst (empty: the defaults are shown). */
    public synchronized List<String> chosen() {
        return chosen;
    }

    private void load() {
        List<String> wanted;
        synchronized (this) {
            wanted = chosen;
        }
        if (wanted.isEmpty()) {
            wanted = defaults.get().stream().limit(DEFAULT_SYMBOLS).toList();
        }
        Map<String, Entry> fresh = new LinkedHashMap<>();
        for (String s : wanted) {
            fresh.put(s, closes(s));
        }
        Cache c = connect();
        synchronized (this) {
            if (closed) {
                return;
            }
            // live prices already shown for a symbol kept in the list stay
            for (Entry e : fresh.values()) {
                Entry old = entries.get(e.symbol);
                if (old != null && old.source == Source.LIVE && old.version > e.version) {
                    e.price = old.price;
                    e.version = old.version;
                    e.source = Source.LIVE;
                    e.add(old.price);
                }
            }
            entries.clear();
            entries.putAll(fresh);
        }
        boolean up = c != null && c.status().isUp();
        // one word: the strip's width is for the quotes (the view's tooltip explains both)
        String line = up ? "Live" : "Delta";
        tasks.ui(() -> status.set(line));
        publish();
        if (up) {
            try {
                readLive(versions.get().latest(table).version(), 0);
            } catch (RuntimeException ignored) {
                // no readable version: the closes stand
            }
        }
    }

    /** The cache, subscribed once; null without Redis. */
    private Cache connect() {
        if (cache == null) {
            return null;
        }
        synchronized (this) {
            if (live != null) {
                return live;
            }
        }
        Cache c = cache.get();
        String id = versions.get().identity(table);
        synchronized (this) {
            if (closed || live != null) {
                return live;
            }
            live = c;
            identity = id;
            c.onInvalidation(onInvalidation);
            return c;
        }
    }

    /** The latest closes of a symbol in Delta, newest last, and the previous trading day's close. */
    private Entry closes(String symbol) {
        Entry e = new Entry(symbol);
        SearchRequest request = new SearchRequest(table, "", SearchRequest.Filters.NONE
                .with(new SearchRequest.OneOf(MarketData.SYMBOL, List.of(symbol))),
                new SearchRequest.Sort(MarketData.TS, true), 1, 50, AsOf.LATEST);
        SearchResult r;
        try {
            r = search.search(request, StrategyKind.CACHE_FIRST).toCompletableFuture().get(120, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new LakeLensException("Interrupted while reading the closes of " + symbol + ".");
        } catch (Exception ex) {
            throw new LakeLensException("Cannot read the closes of " + symbol + ": " + UiErrors.message(ex), ex);
        }
        int close = r.columns().indexOf(MarketData.CLOSE);
        int date = r.columns().indexOf(MarketData.TRADE_DATE);
        if (close < 0 || r.rows().isEmpty()) {
            return e;
        }
        List<List<Object>> rows = r.rows();
        Object latestDate = date < 0 ? null : rows.get(0).get(date);
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (rows.get(i).get(close) instanceof Number n) {
                e.add(n.doubleValue());
            }
        }
        for (List<Object> row : rows) {
            if (latestDate != null && !latestDate.equals(row.get(date)) && row.get(close) instanceof Number n) {
                e.reference = n.doubleValue();
                break;
            }
        }
        if (!e.history.isEmpty()) {
            e.price = e.history.peekLast();
            e.source = Source.DELTA;
            e.version = r.version();
            if (Double.isNaN(e.reference)) {
                e.reference = e.history.peekFirst();
            }
        }
        return e;
    }

    private void invalidated(String t, long version) {
        if (!table.equals(t)) {
            return;
        }
        synchronized (this) {
            if (closed || version <= newestVersion) {
                return;
            }
            newestVersion = version;
        }
        readLive(version, 0);
    }

    /** Reads the price keys at {@code version}; the ones still missing are tried again shortly. */
    private void readLive(long version, int attempt) {
        Cache c;
        String id;
        List<String> missing = new ArrayList<>();
        synchronized (this) {
            c = live;
            id = identity;
            if (closed || c == null || version < newestVersion) {
                return;
            }
            for (Entry e : entries.values()) {
                if (e.version < version || e.source != Source.LIVE) {
                    missing.add(e.symbol);
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        List<CompletableFuture<Boolean>> reads = new ArrayList<>();
        for (String s : missing) {
            reads.add(c.get(CacheKeys.price(table, id, version, s)).thenApply(v -> v.flatMap(this::price)
                    .map(p -> apply(s, p, version)).orElse(false)));
        }
        CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenRun(() -> {
            boolean any = reads.stream().anyMatch(f -> f.getNow(false));
            if (any) {
                publish();
            }
            long found = reads.stream().filter(f -> f.getNow(false)).count();
            if (found < missing.size() && attempt < RETRY_MS.length) {
                CompletableFuture.delayedExecutor(RETRY_MS[attempt], TimeUnit.MILLISECONDS)
                        .execute(() -> readLive(version, attempt + 1));
            }
        });
    }

    private Optional<Double> price(byte[] value) {
        try {
            JsonNode n = JSON.readTree(value);
            return n.path("price").isNumber() ? Optional.of(n.path("price").asDouble()) : Optional.empty();
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private synchronized boolean apply(String symbol, double price, long version) {
        Entry e = entries.get(symbol);
        if (e == null || (e.source == Source.LIVE && e.version >= version)) {
            return false;
        }
        e.price = price;
        e.version = version;
        e.source = Source.LIVE;
        e.add(price);
        return true;
    }

    /** Hands the current quotes to the UI thread, at most once per {@link #COALESCE_MS}. */
    private void publish() {
        if (dirty.compareAndSet(false, true)) {
            CompletableFuture.delayedExecutor(COALESCE_MS, TimeUnit.MILLISECONDS).execute(() -> {
                List<Quote> snapshot;
                synchronized (this) {
                    dirty.set(false);
                    if (closed) {
                        return;
                    }
                    snapshot = entries.values().stream().map(Entry::quote).toList();
                }
                tasks.ui(() -> quotes.setAll(snapshot));
            });
        }
    }

    @Override
    public void close() {
        Cache c;
        synchronized (this) {
            closed = true;
            c = live;
            live = null;
        }
        if (c != null) {
            c.removeInvalidationListener(onInvalidation);
        }
    }

    /** The strip's quotes in the chosen order; changes on the UI thread. */
    public ObservableList<Quote> quotes() {
        return quotes;
    }

    /** Where the prices come from, in one line. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
