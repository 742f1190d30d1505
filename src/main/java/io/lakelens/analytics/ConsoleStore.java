package io.lakelens.analytics;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lakelens.LakeLensException;
import io.lakelens.text.AtomicFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SQL console's memory in the user's settings: the history of past queries (newest
 * first, at most {@link #MAX_HISTORY}) and the queries the user saved by name. One small JSON
 * file, {@code ~/.lakelens/console.json} by default; written atomically after each change. A
 * damaged file is set aside (renamed {@code .damaged}) and the console starts empty rather
 * than failing. Thread-safe.
 */
public final class ConsoleStore {
    public static final int MAX_HISTORY = 200;
    public static final int MAX_NAME = 80;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * One query the user ran.
     *
     * @param asOf      the as-of as typed ({@code latest}, {@code 3}, {@code 2024-03-15T10:00:00Z})
     * @param rows      rows returned, or -1 when it failed
     * @param elapsedMs wall time
     * @param error     the one-line error, or null when it succeeded
     */
    public record HistoryEntry(String sql, String asOf, Instant at, long rows, long elapsedMs, String error) {
        public boolean failed() {
            return error != null;
        }
    }

    /** A query saved under a name; saving the same name again replaces it. */
    public record SavedQuery(String name, String sql, String asOf) {
    }

    private record State(List<HistoryEntry> history, List<SavedQuery> saved) {
    }

    private final Path file;
    private State state;

    public ConsoleStore(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    /** The store at the default place, {@code ~/.lakelens/console.json}. */
    public static ConsoleStore inUserSettings() {
        return new ConsoleStore(Path.of(System.getProperty("user.home"), ".lakelens", "console.json"));
    }

    public Path file() {
        return file;
    }

    /** Past queries, newest first. */
    public synchronized List<HistoryEntry> history() {
        return List.copyOf(load().history());
    }

    public synchronized List<SavedQuery> saved() {
        return List.copyOf(load().saved());
    }

    /** Records a query; an immediate repeat of the newest entry replaces it instead of piling up. */
    public synchronized void record(HistoryEntry entry) {
        List<HistoryEntry> h = new ArrayList<>(load().history());
        if (!h.isEmpty() && h.get(0).sql().equals(entry.sql()) && h.get(0).asOf().equals(entry.asOf())) {
            h.remove(0);
        }
        h.add(0, entry);
        while (h.size() > MAX_HISTORY) {
            h.remove(h.size() - 1);
        }
        store(new State(h, load().saved()));
    }

    public synchronized void clearHistory() {
        store(new State(List.of(), load().saved()));
    }

    /** Saves (or replaces) a query under {@code name}. */
    public synchronized SavedQuery save(String name, String sql, String asOf) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > MAX_NAME) {
            throw new LakeLensException("A saved query needs a name of 1 to " + MAX_NAME + " characters.");
        }
        if (sql == null || sql.isBlank()) {
            throw new LakeLensException("There is no SQL to save; write a query first.");
        }
        SavedQuery q = new SavedQuery(n, sql, asOf == null || asOf.isBlank() ? "latest" : asOf.strip());
        List<SavedQuery> s = new ArrayList<>(load().saved());
        s.removeIf(x -> x.name().toLowerCase(Locale.ROOT).equals(n.toLowerCase(Locale.ROOT)));
        s.add(q);
        s.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        store(new State(load().history(), s));
        return q;
    }

    /** Deletes the saved query named {@code name}; true if there was one. */
    public synchronized boolean delete(String name) {
        List<SavedQuery> s = new ArrayList<>(load().saved());
        boolean removed = s.removeIf(x -> x.name().equalsIgnoreCase(name == null ? "" : name.strip()));
        if (removed) {
            store(new State(load().history(), s));
        }
        return removed;
    }

    private State load() {
        if (state != null) {
            return state;
        }
        if (!Files.exists(file)) {
            state = new State(List.of(), List.of());
            return state;
        }
        try {
            State s = JSON.readValue(file.toFile(), State.class);
            state = new State(s.history() == null ? List.of() : s.history(), s.saved() == null ? List.of() : s.saved());
        } catch (IOException e) {
            // A damaged settings file must not take the console down; keep it for the user to inspect.
            try {
                Files.move(file, file.resolveSibling(file.getFileName() + ".damaged"), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException ignored) {
                // it stays where it is and will be overwritten by the next change
            }
            state = new State(List.of(), List.of());
        }
        return state;
    }

    private void store(State s) {
        try {
            AtomicFile.write(file, out -> JSON.writeValue(out, s));
            state = s;
        } catch (IOException e) {
            throw new LakeLensException("Cannot save the console's history to " + file + ": " + e.getMessage(), e);
        }
    }
}
