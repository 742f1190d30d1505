package io.lakelens.analytics.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A trained risk model as {@code model.json} records it beside the saved pipeline: what it was
 * trained on (table, version, date ranges), with what (parameters and seed), and how well it
 * did on the held-out range. The same table version, ranges and parameters give the same
 * {@code id} and the same metrics.
 *
 * @param id                 fingerprint of the table's identity, version, ranges and parameters
 * @param asOf               the as-of the user asked for (a version or time), as text
 * @param tableVersion       the version that as-of resolved to, which training read
 * @param featureImportances each feature's share of the trees' splits, summing to 1
 * @param trainSeconds       wall time of training and evaluation, in seconds
 */
public record ModelInfo(String name, String id, String table, String asOf, long tableVersion, ModelParams params,
                        LocalDate trainFrom, LocalDate trainTo, LocalDate testFrom, LocalDate testTo,
                        long trainRows, long testRows, Metrics metrics, Map<String, Double> featureImportances,
                        Instant trainedAt, String trainedBy, double trainSeconds, String sparkVersion) {

    /**
     * Errors on the held-out range, in annualised-volatility units.
     *
     * @param rmse         root mean squared error of the model's predictions
     * @param r2           coefficient of determination of the model's predictions
     * @param baselineRmse the same for the naive forecast "future volatility = trailing volatility"
     * @param baselineR2   the same for the naive forecast
     */
    public record Metrics(double rmse, double r2, double baselineRmse, double baselineR2) {
    }
}
