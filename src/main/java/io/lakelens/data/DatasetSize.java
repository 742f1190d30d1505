package io.lakelens.data;

import io.lakelens.LakeLensException;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

    /** The table property the generator sets on {@code market_data}: the size it was built at. */
    public static final String PROPERTY = "lakelens.dataset";

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

    /**
     * The size a generated {@code market_data} was built at, from its table property
     * {@link #PROPERTY}; empty for a table LakeLens did not generate (or generated before the
     * property), whatever its row count, so rows appended later never change the label.
     */
    public static Optional<DatasetSize> ofProperties(Map<String, String> tableProperties) {
        String v = tableProperties.get(PROPERTY);
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(v.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
