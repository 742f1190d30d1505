package io.lakelens.lake;

import io.lakelens.LakeLensException;
import io.lakelens.text.AtomicFile;
import io.lakelens.text.Csv;
import io.lakelens.text.Html;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes an {@link AuditReport} as a self-contained HTML page (inline CSS and an inline SVG
 * timeline; opens in any browser with no LakeLens and no network) or as CSV. Output paths are
 * checked first: no {@code ..} segments, a known extension, an existing folder, never inside a
 * table's folder; the file appears atomically (written beside, then moved), so a crash never
 * leaves half a report. Stateless and thread-safe.
 */
public final class AuditExport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** The file formats an audit report can be written in. */
    public enum Format {
        HTML, CSV;

        public static Format of(Path file) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".html") || name.endsWith(".htm")) {
                return HTML;
            }
            if (name.endsWith(".csv")) {
                return CSV;
            }
            throw new LakeLensException("'" + Errors.abbreviate(String.valueOf(file.getFileName()))
                    + "' does not end in .html or .csv; name the report file with one of them.");
        }
    }

    private AuditExport() {
    }

    /**
     * The report file for a name chosen inside a folder (the UI's case): the name must be a
     * plain file name, so the file can never land outside the folder.
     */
    public static Path fileIn(Path folder, String fileName, Path lakeRoot) {
        if (fileName == null || fileName.isBlank() || fileName.contains("/") || fileName.contains("\\")
                || fileName.equals(".") || fileName.equals("..") || fileName.contains("\0")) {
            throw new LakeLensException("'" + Errors.abbreviate(String.valueOf(fileName))
                    + "' is not a plain file name; choose a name without folders.");
        }
        Path base = folder.toAbsolutePath().normalize();
        Path file = base.resolve(fileName).normalize();
        if (!base.equals(file.getParent())) {
            throw new LakeLensException("The report name '" + Errors.abbreviate(fileName) + "' leaves the folder " + base + ".");
        }
        return checkTarget(file, lakeRoot);
    }

    /**
     * Checks a report path the user typed (the CLI's case) and returns it absolute: no
     * {@code ..} segments, a .html/.htm/.csv name, an existing folder, not a folder or a link
     * itself, and not inside one of the lake's tables.
     */
    public static Path checkTarget(Path requested, Path lakeRoot) {
        return ReportTarget.check(requested, lakeRoot, "audit.html", Format::of);
    }

    /** Writes the report to a checked path, in the format its extension names; returns the path. */
    public static Path write(AuditReport report, Path requested, Path lakeRoot) {
        Path file = checkTarget(requested, lakeRoot);
        String text = Format.of(file) == Format.HTML ? html(report) : csv(report);
        try {
            AtomicFile.write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
            return file;
        } catch (IOException e) {
            throw new LakeLensException("Cannot write the report to " + file + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------- CSV

    static final List<String> CSV_HEADER = List.of("section", "version", "timestamp", "user", "operation", "kind", "reason",
            "rows_added", "rows_updated", "rows_removed", "files_added", "files_removed", "status", "row_count",
            "checksum", "key", "detail");

    /** One CSV table: commits, then schema changes, checksums and row changes, told apart by {@code section}. */
    public static String csv(AuditReport r) {
        StringBuilder sb = new StringBuilder();
        Csv.Writer w = Csv.to(sb, Csv.LineEnd.CRLF).header(CSV_HEADER);
        for (TimelineNode n : r.commits()) {
            w.row(List.of("commit", n.version(), time(n.timestamp()), text(n.user()), text(n.operation()), n.kind().label(),
                    text(n.reason()), n.rowsAdded(), n.rowsUpdated(), n.rowsRemoved(), n.filesAdded(), n.filesRemoved(),
                    n.status().label(), "", "", "", ""));
        }
        for (SchemaChange c : r.schemaChanges()) {
            w.row(List.of("schema", c.version(), time(c.timestamp()), "", "", c.kind().label(), "", "", "", "", "", "",
                    "", "", "", text(c.column()), text(c.describe())));
        }
        for (AuditReport.ChecksumLine c : r.checksums()) {
            w.row(List.of("checksum", c.version(), c.recordedAt() == null ? "" : time(c.recordedAt()), text(c.recordedBy()),
                    "", "", "", "", "", "", "", "", c.status(), c.rowCount() < 0 ? "" : c.rowCount(), c.fingerprint(), "",
                    text(c.message())));
        }
        if (r.trail() != null) {
            for (RowEvent e : r.trail().events()) {
                w.row(List.of("row_change", e.version(), e.timestamp() == null ? "" : time(e.timestamp()), text(e.user()),
                        text(e.operation()), e.kind().label(), text(e.reason()), "", "", "", "", "", "", "", "",
                        text(keyText(e.key())), text(changesText(e))));
            }
        }
        return sb.toString();
    }

    /** Text as the CSV writer guards it (a formula gets a leading apostrophe); null as empty. */
    private static String text(String s) {
        return s == null ? "" : s;
    }

    // --------------------------------------------------------------------------------- HTML

    /** A self-contained HTML page: inline CSS, an inline SVG timeline, no scripts, no external links. */
    public static String html(AuditReport r) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Audit report: ").append(esc(r.table())).append(" versions ").append(r.fromVersion())
                .append("–").append(r.toVersion()).append("</title>\n<style>\n").append(stylesheet()).append("</style>\n</head>\n<body>\n");
        h.append("<h1>Audit report: ").append(esc(r.table())).append("</h1>\n");
        h.append("<p class=\"meta\">Versions ").append(r.fromVersion()).append(" to ").append(r.toVersion())
                .append(" · generated ").append(esc(time(r.generatedAt()))).append(" by ").append(esc(r.generatedBy()))
                .append(" · lake ").append(esc(r.lake())).append("</p>\n");

        long users = r.commits().stream().map(TimelineNode::user).distinct().count();
        long deletes = r.commits().stream().filter(n -> n.kind() == OperationKind.DELETE).count();
        long unreadable = r.commits().stream().filter(n -> !n.readable()).count();
        h.append("<div class=\"facts\">");
        fact(h, String.valueOf(r.commits().size()), "commits");
        fact(h, String.valueOf(users), users == 1 ? "user" : "users");
        fact(h, String.valueOf(deletes), deletes == 1 ? "delete" : "deletes");
        fact(h, String.valueOf(r.schemaChanges().stream().filter(c -> c.kind() != SchemaChange.Kind.CREATED).count()), "schema changes");
        fact(h, String.valueOf(unreadable), "versions no longer readable");
        fact(h, String.valueOf(r.checksums().size()), "checksums");
        h.append("</div>\n");

        h.append("<h2>Timeline</h2>\n").append(svg(r.commits())).append(legend());

        h.append("<h2>Commits</h2>\n<table>\n<thead><tr><th>Version</th><th>Time</th><th>User</th><th>Operation</th>")
                .append("<th>Reason</th><th>Rows +</th><th>Rows ~</th><th>Rows −</th><th>Files +/−</th><th>Readable</th></tr></thead>\n<tbody>\n");
        for (TimelineNode n : r.commits()) {
            h.append(n.readable() ? "<tr>" : "<tr class=\"unreadable\">")
                    .append("<td class=\"num\">").append(n.version()).append("</td>")
                    .append("<td>").append(esc(time(n.timestamp()))).append("</td>")
                    .append("<td>").append(esc(n.user())).append("</td>")
                    .append("<td><span class=\"badge ").append(n.kind().styleClass()).append("\">").append(esc(n.operation()))
                    .append("</span></td>")
                    .append("<td>").append(esc(n.reason())).append("</td>")
                    .append("<td class=\"num\">").append(String.format(Locale.ROOT, "%,d", n.rowsAdded())).append("</td>")
                    .append("<td class=\"num\">").append(String.format(Locale.ROOT, "%,d", n.rowsUpdated())).append("</td>")
                    .append("<td class=\"num\">").append(String.format(Locale.ROOT, "%,d", n.rowsRemoved())).append("</td>")
                    .append("<td class=\"num\">").append(n.filesAdded()).append(" / ").append(n.filesRemoved()).append("</td>")
                    .append("<td>").append(n.readable() ? "<span class=\"ok\">yes</span>" : "<span class=\"bad\">"
                            + esc(n.status().label()) + "</span>").append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        if (!r.unreadableWhy().isEmpty()) {
            h.append("<ul>");
            r.unreadableWhy().forEach(w -> h.append("<li class=\"muted\">").append(esc(w)).append("</li>"));
            h.append("</ul>\n");
        }

        h.append("<h2>Schema changes</h2>\n");
        if (r.schemaChanges().isEmpty()) {
            h.append("<p class=\"muted\">No column changed in this range.</p>\n");
        } else {
            h.append("<table>\n<thead><tr><th>Version</th><th>Time</th><th>Column</th><th>Change</th></tr></thead>\n<tbody>\n");
            for (SchemaChange c : r.schemaChanges()) {
                h.append("<tr><td class=\"num\">").append(c.version()).append("</td><td>").append(esc(time(c.timestamp())))
                        .append("</td><td>").append(esc(c.column())).append("</td><td>").append(esc(c.describe())).append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }

        h.append("<h2>Integrity checksums</h2>\n");
        if (!r.checksumNote().isEmpty()) {
            h.append("<p class=\"bad\">").append(esc(r.checksumNote())).append("</p>\n");
        } else if (r.checksums().isEmpty()) {
            h.append("<p class=\"muted\">No checksum is recorded for versions in this range (record one with "
                    + "<code>lakelens verify ").append(esc(r.table())).append("</code>).</p>\n");
        } else {
            h.append("<p class=\"muted\">").append(r.checksumsVerified() ? "Each checksum was recomputed from the data for this report."
                    : "Checksums as recorded; they were not recomputed for this report.").append("</p>\n");
            h.append("<table>\n<thead><tr><th>Version</th><th>Status</th><th>Rows</th><th>Checksum</th><th>Recorded</th>")
                    .append("<th>By</th><th>Detail</th></tr></thead>\n<tbody>\n");
            for (AuditReport.ChecksumLine c : r.checksums()) {
                h.append("<tr><td class=\"num\">").append(c.version()).append("</td><td><span class=\"")
                        .append(c.ok() ? "ok" : "bad").append("\">").append(esc(c.status())).append("</span></td><td class=\"num\">")
                        .append(c.rowCount() < 0 ? "" : String.format(Locale.ROOT, "%,d", c.rowCount())).append("</td><td><code>")
                        .append(esc(c.fingerprint())).append("</code></td><td>")
                        .append(c.recordedAt() == null ? "" : esc(time(c.recordedAt()))).append("</td><td>").append(esc(c.recordedBy()))
                        .append("</td><td>").append(esc(c.message())).append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }

        if (r.trail() != null) {
            RowTrail t = r.trail();
            h.append("<h2>Row history: ").append(esc(t.key())).append("</h2>\n");
            if (!t.note().isEmpty()) {
                h.append("<p class=\"muted\">").append(esc(t.note())).append("</p>\n");
            }
            if (t.events().isEmpty()) {
                h.append("<p class=\"muted\">The row did not change in versions ").append(r.fromVersion()).append(" to ")
                        .append(r.toVersion()).append(".</p>\n");
            } else {
                h.append("<table>\n<thead><tr><th>Version</th><th>Time</th><th>User</th><th>Change</th><th>Reason</th>")
                        .append("<th>Row</th><th>Values (old → new)</th></tr></thead>\n<tbody>\n");
                for (RowEvent e : t.events()) {
                    h.append("<tr><td class=\"num\">").append(e.version()).append("</td><td>")
                            .append(e.timestamp() == null ? "" : esc(time(e.timestamp()))).append("</td><td>").append(esc(e.user()))
                            .append("</td><td>").append(esc(e.kind().label())).append("</td><td>").append(esc(e.reason()))
                            .append("</td><td>").append(esc(keyText(e.key()))).append("</td><td>");
                    for (VersionDiff.CellChange c : e.changes()) {
                        h.append("<div>").append(esc(c.column())).append(": ");
                        if (c.oldValue() != null) {
                            h.append("<span class=\"old\">").append(esc(String.valueOf(c.oldValue()))).append("</span> ");
                        }
                        h.append("→ ");
                        if (c.newValue() != null) {
                            h.append("<span class=\"new\">").append(esc(String.valueOf(c.newValue()))).append("</span>");
                        }
                        h.append("</div>");
                    }
                    h.append("</td></tr>\n");
                }
                h.append("</tbody>\n</table>\n");
                if (t.truncated()) {
                    h.append("<p class=\"muted\">More changes exist than this report lists.</p>\n");
                }
            }
        }
        h.append("<footer>Generated by LakeLens from the Delta transaction log of ").append(esc(r.table()))
                .append(". Times are UTC. Who and why come from each commit's metadata.</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void fact(StringBuilder h, String value, String label) {
        h.append("<div class=\"fact\"><b>").append(esc(value)).append("</b><span>").append(esc(label)).append("</span></div>");
    }

    /** Commits as circles on a line, coloured by operation and sized by rows changed; a title gives the details. */
    static String svg(List<TimelineNode> commits) {
        int n = Math.max(1, commits.size());
        double step = Math.max(6, Math.min(56, 900.0 / n));
        int width = (int) Math.ceil(60 + step * (n - 1) + 60);
        int height = 110;
        int labelEvery = (int) Math.ceil(40 / step);
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"Commit timeline\">\n");
        s.append("<line class=\"axis\" x1=\"40\" y1=\"50\" x2=\"").append(width - 40).append("\" y2=\"50\"/>\n");
        for (int i = 0; i < commits.size(); i++) {
            TimelineNode c = commits.get(i);
            double x = 60 + step * i;
            double r = Math.min(16, 4 + 2.2 * Math.log10(1 + c.rowsChanged()));
            String cls = c.readable() ? c.kind().styleClass() : "unreadable";
            s.append(String.format(Locale.ROOT, "<circle class=\"%s\" cx=\"%.1f\" cy=\"50\" r=\"%.1f\"><title>", cls, x, r))
                    .append(esc("v" + c.version() + " · " + c.operation() + " · " + time(c.timestamp()) + " · " + c.user()
                            + (c.reason().isBlank() ? "" : " · " + c.reason()) + " · +" + c.rowsAdded() + " ~" + c.rowsUpdated()
                            + " −" + c.rowsRemoved() + " rows" + (c.readable() ? "" : " · " + c.status().label())))
                    .append("</title></circle>\n");
            if (i % labelEvery == 0 || i == commits.size() - 1) {
                s.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%.1f\" y=\"85\" text-anchor=\"middle\">v%d</text>\n",
                        x, c.version()));
            }
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static String legend() {
        StringBuilder s = new StringBuilder("<div class=\"legend\">");
        for (OperationKind k : OperationKind.values()) {
            s.append("<span><i class=\"").append(k.styleClass()).append("\"></i>").append(esc(k.label())).append("</span>");
        }
        s.append("<span><i class=\"unreadable\"></i>no longer readable</span><span>circle size: rows changed</span></div>\n");
        return s.toString();
    }

    private static String stylesheet() {
        try (InputStream in = AuditExport.class.getResourceAsStream("audit-report.css")) {
            if (in == null) {
                throw new IllegalStateException("audit-report.css is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read audit-report.css: " + e.getMessage(), e);
        }
    }

    static String esc(String s) {
        return Html.escape(s);
    }

    static String time(java.time.Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    static String keyText(Map<String, Object> key) {
        return key.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    static String changesText(RowEvent e) {
        List<String> parts = new ArrayList<>();
        for (VersionDiff.CellChange c : e.changes()) {
            parts.add(c.column() + ": " + (c.oldValue() == null ? "∅" : c.oldValue()) + " → " + (c.newValue() == null ? "∅" : c.newValue()));
        }
        return String.join("; ", parts);
    }
}
