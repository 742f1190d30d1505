package io.lakelens.analytics;

import io.lakelens.LakeLensException;
import io.lakelens.lake.AsOf;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One analysis to run, validated and immutable; {@code with*} return changed copies.
 *
 * @param kind      which analysis
 * @param from      first trade date included (inclusive); empty = the table's first date
 * @param to        last trade date included (inclusive); empty = the table's last date
 * @param asOf      the lake state analysed ("now" for the risk comparison)
 * @param compareTo the past state the risk analysis compares with; empty = the previous
 *                  version of {@code portfolio_holdings}. Ignored by the other analyses.
 * @param top       how many rows the ranking analyses return (most volatile, gainers, losers,
 *                  drivers of risk change), 1 to {@link #MAX_TOP}
 * @param symbol    the symbol whose price and volatility band the volatility analysis charts;
 *                  empty = the most volatile one
 */
public record AnalysisRequest(AnalysisKind kind, Optional<LocalDate> from, Optional<LocalDate> to, AsOf asOf,
                              Optional<AsOf> compareTo, int top, Optional<String> symbol) {
    public static final int DEFAULT_TOP = 10;
    public static final int MAX_TOP = 500;
    private static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.\\-_]{0,15}");

    public AnalysisRequest {
        if (kind == null) {
            throw new LakeLensException("Choose an analysis: sector, volatility, movers or risk.");
        }
        from = from == null ? Optional.empty() : from;
        to = to == null ? Optional.empty() : to;
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw new LakeLensException("The date range starts (" + from.get() + ") after it ends (" + to.get() + ").");
        }
        asOf = asOf == null ? AsOf.LATEST : asOf;
        compareTo = compareTo == null ? Optional.empty() : compareTo;
        if (top < 1 || top > MAX_TOP) {
            throw new LakeLensException("--top must be between 1 and " + MAX_TOP + ", not " + top + ".");
        }
        symbol = symbol == null ? Optional.empty() : symbol.map(String::strip).filter(s -> !s.isEmpty());
        if (symbol.isPresent() && !SYMBOL.matcher(symbol.get()).matches()) {
            throw new LakeLensException("'" + abbreviate(symbol.get()) + "' is not a ticker symbol "
                    + "(letters, digits, '.', '-' or '_', at most 16 characters).");
        }
    }

    public static AnalysisRequest of(AnalysisKind kind) {
        return new AnalysisRequest(kind, Optional.empty(), Optional.empty(), AsOf.LATEST, Optional.empty(), DEFAULT_TOP,
                Optional.empty());
    }

    public AnalysisRequest withKind(AnalysisKind k) {
        return new AnalysisRequest(k, from, to, asOf, compareTo, top, symbol);
    }

    public AnalysisRequest withRange(LocalDate f, LocalDate t) {
        return new AnalysisRequest(kind, Optional.ofNullable(f), Optional.ofNullable(t), asOf, compareTo, top, symbol);
    }

    public AnalysisRequest withAsOf(AsOf a) {
        return new AnalysisRequest(kind, from, to, a, compareTo, top, symbol);
    }

    public AnalysisRequest withCompareTo(AsOf c) {
        return new AnalysisRequest(kind, from, to, asOf, Optional.ofNullable(c), top, symbol);
    }

    public AnalysisRequest withTop(int n) {
        return new AnalysisRequest(kind, from, to, asOf, compareTo, n, symbol);
    }

    public AnalysisRequest withSymbol(String s) {
        return new AnalysisRequest(kind, from, to, asOf, compareTo, top, Optional.ofNullable(s));
    }

    /** The parameters in a fixed order and spelling, for cache keys; as-of points are not included. */
    public String canonicalParameters() {
        return kind.id() + "|from=" + from.map(LocalDate::toString).orElse("") + "|to=" + to.map(LocalDate::toString).orElse("")
                + "|top=" + top + "|symbol=" + symbol.orElse("");
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
