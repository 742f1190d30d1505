package io.lakelens.analytics.report;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.List;
import java.util.Map;

/**
 * Lays {@link ReportContent} out as an A4 landscape PDF with OpenPDF: tables repeat their header
 * on every page, charts are vector drawings, every page has a footer with the table, the period
 * and the page number. Text uses the PDF standard fonts, so characters outside their encoding
 * are written in plain ASCII (→ as ->, ≤ as <=).
 */
final class ReportPdf {
    private static final float CHART_WIDTH = 700;
    private final Map<String, String> palette = ReportWriter.palette();
    private final BaseFont regular;
    private final BaseFont bold;

    private ReportPdf() throws IOException {
        regular = BaseFont.createFont(BaseFont.HELVETICA, BaseFont.CP1252, BaseFont.NOT_EMBEDDED);
        bold = BaseFont.createFont(BaseFont.HELVETICA_BOLD, BaseFont.CP1252, BaseFont.NOT_EMBEDDED);
    }

    static void write(RegulatoryReport report, OutputStream out) throws IOException {
        new ReportPdf().render(report, out);
    }

    private void render(RegulatoryReport r, OutputStream out) throws IOException {
        Document doc = new Document(PageSize.A4.rotate(), 36, 36, 36, 42);
        try {
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            String footer = text("LakeLens regulatory report of " + r.table() + ", versions " + r.fromVersion() + " to " + r.toVersion());
            writer.setPageEvent(new PdfPageEventHelper() {
                @Override
                public void onEndPage(PdfWriter w, Document d) {
                    PdfContentByte cb = w.getDirectContent();
                    cb.beginText();
                    cb.setFontAndSize(regular, 8);
                    cb.setColorFill(color("muted"));
                    cb.showTextAligned(Element.ALIGN_LEFT, footer, d.left(), d.bottom() - 20, 0);
                    cb.showTextAligned(Element.ALIGN_RIGHT, "page " + w.getPageNumber(), d.right(), d.bottom() - 20, 0);
                    cb.endText();
                }
            });
            doc.addTitle("Regulatory report: " + r.table() + " versions " + r.fromVersion() + " to " + r.toVersion());
            doc.addCreator("LakeLens");
            doc.addAuthor(r.generatedBy());
            doc.open();
            for (ReportContent.Block b : ReportContent.of(r)) {
                switch (b) {
                    case ReportContent.Title t -> {
                        Paragraph p = new Paragraph(text(t.text()), new Font(bold, 28, Font.NORMAL, color("ink")));
                        p.setSpacingBefore(90);
                        doc.add(p);
                        Paragraph s = new Paragraph(text(t.subtitle()), new Font(regular, 16, Font.NORMAL, color("accent")));
                        s.setSpacingAfter(18);
                        doc.add(s);
                    }
                    case ReportContent.Heading h -> {
                        Paragraph p = new Paragraph(text(h.text()), new Font(bold, 15, Font.NORMAL, color("accent")));
                        p.setSpacingBefore(14);
                        p.setSpacingAfter(6);
                        doc.add(p);
                    }
                    case ReportContent.Para p -> {
                        String c = switch (p.style()) {
                            case "muted" -> "muted";
                            case "good" -> "good";
                            case "bad" -> "bad";
                            default -> "ink";
                        };
                        Paragraph para = new Paragraph(text(p.text()), new Font(regular, 10, Font.NORMAL, color(c)));
                        para.setSpacingAfter(5);
                        doc.add(para);
                    }
                    case ReportContent.Facts f -> doc.add(facts(f));
                    case ReportContent.Table t -> doc.add(table(t));
                    case ReportContent.Chart c -> doc.add(chart(writer, c.chart()));
                    case ReportContent.PageBreak pb -> doc.newPage();
                }
            }
        } catch (DocumentException e) {
            throw new IOException("The PDF could not be laid out: " + e.getMessage(), e);
        } finally {
            if (doc.isOpen()) {
                doc.close();
            }
        }
    }

    private PdfPTable facts(ReportContent.Facts f) {
        PdfPTable t = new PdfPTable(5);
        t.setWidthPercentage(100);
        t.setSpacingBefore(10);
        t.setSpacingAfter(12);
        for (String[] fact : f.facts()) {
            Phrase ph = new Phrase();
            ph.add(new Chunk(text(fact[0]) + "\n", new Font(bold, 16, Font.NORMAL, color("ink"))));
            ph.add(new Chunk(text(fact[1]), new Font(regular, 9, Font.NORMAL, color("muted"))));
            PdfPCell cell = new PdfPCell(ph);
            cell.setBackgroundColor(color("panel"));
            cell.setBorderColor(Color.WHITE);
            cell.setBorderWidth(3);
            cell.setPadding(8);
            t.addCell(cell);
        }
        t.completeRow();
        return t;
    }

