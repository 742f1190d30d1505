package io.lakelens.analytics.model;

import java.time.LocalDate;
import java.util.List;

/**
 * What a backtest found: at each rebalance date the version read (the table as it stood when
 * that day's data had arrived), the predictions and the symbols held; the daily equity curves
 * of the lowest-risk portfolio and of the equal-weight portfolio; and their performance.
 *
 * @param evaluationVersion the version whose closes measured the returns
 * @param hold              symbols held at each rebalance
 * @param fromCache         true when this answer was read from the cache
 */
public record BacktestResult(String model, String modelId, String table, long evaluationVersion, int hold,
                             LocalDate from, LocalDate to, List<Rebalance> rebalances, List<EquityPoint> curve,
                             Performance strategy, Performance benchmark, double seconds, boolean fromCache) {

    /**
     * One rebalance.
     *
     * @param version     the table version the decision read (time travel)
     * @param held        the symbols with the lowest predicted risk, lowest first
     * @param predictions every symbol's prediction, lowest risk first
     */
    public record Rebalance(LocalDate date, long version, List<String> held, List<Prediction> predictions) {
    }

    /**
     * @param predicted    predicted annualised volatility of the next N days
     * @param volatility30d trailing annualised volatility as of the date
     */
    public record Prediction(String symbol, double predicted, double volatility30d) {
    }

    /** Growth of 1 invested at the first rebalance, after the close of {@code date}. */
    public record EquityPoint(LocalDate date, double strategy, double benchmark) {
    }

    /**
     * @param totalReturn          last equity / first − 1
     * @param annualisedReturn     (1 + total)^(252 / days) − 1
     * @param annualisedVolatility sample standard deviation of daily returns × √252
     * @param sharpe               mean daily return / its standard deviation × √252 (no risk-free rate); 0 when flat
     * @param maxDrawdown          the largest fall from a peak, as a positive fraction of the peak
     * @param days                 daily returns measured
     */
    public record Performance(double totalReturn, double annualisedReturn, double annualisedVolatility, double sharpe,
                              double maxDrawdown, int days) {
        static Performance of(double[] daily) {
            int n = daily.length;
            if (n == 0) {
                return new Performance(0, 0, 0, 0, 0, 0);
            }
            double equity = 1;
            double peak = 1;
            double drawdown = 0;
            double mean = 0;
            for (double r : daily) {
                equity *= 1 + r;
                peak = Math.max(peak, equity);
                drawdown = Math.max(drawdown, (peak - equity) / peak);
                mean += r / n;
            }
            double ss = 0;
            for (double r : daily) {
                ss += (r - mean) * (r - mean);
            }
            double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
            double total = equity - 1;
            double annual = Math.pow(equity, 252.0 / n) - 1;
            return new Performance(total, annual, sd * Math.sqrt(252), sd > 0 ? mean / sd * Math.sqrt(252) : 0, drawdown, n);
        }
    }

    BacktestResult cached() {
        return new BacktestResult(model, modelId, table, evaluationVersion, hold, from, to, rebalances, curve, strategy, benchmark,
                seconds, true);
    }
}
