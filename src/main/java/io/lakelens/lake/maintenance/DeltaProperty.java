package io.lakelens.lake.maintenance;

import io.lakelens.LakeLensException;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The table properties LakeLens shows and lets analysts change, with their types and Delta's
 * defaults. Only these keys ever reach an {@code ALTER TABLE}: the allow-list is this enum.
 */
public enum DeltaProperty {
    OPTIMIZE_WRITE("delta.autoOptimize.optimizeWrite", Type.BOOLEAN, "false",
            "Shuffle data before writing so each write produces fewer, larger files."),
    AUTO_COMPACT("delta.autoOptimize.autoCompact", Type.BOOLEAN, "false",
            "Compact small files right after a write that leaves too many of them."),
    LOG_RETENTION("delta.logRetentionDuration", Type.INTERVAL, "interval 30 days",
            "How long commit history is kept; older versions cannot be time-travelled to."),
    DELETED_FILE_RETENTION("delta.deletedFileRetentionDuration", Type.INTERVAL, "interval 1 week",
            "How long removed data files are kept before VACUUM may delete them."),
    CHANGE_DATA_FEED("delta.enableChangeDataFeed", Type.BOOLEAN, "false",
            "Record row-level changes (needed for per-row history and diffs)."),
    CHECKPOINT_INTERVAL("delta.checkpointInterval", Type.POSITIVE_INT, "10",
            "Commits between checkpoints; fewer means faster log replay, more files."),
    DELETION_VECTORS("delta.enableDeletionVectors", Type.BOOLEAN, "false",
            "Mark deleted rows instead of rewriting files (upgrades the table protocol)."),
    STATS_COLUMN_COUNT("delta.dataSkippingNumIndexedCols", Type.STATS_COLUMNS, "32",
            "How many leading columns get min/max statistics for data skipping (-1: all)."),
    APPEND_ONLY("delta.appendOnly", Type.BOOLEAN, "false",
            "Refuse updates and deletes; only appends are allowed.");

    /** Value types, each with its own validation and canonical form. */
    public enum Type {
        BOOLEAN, POSITIVE_INT, STATS_COLUMNS, INTERVAL
    }

    private final String key;
    private final Type type;
    private final String defaultValue;
    private final String description;

    DeltaProperty(String key, Type type, String defaultValue, String description) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public Type type() {
        return type;
    }

    /** Delta's default when the table does not set the property. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public static Optional<DeltaProperty> byKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String k = key.trim();
        return Arrays.stream(values()).filter(p -> p.key.equalsIgnoreCase(k)).findFirst();
    }

    public static DeltaProperty require(String key) {
        return byKey(key).orElseThrow(() -> new LakeLensException("'" + abbreviate(key) + "' is not a property LakeLens edits; "
                + "choose one of " + Arrays.stream(values()).map(DeltaProperty::key).collect(Collectors.joining(", ")) + "."));
    }

    /**
     * Validates a value typed by a user and returns it in canonical form (booleans lower case,
     * integers without signs or spaces, intervals as {@code interval N unit}). The canonical
     * form is built by this method, never copied from the input.
     */
    public String canonical(String value) {
        String v = value == null ? "" : value.trim();
        return switch (type) {
            case BOOLEAN -> {
                String l = v.toLowerCase(Locale.ROOT);
                if (!l.equals("true") && !l.equals("false")) {
                    throw new LakeLensException(key + " must be true or false, not '" + abbreviate(v) + "'.");
                }
                yield Boolean.toString(Boolean.parseBoolean(l));
            }
            case POSITIVE_INT -> {
                long n = parseLong(v);
                if (n < 1 || n > 100_000) {
                    throw new LakeLensException(key + " must be a whole number from 1 to 100000, not '" + abbreviate(v) + "'.");
                }
                yield Long.toString(n);
            }
            case STATS_COLUMNS -> {
                long n = parseLong(v);
                if (n < -1 || n > 10_000) {
                    throw new LakeLensException(key + " must be -1 (all columns) or a whole number up to 10000, not '" + abbreviate(v) + "'.");
                }
                yield Long.toString(n);
            }
            case INTERVAL -> {
                Duration d = Durations.parse(v);
                if (d.isZero() || d.isNegative()) {
                    throw new LakeLensException(key + " must be longer than zero.");
                }
                yield Durations.toInterval(d);
            }
        };
    }

    /** The duration of an interval value ({@code interval 7 days}, {@code 1 week}); null for other types. */
    public Duration duration(String value) {
        return type == Type.INTERVAL ? Durations.parse(value) : null;
    }

    private long parseLong(String v) {
        if (!v.matches("-?\\d{1,9}")) {
            throw new LakeLensException(key + " must be a whole number, not '" + abbreviate(v) + "'.");
        }
        return Long.parseLong(v);
    }

    private static String abbreviate(String s) {
        String t = String.valueOf(s).strip();
        return t.length() > 40 ? t.substring(0, 40) + "…" : t;
    }
}
