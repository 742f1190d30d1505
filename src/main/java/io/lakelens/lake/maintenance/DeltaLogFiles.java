package io.lakelens.lake.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakelens.LakeLensException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The commit and checkpoint files of a table's {@code _delta_log}, read directly: the Kernel has
 * no history API, and a log replay of add/remove actions is what tells which versions a
 * VACUUM would break.
 */
final class DeltaLogFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COMMIT = Pattern.compile("(\\d{20})\\.json");
    private static final Pattern CHECKPOINT = Pattern.compile("(\\d{20})\\.checkpoint(\\..*)?\\.(parquet|json)");

    private final Path log;
    private final TreeSet<Long> commits = new TreeSet<>();
    private final TreeSet<Long> checkpoints = new TreeSet<>();

    DeltaLogFiles(Path tableDir) {
        this.log = tableDir.resolve("_delta_log");
        try (Stream<Path> s = Files.list(log)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                Matcher c = COMMIT.matcher(n);
                if (c.matches()) {
                    commits.add(Long.parseLong(c.group(1)));
                    continue;
                }
                Matcher k = CHECKPOINT.matcher(n);
                if (k.matches()) {
                    checkpoints.add(Long.parseLong(k.group(1)));
                }
            }
        } catch (IOException e) {
            throw new LakeLensException("Cannot list the log of " + tableDir + ": " + e.getMessage(), e);
        }
        if (commits.isEmpty()) {
            throw new LakeLensException(tableDir + " has no commits in its _delta_log.");
        }
    }

    long latest() {
        return commits.last();
    }

    /**
     * The oldest version a reader can still reconstruct: version 0 while its commit file exists,
     * else the oldest checkpoint from which every later commit file is present.
     */
    long earliestReconstructable() {
        long latest = latest();
        List<Long> starts = new ArrayList<>();
        if (commits.contains(0L)) {
            starts.add(0L);
        }
        starts.addAll(checkpoints);
        for (long start : starts) {
            boolean complete = true;
            for (long v = start + 1; v <= latest; v++) {
                if (!commits.contains(v)) {
                    complete = false;
                    break;
                }
            }
            if (complete) {
                return start;
            }
        }
        return latest;
    }

    boolean hasCommit(long version) {
        return commits.contains(version);
    }

    /** The actions of one commit, one JSON object per line. */
    List<JsonNode> actions(long version) {
        Path f = log.resolve(String.format("%020d.json", version));
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new LakeLensException("Cannot read commit " + version + " of " + log.getParent() + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The commitInfo of a version, or null when the commit file is gone or has none. */
    JsonNode commitInfo(long version) {
        if (!commits.contains(version)) {
            return null;
        }
        for (JsonNode a : actions(version)) {
            if (a.has("commitInfo")) {
                return a.get("commitInfo");
            }
        }
        return null;
    }

    /** Commit versions still on disk, newest first. */
    List<Long> commitsNewestFirst() {
        return new ArrayList<>(commits.descendingSet());
    }
}
