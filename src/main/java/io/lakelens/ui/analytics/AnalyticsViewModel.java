package io.lakelens.ui.analytics;

import io.lakelens.LakeLensException;
import io.lakelens.analytics.AnalysisKind;
import io.lakelens.analytics.AnalysisRequest;
import io.lakelens.analytics.AnalysisResult;
import io.lakelens.analytics.AnalyticsService;
import io.lakelens.analytics.CancelHandle;
import io.lakelens.analytics.RiskReport;
import io.lakelens.data.Tables;
import io.lakelens.lake.AsOfs;
import io.lakelens.search.StrategyKind;
import io.lakelens.ui.kit.BackgroundTask;
import io.lakelens.ui.kit.OperationReport;
import io.lakelens.ui.kit.RunningTask;
import io.lakelens.ui.kit.StatusModel;
import io.lakelens.ui.kit.TaskExecutor;
import io.lakelens.ui.kit.UiErrors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * State and commands of the analyses view: the picked analysis and its parameters, the last
 * result with what produced it, and whether one is running. Runs on the task executor; one
 * analysis at a time (starting another cancels the running one, Spark jobs included).
 */
public final class AnalyticsViewModel {
    private final AnalyticsService analytics;
    private final TaskExecutor tasks;
    private final StatusModel status;

    private final ObjectProperty<AnalysisKind> kind = new SimpleObjectProperty<>(AnalysisKind.SECTOR);
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final StringProperty asOf = new SimpleStringProperty("latest");
    private final StringProperty compareTo = new SimpleStringProperty("");
    private final IntegerProperty top = new SimpleIntegerProperty(AnalysisRequest.DEFAULT_TOP);
    private final StringProperty symbol = new SimpleStringProperty("");
    private final BooleanProperty showPlan = new SimpleBooleanProperty(false);
    private final ObjectProperty<StrategyKind> strategy = new SimpleObjectProperty<>(StrategyKind.CACHE_FIRST);
    private final ReadOnlyStringWrapper reason = new ReadOnlyStringWrapper("");

    private final ReadOnlyObjectWrapper<AnalysisResult> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper method = new ReadOnlyStringWrapper(AnalysisKind.SECTOR.method());
    private final ReadOnlyStringWrapper versionText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper latencyText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper sourceText = new ReadOnlyStringWrapper("");
    private RunningTask current;

    public AnalyticsViewModel(AnalyticsService analytics, TaskExecutor tasks, StatusModel status) {
        this.analytics = analytics;
        this.tasks = tasks;
        this.status = status;
        kind.addListener((o, a, b) -> method.set(b == null ? "" : b.method()));
    }

    public ObjectProperty<AnalysisKind> kindProperty() {
        return kind;
    }

    /** First trade date; null = the table's first. */
    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    /** As typed: {@code latest}, a version or a date-time. */
    public StringProperty asOfProperty() {
        return asOf;
    }

    /** Risk only: the past state; empty = the previous portfolio_holdings version. */
    public StringProperty compareToProperty() {
        return compareTo;
    }

    public IntegerProperty topProperty() {
        return top;
    }

    /** Volatility only: whose band to chart; empty = the most volatile symbol. */
    public StringProperty symbolProperty() {
        return symbol;
    }

    /** The strategy analyses are answered through. */
    public ObjectProperty<StrategyKind> strategyProperty() {
        return strategy;
    }

    /** Why the last answer came from where it did (cache hit, as-of read, fallback, …). */
    public ReadOnlyStringProperty reasonProperty() {
        return reason.getReadOnlyProperty();
    }

    public BooleanProperty showPlanProperty() {
        return showPlan;
    }

    public ReadOnlyObjectProperty<AnalysisResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The last failure in one line, empty when the last run succeeded. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The picked analysis's formula. */
    public ReadOnlyStringProperty methodProperty() {
        return method.getReadOnlyProperty();
    }

