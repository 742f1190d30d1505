package io.lakelens.ui.shell;

import java.util.Locale;

/** The theme preference: always light, always dark, or whatever the operating system uses. */
public enum ThemeChoice {
    LIGHT("Light"), DARK("Dark"), SYSTEM("Follow the system");

    private final String label;

    ThemeChoice(String label) {
        this.label = label;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
    }

    public static ThemeChoice parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (ThemeChoice c : values()) {
            if (c.id().equals(t)) {
                return c;
            }
        }
        return LIGHT;
    }

    /** The theme this choice shows now. */
    public Themes theme() {
        return switch (this) {
            case LIGHT -> Themes.LIGHT;
            case DARK -> Themes.DARK;
            case SYSTEM -> Themes.system();
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
