package io.lakelens.lake;

import io.lakelens.LakeLensException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Which state of a table to read: the latest, a version number, or a point in time. */
public sealed interface AsOf {
    AsOf LATEST = new Latest();

    record Latest() implements AsOf {
        @Override
        public String toString() {
            return "latest";
        }
    }

    record Version(long version) implements AsOf {
        public Version {
            if (version < 0) {
                throw new LakeLensException("Version " + version + " is negative; versions start at 0.");
            }
        }

        @Override
        public String toString() {
            return "version " + version;
        }
    }

    record Timestamp(Instant instant) implements AsOf {
        @Override
        public String toString() {
            return "timestamp " + instant;
        }
    }

    /**
     * Parses what a user types: empty or {@code latest}, a whole number (a version), an ISO
     * date ({@code 2024-03-15}, midnight UTC), a date-time ({@code 2024-03-15T10:00:00}, UTC)
     * or an instant ({@code 2024-03-15T10:00:00Z}).
     */
    static AsOf parse(String text) {
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("latest")) {
            return LATEST;
        }
        String t = text.trim();
        if (t.matches("\\d{1,18}")) {
            return new Version(Long.parseLong(t));
        }
        try {
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return new Timestamp(LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d{2}:\\d{2}$")) {
                return new Timestamp(java.time.OffsetDateTime.parse(t).toInstant());
            }
            return new Timestamp(LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw new LakeLensException("'" + abbreviate(t) + "' is neither a version number nor a date-time; "
                    + "use e.g. 5, 2024-03-15 or 2024-03-15T10:00:00Z.");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
