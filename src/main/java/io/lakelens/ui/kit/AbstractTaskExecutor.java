package io.lakelens.ui.kit;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** The lifecycle shared by the real and the test executor: run, settle once, report on the UI thread. */
abstract class AbstractTaskExecutor implements TaskExecutor {
    private final ObservableList<RunningTask> running = FXCollections.observableArrayList();
    private final Consumer<Throwable> defaultFailure;

    AbstractTaskExecutor(Consumer<Throwable> defaultFailure) {
        this.defaultFailure = defaultFailure;
    }

    /** Runs {@code job} on a worker (or inline). */
    abstract void submit(Runnable job);

    /**
     * Whether work that is already asynchronous is awaited on the worker (the inline test
     * executor, whose callers expect every callback to have run when {@code execute} returns);
     * otherwise the worker only starts it.
     */
    boolean awaitsStages() {
        return false;
    }

    /** Calls {@code tick} every {@code periodNanos} until the returned action is run. */
    abstract Runnable repeat(Runnable tick, long periodNanos);

    @Override
    public RunningTask every(Duration period, Runnable tick) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("A tick period must be positive, not " + period);
        }
        RunningTask handle = new RunningTask("", this::ui);
        AtomicBoolean busy = new AtomicBoolean();
        Runnable stop = repeat(() -> {
            if (handle.isCancelled() || !busy.compareAndSet(false, true)) {
                return;
            }
            submit(() -> {
                try {
                    if (!handle.isCancelled()) {
                        tick.run();
                    }
                } catch (RuntimeException ignored) {
                    // one failed tick leaves a gap; the next one tries again
                } finally {
                    busy.set(false);
                }
            });
        }, period.toNanos());
        handle.onCancel(stop);
        return handle;
    }

    @Override
    public ObservableList<RunningTask> running() {
        return running;
    }

    @Override
    public <T> RunningTask execute(BackgroundTask<T> task) {
        RunningTask handle = new RunningTask(task.title(), this::ui);
        boolean listed = !task.title().isBlank();
        Runnable finish = () -> {
            if (listed) {
                running.remove(handle);
            }
            handle.markDone();
            task.finishedCallback().run();
        };
        handle.whenCancelled(() -> ui(() -> {
            task.cancelledCallback().run();
            finish.run();
        }));
        handle.whenProgress(task.progressCallback());
        if (listed) {
            running.add(handle);
        }
        task.runningCallback().run();
        Consumer<T> succeeded = result -> {
            if (handle.settle()) {
                ui(() -> {
                    task.successCallback().accept(result);
                    finish.run();
                });
            }
        };
        Consumer<Throwable> failed = e -> {
            Throwable cause = unwrap(e);
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (handle.settle()) {
                ui(() -> {
                    if (cause instanceof CancellationException) {
                        task.cancelledCallback().run();
                    } else if (task.failureCallback() != null) {
                        task.failureCallback().accept(cause);
                    } else {
                        defaultFailure.accept(cause);
                    }
                    finish.run();
                });
            }
        };
        submit(() -> {
            if (handle.isCancelled()) {
                return;
            }
            try {
                if (task.start() != null && !awaitsStages()) {
                    // the worker only starts it; the stage's own threads settle the task
                    task.start().apply(handle).whenComplete((result, e) -> {
                        if (e == null) {
                            succeeded.accept(result);
                        } else {
                            failed.accept(e);
                        }
                    });
                    return;
                }
                succeeded.accept(task.work().run(handle));
            } catch (Throwable e) {
                failed.accept(e);
            }
        });
        return handle;
    }

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
