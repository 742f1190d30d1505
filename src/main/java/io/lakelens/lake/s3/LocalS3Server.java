package io.lakelens.lake.s3;

import io.lakelens.LakeLensException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An S3-compatible server on loopback for trying LakeLens offline and for its tests: S3Proxy
 * storing buckets as folders under {@code dataDir}, in a JVM of its own (its Jetty and
 * libraries stay off LakeLens's classpath). It accepts any credentials. {@link #close()} stops
 * it; the folder stays. Not thread-safe.
 */
public final class LocalS3Server implements AutoCloseable {
    private final Process process;
    private final URI endpoint;

    private LocalS3Server(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** {@code http://127.0.0.1:port}. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Starts the server on {@code port} (0 for a free one) over {@code dataDir} and waits up to
     * 3 minutes for it to answer (a loaded machine starts the JVM slowly). The server's jar is {@code target/s3proxy/s3proxy.jar} of the
     * installation ({@code lakelens.home}) or of the working folder, or the
     * {@code lakelens.s3proxy.jar} property.
     */
    public static LocalS3Server start(Path dataDir, int port, Path logFile) {
        Path jar = jar();
        try {
            Files.createDirectories(dataDir);
            int p = port > 0 ? port : freePort();
            Path props = Files.createTempFile("lakelens-s3proxy", ".properties");
            Files.writeString(props, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + p,
                    "s3proxy.authorization=none",
                    "s3proxy.ignore-unknown-headers=true",
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + dataDir.toAbsolutePath(),
                    ""));
            props.toFile().deleteOnExit();
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(List.of(javaBin, "-Xmx256m", "-jar", jar.toString(),
                    "--properties", props.toString()));
            pb.redirectErrorStream(true);
            pb.redirectOutput(logFile == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            Process proc = pb.start();
            // The server ends with this process, even on Ctrl-C.
            Runtime.getRuntime().addShutdownHook(new Thread(proc::destroy, "lakelens-s3-server-stop"));
            LocalS3Server server = new LocalS3Server(proc, URI.create("http://127.0.0.1:" + p));
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (!answers(p)) {
                if (!proc.isAlive()) {
                    throw new LakeLensException("The local S3 server stopped at start (exit " + proc.exitValue() + ")"
                            + (logFile == null ? "" : "; see " + logFile) + ".");
                }
                if (System.nanoTime() > deadline) {
                    server.close();
                    throw new LakeLensException("The local S3 server did not answer on port " + p + " within 3 minutes.");
                }
                proc.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            return server;
        } catch (IOException e) {
            throw new LakeLensException("Cannot start the local S3 server: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakeLensException("Interrupted while the local S3 server was starting.");
        }
    }

    /** Creates {@code bucket} if it does not exist. */
    public void createBucket(String bucket) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint.resolve("/" + bucket))
                    .PUT(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2 && r.statusCode() != 409) {
                throw new LakeLensException("The local S3 server did not create bucket " + bucket + " (HTTP " + r.statusCode() + ").");
            }
        } catch (IOException e) {
            throw new LakeLensException("Cannot create bucket " + bucket + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakeLensException("Interrupted while creating bucket " + bucket + ".");
        }
    }

    /** Waits for the server to end (for a foreground demo). */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    private static Path jar() {
        String given = System.getProperty("lakelens.s3proxy.jar");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        for (String base : new String[]{System.getProperty("lakelens.home"), System.getProperty("user.dir")}) {
            if (base != null) {
                Path p = Path.of(base, "target", "s3proxy", "s3proxy.jar");
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        throw new LakeLensException("The local S3 server (target/s3proxy/s3proxy.jar) is not built; run `mvn package` "
                + "in the LakeLens folder first.");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
