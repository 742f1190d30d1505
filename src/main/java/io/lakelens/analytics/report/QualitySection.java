package io.lakelens.analytics.report;

import io.lakelens.analytics.quality.QualityReport;

import java.util.List;
import java.util.Locale;

/**
 * The data-quality part of a regulatory report, as plain lines: the report prints what the
 * checks found, in words an examiner reads without knowing the rule engine.
 *
 * @param summary  one sentence: what was checked and how many findings are open or fixed
 * @param findings each finding with the commits that introduced and fixed it
 * @param trend    findings per version, oldest first
 */
public record QualitySection(String summary, List<Line> findings, List<Point> trend, List<String> notes) {

    public record Line(String status, String rule, String where, String detail, String introducedBy, String fixedBy) {
    }

    public record Point(long version, long findings) {
    }

    /** The section for a quality check of the report's range. */
    public static QualitySection of(QualityReport q) {
        List<Line> lines = q.findings().stream().map(f -> new Line(f.status().label(), f.atVersion().rule().title(),
                f.atVersion().where(), f.atVersion().detail(), (f.introducedBeforeRange() ? "at or before " : "") + f.introduced(),
                f.fixed() == null ? "" : f.fixed().toString())).toList();
        long changes = q.findings().size() - q.open().size() - q.fixed().size();
        String summary = String.format(Locale.ROOT, "Every version from %d to %d was checked against the table's data-quality "
                        + "rules: %d finding%s still open at version %d, %d fixed within the period, %d schema change%s.",
                q.fromVersion(), q.toVersion(), q.open().size(), q.open().size() == 1 ? "" : "s", q.toVersion(), q.fixed().size(),
                changes, changes == 1 ? "" : "s");
        return new QualitySection(summary, lines,
                q.trend().stream().map(v -> new Point(v.version(), v.total())).toList(), q.notes());
    }
}
