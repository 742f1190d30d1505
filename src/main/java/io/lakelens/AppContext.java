package io.lakelens;

import io.lakelens.lake.LakeEngine;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The services of one running LakeLens (CLI command or window), built from a {@link Config}.
 * Closing it stops them in reverse order of creation.
 */
public final class AppContext implements AutoCloseable {
    private final Config config;
    private final LakeEngine engine;
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();

    public AppContext(Config config) {
        this.config = config;
        this.engine = new LakeEngine(config);
        closeables.push(engine);
    }

    public Config config() {
        return config;
    }

    public LakeEngine engine() {
        return engine;
    }

    /** Registers something to close with the context (closed last-in, first-out). */
    public synchronized <T extends AutoCloseable> T own(T closeable) {
        closeables.push(closeable);
        return closeable;
    }

    @Override
    public synchronized void close() {
        while (!closeables.isEmpty()) {
            try {
                closeables.pop().close();
            } catch (Exception ignored) {
                // closing is best effort; the process is ending
            }
        }
    }
}
