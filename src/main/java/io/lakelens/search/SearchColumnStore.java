package io.lakelens.search;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakelens.LakeLensException;
import io.lakelens.LakeStateFolder;
import io.lakelens.text.AtomicFile;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The searched columns configured per table, kept in the lake ({@code .lakelens/search-columns.json})
 * so every window, command and process on the lake searches alike. A read costs a file stat
 * while the file is unchanged, so searches may ask on every request and still see another
 * process's change at once. Changes are read-modify-write under a file lock and land by atomic
 * rename. Thread-safe.
 */
public final class SearchColumnStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FILE = "search-columns.json";

    private final Path file;
    private final Path lock;
    private Stamp stamp;
    private Map<String, List<SearchColumns.SearchColumn>> tables = Map.of();

    private record Stamp(long modified, long size, Object key) {
    }

    public SearchColumnStore(Path lakeRoot) {
        Path dir = LakeStateFolder.of(lakeRoot);
        this.file = dir.resolve(FILE);
        this.lock = dir.resolve(FILE + ".lock");
    }

    /** The columns configured for a table, if any (names as saved; a version may lack some). */
    public Optional<List<SearchColumns.SearchColumn>> configured(String table) {
        return Optional.ofNullable(current().get(table));
    }

    private synchronized Map<String, List<SearchColumns.SearchColumn>> current() {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            stamp = null;
            tables = Map.of();
            return tables;
        } catch (IOException e) {
            throw unreadable(e);
        }
        Stamp now = new Stamp(a.lastModifiedTime().toMillis(), a.size(), a.fileKey());
        if (!now.equals(stamp)) {
            tables = read();
            stamp = now;
        }
        return tables;
    }

    private Map<String, List<SearchColumns.SearchColumn>> read() {
        try {
            Map<String, List<Map<String, String>>> raw = JSON.readValue(Files.readAllBytes(file),
                    new TypeReference<Map<String, List<Map<String, String>>>>() { });
            Map<String, List<SearchColumns.SearchColumn>> out = new TreeMap<>();
            raw.forEach((table, cols) -> {
                List<SearchColumns.SearchColumn> list = new ArrayList<>();
                for (Map<String, String> c : cols) {
                    String m = c.getOrDefault("match", "contains").toUpperCase(Locale.ROOT);
                    list.add(new SearchColumns.SearchColumn(c.get("column"), SearchColumns.Match.valueOf(m)));
                }
                out.put(table, List.copyOf(list));
            });
            return out;
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException | RuntimeException e) {
            throw unreadable(e);
        }
    }

    private LakeLensException unreadable(Exception e) {
        return new LakeLensException("The searched columns in " + file + " are unreadable (" + e.getMessage()
                + "); fix or delete the file.", e);
    }

    /** Sets a table's searched columns (replacing any earlier choice). */
    public void set(String table, List<SearchColumns.SearchColumn> columns) {
        update(m -> {
            m.put(table, List.copyOf(columns));
            return m;
        });
    }

    /** Forgets a table's choice, so it searches its default columns again. Returns whether one was set. */
    public boolean reset(String table) {
        boolean[] had = {false};
        update(m -> {
            had[0] = m.remove(table) != null;
            return m;
        });
        return had[0];
    }

    private synchronized void update(UnaryOperator<Map<String, List<SearchColumns.SearchColumn>>> change) {
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                Map<String, List<SearchColumns.SearchColumn>> m = new TreeMap<>(read());
                m = change.apply(m);
                Map<String, List<Map<String, String>>> raw = new TreeMap<>();
                m.forEach((table, cols) -> raw.put(table, cols.stream().map(c -> {
                    Map<String, String> e = new LinkedHashMap<>();
                    e.put("column", c.name());
                    e.put("match", c.match().id());
                    return e;
                }).toList()));
                AtomicFile.write(file, out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, raw));
                stamp = null;
            }
        } catch (IOException e) {
            throw new LakeLensException("Cannot save the searched columns to " + file + ": " + e.getMessage(), e);
        }
    }
}
