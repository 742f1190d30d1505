package io.lakelens.analytics.model;

import io.lakelens.LakeLensException;
import io.lakelens.lake.AsOf;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A backtest of a saved model.
 *
 * @param model      the saved model's name
 * @param dates      rebalance dates; empty for every {@code every}-th trading day from {@code from} to {@code to}
 * @param from       first rebalance date (default: the model's held-out range start)
 * @param to         last day of the backtest (default: the last trade date)
 * @param every      trading days between rebalances when no dates are given
 * @param hold       how many of the lowest-risk symbols to hold; 0 for a fifth of the universe
 * @param evaluateAt the version whose closes measure what the portfolios earned (default latest)
 */
public record BacktestRequest(String model, List<LocalDate> dates, LocalDate from, LocalDate to, int every, int hold,
                              AsOf evaluateAt) {
    public BacktestRequest {
        model = model == null || model.isBlank() ? TrainRequest.DEFAULT_NAME : model.trim();
        ModelStore.checkName(model);
        dates = dates == null ? List.of() : dates.stream().distinct().sorted().toList();
        if (every < 1 || every > 250) {
            throw new LakeLensException("Rebalance every 1 to 250 trading days, not " + every + ".");
        }
        if (hold < 0) {
            throw new LakeLensException("--hold must be 0 (a fifth of the symbols) or more, not " + hold + ".");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new LakeLensException("The backtest runs backwards (" + from + " to " + to + ").");
        }
        evaluateAt = evaluateAt == null ? AsOf.LATEST : evaluateAt;
    }

    public static BacktestRequest of(String model) {
        return new BacktestRequest(model, List.of(), null, null, 5, 0, AsOf.LATEST);
    }

    public BacktestRequest withDates(List<LocalDate> d) {
        return new BacktestRequest(model, d, from, to, every, hold, evaluateAt);
    }

    public BacktestRequest withRange(LocalDate f, LocalDate t) {
        return new BacktestRequest(model, dates, f, t, every, hold, evaluateAt);
    }

    public BacktestRequest withEvery(int e) {
        return new BacktestRequest(model, dates, from, to, e, hold, evaluateAt);
    }

    public BacktestRequest withHold(int h) {
        return new BacktestRequest(model, dates, from, to, every, h, evaluateAt);
    }

    public BacktestRequest withEvaluateAt(AsOf a) {
        return new BacktestRequest(model, dates, from, to, every, hold, a);
    }

    /** A stable text of the request, for cache keys. */
    String canonical() {
        return "dates=" + dates.stream().map(LocalDate::toString).collect(Collectors.joining(",")) + ";from=" + from + ";to=" + to
                + ";every=" + every + ";hold=" + hold;
    }
}