    /** E.g. {@code market_data v12}, or for risk {@code holdings v3 → v5}. */
    public ReadOnlyStringProperty versionTextProperty() {
        return versionText.getReadOnlyProperty();
    }

    /** E.g. {@code 431 ms}. */
    public ReadOnlyStringProperty latencyTextProperty() {
        return latencyText.getReadOnlyProperty();
    }

    /** {@code Cache hit} or {@code Delta}. */
    public ReadOnlyStringProperty sourceTextProperty() {
        return sourceText.getReadOnlyProperty();
    }

    /** The request the parameters describe; throws a {@link LakeLensException} for bad input. */
    public AnalysisRequest request() {
        AnalysisKind k = kind.get() == null ? AnalysisKind.SECTOR : kind.get();
        String cmp = compareTo.get() == null ? "" : compareTo.get().strip();
        return AnalysisRequest.of(k)
                .withRange(from.get(), to.get())
                .withAsOf(AsOfs.parse(asOf.get()))
                .withCompareTo(k == AnalysisKind.RISK && !cmp.isEmpty() ? AsOfs.parse(cmp) : null)
                .withTop(top.get())
                .withSymbol(k == AnalysisKind.VOLATILITY ? symbol.get() : null);
    }

    /**
     * Runs the analysis the parameters describe. The returned stage completes (on the UI
     * thread) once the result or error is shown.
     */
    public CompletableFuture<AnalysisResult> run() {
        CompletableFuture<AnalysisResult> shown = new CompletableFuture<>();
        AnalysisRequest request;
        try {
            request = request();
        } catch (LakeLensException e) {
            error.set(e.getMessage());
            shown.completeExceptionally(e);
            return shown;
        }
        cancel();
        StrategyKind through = strategy.get() == null ? StrategyKind.CACHE_FIRST : strategy.get();
        current = BackgroundTask.withProgress(ctx -> {
                    CancelHandle handle = new CancelHandle();
                    ctx.onCancel(handle::cancel);
                    return analytics.run(request, through, handle);
                })
                .withTitle(request.kind().title())
                .onRunning(() -> {
                    running.set(true);
                    error.set("");
                })
                .onSuccess(r -> {
                    show(r);
                    shown.complete(r);
                })
                .onFailure(e -> {
                    error.set(UiErrors.message(e));
                    shown.completeExceptionally(e);
                })
                .onCancelled(() -> shown.cancel(false))
                .onFinished(() -> running.set(false))
                .executeWith(tasks);
        return shown;
    }

    /** Cancels the running analysis, if any. */
    public void cancel() {
        if (current != null && !current.isDone()) {
            current.cancel();
        }
    }

    private void show(AnalysisResult r) {
        result.set(r);
        if (r.data() instanceof RiskReport risk) {
            versionText.set(String.format(Locale.ROOT, "%s v%d → v%d · %s v%d → v%d", Tables.Holdings.NAME,
                    risk.then().holdingsVersion(), risk.now().holdingsVersion(), Tables.MarketData.NAME,
                    risk.then().marketDataVersion(), risk.now().marketDataVersion()));
        } else {
            versionText.set(r.versionsRead().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + " v" + e.getValue()).reduce((a, b) -> a + " · " + b).orElse(""));
        }
        latencyText.set(r.latencyMs() < 10 ? String.format(Locale.ROOT, "%.2f ms", r.latencyMs())
                : String.format(Locale.ROOT, "%,.0f ms", r.latencyMs()));
        sourceText.set(r.fallback() ? "Cached fallback" : r.cacheHit() ? "Cache hit" : "Delta");
        reason.set(r.strategy().displayName() + ": " + r.reason());
        OperationReport report = OperationReport.of(r.kind().title()).withLatency(r.latencyMs())
                .withStrategy(r.strategy()).withCacheHit(r.cacheHit());
        Long v = r.versionsRead().get(r.data() instanceof RiskReport ? Tables.Holdings.NAME : Tables.MarketData.NAME);
        status.report(v == null ? report : report.withVersion(v));
    }
}
