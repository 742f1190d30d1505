package io.lakelens.ui.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkbenchSettingsTest {

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void theWatchlistsSymbolsSurviveARestartAndNoneMeansTheDefaults(@TempDir Path home) {
        Path file = home.resolve("w.properties");
        WorkbenchSettings s = WorkbenchSettings.load(file);
        assertEquals(List.of(), s.watchlist());
        s.watchlist(List.of("AAPL", "BRK.B", "MSFT"));
        s.save();
        assertEquals(List.of("AAPL", "BRK.B", "MSFT"), WorkbenchSettings.load(file).watchlist());
        s.watchlist(List.of());
        s.save();
        assertEquals(List.of(), WorkbenchSettings.load(file).watchlist());
    }

    @Test
    void windowThemeAndLastLakeSurviveARestart(@TempDir Path home) {
        Path file = home.resolve(".lakelens/workbench.properties");
        WorkbenchSettings first = WorkbenchSettings.load(file);
        first.window(40, 60, 1280, 800, false);
        first.theme(Themes.DARK);
        first.lake(home.resolve("lake-a"));
        first.lake(home.resolve("lake-b"));
        first.save();

        WorkbenchSettings next = WorkbenchSettings.load(file);
        assertEquals(1280, next.width(0));
        assertEquals(800, next.height(0));
        assertArrayEquals(new double[]{40, 60}, next.position().orElseThrow());
        assertEquals(Themes.DARK, next.theme());
        assertEquals(home.resolve("lake-b"), next.lastLake().orElseThrow());
        assertEquals(List.of(home.resolve("lake-b"), home.resolve("lake-a")), next.recentLakes());
    }

    @Test
    void aMaximizedWindowKeepsItsLastNormalSize(@TempDir Path home) {
        Path file = home.resolve("w.properties");
        WorkbenchSettings s = WorkbenchSettings.load(file);
        s.window(0, 0, 1000, 700, false);
        s.window(0, 0, 3000, 2000, true);
        s.save();

        WorkbenchSettings next = WorkbenchSettings.load(file);
        assertTrue(next.maximized());
        assertEquals(1000, next.width(0));
    }

    @Test
    void anUnreadableFileMeansDefaultsNotAFailure(@TempDir Path home) throws Exception {
        Path file = home.resolve("w.properties");
        Files.write(file, new byte[]{'\\', 'u', 'Z', 'Z'});
        WorkbenchSettings s = WorkbenchSettings.load(file);
        assertEquals(Themes.LIGHT, s.theme());
        assertEquals(1440, s.width(1440));
        assertFalse(s.lastLake().isPresent());
    }

    @Test
    void inMemorySettingsWriteNothing(@TempDir Path home) throws Exception {
        WorkbenchSettings s = WorkbenchSettings.inMemory();
        s.theme(Themes.DARK);
        s.save();
        try (var files = Files.list(home)) {
            assertEquals(0, files.count());
        }
    }
}
