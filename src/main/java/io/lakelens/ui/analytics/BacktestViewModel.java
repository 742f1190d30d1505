package io.lakelens.ui.analytics;

import io.lakelens.LakeLensException;
import io.lakelens.analytics.CancelHandle;
import io.lakelens.analytics.model.BacktestRequest;
import io.lakelens.analytics.model.BacktestResult;
import io.lakelens.analytics.model.ModelInfo;
import io.lakelens.analytics.model.ModelParams;
import io.lakelens.analytics.model.RiskModels;
import io.lakelens.analytics.model.TrainRequest;
import io.lakelens.lake.AsOfs;
import io.lakelens.ui.kit.BackgroundTask;
import io.lakelens.ui.kit.JobState;
import io.lakelens.ui.kit.OperationReport;
import io.lakelens.ui.kit.RunningTask;
import io.lakelens.ui.kit.StatusModel;
import io.lakelens.ui.kit.TaskExecutor;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * State and commands of the backtest card: the model to use (picked from the saved ones or
 * trained here with its as-of version, date ranges, horizon and seed), the backtest's dates,
 * spacing and symbols held, and what the last run found. Training and backtesting run on the
 * task executor with progress; one at a time (starting one cancels the other), and cancel
 * stops the Spark jobs.
 */
public final class BacktestViewModel {
    /** One portfolio's line of the metrics table, already in percent where the column says so. */
    public record MetricRow(String portfolio, double returnPct, double annualisedPct, double volatilityPct, double sharpe,
                            double maxDrawdownPct, int days) {
        static MetricRow of(String portfolio, BacktestResult.Performance p) {
            return new MetricRow(portfolio, p.totalReturn() * 100, p.annualisedReturn() * 100, p.annualisedVolatility() * 100,
                    p.sharpe(), p.maxDrawdown() * 100, p.days());
        }
    }

    public static final String LOWEST_RISK = "lowest risk";
    public static final String EQUAL_WEIGHT = "equal weight";

    private final RiskModels models;
    private final TaskExecutor tasks;
    private final StatusModel status;

    // the model
    private final StringProperty modelName = new SimpleStringProperty(TrainRequest.DEFAULT_NAME);
    private final StringProperty asOf = new SimpleStringProperty("latest");
    private final ObjectProperty<LocalDate> trainFrom = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> trainTo = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> testFrom = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> testTo = new SimpleObjectProperty<>();
    private final IntegerProperty horizon = new SimpleIntegerProperty(ModelParams.DEFAULTS.horizonDays());
    private final IntegerProperty seed = new SimpleIntegerProperty((int) ModelParams.DEFAULTS.seed());
    private final IntegerProperty trees = new SimpleIntegerProperty(ModelParams.DEFAULTS.maxIter());
    private final IntegerProperty depth = new SimpleIntegerProperty(ModelParams.DEFAULTS.maxDepth());
    // the backtest
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final IntegerProperty every = new SimpleIntegerProperty(5);
    private final IntegerProperty hold = new SimpleIntegerProperty(0);

    private final ObservableList<ModelInfo> saved = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ModelInfo> model = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<BacktestResult> result = new ReadOnlyObjectWrapper<>();
    private final ObservableList<MetricRow> metrics = FXCollections.observableArrayList();
    private final ObservableList<BacktestResult.Rebalance> rebalances = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper modelText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final JobState job = new JobState();
    private RunningTask current;
    private CancelHandle handle;
    private boolean training;

    public BacktestViewModel(RiskModels models, TaskExecutor tasks, StatusModel status) {
        this.models = models;
        this.tasks = tasks;
        this.status = status;
        modelName.addListener((o, a, b) -> showSaved(b));
    }

    // ------------------------------------------------------------------ parameters

    /** The model trained or backtested; a saved one's name picks it. */
    public StringProperty modelNameProperty() {
        return modelName;
    }

    /** Training reads the table as of this: {@code latest}, a version or a date-time. */
    public StringProperty asOfProperty() {
        return asOf;
    }

    /** Training range start; null = the first labelled date. */
    public ObjectProperty<LocalDate> trainFromProperty() {
        return trainFrom;
    }

    public ObjectProperty<LocalDate> trainToProperty() {
        return trainTo;
    }

    /** Held-out range start; null = the last 30 % of dates. */
    public ObjectProperty<LocalDate> testFromProperty() {
        return testFrom;
    }

