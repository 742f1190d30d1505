package io.lakelens.cache;

import io.lakelens.LakeLensException;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a running Redis about itself ({@code INFO}, {@code SLOWLOG GET}) and counts the LakeLens
 * keys by TTL class and by table with {@code SCAN}, which never blocks the server the way
 * {@code KEYS} would. Reads only. Blocking (each command waits up to 5 s); thread-safe.
 */
public final class CacheInspector {
    /** Keys counted at most by one inspection; beyond this the counts say they are partial. */
    public static final int MAX_SCANNED = 200_000;
    /** Slow-log entries read. */
    public static final int SLOW_ENTRIES = 10;
    private static final Pattern KEY = Pattern.compile("^lakelens:(.+):(v\\d+|last):([a-z]+):[0-9a-f]+$");

    private CacheInspector() {
    }

    /** Inspects the Redis behind {@code cache}; a cache that is off or down is a clear error. */
    public static CacheInspection inspect(Cache cache) {
        if (!(cache instanceof RedisCache redis) || !cache.status().isUp()) {
            throw new LakeLensException("No Redis to inspect: the cache is " + cache.status().label() + " ("
                    + cache.description() + ").");
        }
        RedisAsyncCommands<String, byte[]> r = redis.connection().async();
        try {
            String server = r.info("server").get(5, TimeUnit.SECONDS);
            String memory = r.info("memory").get(5, TimeUnit.SECONDS);
            String stats = r.info("stats").get(5, TimeUnit.SECONDS);
            Map<TtlClass, Long> byClass = new EnumMap<>(TtlClass.class);
            for (TtlClass c : TtlClass.values()) {
                byClass.put(c, 0L);
            }
            Map<String, Long> byTable = new TreeMap<>();
            long other = 0;
            long scanned = 0;
            ScanCursor cursor = ScanCursor.INITIAL;
            ScanArgs args = ScanArgs.Builder.limit(1000);
            do {
                KeyScanCursor<String> page = r.scan(cursor, args).get(5, TimeUnit.SECONDS);
                for (String k : page.getKeys()) {
                    scanned++;
                    Matcher m = KEY.matcher(k);
                    TtlClass c = m.matches() ? classOf(m.group(2), m.group(3)) : null;
                    if (c == null) {
                        other++;
                        continue;
                    }
                    byClass.merge(c, 1L, Long::sum);
                    byTable.merge(m.group(1), 1L, Long::sum);
                }
                cursor = page;
            } while (!cursor.isFinished() && scanned < MAX_SCANNED);
            Map<String, Long> sorted = new LinkedHashMap<>();
            byTable.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> sorted.put(e.getKey(), e.getValue()));
            return new CacheInspection(cache.description(), field(server, "redis_version"), number(memory, "used_memory"),
                    number(memory, "maxmemory"), field(memory, "maxmemory_policy"), number(stats, "evicted_keys"),
                    number(stats, "expired_keys"), byClass, sorted, other, !cursor.isFinished(), number(stats, "keyspace_hits"),
                    number(stats, "keyspace_misses"), slowLog(r.slowlogGet(SLOW_ENTRIES).get(5, TimeUnit.SECONDS)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakeLensException("Inspecting Redis was interrupted.", e);
        } catch (Exception e) {
            throw new LakeLensException("Redis did not answer the inspection: " + io.lakelens.lake.Errors.rootMessage(e), e);
        }
    }

    private static TtlClass classOf(String version, String segment) {
        if (version.equals("last")) {
            return TtlClass.FALLBACK;
        }
        for (TtlClass c : TtlClass.values()) {
            if (c != TtlClass.FALLBACK && c.keyClass().equals(segment)) {
                return c;
            }
        }
        return null;
    }

    static String field(String info, String name) {
        String v = RespClient.infoField(info, name);
        return v == null ? "" : v.strip();
    }

    static long number(String info, String name) {
        try {
            return Long.parseLong(field(info, name));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** SLOWLOG GET replies: [id, unix seconds, microseconds, [command, args…], client, name]. */
    static List<CacheInspection.SlowEntry> slowLog(List<Object> raw) {
        List<CacheInspection.SlowEntry> out = new ArrayList<>();
        for (Object o : raw) {
            if (!(o instanceof List<?> e) || e.size() < 4) {
                continue;
            }
            StringBuilder cmd = new StringBuilder();
            if (e.get(3) instanceof List<?> parts) {
                for (int i = 0; i < parts.size() && i < 4; i++) {
                    Object p = parts.get(i);
                    String s = p instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(p);
                    cmd.append(cmd.isEmpty() ? "" : " ").append(s.length() > 80 ? s.substring(0, 79) + "…" : s);
                }
                if (parts.size() > 4) {
                    cmd.append(" … (").append(parts.size() - 4).append(" more)");
                }
            }
            out.add(new CacheInspection.SlowEntry(((Number) e.get(0)).longValue(), Instant.ofEpochSecond(((Number) e.get(1)).longValue()),
                    ((Number) e.get(2)).longValue(), cmd.toString()));
        }
        return out;
    }
}
