package io.lakelens.analytics.report;

import io.lakelens.LakeLensException;
import io.lakelens.lake.Errors;
import io.lakelens.lake.ReportTarget;
import io.lakelens.text.AtomicFile;
import io.lakelens.text.Html;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a {@link RegulatoryReport} as PDF (OpenPDF, charts as vector graphics) or as a
 * self-contained HTML page (inline CSS and SVG, no scripts, no external links), chosen by the
 * file's extension; both lay out the same {@link ReportContent}. The path is checked first (no
 * {@code ..}, an existing folder, not a folder or link itself, never inside a table) and the
 * file appears atomically. Stateless and thread-safe.
 */
public final class ReportWriter {
    public enum Format {
        PDF, HTML;

        public static Format of(Path file) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".pdf")) {
                return PDF;
            }
            if (name.endsWith(".html") || name.endsWith(".htm")) {
                return HTML;
            }
            throw new LakeLensException("'" + Errors.abbreviate(String.valueOf(file.getFileName()))
                    + "' does not end in .pdf or .html; name the report file with one of them.");
        }
    }

    private ReportWriter() {
    }

    /** Checks a report path and returns it absolute (see the class comment). */
    public static Path checkTarget(Path requested, Path lakeRoot) {
        return ReportTarget.check(requested, lakeRoot, "report.pdf", Format::of);
    }

    /** Writes the report in the format its extension names; returns the file. */
    public static Path write(RegulatoryReport report, Path requested, Path lakeRoot) {
        Path file = checkTarget(requested, lakeRoot);
        try {
            AtomicFile.write(file, out -> {
                if (Format.of(file) == Format.PDF) {
                    ReportPdf.write(report, out);
                } else {
                    out.write(html(report).getBytes(StandardCharsets.UTF_8));
                }
            });
            return file;
        } catch (IOException | RuntimeException e) {
            if (e instanceof LakeLensException le) {
                throw le;
            }
            throw new LakeLensException("Cannot write the report to " + file + ": " + Errors.abbreviate(Errors.rootMessage(e)), e);
        }
    }

    /** The report as one HTML page. */
    public static String html(RegulatoryReport r) {
        StringBuilder h = new StringBuilder(32_768);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Regulatory report: ").append(esc(r.table()))
                .append(" versions ").append(r.fromVersion()).append("–").append(r.toVersion()).append("</title>\n<style>\n")
                .append(stylesheet()).append("</style>\n</head>\n<body>\n");
        for (ReportContent.Block b : ReportContent.of(r)) {
            switch (b) {
                case ReportContent.Title t -> h.append("<header class=\"cover\"><h1>").append(esc(t.text())).append("</h1><p class=\"subtitle\">")
                        .append(esc(t.subtitle())).append("</p></header>\n");
                case ReportContent.Heading t -> h.append("<h2>").append(esc(t.text())).append("</h2>\n");
                case ReportContent.Para p -> h.append("<p").append(p.style().isEmpty() ? "" : " class=\"" + p.style() + "\"").append(">")
                        .append(esc(p.text())).append("</p>\n");
                case ReportContent.Facts f -> {
                    h.append("<div class=\"facts\">");
                    f.facts().forEach(x -> h.append("<div class=\"fact\"><b>").append(esc(x[0])).append("</b><span>").append(esc(x[1]))
                            .append("</span></div>"));
                    h.append("</div>\n");
                }
                case ReportContent.Table t -> {
                    h.append("<table>\n<thead><tr>");
                    t.header().forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
                    h.append("</tr></thead>\n<tbody>\n");
                    for (List<String> row : t.rows()) {
                        h.append("<tr>");
                        for (int i = 0; i < row.size(); i++) {
                            h.append(t.numeric().contains(i) ? "<td class=\"num\">" : "<td>").append(esc(row.get(i))).append("</td>");
                        }
                        h.append("</tr>\n");
                    }
                    h.append("</tbody>\n</table>\n");
                }
                case ReportContent.Chart c -> h.append("<figure><figcaption>").append(esc(c.chart().title())).append("</figcaption>\n")
                        .append(c.chart().svg()).append("</figure>\n");
                case ReportContent.PageBreak pb -> h.append("<div class=\"page-break\"></div>\n");
            }
        }
        h.append("<footer>LakeLens regulatory report of ").append(esc(r.table())).append(", versions ").append(r.fromVersion())
                .append(" to ").append(r.toVersion()).append(".</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    static String stylesheet() {
        try (InputStream in = ReportWriter.class.getResourceAsStream("regulatory-report.css")) {
            if (in == null) {
                throw new IllegalStateException("regulatory-report.css is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read regulatory-report.css: " + e.getMessage(), e);
        }
    }

    /** The stylesheet's colour variables ({@code --name: #rrggbb}), so the PDF paints with the HTML's colours. */
    static Map<String, String> palette() {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("--([a-z-]+)\\s*:\\s*(#[0-9a-fA-F]{6})").matcher(stylesheet());
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    static String esc(String s) {
        return Html.escape(s);
    }
}
