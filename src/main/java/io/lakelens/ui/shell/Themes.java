package io.lakelens.ui.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.lakelens.ui.kit.Styles;
import javafx.application.Application;
import javafx.css.PseudoClass;
import javafx.scene.Scene;

import java.util.Locale;
import java.util.Objects;

/**
 * Light and dark: AtlantaFX Primer as the user-agent stylesheet, LakeLens's own
 * {@code lakelens.css} on top, and a {@code :dark} pseudo-class on the root so the
 * {@code -ll-*} colours switch with it.
 */
public enum Themes {
    LIGHT, DARK;

    private static final PseudoClass DARK_CLASS = PseudoClass.getPseudoClass("dark");

    public static Themes parse(String text) {
        return text != null && text.trim().toLowerCase(Locale.ROOT).equals("dark") ? DARK : LIGHT;
    }

    private static volatile Themes system;

    /**
     * The operating system's light or dark mode, asked once per run (GTK_THEME, GNOME's colour
     * scheme, macOS's interface style, Windows's app theme); light when it cannot tell.
     */
    public static Themes system() {
        Themes t = system;
        if (t == null) {
            t = detectSystem();
            system = t;
        }
        return t;
    }

    private static Themes detectSystem() {
        String gtk = System.getenv("GTK_THEME");
        if (gtk != null && gtk.toLowerCase(Locale.ROOT).contains("dark")) {
            return DARK;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String answer;
        if (os.contains("mac")) {
            answer = ask("defaults", "read", "-g", "AppleInterfaceStyle");
            return answer.toLowerCase(Locale.ROOT).contains("dark") ? DARK : LIGHT;
        }
        if (os.contains("win")) {
            answer = ask("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                    "/v", "AppsUseLightTheme");
            return answer.contains("0x0") ? DARK : LIGHT;
        }
        answer = ask("gsettings", "get", "org.gnome.desktop.interface", "color-scheme");
        return answer.contains("dark") ? DARK : LIGHT;
    }

    /** A short system command's output; empty when it is missing, fails or takes over two seconds. */
    private static String ask(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(2, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return p.exitValue() == 0 ? new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8) : "";
        } catch (java.io.IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Applies the theme to the whole application and to {@code scene}. Call on the FX thread. */
    public void apply(Scene scene) {
        Application.setUserAgentStylesheet(this == DARK
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        String css = stylesheet();
        if (!scene.getStylesheets().contains(css)) {
            scene.getStylesheets().add(css);
        }
        scene.getRoot().pseudoClassStateChanged(DARK_CLASS, this == DARK);
    }

    public static String stylesheet() {
        return Objects.requireNonNull(Themes.class.getResource(Styles.THEME_CSS),
                "theme file missing from the build: " + Styles.THEME_CSS).toExternalForm();
    }
}
