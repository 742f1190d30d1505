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

    /** A file-system failure in a few words ("permission denied", "no such file"), for one-line messages. */
    public static String ioReason(java.io.IOException e) {
        return switch (e) {
            case java.nio.file.AccessDeniedException a -> "permission denied";
            case java.nio.file.NoSuchFileException n -> "it does not exist";
            case java.nio.file.NotDirectoryException n -> "it is not a folder";
            case java.nio.file.FileSystemLoopException l -> "a loop of links";
            default -> abbreviate(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        };
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

    private static final Pattern LOG_FILE = Pattern.compile("_delta_log/(\\d{20})\\.(json|checkpoint[^\\s,'\"]*?\\.parquet|checkpoint[^\\s,'\"]*?\\.json)");
    private static final Pattern DATA_FILE = Pattern.compile("/([^/\\s'\"]+\\.parquet)");
    private static final Pattern DV_FILE = Pattern.compile("(deletion_vector_[0-9a-fA-F-]+\\.bin)");
    private static final Pattern KERNEL_FEATURE = Pattern.compile("requires feature \"([^\"]+)\"");
    private static final Pattern SPARK_FEATURES = Pattern.compile("(?i)unsupported by Delta Lake \"[^\"]*\":\\s*([^.\\n]+)");
    private static final Pattern READER_VERSION = Pattern.compile("(?i)requires reader version (\\d+)");
    private static final Pattern STATE_VERSION = Pattern.compile("(?i)(?:Reconstructing version:?|found at version)\\s*(\\d+)");

    /**
     * As {@link #forRead(String, AsOf, Throwable)}, with the table's folder: damage in the log
     * or the data is named by version and file (the listing of {@code _delta_log} and, on this
     * failure path only, the commits that mention the file tell which).
     */
    public static LakeLensException forRead(String table, AsOf asOf, Throwable e, Path tableDir) {
        if (e instanceof LakeLensException le) {
            return le;
        }
        LakeLensException specific = damage(table, asOf, e, tableDir);
        if (specific != null) {
            return specific;
        }
        LakeLensException mapped = forRead(table, asOf, e);
        String m = mapped.getMessage();
        if (m.contains("is corrupt or truncated (")) {
            long v = damagedCommit(tableDir);
            if (v >= 0) {
                return new LakeLensException(m.replace("is corrupt or truncated (", "is corrupt or truncated at version " + v
                        + " (" + LogFolder.commitFile(v) + ": "), e);
            }
        }
        return mapped;
    }

    /**
     * The one line naming damage to the table's log or data (a missing or corrupt data file or
     * deletion vector, a corrupt commit or checkpoint, a newer protocol) behind a failure, if
     * that is what {@code e} reports; for work that is not a read (a write) but failed reading.
     */
    public static java.util.Optional<LakeLensException> damageBehind(String table, AsOf asOf, Throwable e, Path tableDir) {
        return e == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(damage(table, asOf, e, tableDir));
    }

    /** A message for damage Delta reports in its own words, or null when {@code e} is something else. */
    private static LakeLensException damage(String table, AsOf asOf, Throwable e, Path tableDir) {
        String text = chainText(e);
        String lower = text.toLowerCase();
        LogFolder folder;
        try {
            folder = LogFolder.of(tableDir);
        } catch (LakeLensException x) {
            return null;
        }
        String at = asOf instanceof AsOf.Latest ? "" : " at " + asOf;
        // a protocol newer than this Delta
        Matcher kf = KERNEL_FEATURE.matcher(text);
        Matcher sf = SPARK_FEATURES.matcher(text);
        Matcher rv = READER_VERSION.matcher(text);
        if (lower.contains("unsupported") && (kf.find() || sf.find() || rv.find())) {
            String feature = kf.find(0) ? kf.group(1) : sf.find(0) ? sf.group(1).trim() : null;
            String what = feature != null ? "Delta reader feature '" + feature + "'" : "Delta reader version " + rv.group(1);
            long since = folder.protocolChange(feature);
            String where = since >= 0 ? " (from version " + since + ", " + LogFolder.commitFile(since) + ")" : "";
            return new NewerProtocolException("Table " + table + " needs " + what + where + ", which this Delta (Delta Lake 4.4) "
                    + "cannot read; nothing was changed. Read it with a newer Delta, or restore an older copy.", e);
        }
        // a gap in the versions no checkpoint bridges
        if (lower.contains("not contiguous") || lower.contains("versions_not_contiguous") || lower.contains("missing delta files")) {
            long gap = folder.firstGap();
            String which = gap >= 0 ? "commit " + gap + " (" + LogFolder.commitFile(gap) + ") is missing" : "commits are missing";
            return new LakeLensException("The transaction log of table " + table + " has a gap: " + which
                    + " and no checkpoint bridges it, so the versions after it cannot be rebuilt; nothing was changed. "
                    + "Restore the missing file from a backup.", e);
        }
        // a checkpoint that is missing or corrupt
        Matcher lf = LOG_FILE.matcher(text);
        if (lower.contains("missing checkpoint") || lower.contains("missing_part_files") || lower.contains("checkpoint file to load version")
                || lower.contains("no recreatable commits") || lower.contains("invalid table found") && lower.contains("checkpoint")) {
            // the newest checkpoint on disk, else the one _last_checkpoint names (its file is the missing one)
            long cp = folder.latestCheckpoint() >= 0 ? folder.latestCheckpoint() : folder.lastCheckpointVersion();
            Matcher v = Pattern.compile("(?i)(?:checkpoint at version|checkpoint version:?|load version:?)\\s*(\\d+)").matcher(text);
            long which = v.find() ? Long.parseLong(v.group(1)) : cp;
            return new LakeLensException("The checkpoint of table " + table + (which < 0 ? "" : " at version " + which
                    + String.format(" (_delta_log/%020d.checkpoint.parquet)", which)) + " is missing and the commits before it "
                    + "were cleaned up, so no version can be rebuilt; nothing was changed. Restore _delta_log from a backup.", e);
        }
        long corruptCheckpoint = -1;
        while (lf.find()) {
            if (lf.group(2).startsWith("checkpoint")) {
                corruptCheckpoint = Long.parseLong(lf.group(1));
                break;
            }
        }
        boolean unreadableParquet = lower.contains("is not a parquet file") || lower.contains("can not read value")
                || lower.contains("parquetdecodingexception") || lower.contains("checksum error");
        if (corruptCheckpoint < 0 && unreadableParquet && !DATA_FILE.matcher(text.replaceAll("_delta_log/[^\\s]*", "")).find()
                && folder.latestCheckpoint() >= 0) {
            // Kernel names its reader, not the file, when the checkpoint it opens is not Parquet
            corruptCheckpoint = folder.latestCheckpoint();
        }
        if (corruptCheckpoint >= 0) {
            long v = corruptCheckpoint;
            return new LakeLensException("The checkpoint of table " + table + " at version " + v + " (" + folder.checkpointFiles(v)
                    + ") is corrupt (" + (unreadableParquet ? "not a Parquet file" : abbreviate(rootMessage(e)))
                    + "); nothing was changed. Restore it from a backup, or delete it so Delta reads the commits before it.", e);
        }
        // no metadata or no protocol anywhere in the log
        boolean noMetadata = lower.contains("no metadata found") || lower.contains("metadata of your delta table could not be recovered");
        boolean noProtocol = lower.contains("no protocol found") || lower.contains("protocol of your delta table could not be recovered");
        if (noMetadata || noProtocol) {
            Matcher sv = STATE_VERSION.matcher(text);
            String v = sv.find() ? " up to version " + sv.group(1) : "";
            return new LakeLensException("The transaction log of table " + table + " holds no " + (noMetadata ? "metaData" : "protocol")
                    + " action" + v + " (commits " + LogFolder.commitFile(folder.commits.isEmpty() ? 0 : folder.commits.firstKey())
                    + " on), so " + (noMetadata ? "its schema" : "the Delta version it needs") + " is unknown and it cannot be read; "
                    + "nothing was changed. Restore _delta_log from a backup.", e);
        }
        // a corrupt deletion vector
        Matcher dv = DV_FILE.matcher(text);
        if ((lower.contains("deletion vector") || lower.contains("dv size mismatch") || lower.contains("dv checksum")) && (lower.contains("integrity") || lower.contains("checksum") || lower.contains("corrupt")
                || lower.contains("mismatch") || lower.contains("invalid"))) {
            String file = dv.find() ? dv.group(1) : null;
            Matcher df = DATA_FILE.matcher(text.replaceAll("_delta_log/[^\\s]*", ""));
            String of = df.find() ? " of data file " + df.group(1) : "";
            long v = folder.versionAdding(file != null ? file.substring("deletion_vector_".length(), file.length() - 4) : "deletionVector");
            List<String> where = new java.util.ArrayList<>();
            if (file != null) {
                where.add(file);
            }
            if (v >= 0) {
                where.add("written in version " + v);
            }
            return new LakeLensException("Table " + table + at + " cannot be read: the deletion vector" + of
                    + (where.isEmpty() ? "" : " (" + String.join(", ", where) + ")") + " is corrupt; nothing was changed. "
                    + "Restore the file from a backup or read a version before it.", e);
        }
        // a data file that is missing or not Parquet
        Matcher df = DATA_FILE.matcher(text.replaceAll("_delta_log/[^\\s]*", ""));
        boolean missing = has(e, java.io.FileNotFoundException.class) || lower.contains("file_not_exist") || lower.contains("file does not exist")
                || lower.contains("no such file");
        boolean corrupt = unreadableParquet || lower.contains("corrupt");
        if ((missing || corrupt) && df.find()) {
            String file = df.group(1);
            long v = folder.versionAdding(file);
            String added = v >= 0 ? " (added in version " + v + ")" : "";
            if (missing) {
                return new LakeLensException("Table " + table + at + " cannot be read: its data file " + file + added
                        + " is missing (removed by VACUUM or deleted by hand); nothing was changed. Read another version or restore the file.", e);
            }
            return new LakeLensException("Table " + table + at + " cannot be read: its data file " + file + added + " is corrupt ("
                    + (unreadableParquet ? "not a Parquet file" : abbreviate(rootMessage(e)))
                    + "); nothing was changed. Restore the file from a backup or read another version.", e);
        }
        return null;
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
        if (lower.contains("beyond_deleted_file_retention") || lower.contains("time travel beyond delta.deletedfileretentionduration")) {
            return new LakeLensException("Table " + table + " cannot be read as of " + asOf + ": Delta refuses versions older than the "
                    + "table's delta.deletedFileRetentionDuration, whose files VACUUM may have removed; read a newer version.", e);
        }
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
                || lower.contains("failed to parse") || lower.contains("could not parse json") || lower.contains("missing protocol") || lower.contains("missing metadata")
                || lower.contains("deltalog") && lower.contains("invalid")) {
            Matcher file = COMMIT_FILE.matcher(text);
            String which = file.find() ? " at version " + Long.parseLong(file.group(1)) + " ("
                    + LogFolder.commitFile(Long.parseLong(file.group(1))) + ")" : "";
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
