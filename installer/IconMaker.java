import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Draws the LakeLens icon (a lens over lake waves) at every size the installers want and
 * writes PNG, ICO (Windows) and ICNS (macOS) files. Run: java installer/IconMaker.java OUTDIR
 */
public class IconMaker {
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "assets/icons");
        Files.createDirectories(out);
        Map<Integer, byte[]> pngs = new LinkedHashMap<>();
        for (int size : new int[]{16, 32, 48, 64, 128, 256, 512, 1024}) {
            byte[] png = png(draw(size));
            pngs.put(size, png);
            Files.write(out.resolve("lakelens-" + size + ".png"), png);
        }
        Files.write(out.resolve("lakelens.png"), pngs.get(256));
        Files.write(out.resolve("lakelens.ico"), ico(pngs, new int[]{16, 32, 48, 256}));
        Files.write(out.resolve("lakelens.icns"), icns(pngs));
    }

    static BufferedImage draw(int s) {
        BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        double m = s * 0.06;
        var bg = new RoundRectangle2D.Double(m, m, s - 2 * m, s - 2 * m, s * 0.42, s * 0.42);
        g.setPaint(new GradientPaint(0, 0, new Color(0x0E7490), s, s, new Color(0x1E3A8A)));
        g.fill(bg);
        g.setClip(bg);
        // lake waves
        g.setStroke(new BasicStroke((float) (s * 0.045), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int i = 0; i < 3; i++) {
            double y = s * (0.64 + i * 0.1);
            Path2D wave = new Path2D.Double();
            wave.moveTo(m, y);
            for (double x = m; x <= s - m; x += s / 64.0) {
                wave.lineTo(x, y + Math.sin((x / s) * Math.PI * 4 + i) * s * 0.025);
            }
            g.setColor(new Color(255, 255, 255, 90 - i * 20));
            g.draw(wave);
        }
        g.setClip(null);
        // lens
        double r = s * 0.22;
        double cx = s * 0.45, cy = s * 0.42;
        g.setColor(new Color(255, 255, 255, 60));
        g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke((float) (s * 0.06), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
        double hx = cx + r * 0.72, hy = cy + r * 0.72;
        g.setStroke(new BasicStroke((float) (s * 0.085), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine((int) hx, (int) hy, (int) (cx + r * 1.55), (int) (cy + r * 1.55));
        // a small bar chart inside the lens
        g.setColor(new Color(0x5EEAD4));
        double bw = r * 0.28;
        double[] heights = {0.45, 0.8, 0.6};
        for (int i = 0; i < 3; i++) {
            double h = r * heights[i];
            g.fill(new RoundRectangle2D.Double(cx - r * 0.55 + i * (bw + r * 0.12), cy + r * 0.45 - h, bw, h, bw * 0.4, bw * 0.4));
        }
        g.dispose();
        return img;
    }

    static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        ImageIO.write(img, "png", bos);
        return bos.toByteArray();
    }

    /** ICO with PNG-compressed entries (supported since Windows Vista). */
    static byte[] ico(Map<Integer, byte[]> pngs, int[] sizes) {
        int headerLen = 6 + 16 * sizes.length;
        int total = headerLen;
        for (int s : sizes) {
            total += pngs.get(s).length;
        }
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
        int offset = headerLen;
        for (int s : sizes) {
            byte[] p = pngs.get(s);
            b.put((byte) (s >= 256 ? 0 : s)).put((byte) (s >= 256 ? 0 : s)).put((byte) 0).put((byte) 0);
            b.putShort((short) 1).putShort((short) 32).putInt(p.length).putInt(offset);
            offset += p.length;
        }
        for (int s : sizes) {
            b.put(pngs.get(s));
        }
        return b.array();
    }

    /** ICNS with PNG entries: ic07 128, ic08 256, ic09 512, ic10 1024. */
    static byte[] icns(Map<Integer, byte[]> pngs) throws IOException {
        String[][] types = {{"ic07", "128"}, {"ic08", "256"}, {"ic09", "512"}, {"ic10", "1024"}};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(body);
        for (String[] t : types) {
            byte[] p = pngs.get(Integer.parseInt(t[1]));
            d.writeBytes(t[0]);
            d.writeInt(p.length + 8);
            d.write(p);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        DataOutputStream a = new DataOutputStream(all);
        a.writeBytes("icns");
        a.writeInt(body.size() + 8);
        a.write(body.toByteArray());
        return all.toByteArray();
    }
}
