package io.lakelens.cache;

import io.lakelens.LakeLensException;
import io.lakelens.LakeStateFolder;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An embedded Redis that outlives one short-lived LakeLens process, so that two `lakelens
 * search` runs share a cache. It is recorded in {@code <lake>/.lakelens/redis.json} (mode 0600:
 * it holds the password) and run by a small detached keeper process ({@link RedisKeeper}) that
 * shuts it down after a period with no clients. Every LakeLens process on the lake reuses it
 * while it answers; a record whose Redis does not answer is replaced.
 */
public final class SharedRedis {
    static final String RECORD = "redis.json";
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*(\"([^\"]*)\"|-?\\d+)");

    private SharedRedis() {
    }

    /**
     * A recorded Redis.
     *
     * @param reused true when it was already running, false when this call started it
     */
    public record Endpoint(int port, String password, long redisPid, long keeperPid, String version,
                           Instant startedAt, boolean reused) {
        public String url() {
            return "redis://:" + password + "@127.0.0.1:" + port + "/0";
        }
    }

    static Path dir(Path lakeRoot) {
        return LakeStateFolder.of(lakeRoot);
    }

    /** The recorded Redis of a lake if it answers its password now. */
    public static Optional<Endpoint> find(Path lakeRoot) {
        Optional<Endpoint> e = read(dir(lakeRoot).resolve(RECORD));
        return e.filter(SharedRedis::answers);
    }

    /**
     * The lake's shared Redis, starting a detached one if none answers. Fails with a
     * {@link LakeLensException} when the lake folder cannot hold the record or the keeper does
     * not start; the caller then runs an in-process Redis instead.
     */
    public static Endpoint obtain(Path lakeRoot, CacheSettings settings) {
        Path dir = dir(lakeRoot);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new LakeLensException("Cannot record a shared Redis under " + dir + ": " + e.getMessage(), e);
        }
        try (FileChannel ch = FileChannel.open(dir.resolve("redis.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            Path record = dir.resolve(RECORD);
            Optional<Endpoint> existing = read(record);
            if (existing.isPresent()) {
                Endpoint e = existing.get();
                if (answers(e)) {
                    if (ProcessHandle.of(e.keeperPid()).map(ProcessHandle::isAlive).orElse(false)) {
                        return e;
                    }
                    // Its keeper died (killed): nobody would ever stop it, so stop it now.
                    shutdown(e);
                }
                Files.deleteIfExists(record);
            }
            return startKeeper(lakeRoot, record, settings);
        } catch (IOException e) {
            throw new LakeLensException("Cannot lock " + dir.resolve("redis.lock") + ": " + e.getMessage(), e);
        }
    }

    /** Stops the lake's shared Redis and its keeper, if one runs. Returns whether one did. */
    public static boolean stop(Path lakeRoot) {
        Path record = dir(lakeRoot).resolve(RECORD);
        Optional<Endpoint> e = read(record);
        if (e.isEmpty()) {
            return false;
        }
        Optional<ProcessHandle> keeper = ProcessHandle.of(e.get().keeperPid());
        keeper.ifPresent(ProcessHandle::destroy);
        shutdown(e.get());
        keeper.ifPresent(k -> k.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(t -> null).join());
        try {
            Files.deleteIfExists(record);
        } catch (IOException ignored) {
            // the next start replaces it
        }
        return true;
    }

    private static Endpoint startKeeper(Path lakeRoot, Path record, CacheSettings settings) throws IOException {
        Path log = record.resolveSibling("redis-keeper.log");
        List<String> cmd = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            // its own session: a Ctrl-C on the command that started it does not stop the shared cache
            cmd.add("/usr/bin/setsid");
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                "-cp", keeperClassPath(), RedisKeeper.class.getName(),
                record.getParent().toAbsolutePath().toString(),
                Long.toString(settings.sharedIdle().toSeconds()),
                Integer.toString(settings.embeddedMaxMemoryMb())));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File(File.separatorChar == '/' ? "/dev/null" : "NUL")))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Optional<Endpoint> e = read(record);
            if (e.isPresent() && answers(e.get())) {
                Endpoint n = e.get();
                return new Endpoint(n.port(), n.password(), n.redisPid(), n.keeperPid(), n.version(), n.startedAt(), false);
            }
            if (!p.isAlive() && p.exitValue() != 0) {
                break;
            }
            try {
                Thread.sleep(30);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        p.destroy();
        throw new LakeLensException("The shared embedded Redis did not start (see " + log + ").");
    }

    /** Only the classes the keeper needs: LakeLens's own and the embedded-redis jar. */
    private static String keeperClassPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : new Class<?>[]{RedisKeeper.class, redis.embedded.model.OsArchitecture.class}) {
            try {
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (Exception e) {
                return System.getProperty("java.class.path");
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    static boolean answers(Endpoint e) {
        try (RespClient c = RespClient.open("127.0.0.1", e.port(), e.password(), 300)) {
            return "PONG".equals(c.callText("PING"));
        } catch (IOException ex) {
            return false;
        }
    }

    private static void shutdown(Endpoint e) {
        try (RespClient c = RespClient.open("127.0.0.1", e.port(), e.password(), 300)) {
            c.call("SHUTDOWN", "NOSAVE");
        } catch (IOException expected) {
            // no reply to SHUTDOWN, or it was already gone
        }
    }

    static Optional<Endpoint> read(Path record) {
        try {
            if (!Files.isRegularFile(record)) {
                return Optional.empty();
            }
            String text = Files.readString(record);
            java.util.Map<String, String> f = new java.util.HashMap<>();
            Matcher m = FIELD.matcher(text);
            while (m.find()) {
                f.put(m.group(1), m.group(3) != null ? m.group(3) : m.group(2));
            }
            return Optional.of(new Endpoint(Integer.parseInt(f.get("port")), f.get("password"),
                    Long.parseLong(f.get("redisPid")), Long.parseLong(f.get("keeperPid")),
                    f.getOrDefault("version", ""), Instant.parse(f.get("startedAt")), true));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes the record readable by its owner only, replacing any other atomically. */
    static void write(Path record, Endpoint e, Duration idle) throws IOException {
        String json = "{\"port\":" + e.port() + ",\"password\":\"" + e.password() + "\",\"redisPid\":" + e.redisPid()
                + ",\"keeperPid\":" + e.keeperPid() + ",\"version\":\"" + e.version() + "\",\"startedAt\":\""
                + e.startedAt() + "\",\"idleSeconds\":" + idle.toSeconds() + "}\n";
        Path tmp = record.resolveSibling(RECORD + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, json, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(tmp, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
