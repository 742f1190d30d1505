package io.lakelens.analytics;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/**
 * The typed answer of one analysis. Each kind has its own record; all of them can be shown
 * as tables (the first is the main one) and chart series. Records serialise to JSON, so a
 * cached answer comes back with its types.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = SectorReport.class, name = "sector"),
        @JsonSubTypes.Type(value = VolatilityReport.class, name = "volatility"),
        @JsonSubTypes.Type(value = MoversReport.class, name = "movers"),
        @JsonSubTypes.Type(value = RiskReport.class, name = "risk")
})
public sealed interface AnalysisData permits SectorReport, VolatilityReport, MoversReport, RiskReport {
    AnalysisKind kind();

    /** The result as tables, main table first. */
    List<ResultTable> tables();

    /** What the chart draws. */
    List<ChartSeries> series();

    /** Number of rows of the main table. */
    default int size() {
        List<ResultTable> t = tables();
        return t.isEmpty() ? 0 : t.get(0).rows().size();
    }
}
