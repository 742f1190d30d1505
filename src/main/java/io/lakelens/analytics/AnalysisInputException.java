package io.lakelens.analytics;

import io.lakelens.LakeLensException;

/** The analysis cannot answer because of what was asked (an unknown symbol, a table without the columns it needs), not because Delta failed. */
public final class AnalysisInputException extends LakeLensException {
    public AnalysisInputException(String message) {
        super(message);
    }
}
