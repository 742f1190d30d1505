package io.lakelens.reliability;

import io.lakelens.LakeLensException;
import io.lakelens.lake.JvmFlags;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A second LakeLens JVM started from this one: same {@code java}, same class path, the JVM
 * flags Spark needs (from {@code io/lakelens/jvm.options} on the class path). Its standard
 * output is read line by line so a caller can wait for what it reports; its standard error
 * goes to a log file next to the work folder. {@link #kill()} is a SIGKILL: no shutdown
 * hooks, no finally blocks, exactly what a power cut or {@code kill -9} does.
 */
public final class ChildJvm implements AutoCloseable {
    private final String name;
    private final Process process;
    private final PrintWriter stdin;
    private final List<String> lines = new ArrayList<>();
    private final List<Long> arrivals = new ArrayList<>();
    private final Path errLog;

    private ChildJvm(String name, Process process, Path errLog) {
        this.name = name;
        this.process = process;
        this.errLog = errLog;
        this.stdin = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
        Thread reader = new Thread(() -> pump(process.getInputStream()), "child-" + name + "-out");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code mainClass} in a new JVM.
     *
     * @param jvmArgs extra JVM arguments (system properties, heap)
     * @param logDir  folder for the child's standard error ({@code NAME.err.log})
     */
    public static ChildJvm start(String name, String mainClass, List<String> args, List<String> jvmArgs,
                                 Map<String, String> env, Path logDir) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.addAll(jvmFlags());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        try {
            Files.createDirectories(logDir);
            Path err = logDir.resolve(name + ".err.log");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
            pb.environment().putAll(env);
            return new ChildJvm(name, pb.start(), err);
        } catch (IOException e) {
            throw new LakeLensException("Cannot start a second JVM (" + name + "): " + e.getMessage(), e);
        }
    }

    /** The running JVM's own {@code java} binary. */
    public static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    }

    /** The flags from {@code jvm.options} that apply to this JDK. */
    public static List<String> jvmFlags() {
        return JvmFlags.forSpark();
    }

    private void pump(InputStream out) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    arrivals.add(System.nanoTime());
                    lines.notifyAll();
                }
            }
        } catch (IOException ignored) {
            // the child died; what it printed before stays in lines
        } finally {
            synchronized (lines) {
                lines.add(null); // end of output
                arrivals.add(System.nanoTime());
                lines.notifyAll();
            }
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends one command line to the child. */
    public void send(String command) {
        stdin.println(command);
    }

    /** Every line printed so far. */
    public List<String> lines() {
        synchronized (lines) {
            return lines.stream().filter(l -> l != null).toList();
        }
    }

    /** How many lines printed so far match. */
    public long count(Predicate<String> match) {
        return lines().stream().filter(match).count();
    }

    /**
     * Waits for the {@code n}th line (counting from the start) that matches, and returns it.
     * Fails with a message quoting the child's last error lines if it dies or time runs out.
     */
    public String await(Predicate<String> match, int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (true) {
                int seen = 0;
                for (String l : lines) {
                    if (l == null) {
                        throw new IllegalStateException(name + " ended before printing what was awaited; " + tail());
                    }
                    if (match.test(l) && ++seen == n) {
                        return l;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException(name + " did not report in " + timeout.toSeconds() + " s; last lines "
                            + lines.subList(Math.max(0, lines.size() - 5), lines.size()) + "; " + tail());
                }
                try {
                    lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for " + name);
                }
            }
        }
    }

    /**
     * Waits at most {@code timeout} for the {@code n}th matching line; true if it arrived, false
     * if time ran out first. Fails like {@link #await} if the child ends before.
     */
    public boolean awaitWithin(Predicate<String> match, int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (true) {
                int seen = 0;
                for (String l : lines) {
                    if (l == null) {
                        throw new IllegalStateException(name + " ended before printing what was awaited; " + tail());
                    }
                    if (match.test(l) && ++seen == n) {
                        return true;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for " + name);
                }
            }
        }
    }

    /** When (System.nanoTime) the {@code n}th matching line arrived, or -1. */
    public long arrival(Predicate<String> match, int n) {
        synchronized (lines) {
            int seen = 0;
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                if (l != null && match.test(l) && ++seen == n) {
                    return arrivals.get(i);
                }
            }
            return -1;
        }
    }

    public String await(Predicate<String> match, Duration timeout) {
        return await(match, 1, timeout);
    }

    /** The end of the child's error log, for failure messages. */
    public String tail() {
        try {
            List<String> err = Files.readAllLines(errLog);
            return "stderr: " + String.join(" | ", err.subList(Math.max(0, err.size() - 8), err.size()));
        } catch (IOException e) {
            return "no stderr";
        }
    }

    /**
     * SIGKILL, then wait until the OS has reaped the process (its file locks are gone then) and
     * the reader has taken every line it printed before it died ({@link #drained()}), so what it
     * acknowledged is read after the fact, never racing the kill. Processes it started (a
     * worker's executors) are killed first so none is orphaned.
     */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        awaitDrained(Duration.ofSeconds(30));
    }

    /** Whether the reader has reached the end of the child's output (the child is gone). */
    public boolean drained() {
        synchronized (lines) {
            return !lines.isEmpty() && lines.get(lines.size() - 1) == null;
        }
    }

    /** Waits until the reader has reached the end of the child's output. */
    private void awaitDrained(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (!drained()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException(name + " was killed but its output did not end within "
                            + timeout.toSeconds() + " s");
                }
                try {
                    lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Waits for the child to exit by itself (and for its last lines to be read); kills it if it
     * does not within the timeout.
     */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            } else {
                awaitDrained(Duration.ofSeconds(30));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            return -1;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            send("exit");
            stdin.close();
            waitFor(Duration.ofSeconds(20));
        }
    }
}
