package io.lakelens.cli;

import io.lakelens.AppContext;

import java.util.ArrayList;
import java.util.List;

/** Further health rows (cache, …) contributed by the services that exist in this build. */
final class HealthChecks {
    private HealthChecks() {
    }

    /** Each row: component, status, detail. */
    static List<String[]> extra(AppContext ctx) {
        return new ArrayList<>();
    }
}
