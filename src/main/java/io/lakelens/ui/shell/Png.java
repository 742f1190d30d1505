package io.lakelens.ui.shell;

import io.lakelens.LakeLensException;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritablePixelFormat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes a JavaFX image as PNG without javafx-swing: pixels → BufferedImage → ImageIO. */
final class Png {
    private Png() {
    }

    /** Copies the pixels; call on the FX thread (the image may be reused afterwards). */
    static BufferedImage toBuffered(Image image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        PixelReader reader = image.getPixelReader();
        reader.getPixels(0, 0, w, h, WritablePixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        return out;
    }

    static void write(BufferedImage image, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new LakeLensException("No PNG writer is available in this Java runtime.");
            }
        } catch (IOException e) {
            throw new LakeLensException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
