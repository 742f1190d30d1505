package io.lakelens.search;

import java.util.List;
import java.util.Optional;

/**
 * What a search form offers for one table version, read from its schema and data: each column
 * LakeLens shows, its kind, whether free text searches it, a pick list for strings with few
 * distinct values, and the lowest and highest value of numbers, dates and timestamps (as hints
 * for range filters). Immutable.
 *
 * @param defaultSort the order a search without a sort gets
 */
public record SearchFields(String table, long version, List<Field> fields, SearchColumns searched,
                           SearchRequest.Sort defaultSort) {
    /** Strings with at most this many distinct values get a pick list. */
    public static final int PICK_LIST_MAX = 50;

    /** How a column is filtered. */
    public enum Kind {
        TEXT, NUMBER, DATE, TIMESTAMP, BOOLEAN;

        /** Whether it is filtered by a range. */
        public boolean ranged() {
            return this == NUMBER || this == DATE || this == TIMESTAMP;
        }
    }

    /**
     * One column.
     *
     * @param choices the distinct values, sorted, when a TEXT column has at most {@link #PICK_LIST_MAX}; else empty
     * @param min     the lowest value as text a range filter reads back, for ranged kinds with any non-null value
     * @param max     the highest value likewise
     */
    public record Field(String name, Kind kind, boolean searched, List<String> choices, Optional<String> min,
                        Optional<String> max) {
        public Field {
            choices = List.copyOf(choices);
        }

        public boolean pickList() {
            return kind == Kind.TEXT && !choices.isEmpty();
        }
    }

    public SearchFields {
        fields = List.copyOf(fields);
    }

    public Optional<Field> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
