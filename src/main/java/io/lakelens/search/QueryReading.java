package io.lakelens.search;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How a search's text was read against the table, and, when nothing matched, why.
 *
 * @param terms     the words searched, as typed back ({@code AAPL}, {@code "apple inc"}, {@code sector:technology})
 * @param hints     the words read as hints and not searched (column names, filler words such as "stocks")
 * @param unmatched the searched words that match no row of the version at all (filled only when the answer is empty)
 * @param filtered  whether filters narrowed the search too
 */
public record QueryReading(List<String> terms, List<String> hints, List<String> unmatched, boolean filtered) {
    public static final QueryReading NONE = new QueryReading(List.of(), List.of(), List.of(), false);

    public QueryReading {
        terms = List.copyOf(terms);
        hints = List.copyOf(hints);
        unmatched = List.copyOf(unmatched);
    }

    /** Why an answer with no rows is empty, in one line; empty when {@code total > 0}. */
    public java.util.Optional<String> emptyReason(long total) {
        if (total > 0) {
            return java.util.Optional.empty();
        }
        if (!unmatched.isEmpty()) {
            String words = quoteAll(unmatched);
            return java.util.Optional.of(unmatched.size() == 1 ? "The word " + words + " matched nothing."
                    : "The words " + words + " matched nothing.");
        }
        if (terms.size() > 1) {
            return java.util.Optional.of("Each word matches some rows, but no row matches " + (terms.size() == 2 ? "both" : "all of them")
                    + (filtered ? " together with the filters." : " together."));
        }
        if (terms.size() == 1) {
            return java.util.Optional.of(quote(terms.getFirst()) + " matches rows, but none within the filters.");
        }
        return java.util.Optional.of(filtered ? "No row matches the filters." : "The table has no rows.");
    }

    /** {@code searched: AAPL, technology · hints: sector}, or empty when there is nothing to say. */
    public String describe() {
        if (hints.isEmpty()) {
            return "";
        }
        return "searched " + (terms.isEmpty() ? "no words" : String.join(", ", terms)) + "; read "
                + quoteAll(hints) + (hints.size() == 1 ? " as a hint, not a search word" : " as hints, not search words");
    }

    private static String quote(String word) {
        return word.contains("\"") ? word : "\"" + word + "\"";
    }

    private static String quoteAll(List<String> words) {
        List<String> q = words.stream().map(QueryReading::quote).toList();
        if (q.size() == 1) {
            return q.getFirst();
        }
        return q.subList(0, q.size() - 1).stream().collect(Collectors.joining(", ")) + " and " + q.getLast();
    }
}
