package io.lakelens.analytics;

import io.lakelens.LakeLensException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a SQL text is a read. The parser, not a regex, reads the statement: only
 * a query, or a SHOW / DESCRIBE / EXPLAIN that changes nothing, is let through.
 */
public final class SqlGuard {
    private static final Set<String> READ_KEYWORDS = Set.of("SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXPLAIN",
            "VALUES", "TABLE", "FROM");
    private static final Pattern LEADING_COMMENTS = Pattern.compile("^(\\s*(--[^\\n]*\\n|/\\*.*?\\*/))*\\s*", Pattern.DOTALL);
    private static final Set<String> WRITE_PLAN_WORDS = Set.of("Insert", "Delete", "Update", "Merge", "Drop", "Create",
            "Alter", "Replace", "Truncate", "Overwrite", "Optimize", "Vacuum", "Restore", "Set", "Reset", "Cache",
            "Uncache", "Refresh", "AddJar", "AddFile", "Load", "Clone", "Convert", "Repair", "Msck", "Write", "Append",
            "Rename", "Comment", "Analyze", "Call", "Use");

    private SqlGuard() {
    }

    /** Parses {@code sql}, throwing a clear message if it is malformed or would change anything. */
    public static LogicalPlan requireRead(SparkSession spark, String sql) {
        if (sql == null || sql.isBlank()) {
            throw new LakeLensException("The query is empty; write a SELECT, e.g. SELECT count(*) FROM market_data.");
        }
        LogicalPlan plan;
        try {
            plan = spark.sessionState().sqlParser().parsePlan(sql);
        } catch (ParseException e) {
            throw new LakeLensException(SqlErrors.parse(sql, e), e);
        }
        String body = LEADING_COMMENTS.matcher(sql).replaceFirst("");
        String first = body.split("[\\s(]+", 2)[0].toUpperCase(Locale.ROOT);
        String planName = plan.getClass().getSimpleName();
        if (!READ_KEYWORDS.contains(first) || writes(plan)) {
            throw new LakeLensException("LakeLens queries are read-only: '" + (first.isEmpty() ? planName : first)
                    + "' would change data or settings. Use the Time Travel, Compaction or Import features to change a table.");
        }
        return plan;
    }

    private static boolean writes(LogicalPlan plan) {
        String name = plan.getClass().getSimpleName();
        if (name.equals("ExplainCommand") || name.startsWith("Show") || name.startsWith("Describe")) {
            return false;
        }
        for (String w : WRITE_PLAN_WORDS) {
            if (name.contains(w)) {
                return true;
            }
        }
        // Any node of the tree that writes (e.g. an INSERT inside a CTE) refuses the statement.
        var it = plan.children().iterator();
        while (it.hasNext()) {
            if (writes(it.next())) {
                return true;
            }
        }
        return false;
    }
}
