package io.lakelens.api;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The API server's log file ({@code <home>/logs/api.log}): one line per request, and the stack
 * trace of each internal error, which the client never sees. Never writes to the terminal; if
 * the file cannot be written, lines are dropped. Thread-safe.
 */
final class ApiLog implements AutoCloseable {
    private final Path file;
    private Writer out;
    private boolean failed;

    ApiLog(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    void line(String text) {
        write(Instant.now() + " " + text + "\n");
    }

    void error(String what, Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        write(Instant.now() + " ERROR " + what + "\n" + sw);
    }

    private synchronized void write(String s) {
        if (failed) {
            return;
        }
        try {
            if (out == null) {
                Files.createDirectories(file.getParent());
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            out.write(s);
            out.flush();
        } catch (IOException e) {
            failed = true;
        }
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the log is best effort
            }
            out = null;
        }
    }
}
