package io.lakelens.ui.shell;

import io.lakelens.LakeLensException;
import io.lakelens.ui.kit.UiErrors;
import javafx.application.Platform;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Starts the JavaFX toolkit without an {@code Application} subclass (classpath launch) and runs work on it. */
public final class Toolkits {
    private static volatile boolean started;
    /*
     * Held so its level sticks: JavaFX warns on every classpath launch ("Unsupported JavaFX
     * configuration"), which is how LakeLens runs by design; analysts need not read it.
     */
    private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");

    private Toolkits() {
    }

    /**
     * Renders with no display: Monocle's headless glass and the software pipeline. Must run
     * before the toolkit starts; afterwards it changes nothing.
     */
    public static void headless() {
        if (!started) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            // The virtual screen must hold the largest window we capture.
            System.setProperty("headless.geometry", System.getProperty("headless.geometry", "1920x1200-32"));
            System.setProperty("prism.text", System.getProperty("prism.text", "t2k"));
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Starts the toolkit once per JVM; a toolkit started by someone else (TestFX) is used as it is. */
    public static synchronized void start() {
        if (started) {
            return;
        }
        CountDownLatch ready = new CountDownLatch(1);
        JAVAFX_LOG.setLevel(Level.SEVERE);
        try {
            Platform.startup(ready::countDown);
        } catch (IllegalStateException alreadyRunning) {
            ready.countDown();
        }
        try {
            if (!ready.await(60, TimeUnit.SECONDS)) {
                throw new LakeLensException("The JavaFX toolkit did not start within 60 s.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakeLensException("Interrupted while the JavaFX toolkit was starting.");
        }
        // Closing a window (or switching lakes) must not end the toolkit; the launcher ends it.
        Platform.setImplicitExit(false);
        started = true;
    }

    /** Runs {@code work} on the FX thread and waits for its result. Never call from the FX thread. */
    public static <T> T onFx(Callable<T> work) {
        if (Platform.isFxApplicationThread()) {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new LakeLensException(UiErrors.message(e), e);
            }
        }
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        try {
            return task.get(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakeLensException("Interrupted while waiting for the window.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new LakeLensException(UiErrors.message(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new LakeLensException("The window did not answer within 120 s.");
        }
    }

    public static void onFx(Runnable work) {
        onFx(() -> {
            work.run();
            return null;
        });
    }
}
