package io.lakelens.cluster;

import io.lakelens.LakeLensException;
import io.lakelens.lake.ClusterJars;
import io.lakelens.reliability.ChildJvm;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real Spark standalone cluster on loopback: one master and one worker, each a child JVM
 * started from the Spark jars on this application's class path. The worker launches
 * executors from a Spark home whose {@code jars} folder links to those same jars, so no Spark
 * download is needed. Closing it kills both (and with them the executors).
 */
public final class StandaloneCluster implements AutoCloseable {
    private final ChildJvm master;
    private final ChildJvm worker;
    private final int port;

    private StandaloneCluster(ChildJvm master, ChildJvm worker, int port) {
        this.master = master;
        this.worker = worker;
        this.port = port;
    }

    /**
     * Starts master and worker and waits until the worker has registered (the master's port
     * answers and the worker's web UI is up).
     *
     * @param cores  cores the worker offers
     * @param memory worker memory, Spark syntax ("2g")
     */
    public static StandaloneCluster start(Path dir, int cores, String memory) {
        try {
            Path home = sparkHome(dir.resolve("spark-home"));
            int port = freePort();
            int masterUi = freePort();
            int workerUi = freePort();
            Map<String, String> env = Map.of("SPARK_HOME", home.toString(), "SPARK_LOCAL_IP", "127.0.0.1",
                    "SPARK_SCALA_VERSION", "2.13", "JAVA_HOME", System.getProperty("java.home"));
            List<String> jvm = List.of("-Xmx512m", "-Dspark.ui.showConsoleProgress=false");
            ChildJvm master = ChildJvm.start("spark-master", "org.apache.spark.deploy.master.Master",
                    List.of("--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(masterUi)),
                    jvm, env, dir.resolve("logs"));
            awaitPort(port, master);
            Path work = Files.createDirectories(dir.resolve("worker"));
            ChildJvm worker = ChildJvm.start("spark-worker", "org.apache.spark.deploy.worker.Worker",
                    List.of("--host", "127.0.0.1", "--webui-port", Integer.toString(workerUi), "--cores", Integer.toString(cores),
                            "--memory", memory, "--work-dir", work.toString(), "spark://127.0.0.1:" + port),
                    jvm, env, dir.resolve("logs"));
            awaitPort(workerUi, worker);
            return new StandaloneCluster(master, worker, port);
        } catch (IOException e) {
            throw new LakeLensException("Cannot start the standalone cluster: " + e.getMessage(), e);
        }
    }

    /** The master URL to give LakeLens, e.g. {@code spark://127.0.0.1:40123}. */
    public String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    /** The worker's and master's error logs, for a failure message. */
    public String logs() {
        return master.tail() + " / " + worker.tail();
    }

    /** A Spark home whose jars folder links to the class path's jars, for the worker's executor command. */
    static Path sparkHome(Path home) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("conf"));
        for (Path p : ClusterJars.classPath()) {
            String n = p.getFileName() == null ? "" : p.getFileName().toString();
            // LakeLens and Delta reach executors through spark.jars, as they would on a team's cluster
            if (!n.endsWith(".jar") || n.startsWith("lakelens") || n.startsWith("delta-") || n.startsWith("surefire")
                    || !Files.isRegularFile(p)) {
                continue;
            }
            Path link = jars.resolve(n);
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, p);
            }
        }
        return home;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port, ChildJvm jvm) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!jvm.isAlive()) {
                throw new LakeLensException(jvm.name() + " exited while starting; " + jvm.tail());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new LakeLensException("Interrupted while the cluster was starting.");
                }
            }
        }
        throw new LakeLensException(jvm.name() + " did not open port " + port + " in 3 minutes; " + jvm.tail());
    }

    @Override
    public void close() {
        worker.kill();
        master.kill();
    }
}
