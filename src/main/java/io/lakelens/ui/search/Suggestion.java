package io.lakelens.ui.search;

import java.util.Locale;

/** A symbol the query field can complete to. */
public record Suggestion(String symbol, String company) {

    /** True when {@code text} starts the symbol or any word of the company name (case-insensitive). */
    public boolean matches(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return false;
        }
        if (symbol.toLowerCase(Locale.ROOT).startsWith(t)) {
            return true;
        }
        String c = company == null ? "" : company.toLowerCase(Locale.ROOT);
        if (c.startsWith(t)) {
            return true;
        }
        for (String word : c.split("\\s+")) {
            if (word.startsWith(t)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return company == null || company.isBlank() ? symbol : symbol + " — " + company;
    }
}
