package io.lakelens.analytics;

import io.lakelens.lake.Errors;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.catalyst.parser.ParseException;

/** Short human messages for SQL errors, with the position in the query. */
public final class SqlErrors {
    private SqlErrors() {
    }

    public static String parse(String sql, ParseException e) {
        String msg = Errors.firstLine(String.valueOf(e.getMessage()));
        int line = e.line().isDefined() ? (Integer) e.line().get() : -1;
        int pos = e.startPosition().isDefined() ? (Integer) e.startPosition().get() : -1;
        String where = line > 0 ? " (line " + line + ", column " + (pos + 1) + ")" : "";
        return "Malformed SQL" + where + ": " + clean(msg);
    }

    public static String analysis(AnalysisException e) {
        String msg = clean(Errors.firstLine(String.valueOf(e.getMessage())));
        int line = e.line().isDefined() ? (Integer) e.line().get() : -1;
        int pos = e.startPosition().isDefined() ? (Integer) e.startPosition().get() : -1;
        String where = line > 0 ? " (line " + line + ", column " + (pos + 1) + ")" : "";
        return "The query cannot run" + where + ": " + msg;
    }

    private static String clean(String m) {
        // Spark prefixes messages with an error class in brackets; the user needs the sentence.
        String s = m.replaceFirst("^\\[[A-Z_.]+]\\s*", "");
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
