package io.lakelens.ui.kit;

import io.lakelens.data.DatasetSize;
import io.lakelens.search.StrategyKind;

/**
 * Style-class names of {@code assets/css/lakelens.css}, as constants so a renamed class is
 * renamed everywhere. AtlantaFX's own classes come from {@code atlantafx.base.theme.Styles}.
 */
public final class Styles {
    private Styles() {
    }

    /** Path of the theme file inside the jar (the pom copies {@code assets/} there). */
    public static final String THEME_CSS = "/io/lakelens/assets/css/lakelens.css";

    public static final String WORKBENCH = "ll-workbench";
    public static final String HEADER = "ll-header";
    public static final String APP_TITLE = "ll-app-title";
    public static final String STATUS_BAR = "ll-status-bar";
    public static final String STATUS_ITEM = "ll-status-item";
    public static final String STATUS_SEPARATOR = "ll-status-separator";
    public static final String BADGE = "ll-badge";
    public static final String DATASET_BADGE = "ll-dataset-badge";
    public static final String STRATEGY_BADGE = "ll-strategy-badge";
    public static final String STRATEGY_TOGGLE = "ll-strategy-toggle";
    public static final String INDICATOR = "ll-indicator";
    public static final String INDICATOR_OK = "ll-indicator-ok";
    public static final String INDICATOR_BUSY = "ll-indicator-busy";
    public static final String INDICATOR_DOWN = "ll-indicator-down";
    public static final String INDICATOR_OFF = "ll-indicator-off";
    public static final String CARD = "ll-card";
    public static final String SECTION_TITLE = "ll-section-title";
    public static final String MUTED = "ll-muted";
    public static final String NUMBER = "ll-number";
    public static final String UP = "ll-up";
    public static final String DOWN = "ll-down";
    public static final String FALLBACK = "ll-fallback";
    public static final String SUMMARY = "ll-summary";
    public static final String NOTIFICATIONS = "ll-notifications";
    public static final String COMPACT = "ll-compact";
    public static final String FOOTER = "ll-footer";
    public static final String EMPTY_STATE = "ll-empty-state";
    /** A failure shown inside a tab (the class name is older than its use outside Time Travel). */
    public static final String ERROR_BANNER = "ll-tt-error";
    /** Row or cell marks of a diff or a row trail: added, removed, changed. */
    public static final String DIFF_ADDED = "ll-diff-added";
    public static final String DIFF_REMOVED = "ll-diff-removed";
    public static final String DIFF_CHANGED = "ll-diff-changed";
    /** The label column of a {@link Panes#form} grid. */
    public static final String FORM_LABEL = "ll-stat-name";

    /** e.g. {@code strategy-cache-first}: colours a badge, toggle or row marker with the strategy's colour. */
    public static String of(StrategyKind strategy) {
        return strategy.styleClass();
    }

    /** e.g. {@code badge-medium}. */
    public static String of(DatasetSize size) {
        return size.styleClass();
    }
}
