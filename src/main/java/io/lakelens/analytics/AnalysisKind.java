package io.lakelens.analytics;

import io.lakelens.LakeLensException;

import io.lakelens.data.Tables.Holdings;
import io.lakelens.data.Tables.MarketData;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The named analyses, with the formula each one uses, stated once so the CLI, the UI and
 * the result all say the same thing.
 */
public enum AnalysisKind {
    SECTOR("sector", "Sector analysis",
            "Per sector over the date range: return = equal-weighted mean of its symbols' first→last close returns; "
                    + "average daily change = mean of every symbol-day close-to-close change inside the range; "
                    + "volume = total traded; best/worst = symbol with the highest/lowest return."),
    VOLATILITY("volatility", "Market volatility",
            "volatility_30d = sample standard deviation of the last 30 daily log returns ln(close/previous close) "
                    + "(fewer when the range is shorter, at least 2), annualised × √252. "
                    + "Band = close × exp(±2 × daily σ)."),
    MOVERS("movers", "Top movers",
            "Change = last close / first close − 1 over the window, per symbol; gainers rose, losers fell; "
                    + "volume = total traded in the window."),
    RISK("risk", "Portfolio risk, then vs now",
            "Position value = quantity × latest close (the holding's own market_value when unpriced); "
                    + "weight = value / portfolio value; risk score = weight × volatility_30d; "
                    + "portfolio risk = sum of its positions' scores. Change = now − then: "
                    + "> 0.20 HIGH_INCREASE, > 0.10 MODERATE_INCREASE, < −0.20 HIGH_DECREASE, "
                    + "< −0.10 MODERATE_DECREASE, else STABLE.");

    private final String id;
    private final String title;
    private final String method;

    AnalysisKind(String id, String title, String method) {
        this.id = id;
        this.title = title;
        this.method = method;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** The lake tables this analysis reads. */
    public List<String> tables() {
        return this == RISK ? List.of(Holdings.NAME, MarketData.NAME) : List.of(MarketData.NAME);
    }

    /** The formula, in words, shown beside every result of this analysis. */
    public String method() {
        return method;
    }

    public static AnalysisKind parse(String text) {
        String t = text == null ? "" : text.trim();
        for (AnalysisKind k : values()) {
            if (k.id.equalsIgnoreCase(t) || k.name().equalsIgnoreCase(t)) {
                return k;
            }
        }
        throw new LakeLensException("Unknown analysis '" + t + "'; choose one of "
                + Arrays.stream(values()).map(AnalysisKind::id).collect(Collectors.joining(", ")) + ".");
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
