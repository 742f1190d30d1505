package io.lakelens.analytics;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The plan text LakeLens shows beside a result. */
final class Plans {
    private Plans() {
    }

    /** The physical plan ({@code queryExecution().simpleString()}), or a note when the session has none to show. */
    static String text(Dataset<Row> df) {
        if (df instanceof org.apache.spark.sql.classic.Dataset<Row> classic) {
            try {
                return classic.queryExecution().simpleString().strip();
            } catch (Exception e) { // planning errors surface when the query runs; the text is only informative
                return "(plan not available: " + io.lakelens.lake.Errors.rootMessage(e) + ")";
            }
        }
        return "(plan not available for this session)";
    }

    /** The extended plan: parsed, analysed, optimised and physical. */
    static String extended(Dataset<Row> df) {
        if (df instanceof org.apache.spark.sql.classic.Dataset<Row> classic) {
            return classic.queryExecution().explainString(org.apache.spark.sql.execution.ExtendedMode$.MODULE$).strip();
        }
        return "(plan not available for this session)";
    }
}
