package io.lakelens.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakelens.LakeLensException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of one table's {@code _delta_log} as a single listing shows them: commits with
 * their sizes, checkpoints, {@code _last_checkpoint}, checksums and leftovers of interrupted
 * writers. Used to name the version and file behind a failure, and to catch what Delta itself
 * lets pass (an empty commit file reads as a commit with no changes). Reads names and sizes;
 * the few content reads are on failure paths. Immutable once listed.
 */
final class LogFolder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COMMIT = Pattern.compile("(\\d{20})\\.json");
    private static final Pattern CHECKPOINT = Pattern.compile("(\\d{20})\\.checkpoint(\\..*)?\\.(parquet|json)");
    private static final Pattern CRC = Pattern.compile("(\\d{20})\\.crc");
    private static final Pattern TEMPORARY = Pattern.compile("(?i).*\\.tmp|\\..*\\.json\\..*");

    final Path log;
    final TreeMap<Long, Long> commits = new TreeMap<>();
    final TreeMap<Long, List<String>> checkpoints = new TreeMap<>();
    final TreeMap<Long, String> checksums = new TreeMap<>();
    final List<String> temporary = new ArrayList<>();
    boolean lastCheckpoint;

    private LogFolder(Path log) {
        this.log = log;
    }

    static LogFolder of(Path tableDir) {
        LogFolder f = new LogFolder(tableDir.resolve("_delta_log"));
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(f.log)) {
            for (Path p : entries) {
                String n = p.getFileName().toString();
                Matcher m = COMMIT.matcher(n);
                if (m.matches()) {
                    long size;
                    try {
                        size = Files.readAttributes(p, BasicFileAttributes.class).size();
                    } catch (IOException e) {
                        size = -1;
                    }
                    f.commits.put(Long.parseLong(m.group(1)), size);
                } else if ((m = CHECKPOINT.matcher(n)).matches()) {
                    f.checkpoints.computeIfAbsent(Long.parseLong(m.group(1)), v -> new ArrayList<>()).add(n);
                } else if ((m = CRC.matcher(n)).matches()) {
                    f.checksums.put(Long.parseLong(m.group(1)), n);
                } else if (n.equals("_last_checkpoint")) {
                    f.lastCheckpoint = true;
                } else if (TEMPORARY.matcher(n).matches() && !n.endsWith(".crc")) {
                    f.temporary.add(n);
                } else if (n.equals("_commits") && Files.isDirectory(p)) {
                    f.stagedCommits(p);
                }
            }
        } catch (IOException e) {
            throw new LakeLensException("The transaction log of " + tableDir + " cannot be listed (" + Errors.ioReason(e) + ").", e);
        }
        return f;
    }

    /** Commit files a writer staged under {@code _commits} but never published: leftovers unless the table uses them. */
    private void stagedCommits(Path dir) {
        try (DirectoryStream<Path> staged = Files.newDirectoryStream(dir)) {
            for (Path p : staged) {
                Matcher m = Pattern.compile("(\\d{20})\\..+\\.json").matcher(p.getFileName().toString());
                if (m.matches() && commits.containsKey(Long.parseLong(m.group(1)))) {
                    continue;
                }
                temporary.add("_commits/" + p.getFileName());
            }
        } catch (IOException ignored) {
            // an unreadable staging folder is not part of the published log
        }
    }

    static String commitFile(long version) {
        return String.format("_delta_log/%020d.json", version);
    }

    /** The first empty commit file at or before {@code version}, if any. */
    Optional<Long> emptyCommitUpTo(long version) {
        return commits.headMap(version, true).entrySet().stream().filter(e -> e.getValue() == 0).map(java.util.Map.Entry::getKey)
                .findFirst();
    }

    static String emptyCommitMessage(String table, long empty, long asked) {
        String earlier = empty == 0 ? "" : "; versions up to " + (empty - 1) + " still read (--as-of " + (empty - 1) + ")";
        return "Table " + table + " cannot be read at version " + asked + ": commit " + empty + " (" + commitFile(empty)
                + ") is an empty file, so Delta would read it as a commit with no changes" + earlier
                + ". Restore that file from a backup.";
    }

    /**
     * For a log without a checkpoint: "metaData" or "protocol" when no commit up to the latest
     * holds that action (a reader could not know the schema or the Delta version the table
     * needs), else null. Reads commits from the first until both are seen, usually commit 0's
     * first two lines. A log with a checkpoint keeps both in it and is not read, nor is one that
     * begins after commit 0 (its missing start is the fault, reported with its own reason).
     */
    String missingProtocolOrMetadata() {
        if (!checkpoints.isEmpty() || commits.isEmpty() || commits.firstKey() != 0) {
            return null;
        }
        boolean protocol = false;
        boolean metadata = false;
        for (long v : commits.keySet()) {
            try (BufferedReader r = Files.newBufferedReader(log.resolve(String.format("%020d.json", v)), StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null && !(protocol && metadata)) {
                    protocol |= line.startsWith("{\"protocol\"");
                    metadata |= line.startsWith("{\"metaData\"");
                }
            } catch (IOException | RuntimeException e) {
                return null; // an unreadable commit is reported by the reader, with its version
            }
            if (protocol && metadata) {
                return null;
            }
        }
        return !metadata ? "metaData" : "protocol";
    }

    /** The newest checkpoint version, or -1. */
    long latestCheckpoint() {
        return checkpoints.isEmpty() ? -1 : checkpoints.lastKey();
    }

    /**
     * The first version a reader would need but cannot find: a commit missing after the newest
     * checkpoint (or, with none, after the first commit), or version 0 when the log starts later
     * with no checkpoint to start from. -1 when the log is complete.
     */
    long firstGap() {
        if (commits.isEmpty()) {
            return -1;
        }
        long latest = commits.lastKey();
        Long checkpoint = checkpoints.floorKey(latest);
        if (checkpoint == null && commits.firstKey() > 0) {
            return 0;
        }
        long start = checkpoint != null ? checkpoint + 1 : commits.firstKey();
        for (long v = start; v <= latest; v++) {
            if (!commits.containsKey(v)) {
                return v;
            }
        }
        return -1;
    }

    /** The file names of the checkpoint at {@code version}, joined, or a generic name. */
    String checkpointFiles(long version) {
        List<String> names = checkpoints.get(version);
        return names == null || names.isEmpty() ? String.format("_delta_log/%020d.checkpoint.parquet", version)
                : "_delta_log/" + String.join(", ", names);
    }

    /** The version {@code _last_checkpoint} names, or -1 when there is none or it is unreadable. */
    long lastCheckpointVersion() {
        if (!lastCheckpoint) {
            return -1;
        }
        try {
            return JSON.readTree(Files.readString(log.resolve("_last_checkpoint"))).path("version").asLong(-1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** What {@code _last_checkpoint} says, or why it says nothing useful (null when it is fine). */
    String lastCheckpointProblem() {
        if (!lastCheckpoint) {
            return checkpoints.isEmpty() ? null : "its _last_checkpoint file is missing; Delta finds the checkpoint by listing the log";
        }
        try {
            JsonNode n = JSON.readTree(Files.readString(log.resolve("_last_checkpoint")));
            long v = n.path("version").asLong(-1);
            if (v < 0) {
                return "its _last_checkpoint file names no version; Delta finds the checkpoint by listing the log";
            }
            if (!checkpoints.containsKey(v)) {
                return "its _last_checkpoint names checkpoint " + v + ", which is missing; Delta read the commits instead";
            }
            if (v < latestCheckpoint()) {
                return "its _last_checkpoint names checkpoint " + v + ", older than checkpoint " + latestCheckpoint()
                        + "; Delta uses the newer one it finds in the log";
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "its _last_checkpoint file is unreadable (not JSON); Delta finds the checkpoint by listing the log";
        }
    }

    /** The numbers the {@code .crc} of {@code version} records (files, bytes), or null when there is none or it is unreadable. */
    long[] checksumFilesAndBytes(long version) {
        String name = checksums.get(version);
        if (name == null) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(Files.readString(log.resolve(name)));
            if (!n.has("numFiles") || !n.has("tableSizeBytes")) {
                return null;
            }
            return new long[]{n.get("numFiles").asLong(), n.get("tableSizeBytes").asLong()};
        } catch (IOException | RuntimeException e) {
            return new long[]{-1, -1};
        }
    }

    /** The newest commit whose protocol action names {@code feature}, or -1 (reads commits newest first; failure paths only). */
    long protocolChange(String feature) {
        for (long v : commits.descendingKeySet()) {
            try (BufferedReader r = Files.newBufferedReader(log.resolve(String.format("%020d.json", v)), StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("{\"protocol\"") && (feature == null || line.contains("\"" + feature + "\""))) {
                        return v;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // unreadable commits are reported by the reader
            }
        }
        return -1;
    }

    /** The newest commit that adds {@code fileName} (a data file's last path segment), or -1. Failure paths only. */
    long versionAdding(String fileName) {
        String needle = "\"path\":\"";
        for (long v : commits.descendingKeySet()) {
            try (BufferedReader r = Files.newBufferedReader(log.resolve(String.format("%020d.json", v)), StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    if ((line.startsWith("{\"add\"") || line.contains("\"deletionVector\"")) && line.contains(needle)
                            && line.contains(fileName.replace("\"", "\\\""))) {
                        return v;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // unreadable commits are reported by the reader
            }
        }
        return -1;
    }
}
