package io.lakelens.analytics;

import io.lakelens.LakeLensException;

/** The user cancelled a running query or analysis; nothing was changed. */
public final class QueryCancelledException extends LakeLensException {
    public QueryCancelledException(String what) {
        super(what + " was cancelled.");
    }
}
