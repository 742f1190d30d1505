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
