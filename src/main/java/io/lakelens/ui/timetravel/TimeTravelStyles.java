package io.lakelens.ui.timetravel;

/** Style classes of the Time Travel tab (rules and -ll-* colours in {@code assets/css/lakelens.css}). */
final class TimeTravelStyles {
    private TimeTravelStyles() {
    }

    static final String TAB = "ll-time-travel";
    static final String STRIP = "ll-tt-strip";
    static final String AXIS = "ll-tt-axis";
    static final String NODE = "ll-tt-node";
    static final String NODE_SELECTED = "ll-tt-selected";
    static final String NODE_UNREADABLE = "ll-tt-unreadable";
    static final String NODE_LABEL = "ll-tt-label";
    static final String LEGEND = "ll-tt-legend";
    static final String LEGEND_DOT = "ll-tt-legend-dot";
    static final String DETAILS = "ll-tt-details";
    static final String TOOLBAR = "ll-tt-toolbar";
    static final String WARNING = "ll-tt-warning";
    static final String PAGER = "ll-tt-pager";
    static final String DIFF_OLD = "ll-diff-old";
    static final String DIFF_NEW = "ll-diff-new";
    static final String DIFF_ARROW = "ll-diff-arrow";
    static final String DIFF_CELL = "ll-diff-cell";
    static final String CONFIRM = "ll-tt-confirm";
}
