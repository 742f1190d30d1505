package io.lakelens.analytics.report;

import io.lakelens.lake.AuditReport;
import io.lakelens.lake.SchemaChange;
import io.lakelens.lake.TimelineNode;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The report's content as a list of blocks, built once so the PDF and the HTML say exactly the
 * same things in the same order; each format only lays the blocks out.
 */
final class ReportContent {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    sealed interface Block permits Title, Heading, Para, Facts, Table, Chart, PageBreak {
    }

    record Title(String text, String subtitle) implements Block {
    }

    record Heading(String text) implements Block {
    }

    /** @param style "", "muted", "good" or "bad" */
    record Para(String text, String style) implements Block {
    }

    record Facts(List<String[]> facts) implements Block {
    }

    record Table(List<String> header, List<List<String>> rows, Set<Integer> numeric, float[] widths) implements Block {
    }

    record Chart(BarChart chart) implements Block {
    }

    record PageBreak() implements Block {
    }

    private ReportContent() {
    }

    static String time(java.time.Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    static List<Block> of(RegulatoryReport r) {
        List<Block> b = new ArrayList<>();
        List<BarChart> charts = r.charts();
        b.add(new Title("Regulatory report", "Table " + r.table()));
        b.add(new Para("Period: versions " + r.fromVersion() + " to " + r.toVersion() + ", committed " + time(r.fromTime()) + " to "
                + time(r.toTime()) + ".", ""));
        b.add(new Para("Lake: " + r.lake(), ""));
        b.add(new Para("Generated " + time(r.generatedAt()) + " by " + r.generatedBy() + " with LakeLens, from the Delta "
                + "transaction log of the table. Times are UTC; who and why come from each commit's metadata.", "muted"));
        long users = r.byUser().size();
        long findingsOpen = r.quality() == null ? 0 : r.quality().findings().stream().filter(l -> l.status().equals("open")).count();
        b.add(new Facts(List.of(
                new String[]{n(r.commits().size()), "commits"},
                new String[]{n(users), users == 1 ? "user" : "users"},
                new String[]{n(r.rowsAdded()), "rows added"},
                new String[]{n(r.rowsChanged()), "rows changed"},
                new String[]{n(r.rowsDeleted()), "rows deleted"},
                new String[]{n(r.restores().size()), "restores"},
                new String[]{n(r.erasures().size()), "erasures"},
                new String[]{n(r.schemaChanges().size()), "schema changes"},
                new String[]{r.checksums().isEmpty() ? "none" : r.integrityOk() ? "verified" : "FAILED", "integrity"},
                new String[]{r.quality() == null ? "not checked" : n(findingsOpen), "quality findings open"})));
        b.add(new Para("Contents: 1 Commits by operation, user and reason · 2 Rows added, changed and deleted · 3 Restores and "
                + "erasures · 4 Schema changes · 5 Integrity verification · 6 Data quality · Appendix: commit list.", "muted"));
        b.add(new PageBreak());

        b.add(new Heading("1  Commits by operation, user and reason"));
        b.add(new Chart(charts.get(0)));
        b.add(table(List.of("Operation", "Commits"), r.byOperation(), new float[]{4, 1}));
        b.add(table(List.of("User", "Commits"), r.byUser(), new float[]{4, 1}));
        b.add(table(List.of("Reason", "Commits"), r.byReason(), new float[]{6, 1}));

        b.add(new Heading("2  Rows added, changed and deleted"));
        b.add(new Para(n(r.rowsAdded()) + " rows added, " + n(r.rowsChanged()) + " changed and " + n(r.rowsDeleted())
                + " deleted over " + r.commits().size() + " commits (from each commit's operation metrics).", ""));
        b.add(new Chart(charts.get(1)));

        b.add(new Heading("3  Restores and erasures"));
        if (r.restores().isEmpty()) {
            b.add(new Para("No restore in this period.", "muted"));
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (TimelineNode n : r.restores()) {
                rows.add(List.of(Long.toString(n.version()), time(n.timestamp()), n.user(), RegulatoryReport.restoredTo(n), n.reason()));
            }
            b.add(new Table(List.of("Version", "Time", "User", "Restored to", "Reason"), rows, Set.of(0), new float[]{1, 3, 2, 2, 5}));
        }
        if (r.erasures().isEmpty()) {
            b.add(new Para("No rows were deleted in this period.", "muted"));
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (TimelineNode n : r.erasures()) {
                rows.add(List.of(Long.toString(n.version()), time(n.timestamp()), n.user(), n(n.rowsRemoved()), n.reason()));
            }
            b.add(new Table(List.of("Version", "Time", "User", "Rows deleted", "Reason"), rows, Set.of(0, 3), new float[]{1, 3, 2, 2, 5}));
        }

        b.add(new Heading("4  Schema changes"));
        if (r.schemaChanges().isEmpty()) {
            b.add(new Para("No column changed in this period.", "muted"));
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (SchemaChange c : r.schemaChanges()) {
                TimelineNode by = r.commits().stream().filter(n -> n.version() == c.version()).findFirst().orElse(null);
                rows.add(List.of(Long.toString(c.version()), time(c.timestamp()), c.describe(), by == null ? "" : by.reason()));
            }
            b.add(new Table(List.of("Version", "Time", "Change", "Reason of the commit"), rows, Set.of(0), new float[]{1, 3, 4, 5}));
        }

        b.add(new Heading("5  Integrity verification"));
        if (!r.checksumNote().isEmpty()) {
            b.add(new Para("The recorded checksums could not be read: " + r.checksumNote(), "bad"));
        } else if (r.checksums().isEmpty()) {
            b.add(new Para("No checksum is recorded for a version in this period, so none could be verified (record one with "
                    + "`lakelens verify " + r.table() + "`).", "muted"));
        } else {
            b.add(new Para(r.integrityOk() ? "Every recorded checksum in the period was recomputed from the data and matches."
                    : "At least one recorded checksum does not match the data; see the lines marked below.", r.integrityOk() ? "good" : "bad"));
            List<List<String>> rows = new ArrayList<>();
            for (AuditReport.ChecksumLine c : r.checksums()) {
                rows.add(List.of(Long.toString(c.version()), c.status(), c.rowCount() < 0 ? "" : n(c.rowCount()), c.fingerprint(),
                        time(c.recordedAt()) + " " + c.recordedBy(), c.message()));
            }
            b.add(new Table(List.of("Version", "Result", "Rows", "Checksum", "Recorded", "Detail"), rows, Set.of(0, 2),
                    new float[]{1, 2, 1.5f, 4, 3, 4}));
        }
        if (!r.unreadable().isEmpty()) {
            b.add(new Para("Versions no longer readable:", ""));
            r.unreadable().forEach(w -> b.add(new Para(w, "muted")));
        }

        b.add(new Heading("6  Data quality"));
        if (r.quality() == null) {
            b.add(new Para("Data quality was not checked for this report.", "muted"));
        } else {
            QualitySection q = r.quality();
            b.add(new Para(q.summary(), ""));
            if (charts.size() > 2) {
                b.add(new Chart(charts.get(2)));
            }
            if (q.findings().isEmpty()) {
                b.add(new Para("No findings.", "good"));
            } else {
                List<List<String>> rows = new ArrayList<>();
                for (QualitySection.Line l : q.findings()) {
                    rows.add(List.of(l.status(), l.rule(), l.where(), l.detail(), l.introducedBy(), l.fixedBy()));
                }
                b.add(new Table(List.of("Status", "Rule", "Where", "Detail", "Introduced by", "Fixed by"), rows, Set.of(),
                        new float[]{1.3f, 2, 3, 4, 4, 4}));
            }
            q.notes().forEach(note -> b.add(new Para(note, "muted")));
        }

        b.add(new PageBreak());
        b.add(new Heading("Appendix: commit list"));
        List<List<String>> rows = new ArrayList<>();
        for (TimelineNode n : r.commits()) {
            rows.add(List.of(Long.toString(n.version()), time(n.timestamp()), n.user(), n.operation(), n.reason(), n(n.rowsAdded()),
                    n(n.rowsUpdated()), n(n.rowsRemoved()), n.readable() ? "yes" : n.status().label()));
        }
        b.add(new Table(List.of("Version", "Time", "User", "Operation", "Reason", "Rows +", "Rows ~", "Rows −", "Readable"), rows,
                Set.of(0, 5, 6, 7), new float[]{1, 3, 1.6f, 1.8f, 6, 1.3f, 1.3f, 1.3f, 1.4f}));
        return b;
    }

    private static Table table(List<String> header, Map<String, Long> counts, float[] widths) {
        List<List<String>> rows = new ArrayList<>();
        counts.forEach((k, v) -> rows.add(List.of(k, n(v))));
        return new Table(header, rows, Set.of(1), widths);
    }
}
