package io.lakelens.ui.kit;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Slow work (Spark start-up, searches, generation) described once and run by a
 * {@link TaskExecutor}: the work runs on a background thread, every callback on the JavaFX
 * thread (or inline with {@link CurrentThreadTaskExecutor} in tests).
 *
 * <pre>{@code
 * running = BackgroundTask.fromStage(() -> search.search(request, strategy))
 *         .onRunning(() -> busy.set(true))
 *         .onSuccess(this::show)
 *         .onFailure(e -> error.set(UiErrors.message(e)))
 *         .onFinished(() -> busy.set(false))
 *         .executeWith(tasks);
 * }</pre>
 *
 * A task is configured, then executed once; the returned {@link RunningTask} cancels it.
 */
public final class BackgroundTask<T> {

    /** Work that reports progress and watches for cancellation. */
    @FunctionalInterface
    public interface Work<T> {
        T run(TaskContext context) throws Exception;
    }

    private final Work<T> work;
    /** For work that is already asynchronous: starts it and hands back its future; null otherwise. */
    private final Function<TaskContext, CompletableFuture<T>> start;
    private String title = "";
    private Runnable onRunning = () -> { };
    private BiConsumer<Double, String> onProgress = (f, s) -> { };
    private Consumer<? super T> onSuccess = r -> { };
    private Consumer<Throwable> onFailure;
    private Runnable onCancelled = () -> { };
    private Runnable onFinished = () -> { };

    private BackgroundTask(Work<T> work) {
        this(work, null);
    }

    private BackgroundTask(Work<T> work, Function<TaskContext, CompletableFuture<T>> start) {
        this.work = Objects.requireNonNull(work);
        this.start = start;
    }

    public static <T> BackgroundTask<T> wrap(Callable<T> callable) {
        return new BackgroundTask<>(ctx -> callable.call());
    }

    public static BackgroundTask<Void> wrap(Runnable runnable) {
        return new BackgroundTask<>(ctx -> {
            runnable.run();
            return null;
        });
    }

    public static <T> BackgroundTask<T> withProgress(Work<T> work) {
        return new BackgroundTask<>(work);
    }

    /**
     * Work that is already asynchronous (a service returning a {@link CompletionStage}). The
     * stage is created on a background thread, which the executor does not hold while the
     * stage runs (a search waiting for Spark leaves the workers to the rest); cancelling the
     * task cancels its future.
     */
    public static <T> BackgroundTask<T> fromStage(Supplier<? extends CompletionStage<T>> stage) {
        Function<TaskContext, CompletableFuture<T>> start = ctx -> {
            CompletableFuture<T> future = stage.get().toCompletableFuture();
            ctx.onCancel(() -> future.cancel(true));
            return future;
        };
        return new BackgroundTask<>(ctx -> start.apply(ctx).get(), start);
    }

    /** A titled task appears in the status bar's background-work indicator while it runs. */
    public BackgroundTask<T> withTitle(String title) {
        this.title = title == null ? "" : title;
        return this;
    }

    public BackgroundTask<T> onRunning(Runnable r) {
        this.onRunning = Objects.requireNonNull(r);
        return this;
    }

    public BackgroundTask<T> onProgress(BiConsumer<Double, String> c) {
        this.onProgress = Objects.requireNonNull(c);
        return this;
    }

    public BackgroundTask<T> onSuccess(Consumer<? super T> c) {
        this.onSuccess = Objects.requireNonNull(c);
        return this;
    }

    /** Without a failure handler the executor shows the failure as a notification. */
    public BackgroundTask<T> onFailure(Consumer<Throwable> c) {
        this.onFailure = Objects.requireNonNull(c);
        return this;
    }

    public BackgroundTask<T> onCancelled(Runnable r) {
        this.onCancelled = Objects.requireNonNull(r);
        return this;
    }

    /** Runs after success, failure or cancellation, exactly once. */
    public BackgroundTask<T> onFinished(Runnable r) {
        this.onFinished = Objects.requireNonNull(r);
        return this;
    }

    public RunningTask executeWith(TaskExecutor executor) {
        return executor.execute(this);
    }

    String title() {
        return title;
    }

    Work<T> work() {
        return work;
    }

    /** How to start asynchronous work without waiting for it; null for work that runs on the worker. */
    Function<TaskContext, CompletableFuture<T>> start() {
        return start;
    }

    Runnable runningCallback() {
        return onRunning;
    }

    BiConsumer<Double, String> progressCallback() {
        return onProgress;
    }

    Consumer<? super T> successCallback() {
        return onSuccess;
    }

    Consumer<Throwable> failureCallback() {
        return onFailure;
    }

    Runnable cancelledCallback() {
        return onCancelled;
    }

    Runnable finishedCallback() {
        return onFinished;
    }
}
