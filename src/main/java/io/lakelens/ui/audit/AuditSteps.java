package io.lakelens.ui.audit;

import io.lakelens.ui.kit.BackgroundTask;
import io.lakelens.ui.kit.RunningTask;
import io.lakelens.ui.kit.TaskExecutor;
import io.lakelens.ui.kit.UiErrors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The Audit tab runs one step at a time, whichever section asks: a new step cancels the one
 * still running. Its busy mark, error line and last outcome for people are shared by the sections.
 */
final class AuditSteps {
    private final TaskExecutor tasks;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private RunningTask current;

    AuditSteps(TaskExecutor tasks) {
        this.tasks = tasks;
    }

    ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    void message(String text) {
        message.set(text);
    }

    /** Shows a refusal on the error line and returns it as a failed stage. */
    <T> CompletableFuture<T> refuse(RuntimeException e) {
        error.set(e.getMessage());
        return CompletableFuture.failedFuture(e);
    }

    <T> CompletableFuture<T> run(String title, Callable<T> work, Consumer<T> show) {
        CompletableFuture<T> shown = new CompletableFuture<>();
        cancel();
        current = BackgroundTask.wrap(work)
                .withTitle(title)
                .onRunning(() -> {
                    busy.set(true);
                    error.set("");
                })
                .onSuccess(r -> {
                    show.accept(r);
                    shown.complete(r);
                })
                .onFailure(e -> UiErrors.fail(error, e, shown))
                .onCancelled(() -> shown.cancel(false))
                .onFinished(() -> busy.set(false))
                .executeWith(tasks);
        return shown;
    }

    void cancel() {
        if (current != null && !current.isDone()) {
            current.cancel();
        }
    }
}
