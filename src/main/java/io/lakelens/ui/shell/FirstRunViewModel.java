package io.lakelens.ui.shell;

import io.lakelens.data.DatasetSize;
import io.lakelens.data.LakeGenerator;
import io.lakelens.ui.kit.BackgroundTask;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.OperationReport;
import io.lakelens.ui.kit.StatusModel;
import io.lakelens.ui.kit.TaskContext;
import io.lakelens.ui.kit.TaskExecutor;
import io.lakelens.ui.kit.UiErrors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;

/** The empty-lake panel: pick a size, generate with progress, cancel. */
public final class FirstRunViewModel {
    /** Sizes offered in the window; XLARGE (10M rows) stays a command-line choice. */
    public static final List<DatasetSize> OFFERED = List.of(DatasetSize.TINY, DatasetSize.SMALL, DatasetSize.MEDIUM, DatasetSize.LARGE);

    private final LakeGenerator generator;
    private final boolean readOnly;
    private final TaskExecutor tasks;
    private final Notifier notifier;
    private final StatusModel status;
    private final Runnable lakeChanged;
    private final ObjectProperty<DatasetSize> size = new SimpleObjectProperty<>(DatasetSize.SMALL);
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty step = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private volatile boolean cancelRequested;

    /**
     * @param readOnly    true when the lake was opened read-only: nothing is offered
     * @param lakeChanged called on the UI thread when generation ended (done or cancelled) so the window re-reads the lake
     */
    public FirstRunViewModel(LakeGenerator generator, boolean readOnly, TaskExecutor tasks, Notifier notifier,
                             StatusModel status, Runnable lakeChanged) {
        this.generator = generator;
        this.readOnly = readOnly;
        this.tasks = tasks;
        this.notifier = notifier;
        this.status = status;
        this.lakeChanged = lakeChanged;
    }

    public ObjectProperty<DatasetSize> sizeProperty() {
        return size;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty stepProperty() {
        return step;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public void generate() {
        if (running.get()) {
            return;
        }
        DatasetSize chosen = size.get();
        long started = System.nanoTime();
        error.set("");
        cancelRequested = false;
        BackgroundTask.withProgress(ctx -> {
                    TaskContext guarded = new TaskContext() {
                        @Override
                        public boolean isCancelled() {
                            return cancelRequested || ctx.isCancelled();
                        }

                        @Override
                        public void progress(double fraction, String text) {
                            ctx.progress(fraction, text);
                        }

                        @Override
                        public void onCancel(Runnable hook) {
                            ctx.onCancel(hook);
                        }
                    };
                    try {
                        DatasetGeneration.generate(generator, chosen, DatasetGeneration.DEFAULT_SEED, guarded);
                    } catch (RuntimeException e) {
                        if (guarded.isCancelled()) {
                            // The generator stops before its next commit and says so; that is the cancel, not a failure.
                            throw new CancellationException("generation cancelled");
                        }
                        throw e;
                    }
                    if (guarded.isCancelled()) {
                        throw new CancellationException("generation cancelled");
                    }
                    return null;
                })
                .withTitle("Generating " + chosen.label() + " dataset")
                .onRunning(() -> {
                    running.set(true);
                    progress.set(-1);
                    step.set("Starting…");
                })
                .onProgress((f, s) -> {
                    progress.set(f);
                    step.set(s);
                })
                .onSuccess(v -> {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    notifier.success(String.format(Locale.ROOT, "Generated the %s dataset (%,d rows) in %.1f s.",
                            chosen.label(), chosen.rows(), seconds));
                    status.report(OperationReport.of("Generated " + chosen.label() + " dataset")
                            .withLatency(seconds * 1000));
                    lakeChanged.run();
                })
                .onFailure(e -> {
                    error.set(UiErrors.message(e));
                    notifier.error(e);
                })
                .onCancelled(() -> {
                    step.set("Cancelled; the tables keep what was committed before the cancel.");
                    lakeChanged.run();
                })
                .onFinished(() -> running.set(false))
                .executeWith(tasks);
    }

    /** Asks the generator to stop before its next commit; the panel says when it has. */
    public void cancel() {
        if (running.get()) {
            cancelRequested = true;
            step.set("Cancelling after the current commit…");
        }
    }
}
