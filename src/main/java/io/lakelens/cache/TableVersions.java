package io.lakelens.cache;

import io.lakelens.LakeLensException;
import io.lakelens.lake.LakeEngine;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The latest version of each table, which cache keys are built from, found without reading
 * the log: the version last seen is confirmed with two file-existence checks (its commit file
 * is there, the next one is not). Within {@code recheckAfter} of a check the version is reused
 * without touching the disk, unless a commit by this process (through {@link LakeEngine#write})
 * or an invalidation from another LakeLens on the same Redis says the table moved; commits by
 * other tools are therefore seen within {@code recheckAfter}. Thread-safe.
 */
public final class TableVersions {
    private static final Pattern COMMIT = Pattern.compile("(\\d{20})\\.json");

    /**
     * A table at its latest version.
     *
     * @param identity stable id of the table folder (host, path, file key): a table deleted and
     *                 re-created at the same path starts a new key space
     */
    public record Current(String table, long version, String identity) {
    }

    private record Seen(long version, String identity, long checkedAt) {
    }

    private final LakeEngine engine;
    private final long recheckNanos;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final Cache cache;

    public TableVersions(LakeEngine engine, Cache cache, Duration recheckAfter) {
        this.engine = engine;
        this.cache = cache;
        this.recheckNanos = recheckAfter.toNanos();
        engine.addCommitListener(this::committed);
        cache.onInvalidation((table, version) -> invalidate(table));
    }

    /** The table's latest version; fails with a clear message when it is not a readable table. */
    public Current latest(String table) {
        long now = System.nanoTime();
        Seen s = seen.get(table);
        if (s != null && now - s.checkedAt < recheckNanos) {
            return new Current(table, s.version, s.identity);
        }
        Path log = engine.requireTable(table).resolve("_delta_log");
        String identity = identity(log);
        long v;
        if (s != null && s.identity.equals(identity) && Files.exists(commitFile(log, s.version))) {
            v = s.version;
            while (Files.exists(commitFile(log, v + 1))) {
                v++;
            }
        } else {
            v = listLatest(table, log);
        }
        seen.put(table, new Seen(v, identity, now));
        return new Current(table, v, identity);
    }

    /** The identity of a table folder without resolving its version. */
    public String identity(String table) {
        return identity(engine.requireTable(table).resolve("_delta_log"));
    }

    /** Forgets what is known of a table so the next {@link #latest} reads its log. */
    public void invalidate(String table) {
        seen.remove(table);
    }

    /** A commit this process made: forget locally, tell the other LakeLens processes. */
    public void committed(String table, long version) {
        invalidate(table);
        cache.publishInvalidation(table, version);
    }

    private static Path commitFile(Path log, long version) {
        return log.resolve(String.format(Locale.ROOT, "%020d.json", version));
    }

    private long listLatest(String table, Path log) {
        long max = -1;
        try (Stream<Path> files = Files.list(log)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Matcher m = COMMIT.matcher(p.getFileName().toString());
                if (m.matches()) {
                    max = Math.max(max, Long.parseLong(m.group(1)));
                }
            }
        } catch (IOException e) {
            throw new LakeLensException("Cannot list the log of table " + table + ": " + e.getMessage(), e);
        }
        return max >= 0 ? max : engine.latestVersion(table);
    }

    private static String identity(Path log) {
        Object fileKey;
        try {
            fileKey = Files.readAttributes(log, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            fileKey = null;
        }
        return CacheKeys.fingerprint(host(), log.toAbsolutePath().normalize().toString(), String.valueOf(fileKey)).substring(0, 16);
    }

    private static volatile String host;

    private static String host() {
        if (host == null) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "localhost";
            }
        }
        return host;
    }
}
