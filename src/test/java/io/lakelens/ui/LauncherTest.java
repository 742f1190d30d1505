package io.lakelens.ui;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LauncherTest {
    private String glass;

    @BeforeEach
    void noMonocle() {
        // The test JVM renders with Monocle, which needs no display; the check is about real ones.
        glass = System.getProperty("glass.platform");
        System.clearProperty("glass.platform");
    }

    @AfterEach
    void restore() {
        if (glass != null) {
            System.setProperty("glass.platform", glass);
        }
    }

    @Test
    void aLinuxServerWithoutDisplayGetsOneLinePointingToXvfbAndScreenshots() {
        Optional<String> message = Launcher.missingDisplay(Map.of("HOME", "/root"), "Linux");

        assertTrue(message.isPresent());
        assertEquals(1, message.get().lines().count());
        assertTrue(message.get().contains("xvfb-run ./lakelens"), message.get());
        assertTrue(message.get().contains("./lakelens screenshots"), message.get());
    }

    @Test
    void anX11OrWaylandDisplayIsEnough() {
        assertEquals(Optional.empty(), Launcher.missingDisplay(Map.of("DISPLAY", ":0"), "Linux"));
        assertEquals(Optional.empty(), Launcher.missingDisplay(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux"));
    }

    @Test
    void windowsAndMacAlwaysHaveADisplay() {
        assertEquals(Optional.empty(), Launcher.missingDisplay(Map.of(), "Mac OS X"));
        assertEquals(Optional.empty(), Launcher.missingDisplay(Map.of(), "Windows 11"));
    }

    @Test
    void headlessMonocleNeedsNoDisplay() {
        System.setProperty("glass.platform", "Monocle");
        assertEquals(Optional.empty(), Launcher.missingDisplay(Map.of(), "Linux"));
    }

    @Test
    void aMissingGtkLibraryIsNamedWithTheFixAndOtherFailuresAreNot() {
        String why = Launcher.missingToolkit(new RuntimeException("start failed",
                new UnsupportedOperationException("Unable to load glass GTK library."))).orElseThrow();
        assertTrue(why.contains("libgtk-3-0") && why.contains("lakelens screenshots"), why);
        assertTrue(Launcher.missingToolkit(new UnsupportedOperationException("something else")).isEmpty());
    }
}
