package io.lakelens.cache;

import io.lakelens.LakeLensException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code redis-server} process LakeLens runs itself: bound to 127.0.0.1 only, on a free
 * port, with a generated password, no persistence and a memory cap with LRU eviction (it is a
 * cache; losing it costs only misses). {@link #close()} stops it. Thread-safe.
 */
public final class EmbeddedRedis implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RedisBinary binary;
    private final int port;
    private final String password;
    private final int maxMemoryMb;
    private final Path workDir;
    private Process process;
    private String version = "";

    private EmbeddedRedis(RedisBinary binary, int port, String password, int maxMemoryMb) {
        this.binary = binary;
        this.port = port;
        this.password = password;
        this.maxMemoryMb = maxMemoryMb;
        try {
            this.workDir = Files.createTempDirectory("lakelens-redis");
        } catch (IOException e) {
            throw new LakeLensException("Cannot create a work folder for the embedded Redis: " + e.getMessage(), e);
        }
    }

    /** Starts a Redis on a free loopback port with a new password; fails with a clear message. */
    public static EmbeddedRedis start(int maxMemoryMb) {
        RedisBinary binary = RedisBinary.locate();
        LakeLensException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            EmbeddedRedis r = new EmbeddedRedis(binary, freePort(), newPassword(), maxMemoryMb);
            try {
                r.startProcess();
                return r;
            } catch (LakeLensException e) {
                // another process may have taken the port between probe and bind
                last = e;
                r.close();
            }
        }
        throw last;
    }

    static String newPassword() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new LakeLensException("No free loopback port for the embedded Redis: " + e.getMessage(), e);
        }
    }

    /** Starts (or restarts, after {@link #kill()}) the process on the same port with the same password. */
    public synchronized void startProcess() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of(binary.path().toString(),
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--protected-mode", "yes",
                "--requirepass", password,
                "--save", "",
                "--appendonly", "no",
                "--maxmemory", maxMemoryMb + "mb",
                "--maxmemory-policy", "allkeys-lru",
                "--dir", workDir.toString(),
                "--daemonize", "no",
                "--loglevel", "warning"));
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new LakeLensException("Cannot start the embedded Redis (" + binary.description() + "): " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        IOException lastError = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new LakeLensException("The embedded Redis exited at start-up on port " + port + ": " + logTail());
            }
            try (RespClient c = RespClient.open("127.0.0.1", port, password, 500)) {
                c.call("PING");
                version = RespClient.infoField(c.callText("INFO", "server"), "redis_version");
                return;
            } catch (IOException e) {
                lastError = e;
            }
            sleep(20);
        }
        process.destroyForcibly();
        throw new LakeLensException("The embedded Redis did not answer on port " + port + " within 10 s"
                + (lastError == null ? "" : " (" + lastError.getMessage() + ")") + ".");
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(workDir.resolve("redis.log"));
            return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).trim();
        } catch (IOException e) {
            return "no log";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakeLensException("Interrupted while the embedded Redis was starting.");
        }
    }

    /** Kills the process at once (SIGKILL): what a crash looks like to clients. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    public String version() {
        return version;
    }

    public RedisBinary binary() {
        return binary;
    }

    /** The URL clients connect with (it contains the password: never print it). */
    public String url() {
        return "redis://:" + password + "@127.0.0.1:" + port + "/0";
    }

    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            try (RespClient c = RespClient.open("127.0.0.1", port, password, 500)) {
                c.call("SHUTDOWN", "NOSAVE");
            } catch (IOException expected) {
                // SHUTDOWN closes the connection without a reply
            }
            try {
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
