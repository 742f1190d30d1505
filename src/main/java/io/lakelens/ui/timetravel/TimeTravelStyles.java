package io.lakelens.ui.timetravel;

/** Style classes of the Time Travel tab (rules and -ll-* colours in {@code assets/css/lakelens.css}). */
public final class TimeTravelStyles {
    private TimeTravelStyles() {
    }

    public static final String TAB = "ll-time-travel";
    public static final String STRIP = "ll-tt-strip";
    public static final String AXIS = "ll-tt-axis";
    public static final String NODE = "ll-tt-node";
    public static final String NODE_SELECTED = "ll-tt-selected";
    public static final String NODE_UNREADABLE = "ll-tt-unreadable";
    public static final String NODE_LABEL = "ll-tt-label";
    public static final String LEGEND = "ll-tt-legend";
    public static final String LEGEND_DOT = "ll-tt-legend-dot";
    public static final String DETAILS = "ll-tt-details";
    public static final String TOOLBAR = "ll-tt-toolbar";
    public static final String ERROR = "ll-tt-error";
    public static final String WARNING = "ll-tt-warning";
    public static final String PAGER = "ll-tt-pager";
    public static final String DIFF_ADDED = "ll-diff-added";
    public static final String DIFF_REMOVED = "ll-diff-removed";
    public static final String DIFF_CHANGED = "ll-diff-changed";
    public static final String DIFF_OLD = "ll-diff-old";
    public static final String DIFF_NEW = "ll-diff-new";
    public static final String DIFF_ARROW = "ll-diff-arrow";
    public static final String DIFF_CELL = "ll-diff-cell";
    public static final String CONFIRM = "ll-tt-confirm";
}
