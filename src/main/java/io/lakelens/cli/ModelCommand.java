package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.LakeLensException;
import io.lakelens.analytics.CancelHandle;
import io.lakelens.analytics.model.BacktestRequest;
import io.lakelens.analytics.model.BacktestResult;
import io.lakelens.analytics.model.ModelInfo;
import io.lakelens.analytics.model.ModelParams;
import io.lakelens.analytics.model.ModelProgress;
import io.lakelens.analytics.model.RiskModels;
import io.lakelens.analytics.model.TrainRequest;
import io.lakelens.lake.AsOfs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "model", mixinStandardHelpOptions = true,
        description = {"A risk model on Spark MLlib: gradient-boosted trees predicting the realised volatility of the next N "
                + "trading days from close, volume, 30-day volatility, daily change, volume change and sector.",
                "train: fit on market_data as of a version or time (--as-of) over a date range, evaluate on a later held-out "
                        + "range (RMSE, R²), save under the lake's .lakelens/models/ with the version and seed.",
                "backtest: at each rebalance date read the table as it stood then (time travel), hold the symbols with the "
                        + "lowest predicted risk and compare with the equal-weight portfolio (return, volatility, Sharpe, "
                        + "drawdown, equity curves).",
                "list: the saved models."})
public final class ModelCommand extends LakeCommand {
    @Parameters(index = "0", paramLabel = "ACTION", description = "train, backtest or list.")
    String action;

    @Option(names = "--name", defaultValue = TrainRequest.DEFAULT_NAME, description = "Model name (default risk-gbt).")
    String name;

    @Option(names = "--table", description = "train: the market-data table (default market_data).")
    String table;

    @Option(names = "--as-of", paramLabel = "VERSION|TIMESTAMP", description = "train: read the table as of this version or time.")
    String asOf;

    @Option(names = "--train-from", paramLabel = "DATE") String trainFrom;
    @Option(names = "--train-to", paramLabel = "DATE") String trainTo;
    @Option(names = "--test-from", paramLabel = "DATE", description = "train: held-out range start (default: the last 30 %% of dates).")
    String testFrom;
    @Option(names = "--test-to", paramLabel = "DATE") String testTo;

    @Option(names = "--horizon", defaultValue = "5", description = "train: target = realised volatility of the next N trading days (default 5).")
    int horizon;

    @Option(names = "--window", defaultValue = "30", description = "train: trading days of the trailing volatility (default 30).")
    int window;

    @Option(names = "--min-observations", defaultValue = "5", description = "train: fewest returns a row needs in its window (default 5).")
    int minObservations;

    @Option(names = "--max-iter", defaultValue = "40", description = "train: boosting rounds (default 40).")
    int maxIter;

    @Option(names = "--max-depth", defaultValue = "4", description = "train: tree depth (default 4).")
    int maxDepth;

    @Option(names = "--seed", defaultValue = "42", description = "train: seed (default 42).")
    long seed;

    @Option(names = "--dates", split = ",", paramLabel = "DATE", description = "backtest: rebalance dates (default every --every days).")
    List<String> dates;

