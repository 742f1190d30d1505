package io.lakelens.analytics.model;

import io.lakelens.LakeLensException;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOf;

import java.time.LocalDate;

/**
 * What to train: the table as of a version or time, the training and held-out date ranges
 * (each null for the default split), the parameters and the name to save it under.
 */
public record TrainRequest(String name, String table, AsOf asOf, LocalDate trainFrom, LocalDate trainTo,
                           LocalDate testFrom, LocalDate testTo, ModelParams params) {
    public static final String DEFAULT_NAME = "risk-gbt";

    public TrainRequest {
        name = name == null || name.isBlank() ? DEFAULT_NAME : name.trim();
        ModelStore.checkName(name);
        table = table == null || table.isBlank() ? MarketData.NAME : table;
        asOf = asOf == null ? AsOf.LATEST : asOf;
        params = params == null ? ModelParams.DEFAULTS : params;
        if (trainFrom != null && trainTo != null && trainFrom.isAfter(trainTo)) {
            throw new LakeLensException("The training range runs backwards (" + trainFrom + " to " + trainTo + ").");
        }
        if (testFrom != null && testTo != null && testFrom.isAfter(testTo)) {
            throw new LakeLensException("The held-out range runs backwards (" + testFrom + " to " + testTo + ").");
        }
        if (trainTo != null && testFrom != null && !trainTo.isBefore(testFrom)) {
            throw new LakeLensException("The held-out range must start after the training range ends (" + trainTo + ").");
        }
    }

    public static TrainRequest of(String name) {
        return new TrainRequest(name, null, null, null, null, null, null, null);
    }

    public TrainRequest withAsOf(AsOf a) {
        return new TrainRequest(name, table, a, trainFrom, trainTo, testFrom, testTo, params);
    }

    public TrainRequest withTable(String t) {
        return new TrainRequest(name, t, asOf, trainFrom, trainTo, testFrom, testTo, params);
    }

    public TrainRequest withTrain(LocalDate from, LocalDate to) {
        return new TrainRequest(name, table, asOf, from, to, testFrom, testTo, params);
    }

    public TrainRequest withTest(LocalDate from, LocalDate to) {
        return new TrainRequest(name, table, asOf, trainFrom, trainTo, from, to, params);
    }

    public TrainRequest withParams(ModelParams p) {
        return new TrainRequest(name, table, asOf, trainFrom, trainTo, testFrom, testTo, p);
    }
}
