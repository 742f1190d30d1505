package io.lakelens.ui.kit;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A {@link BackgroundTask} once started: its progress (properties change on the FX thread) and
 * the way to cancel it. Cancelling settles the task at once — its callbacks see
 * {@code onCancelled}, never a late success — while the work is told to stop through
 * {@link TaskContext#isCancelled()} and its cancel hooks.
 */
public final class RunningTask implements TaskContext {
    private final String title;
    private final Consumer<Runnable> ui;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper step = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(false);
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean settled = new AtomicBoolean();
    private final List<Runnable> cancelHooks = new CopyOnWriteArrayList<>();
    private volatile Runnable onCancelSettle = () -> { };
    private volatile BiConsumer<Double, String> progressListener = (f, s) -> { };

    RunningTask(String title, Consumer<Runnable> ui) {
        this.title = title;
        this.ui = ui;
    }

    public String title() {
        return title;
    }

    /** 0..1, or negative while the amount of work is unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    public boolean isDone() {
        return done.get();
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Cancels the task; harmless when it has already finished. */
    public void cancel() {
        if (settled.get() || !cancelled.compareAndSet(false, true)) {
            return;
        }
        for (Runnable hook : cancelHooks) {
            runQuietly(hook);
        }
        if (settle()) {
            onCancelSettle.run();
        }
    }

    @Override
    public void progress(double fraction, String text) {
        double f = fraction < 0 ? -1 : Math.min(1, fraction);
        String s = text == null ? "" : text;
        ui.accept(() -> {
            step.set(s);
            progress.set(f);
            progressListener.accept(f, s);
        });
    }

    @Override
    public void onCancel(Runnable hook) {
        cancelHooks.add(hook);
        if (cancelled.get()) {
            runQuietly(hook);
        }
    }

    /** Marks the outcome decided; true for the one caller that decides it. */
    boolean settle() {
        return settled.compareAndSet(false, true);
    }

    void whenCancelled(Runnable r) {
        onCancelSettle = r;
    }

    void whenProgress(BiConsumer<Double, String> listener) {
        progressListener = listener;
    }

    void markDone() {
        done.set(true);
    }

    private static void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException ignored) {
            // a cancel hook that fails must not keep the task from being cancelled
        }
    }

    @Override
    public String toString() {
        return title.isEmpty() ? "task" : title;
    }
}