    @Option(names = "--from", paramLabel = "DATE", description = "backtest: first rebalance (default the model's held-out start).")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "backtest: last day (default the last trade date).")
    String to;

    @Option(names = "--every", defaultValue = "5", description = "backtest: trading days between rebalances (default 5).")
    int every;

    @Option(names = "--hold", defaultValue = "0", description = "backtest: symbols held (default a fifth of them).")
    int hold;

    @Option(names = "--evaluate-as-of", paramLabel = "VERSION|TIMESTAMP",
            description = "backtest: the version whose closes measure returns (default latest).")
    String evaluateAsOf;

    @Option(names = "--format", defaultValue = "table", description = "table or json.")
    Format format;

    @Override
    protected int run(AppContext ctx) {
        RiskModels models = new RiskModels(ctx.engine(), ctx::cache, ctx::tableVersions);
        return switch (action.trim().toLowerCase(Locale.ROOT)) {
            case "train" -> train(models);
            case "backtest" -> backtest(models);
            case "list" -> list(models);
            default -> throw new LakeLensException("Unknown action '" + action + "'; use train, backtest or list.");
        };
    }

    private int train(RiskModels models) {
        ModelParams params = new ModelParams(horizon, window, minObservations, maxIter, maxDepth, seed);
        TrainRequest request = TrainRequest.of(name).withTable(table).withAsOf(AsOfs.parse(asOf))
                .withTrain(date("--train-from", trainFrom), date("--train-to", trainTo))
                .withTest(date("--test-from", testFrom), date("--test-to", testTo)).withParams(params);
        ModelInfo info = withCancel(cancel -> models.train(request, cancel, modelProgress()));
        if (format == Format.JSON) {
            out().println(Output.json(info));
        } else {
            out().printf(Locale.ROOT, "Model %s (id %s) trained on %s version %d (%s), seed %d%n", info.name(), info.id(), info.table(),
                    info.tableVersion(), info.asOf(), info.params().seed());
            out().printf(Locale.ROOT, "  training  %s to %s: %,d rows%n", info.trainFrom(), info.trainTo(), info.trainRows());
            out().printf(Locale.ROOT, "  held out  %s to %s: %,d rows%n", info.testFrom(), info.testTo(), info.testRows());
            out().printf(Locale.ROOT, "  target    realised volatility of the next %d trading days (annualised)%n",
                    info.params().horizonDays());
            out().printf(Locale.ROOT, "  model     RMSE %.4f  R² %.3f   (%d trees, depth %d)%n", info.metrics().rmse(), info.metrics().r2(),
                    info.params().maxIter(), info.params().maxDepth());
            out().printf(Locale.ROOT, "  naive     RMSE %.4f  R² %.3f   (future = trailing volatility)%n",
                    info.metrics().baselineRmse(), info.metrics().baselineR2());
            List<List<Object>> rows = new ArrayList<>();
            info.featureImportances().entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(e -> rows.add(List.of(e.getKey(), Math.round(e.getValue() * 1000) / 10.0)));
            out().println();
            out().print(Output.table(List.of("feature", "importance %"), rows));
            out().printf(Locale.ROOT, "%nTrained in %.1f s; saved in %s%n", info.trainSeconds(), models.store().folder(info.name()));
        }
        out().flush();
        return ExitCode.OK;
    }

    private int backtest(RiskModels models) {
        List<LocalDate> when = dates == null ? List.of() : dates.stream().map(d -> date("--dates", d)).toList();
        BacktestRequest request = BacktestRequest.of(name).withDates(when).withRange(date("--from", from), date("--to", to))
                .withEvery(every).withHold(hold).withEvaluateAt(AsOfs.parse(evaluateAsOf));
        BacktestResult r = withCancel(cancel -> models.backtest(request, cancel, modelProgress()));
        if (format == Format.JSON) {
            out().println(Output.json(r));
            out().flush();
            return ExitCode.OK;
        }
        out().printf(Locale.ROOT, "Backtest of %s on %s, %s to %s, holding the %d lowest-risk symbols; returns from version %d%s%n",
                r.model(), r.table(), r.from(), r.to(), r.hold(), r.evaluationVersion(), r.fromCache() ? " (from the cache)" : "");
        out().println();
        List<List<Object>> rebal = new ArrayList<>();
        for (BacktestResult.Rebalance b : r.rebalances()) {
            rebal.add(List.of(b.date().toString(), b.version(), b.predictions().size(), String.join(" ", b.held())));
        }
        out().print(Output.table(List.of("rebalance", "version read", "symbols", "held (lowest predicted risk first)"), rebal));
        out().println();
        List<List<Object>> perf = List.of(row("lowest risk", r.strategy()), row("equal weight", r.benchmark()));
        out().print(Output.table(List.of("portfolio", "return %", "annualised %", "volatility %", "Sharpe", "max drawdown %", "days"), perf));
        out().println();
        out().print(chart(r.curve()));
        out().printf(Locale.ROOT, "%nBacktested in %.1f s.%n", r.seconds());
        out().flush();
        return ExitCode.OK;
    }

    private int list(RiskModels models) {
        List<List<Object>> rows = new ArrayList<>();
        for (ModelInfo m : models.store().list()) {
            rows.add(List.of(m.name(), m.id(), m.table(), m.tableVersion(), m.params().seed(), m.trainFrom() + " … " + m.trainTo(),
                    m.testFrom() + " … " + m.testTo(), Math.round(m.metrics().rmse() * 10000) / 10000.0,
                    Math.round(m.metrics().r2() * 1000) / 1000.0, m.trainedAt().toString()));
        }
        Output.rows(out(), format == Format.JSON ? Format.JSON : Format.TABLE,
                List.of("name", "id", "table", "version", "seed", "training", "held out", "rmse", "r2", "trained at"), rows);
        return ExitCode.OK;
    }

    private static List<Object> row(String label, BacktestResult.Performance p) {
        return List.of(label, pct(p.totalReturn()), pct(p.annualisedReturn()), pct(p.annualisedVolatility()),
                Math.round(p.sharpe() * 100) / 100.0, pct(p.maxDrawdown()), p.days());
    }

    private static double pct(double v) {
        return Math.round(v * 10000) / 100.0;
    }

    /** Both equity curves as text: L = lowest risk, E = equal weight, * = both. */
    static String chart(List<BacktestResult.EquityPoint> curve) {
        int height = 10;
        int width = Math.min(72, curve.size());
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (BacktestResult.EquityPoint p : curve) {
            lo = Math.min(lo, Math.min(p.strategy(), p.benchmark()));
            hi = Math.max(hi, Math.max(p.strategy(), p.benchmark()));
        }
        if (hi - lo < 1e-9) {
            hi = lo + 1e-9;
        }
        char[][] grid = new char[height][width];
        for (char[] line : grid) {
            java.util.Arrays.fill(line, ' ');
        }
        for (int x = 0; x < width; x++) {
            BacktestResult.EquityPoint p = curve.get(width == 1 ? 0 : (int) Math.round(x * (curve.size() - 1) / (double) (width - 1)));
            int yS = height - 1 - (int) Math.round((p.strategy() - lo) / (hi - lo) * (height - 1));
            int yB = height - 1 - (int) Math.round((p.benchmark() - lo) / (hi - lo) * (height - 1));
            grid[yB][x] = 'E';
            grid[yS][x] = yS == yB ? '*' : 'L';
        }
        StringBuilder sb = new StringBuilder("Equity (growth of 1): L lowest risk, E equal weight\n");
        for (int y = 0; y < height; y++) {
            double level = hi - (hi - lo) * y / (height - 1);
            sb.append(String.format(Locale.ROOT, "%7.3f |", level)).append(new String(grid[y]).stripTrailing()).append('\n');
        }
        sb.append("        +").append("-".repeat(width)).append('\n');
        sb.append("         ").append(curve.getFirst().date());
        String last = curve.getLast().date().toString();
        int pad = width - 10 - last.length();
        sb.append(" ".repeat(Math.max(1, pad))).append(last).append('\n');
        return sb.toString();
    }

    /** Training and backtest steps on the command's progress line (drawn only on a terminal). */
    private ModelProgress.Listener modelProgress() {
        return p -> progress().update(p.fraction(), p.step());
    }

    private <T> T withCancel(java.util.function.Function<CancelHandle, T> work) {
        CancelHandle cancel = new CancelHandle();
        Thread hook = new Thread(cancel::cancel, "lakelens-model-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return work.apply(cancel);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // shutting down: the hook cancels the run
            }
        }
    }
}