    private PdfPTable table(ReportContent.Table t) {
        PdfPTable table = new PdfPTable(t.widths());
        table.setWidthPercentage(100);
        table.setSpacingBefore(4);
        table.setSpacingAfter(10);
        table.setHeaderRows(1);
        Font head = new Font(bold, 8, Font.NORMAL, color("ink"));
        Font body = new Font(regular, 8, Font.NORMAL, color("ink"));
        for (int i = 0; i < t.header().size(); i++) {
            PdfPCell c = new PdfPCell(new Phrase(text(t.header().get(i)), head));
            c.setBackgroundColor(color("panel"));
            c.setBorderColor(color("line"));
            c.setPadding(4);
            c.setHorizontalAlignment(t.numeric().contains(i) ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
            table.addCell(c);
        }
        for (List<String> row : t.rows()) {
            for (int i = 0; i < t.header().size(); i++) {
                PdfPCell c = new PdfPCell(new Phrase(text(i < row.size() ? row.get(i) : ""), body));
                c.setBorderColor(color("line"));
                c.setPadding(3.5f);
                c.setHorizontalAlignment(t.numeric().contains(i) ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
                table.addCell(c);
            }
        }
        return table;
    }

    /** The chart drawn as vectors into a template; chart coordinates have their origin top left, PDF's bottom left. */
    private Image chart(PdfWriter writer, BarChart chart) throws DocumentException {
        float w = (float) BarChart.WIDTH;
        float h = (float) BarChart.HEIGHT;
        PdfTemplate tpl = writer.getDirectContent().createTemplate(w, h + 18);
        tpl.beginText();
        tpl.setFontAndSize(bold, 10);
        tpl.setColorFill(color("ink"));
        tpl.showTextAligned(Element.ALIGN_LEFT, text(chart.title()), (float) BarChart.LEFT, h + 6, 0);
        tpl.endText();
        tpl.setColorStroke(color("muted"));
        tpl.setLineWidth(0.6f);
        float base = (float) (h - (BarChart.HEIGHT - BarChart.BOTTOM));
        tpl.moveTo((float) BarChart.LEFT, base);
        tpl.lineTo((float) (w - BarChart.RIGHT), base);
        tpl.moveTo((float) BarChart.LEFT, base);
        tpl.lineTo((float) BarChart.LEFT, (float) (h - BarChart.TOP));
        tpl.stroke();
        for (BarChart.Bar b : chart.bars()) {
            if (b.height() <= 0) {
                continue;
            }
            tpl.setColorFill(color(b.color()));
            tpl.rectangle((float) b.x(), (float) (h - b.y() - b.height()), (float) b.width(), (float) b.height());
            tpl.fill();
        }
        tpl.beginText();
        tpl.setFontAndSize(regular, 8);
        tpl.setColorFill(color("muted"));
        for (BarChart.Label l : chart.labels()) {
            tpl.showTextAligned(l.end() ? Element.ALIGN_RIGHT : Element.ALIGN_CENTER, text(l.text()), (float) l.x(), (float) (h - l.y()), 0);
        }
        tpl.endText();
        float lx = (float) BarChart.LEFT;
        for (BarChart.Series s : chart.series()) {
            tpl.setColorFill(color(s.color()));
            tpl.rectangle(lx, 6, 10, 10);
            tpl.fill();
            tpl.beginText();
            tpl.setFontAndSize(regular, 8);
            tpl.setColorFill(color("ink"));
            tpl.showTextAligned(Element.ALIGN_LEFT, text(s.name()), lx + 14, 8, 0);
            tpl.endText();
            lx += 24 + regular.getWidthPoint(text(s.name()), 8);
        }
        if (!chart.note().isEmpty()) {
            tpl.beginText();
            tpl.setFontAndSize(regular, 8);
            tpl.setColorFill(color("muted"));
            tpl.showTextAligned(Element.ALIGN_RIGHT, text(chart.note()), (float) (w - BarChart.RIGHT), 8, 0);
            tpl.endText();
        }
        Image img = Image.getInstance(tpl);
        img.scaleToFit(CHART_WIDTH, 400);
        img.setSpacingBefore(4);
        img.setSpacingAfter(8);
        img.setBorder(Rectangle.NO_BORDER);
        return img;
    }

    private Color color(String name) {
        String hex = palette.getOrDefault(name, palette.getOrDefault("ink", "#000000"));
        return Color.decode(hex);
    }

    private static final ThreadLocal<CharsetEncoder> CP1252 = ThreadLocal.withInitial(() -> Charset.forName("windows-1252").newEncoder());

    /** Text in the standard fonts' encoding: the few symbols the report uses outside it become ASCII. */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        CharsetEncoder enc = CP1252.get();
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (enc.canEncode(c)) {
                b.append(c);
                continue;
            }
            b.append(switch (c) {
                case '→' -> "->";
                case '←' -> "<-";
                case '≤' -> "<=";
                case '≥' -> ">=";
                case '−' -> "-";
                case '≈' -> "~";
                case 'σ' -> "sigma";
                case '·' -> "·";
                default -> "?";
            });
        }
        return b.toString();
    }
}
