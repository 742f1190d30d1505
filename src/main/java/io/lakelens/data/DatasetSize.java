package io.lakelens.data;

import io.lakelens.LakeLensException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The generated dataset sizes, by {@code market_data} rows, with the badge colour the UI
 * shows (a CSS style class, never a colour literal in Java).
 */
public enum DatasetSize {
    TINY(1_000, 50, "badge-tiny"),
    SMALL(10_000, 100, "badge-small"),
    MEDIUM(100_000, 250, "badge-medium"),
    LARGE(1_000_000, 500, "badge-large"),
    XLARGE(10_000_000, 1000, "badge-xlarge");

    private final long rows;
    private final int symbols;
    private final String styleClass;

    DatasetSize(long rows, int symbols, String styleClass) {
        this.rows = rows;
        this.symbols = symbols;
        this.styleClass = styleClass;
    }

    public long rows() {
        return rows;
    }

    /** How many symbols of the universe this size uses. */
    public int symbols() {
        return symbols;
    }

    /** Trading days per symbol, so that symbols × days = rows. */
    public int days() {
        return (int) (rows / symbols);
    }

    public String styleClass() {
        return styleClass;
    }

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    public static DatasetSize parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new LakeLensException("Unknown dataset '" + text + "'; choose one of "
                    + Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ".");
        }
    }

    /** The size whose row count is nearest to {@code rows}, for labelling an existing lake. */
    public static DatasetSize nearest(long rows) {
        DatasetSize best = TINY;
        for (DatasetSize s : values()) {
            if (Math.abs(Math.log10(Math.max(rows, 1)) - Math.log10(s.rows)) < Math.abs(Math.log10(Math.max(rows, 1)) - Math.log10(best.rows))) {
                best = s;
            }
        }
        return best;
    }
}
