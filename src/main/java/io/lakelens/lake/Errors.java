package io.lakelens.lake;

import io.lakelens.LakeLensException;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Turns engine failures into one-line messages that say what is wrong and what to do. */
public final class Errors {
    private static final Pattern VERSION_RANGE = Pattern.compile("(?i)available versions?:?\\s*\\[?(\\d+)\\s*,\\s*(\\d+)\\]?");
    private static final ObjectMapper LOG_JSON = new ObjectMapper();
    private static final Pattern COMMIT_FILE = Pattern.compile("_delta_log/(\\d{20})\\.(?:json|checkpoint)");
    private static final Pattern KERNEL_RANGE = Pattern.compile("(?i)earliest (?:available )?version.*?(\\d+).*?latest.*?(\\d+)");

    private Errors() {
    }

    public static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() > 60 ? one.substring(0, 60) + "…" : one;
    }

    /** The innermost message of a chain, without class names. */
    public static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage();
        if (m == null || m.isBlank()) {
            m = c.getClass().getSimpleName();
        }
        return firstLine(m);
    }

    public static String firstLine(String m) {
        int nl = m.indexOf('\n');
        return (nl >= 0 ? m.substring(0, nl) : m).trim();
    }

    private static String chainText(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null && sb.length() < 20_000; c = c.getCause()) {
            sb.append(c.getClass().getName()).append(": ").append(c.getMessage()).append('\n');
            if (c.getCause() == c) {
                break;
            }
        }
        return sb.toString();
    }

    private static boolean has(Throwable t, Class<?> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /**
     * As {@link #forRead(String, AsOf, Throwable)}; with the table's folder, a damaged log is
     * searched for the first commit that does not parse, so the message can name its version.
     */
    public static LakeLensException forRead(String table, AsOf asOf, Throwable e, Path tableDir) {
        LakeLensException mapped = forRead(table, asOf, e);
        String m = mapped.getMessage();
        if (m.contains("is corrupt or truncated (")) {
            long v = damagedCommit(tableDir);
            if (v >= 0) {
                return new LakeLensException(m.replace("is corrupt or truncated (", "is corrupt or truncated at version " + v + " ("), e);
            }
        }
        return mapped;
    }

    /**
     * The first commit after the last checkpoint whose JSON does not parse, or -1. Reads only
     * what a reader replays anyway (commits after the checkpoint), on the failure path only.
     */
    static long damagedCommit(Path tableDir) {
        Path log = tableDir.resolve("_delta_log");
        long from = -1;
        try {
            Path last = log.resolve("_last_checkpoint");
            if (Files.isRegularFile(last)) {
                from = LOG_JSON.readTree(Files.readString(last)).path("version").asLong(-1);
            }
        } catch (IOException | RuntimeException ignored) {
            from = -1; // a damaged _last_checkpoint: scan every commit
        }
        List<Path> commits;
        try (Stream<Path> files = Files.list(log)) {
            commits = files.filter(p -> p.getFileName().toString().matches("\\d{20}\\.json")).sorted().toList();
        } catch (IOException e) {
            return -1;
        }
        for (Path f : commits) {
            long v = Long.parseLong(f.getFileName().toString().substring(0, 20));
            if (v <= from) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        LOG_JSON.readTree(line);
                    }
                }
            } catch (IOException bad) { // unparseable JSON or bytes that are not UTF-8
                return v;
            }
        }
        return -1;
    }

    /** Maps a failure while reading {@code table} at {@code asOf} to a clear message. */
    public static LakeLensException forRead(String table, AsOf asOf, Throwable e) {
        if (e instanceof LakeLensException le) {
            return le;
        }
        String text = chainText(e);
        String lower = text.toLowerCase();
        if (asOf instanceof AsOf.Version v && (lower.contains("cannot time travel") || lower.contains("versionnotfound")
                || lower.contains("cannot load table version") || lower.contains("not available")
                || lower.contains("version " + v.version() + " does not exist") || lower.contains("earliest available version")
                || lower.contains("cannot be recreated"))) {
            return new LakeLensException("Table " + table + " has no readable version " + v.version()
                    + rangeHint(text) + "; `lakelens history " + table + "` lists its versions.", e);
        }
        if (asOf instanceof AsOf.Timestamp ts && (lower.contains("before the earliest") || lower.contains("timestamp")
                && (lower.contains("earliest") || lower.contains("after the latest") || lower.contains("before")))) {
            String when = lower.contains("after the latest") ? "after the latest commit" : "before the table existed";
            return new LakeLensException("Table " + table + " cannot be read as of " + ts.instant() + ": that is "
                    + when + "; `lakelens history " + table + "` lists its commit times.", e);
        }
        if (has(e, FileNotFoundException.class) || lower.contains("filenotfound") || lower.contains("file does not exist")
                || lower.contains("no such file")) {
            String at = asOf instanceof AsOf.Latest ? "" : " at " + asOf;
            return new LakeLensException("Table " + table + at + " cannot be read: a data file it needs is missing "
                    + "(removed by VACUUM or deleted by hand). Read a later version or restore the files.", e);
        }
        if (lower.contains("jsonparseexception") || lower.contains("malformed") || lower.contains("unexpected end-of-input")
                || lower.contains("corrupt") || lower.contains("checksum error") || lower.contains("unrecognized token") || lower.contains("invalid json")
                || lower.contains("failed to parse") || lower.contains("missing protocol") || lower.contains("missing metadata")
                || lower.contains("deltalog") && lower.contains("invalid")) {
            Matcher file = COMMIT_FILE.matcher(text);
            String which = file.find() ? " at version " + Long.parseLong(file.group(1)) : "";
            return new LakeLensException("The transaction log of table " + table + " is corrupt or truncated" + which + " ("
                    + abbreviate(rootMessage(e)) + "); nothing was changed. Restore _delta_log from a backup.", e);
        }
        if (lower.contains("tablenotfound") || lower.contains("is not a delta table") || lower.contains("doesn't exist")) {
            return new LakeLensException("Table " + table + " is not a readable Delta table (" + abbreviate(rootMessage(e)) + ").", e);
        }
        return new LakeLensException("Reading " + table + (asOf instanceof AsOf.Latest ? "" : " at " + asOf)
                + " failed: " + abbreviate(rootMessage(e)), e);
    }

    private static String rangeHint(String text) {
        Matcher m = VERSION_RANGE.matcher(text);
        if (m.find()) {
            return " (readable versions are " + m.group(1) + " to " + m.group(2) + ")";
        }
        m = KERNEL_RANGE.matcher(text);
        if (m.find()) {
            return " (readable versions are " + m.group(1) + " to " + m.group(2) + ")";
        }
        return "";
    }
}
