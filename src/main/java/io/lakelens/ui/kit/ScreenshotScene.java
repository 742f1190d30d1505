package io.lakelens.ui.kit;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * One picture taken by {@code lakelens screenshots}.
 *
 * @param fileName where the PNG goes, relative to the dataset's folder of the output
 *                 ({@code "06-time-travel-query.png"}, {@code "cache-first/search-aapl.png"})
 * @param prepare  called on the JavaFX thread; drives the tab into the state to capture and
 *                 completes (on any thread) once the view shows it. A failed stage skips the
 *                 picture and is reported; it does not stop the run.
 */
public record ScreenshotScene(String fileName, Supplier<CompletionStage<?>> prepare) {
    public ScreenshotScene {
        if (fileName == null || !fileName.endsWith(".png") || fileName.startsWith("/") || fileName.contains("..")) {
            throw new IllegalArgumentException("A screenshot name is a relative .png path, not '" + fileName + "'");
        }
    }
}
