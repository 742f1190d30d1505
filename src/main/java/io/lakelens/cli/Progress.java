package io.lakelens.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * One progress line, redrawn in place on standard error with the time left. It is drawn only
 * when standard error is a terminal and {@code --no-progress} was not given, so redirected
 * output and logs never hold control codes; with {@code NO_COLOR} set the line is cleared
 * with spaces instead of an ANSI escape. Thread-safe; redraws at most five times a second.
 */
final class Progress {
    /** A progress line that draws nothing. */
    static final Progress OFF = new Progress(null, false);

    private final PrintWriter err;
    private final boolean ansi;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int width;

    private Progress(PrintWriter err, boolean ansi) {
        this.err = err;
        this.ansi = ansi;
    }

    /** A line on {@code err} when {@code enabled}, else {@link #OFF}. */
    static Progress on(PrintWriter err, boolean enabled) {
        return enabled ? new Progress(err, System.getenv("NO_COLOR") == null) : OFF;
    }

    private final java.util.Map<PrintWriter, PrintWriter> clearing = new java.util.IdentityHashMap<>();

    boolean drawing() {
        return err != null;
    }

    /**
     * {@code target} wrapped so that anything printed first removes the progress line; output
     * on the same terminal then never lands in the middle of it.
     */
    synchronized PrintWriter clearing(PrintWriter target) {
        if (err == null) {
            return target;
        }
        return clearing.computeIfAbsent(target, t -> new PrintWriter(t, true) {
            @Override
            public void write(int c) {
                clear();
                super.write(c);
            }

            @Override
            public void write(char[] buf, int off, int len) {
                clear();
                super.write(buf, off, len);
            }

            @Override
            public void write(String s, int off, int len) {
                clear();
                super.write(s, off, len);
            }
        });
    }

    /** Shows {@code step} at {@code fraction} (0..1, negative when unknown) with the time left once it can be guessed. */
    synchronized void update(double fraction, String step) {
        if (err == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 200_000_000L && fraction < 1) {
            return;
        }
        lastDraw = now;
        StringBuilder line = new StringBuilder();
        if (fraction >= 0) {
            line.append(String.format(Locale.ROOT, "[%3d%%] ", Math.round(Math.min(1, fraction) * 100)));
        }
        line.append(step);
        Duration elapsed = Duration.ofNanos(now - start);
        if (fraction >= 0.02 && fraction < 1 && elapsed.toMillis() >= 1000) {
            long leftS = Math.round(elapsed.toMillis() / 1000.0 * (1 - fraction) / fraction);
            line.append(" · ").append(duration(leftS)).append(" left");
        }
        draw(line.toString());
    }

    /** Removes the line so what follows starts on a clean one. */
    synchronized void clear() {
        if (err == null || width == 0) {
            return;
        }
        err.print(ansi ? "\r\033[K" : "\r" + " ".repeat(width) + "\r");
        err.flush();
        width = 0;
    }

    private void draw(String text) {
        String pad = !ansi && text.length() < width ? " ".repeat(width - text.length()) : "";
        err.print((ansi ? "\r\033[K" : "\r") + text + pad);
        err.flush();
        width = Math.max(width, text.length());
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }

    /**
     * Whether this process's standard error is a terminal. Java 21 cannot ask directly
     * ({@code Console.isTerminal} came later), so Linux reads where fd 2 points, other Unix
     * systems ask {@code test -t 2}, and Windows goes by whether there is a console.
     */
    static boolean stderrIsTerminal() {
        Path fd2 = Path.of("/proc/self/fd/2");
        if (Files.exists(Path.of("/proc/self/fd"))) {
            try {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return System.console() != null;
        }
        try {
            Process p = new ProcessBuilder("sh", "-c", "test -t 2").redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
