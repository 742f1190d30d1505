package io.lakelens.lake;

import java.time.Instant;

/**
 * One change to a column between a version and the one before it.
 *
 * @param column       the column's name after the change (before it, for a dropped column); nested fields as {@code a.b}
 * @param previousName the name before a rename, else empty
 * @param fromType     the type before ({@code ""} for an added column)
 * @param toType       the type after ({@code ""} for a dropped column)
 */
public record SchemaChange(long version, Instant timestamp, String column, Kind kind, String previousName,
                           String fromType, String toType) {

    public enum Kind {
        /** Present when the table was created or first read. */
        CREATED("created"),
        ADDED("added"),
        DROPPED("dropped"),
        /** Type made wider without rewriting data, e.g. int → long. */
        WIDENED("widened"),
        TYPE_CHANGED("type changed"),
        RENAMED("renamed"),
        NULLABILITY("nullability changed");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One line for people, e.g. {@code price widened float → double}. */
    public String describe() {
        return switch (kind) {
            case CREATED, ADDED -> column + " " + kind.label() + " (" + toType + ")";
            case DROPPED -> column + " dropped (was " + fromType + ")";
            case WIDENED, TYPE_CHANGED -> column + " " + kind.label() + " " + fromType + " → " + toType;
            case RENAMED -> previousName + " renamed to " + column;
            case NULLABILITY -> column + " " + fromType + " → " + toType;
        };
    }
}
