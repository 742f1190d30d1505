package io.lakelens.data;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The shape of one generated lake, derived only from the size and the seed: the trading
 * calendar, which days each commit of {@code market_data} loads, which rows are the deliberate
 * bad ticks and which symbol gets delisted. Features that explain the history (diffs of the
 * price correction, the delisting) can rebuild it with {@link #of(DatasetSize, long)} instead
 * of guessing. Immutable and thread-safe.
 */
public final class GenerationPlan {
    /** The last trade date of every generated lake, fixed so the same seed gives the same data. */
    public static final LocalDate LAST_TRADE_DATE = LocalDate.of(2025, 10, 31);
    /** Trading days loaded one commit per day at the end of the history. */
    static final int DAILY_LOADS = 6;

    /** A deliberately wrong row in the bad-tick load, fixed by the price-correction commit. */
    public record BadTick(String symbol, LocalDate tradeDate, Kind kind) {
        public enum Kind {
            /** close (and with it market_cap) ten times too high: a misplaced decimal point */
            PRICE_X10,
            /** volume negated: a sign error in the vendor feed */
            NEGATIVE_VOLUME
        }
    }

    private final DatasetSize size;
    private final long seed;
    private final List<SymbolInfo> universe;
    private final List<SymbolInfo> bySymbol;
    private final List<LocalDate> dates;
    private final int initialDays;
    private final List<BadTick> badTicks;
    private final String delisted;

    private GenerationPlan(DatasetSize size, long seed) {
        this.size = size;
        this.seed = seed;
        this.universe = SymbolUniverse.first(size.symbols());
        List<SymbolInfo> sorted = new ArrayList<>(universe);
        sorted.sort(Comparator.comparing(SymbolInfo::symbol));
        this.bySymbol = List.copyOf(sorted);
        this.dates = List.copyOf(weekdaysEndingAt(LAST_TRADE_DATE, size.days()));
        int days = size.days();
        this.initialDays = Math.min((int) Math.round(days * 0.8), days - DAILY_LOADS);

        SplittableRandom rnd = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        // The delisted symbol comes from the back half of the universe: the mega caps analysts
        // demo with (AAPL, MSFT, JPM, ...) are never removed.
        int half = universe.size() / 2;
        this.delisted = universe.get(half + rnd.nextInt(universe.size() - half)).symbol();
        List<Integer> order = new ArrayList<>(IntStream.range(0, universe.size()).boxed().toList());
        Collections.shuffle(order, new java.util.Random(rnd.nextLong()));
        int count = Math.max(3, Math.min(6, universe.size() / 10));
        List<BadTick> bad = new ArrayList<>();
        LocalDate badDay = dates.get(badTickDay());
        for (int i : order) {
            String s = universe.get(i).symbol();
            if (s.equals(delisted)) {
                continue;
            }
            bad.add(new BadTick(s, badDay, bad.size() % 2 == 0 ? BadTick.Kind.PRICE_X10 : BadTick.Kind.NEGATIVE_VOLUME));
            if (bad.size() == count) {
                break;
            }
        }
        bad.sort(Comparator.comparing(BadTick::symbol));
        this.badTicks = List.copyOf(bad);
    }

    public static GenerationPlan of(DatasetSize size, long seed) {
        return new GenerationPlan(size, seed);
    }

    static List<LocalDate> weekdaysEndingAt(LocalDate last, int count) {
        List<LocalDate> out = new ArrayList<>(count);
        LocalDate d = last;
        while (out.size() < count) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                out.add(d);
            }
            d = d.minusDays(1);
        }
        Collections.reverse(out);
        return out;
    }

    public DatasetSize size() {
        return size;
    }

    public long seed() {
        return seed;
    }

    /** The symbols used, in universe order (mega caps first). */
    public List<SymbolInfo> universe() {
        return universe;
    }

    /** The symbols used, sorted by ticker; a symbol's position here is its index in the model. */
    public List<SymbolInfo> bySymbol() {
        return bySymbol;
    }

    /** Trade dates, oldest first; day index i is {@code tradeDates().get(i)}. */
    public List<LocalDate> tradeDates() {
        return dates;
    }

    public int days() {
        return dates.size();
    }

    /** Days [0, initialDays) are the initial load (about 80 % of the history). */
    public int initialDays() {
        return initialDays;
    }

    /** First day loaded one day per commit; days between initialDays and this are one catch-up load. */
    public int firstDailyDay() {
        return days() - DAILY_LOADS;
    }

    /** The daily load that carries the bad ticks. */
    public int badTickDay() {
        return days() - 4;
    }

    /** The daily load that adds the change_pct column (schema evolution). */
    public int schemaChangeDay() {
        return days() - 2;
    }

    /**
     * First day the change_pct backfill covers: the trailing year (250 sessions) before the
     * schema change, what the desk's risk models read. Older rows keep change_pct null, as
     * rows written before a column existed do; at TINY and SMALL the year is the whole history.
     */
    public int backfillFromDay() {
        return Math.max(1, schemaChangeDay() - 250);
    }

    public List<BadTick> badTicks() {
        return badTicks;
    }

    /** The symbol whose rows the "delisted symbol removed" commit deletes. */
    public String delistedSymbol() {
        return delisted;
    }

    /** Number of data files the initial load is split into: about 62,500 rows each. */
    int filesFor(long rows) {
        return (int) Math.max(1, Math.min(4096, Math.round(rows / 62_500.0)));
    }

    /** Model partitions: one per initial-load file, so each covers a narrow, sorted symbol range. */
    int partitions() {
        return filesFor((long) universe.size() * days());
    }
}