    public ObjectProperty<LocalDate> testToProperty() {
        return testTo;
    }

    /** Trading days whose realised volatility the model predicts. */
    public IntegerProperty horizonProperty() {
        return horizon;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    /** Boosting rounds. */
    public IntegerProperty treesProperty() {
        return trees;
    }

    public IntegerProperty depthProperty() {
        return depth;
    }

    /** First rebalance; null = the model's held-out start. */
    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    /** Last day of the backtest; null = the last trade date. */
    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    /** Trading days between rebalances. */
    public IntegerProperty everyProperty() {
        return every;
    }

    /** Symbols held; 0 = a fifth of them. */
    public IntegerProperty holdProperty() {
        return hold;
    }

    // ------------------------------------------------------------------ state

    /** The saved models, newest first. */
    public ObservableList<ModelInfo> savedModels() {
        return saved;
    }

    /** The model picked or just trained; null when none is saved under the name. */
    public ReadOnlyObjectProperty<ModelInfo> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** The model's record for people: version, ranges, RMSE and R² beside the naive forecast's. */
    public ReadOnlyStringProperty modelTextProperty() {
        return modelText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<BacktestResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** Lowest risk, then equal weight. */
    public ObservableList<MetricRow> metrics() {
        return metrics;
    }

    public ObservableList<BacktestResult.Rebalance> rebalances() {
        return rebalances;
    }

    /** The last backtest's model, table and period; empty before the first. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** What the last backtest held, how often it rebalanced and which version measured it. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return job.runningProperty();
    }

    /** 0..1 of the running training or backtest. */
    public ReadOnlyDoubleProperty progressProperty() {
        return job.progressProperty();
    }

    /** What the running work is doing; the outcome once it ends. */
    public ReadOnlyStringProperty stepProperty() {
        return job.stepProperty();
    }

    /** The last failure in one line; empty after a success. */
    public ReadOnlyStringProperty errorProperty() {
        return job.errorProperty();
    }

    // ------------------------------------------------------------------ commands

    /** Reads the saved models (a few small files) and picks the named one if it is saved. */
    public CompletableFuture<List<ModelInfo>> loadModels() {
        CompletableFuture<List<ModelInfo>> shown = new CompletableFuture<>();
        BackgroundTask.wrap(() -> models.store().list())
                .onSuccess(list -> {
                    saved.setAll(list);
                    showSaved(modelName.get());
                    shown.complete(list);
                })
                .onFailure(e -> job.failed(e, shown))
                .executeWith(tasks);
        return shown;
    }

    /** The training request the parameters describe; throws a {@link LakeLensException} for bad input. */
    public TrainRequest trainRequest() {
        ModelParams params = ModelParams.DEFAULTS.withHorizon(horizon.get()).withSeed(seed.get()).withTrees(trees.get(), depth.get());
        return TrainRequest.of(modelName.get()).withAsOf(AsOfs.parse(asOf.get()))
                .withTrain(trainFrom.get(), trainTo.get()).withTest(testFrom.get(), testTo.get()).withParams(params);
    }

    /** The backtest request the parameters describe. */
    public BacktestRequest backtestRequest() {
        return BacktestRequest.of(modelName.get()).withRange(from.get(), to.get()).withEvery(every.get()).withHold(hold.get());
    }

    /** Trains (and saves) the model the parameters describe; completes on the UI thread once shown. */
    public CompletableFuture<ModelInfo> train() {
        TrainRequest request;
        try {
            request = trainRequest();
        } catch (LakeLensException e) {
            return refuse(e);
        }
        return start("Training " + request.name(), true, (handle, listener) -> models.train(request, handle, listener), info -> {
            int at = indexOf(info.name());
            if (at >= 0) {
                saved.remove(at);
            }
            saved.add(0, info);
            model.set(info);
            modelText.set(describe(info));
            job.done(String.format(Locale.ROOT, "Trained %s in %.1f s.", info.name(), info.trainSeconds()));
            status.report(OperationReport.of("Model trained").withLatency(info.trainSeconds() * 1000).withVersion(info.tableVersion()));
        });
    }

    /** Backtests the named saved model; completes on the UI thread once the result is shown. */
    public CompletableFuture<BacktestResult> backtest() {
        BacktestRequest request;
        try {
            request = backtestRequest();
        } catch (LakeLensException e) {
            return refuse(e);
        }
        return start("Backtesting " + request.model(), false, (handle, listener) -> models.backtest(request, handle, listener),
                this::show);
    }

    /** Trains when no model is saved under the name, then backtests it. */
    public CompletableFuture<BacktestResult> trainIfMissingThenBacktest() {
        if (model.get() != null) {
            return backtest();
        }
        return train().thenCompose(info -> backtest());
    }

    /** Cancels the running training or backtest, if any. */
    public void cancel() {
        // the Spark jobs first: with an inline executor the task handle is not known until the work returns
        if (handle != null) {
            handle.cancel();
        }
        if (current != null && !current.isDone()) {
            current.cancel();
        }
    }

    /** Cancels a running backtest (a read nobody watches once the tab is left); a training, which saves a model, goes on. */
    public void cancelReads() {
        if (!training) {
            cancel();
        }
    }

    // ------------------------------------------------------------------ internals

    @FunctionalInterface
    private interface Work<T> {
        T run(CancelHandle handle, io.lakelens.analytics.model.ModelProgress.Listener progress);
    }

    private <T> CompletableFuture<T> start(String title, boolean trains, Work<T> work, java.util.function.Consumer<T> show) {
        CompletableFuture<T> shown = new CompletableFuture<>();
        cancel();
        training = trains;
        CancelHandle cancelHandle = new CancelHandle();
        handle = cancelHandle;
        BackgroundTask<T> run = BackgroundTask.withProgress(ctx -> {
                    ctx.onCancel(cancelHandle::cancel);
                    return work.run(cancelHandle, p -> ctx.progress(p.fraction(), p.step()));
                })
                .withTitle(title)
                .onSuccess(r -> {
                    show.accept(r);
                    shown.complete(r);
                });
        current = job.track(run, title + " …", title + " cancelled.", shown, () -> training = false).executeWith(tasks);
        return shown;
    }

    private <T> CompletableFuture<T> refuse(LakeLensException e) {
        job.refuse(e.getMessage());
        return CompletableFuture.failedFuture(e);
    }

    private int indexOf(String name) {
        for (int i = 0; i < saved.size(); i++) {
            if (saved.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Shows the saved model of that name (its parameters fill the training fields), or none. */
    private void showSaved(String name) {
        int at = indexOf(name == null ? "" : name.strip());
        ModelInfo info = at < 0 ? null : saved.get(at);
        model.set(info);
        modelText.set(info == null ? "No model saved as '" + (name == null ? "" : name.strip()) + "' yet: train it first."
                : describe(info));
        if (info != null) {
            horizon.set(info.params().horizonDays());
            seed.set((int) info.params().seed());
            trees.set(info.params().maxIter());
            depth.set(info.params().maxDepth());
        }
    }

    /** E.g. {@code market_data v3 · trained 2025-01-02 … 2025-03-01 · held out 2025-03-10 … 2025-04-30}. */
    static String describe(ModelInfo m) {
        return String.format(Locale.ROOT, "%s v%d (as of %s) · trained %s … %s · held out %s … %s · horizon %d d · seed %d",
                m.table(), m.tableVersion(), m.asOf(), m.trainFrom(), m.trainTo(), m.testFrom(), m.testTo(),
                m.params().horizonDays(), m.params().seed());
    }

    private void show(BacktestResult r) {
        result.set(r);
        metrics.setAll(MetricRow.of(LOWEST_RISK, r.strategy()), MetricRow.of(EQUAL_WEIGHT, r.benchmark()));
        rebalances.setAll(r.rebalances());
        title.set(String.format(Locale.ROOT, "Backtest · %s on %s · %s → %s", r.model(), r.table(), r.from(), r.to()));
        summary.set(String.format(Locale.ROOT, "Holding the %d lowest-risk symbols, equally weighted · %d rebalance%s, each "
                        + "deciding with the version it could read then · returns measured with v%d%s", r.hold(),
                r.rebalances().size(), r.rebalances().size() == 1 ? "" : "s", r.evaluationVersion(),
                r.fromCache() ? " · from the cache" : ""));
        job.done(String.format(Locale.ROOT, "Backtested in %.1f s.", r.seconds()));
        status.report(OperationReport.of("Backtest").withLatency(r.seconds() * 1000).withCacheHit(r.fromCache())
                .withVersion(r.evaluationVersion()));
    }
}
