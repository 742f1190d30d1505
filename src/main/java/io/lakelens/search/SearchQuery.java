package io.lakelens.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The search text split into words, before it meets a table's schema. Words are separated
 * by white space; {@code "a quoted phrase"} is one word; {@code column:value} (or
 * {@code column:"a phrase"}, or {@code `a column`:value} for a name with spaces) qualifies a
 * word with the column it must match. Whether a bare word is a hint (it names a column, or is a
 * {@link #FILLER} word) is decided by {@link SearchPlan} against the schema of the version read.
 * Immutable and thread-safe; parsing never fails (an unclosed quote runs to the end).
 *
 * @param words the words in the order typed
 */
public record SearchQuery(List<Word> words) {
    /** Words that say what kind of thing is wanted rather than which rows: never searched unless quoted. */
    public static final Set<String> FILLER = Set.of("stock", "stocks", "share", "shares", "price", "prices");
    /** More words than this is not a search anyone types; it would only make a huge expression. */
    public static final int MAX_WORDS = 32;

    public SearchQuery {
        words = List.copyOf(words);
    }

    /**
     * One word of the query.
     *
     * @param text   the word or phrase as typed (without quotes)
     * @param quoted true when it was quoted: it is then always searched, never a hint
     * @param column the column it was qualified with, as typed
     */
    public record Word(String text, boolean quoted, Optional<String> column) {
        /** The word as a person would type it back: {@code AAPL}, {@code "apple inc"}, {@code sector:technology}. */
        public String display() {
            String v = quoted || text.isEmpty() ? "\"" + text + "\"" : text;
            return column.map(c -> (c.matches("[\\p{L}_][\\p{L}\\p{N}_]*") ? c : "`" + c + "`") + ":" + v).orElse(v);
        }
    }

    public static SearchQuery parse(String text) {
        String s = text == null ? "" : text;
        List<Word> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            String column = null;
            if (s.charAt(i) == '`') {
                int close = s.indexOf('`', i + 1);
                if (close > i + 1 && close + 1 < n && s.charAt(close + 1) == ':' && close + 2 < n
                        && !Character.isWhitespace(s.charAt(close + 2))) {
                    column = s.substring(i + 1, close);
                    i = close + 2;
                }
            } else if (s.charAt(i) != '"') {
                int k = i;
                while (k < n && !Character.isWhitespace(s.charAt(k)) && s.charAt(k) != ':') {
                    k++;
                }
                if (k < n && s.charAt(k) == ':' && k + 1 < n && !Character.isWhitespace(s.charAt(k + 1))
                        && s.substring(i, k).matches("[\\p{L}_][\\p{L}\\p{N}_]*")) {
                    column = s.substring(i, k);
                    i = k + 1;
                }
            }
            if (s.charAt(i) == '"') {
                int close = s.indexOf('"', i + 1);
                int end = close < 0 ? n : close;
                String phrase = s.substring(i + 1, end).strip();
                i = close < 0 ? n : close + 1;
                if (!phrase.isEmpty()) {
                    out.add(new Word(phrase, true, Optional.ofNullable(column)));
                } else if (column != null) {
                    out.add(new Word("", true, Optional.of(column)));
                }
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                out.add(new Word(s.substring(start, i), false, Optional.ofNullable(column)));
            }
        }
        return new SearchQuery(out);
    }

    public boolean isEmpty() {
        return words.isEmpty();
    }

    /**
     * The words as a canonical string for cache keys: equal strings mean equal answers on one
     * table version. ASCII text is lower-cased (matching is case-insensitive); other text is
     * kept as typed, because Unicode case mapping is not one-to-one. Column names are kept as
     * typed (they are resolved case-insensitively, but a wrong one must still give its own error).
     */
    String canonical() {
        StringBuilder b = new StringBuilder();
        for (Word w : words) {
            // length-prefixed, so no text can imitate a word boundary
            w.column().ifPresent(c -> b.append('c').append(c.length()).append(':').append(c));
            String t = caseFold(w.text());
            b.append(w.quoted() ? 'q' : 'w').append(t.length()).append(':').append(t);
        }
        return b.toString();
    }

    static String caseFold(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 127) {
                return s;
            }
        }
        return s.toLowerCase(Locale.ROOT);
    }
}
