package io.lakelens.search;

import io.lakelens.LakeLensException;

/**
 * A search that cannot be answered as asked (a filter on a column the version lacks, a version
 * past the latest). It is the analyst's to fix, so it never counts against the circuit breaker.
 */
public final class SearchInputException extends LakeLensException {
    public SearchInputException(String message) {
        super(message);
    }
}
