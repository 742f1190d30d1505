package io.lakelens.ui.analytics;

/** Style classes of the Analytics tab (rules in {@code assets/css/lakelens.css}). */
final class AnalyticsStyles {
    private AnalyticsStyles() {
    }

    static final String TAB = "ll-analytics";
    static final String PARAMETERS = "ll-analytics-parameters";
    static final String FIELD_LABEL = "ll-field-label";
    static final String METHOD = "ll-method";
    static final String RESULT_TITLE = "ll-result-title";
    static final String PLAN = "ll-plan";
    static final String ERROR = "ll-error";
    static final String SECTOR_CHART = "ll-sector-chart";
    static final String VOLATILITY_CHART = "ll-volatility-chart";
    static final String MOVERS_CHART = "ll-movers-chart";
    static final String RISK_CHART = "ll-risk-chart";
    static final String BACKTEST = "ll-backtest";
    static final String EQUITY_CHART = "ll-equity-chart";
    static final String MODEL_METRIC = "ll-model-metric";
    static final String BAR_UP = "ll-bar-up";
    static final String BAR_DOWN = "ll-bar-down";
    static final String ASSESSMENTS = "ll-assessments";
    static final String ASSESSMENT = "ll-assessment";
    static final String VIEW_SWITCH = "ll-view-switch";
    static final String CONSOLE = "ll-sql-console";
    static final String EDITOR = "ll-sql-editor";
    static final String SIDE_PANEL = "ll-side-panel";
    static final String PAGER = "ll-pager";
    static final String HISTORY_FAILED = "ll-history-failed";
    /** Editor token classes, by {@link io.lakelens.analytics.SqlText.Kind}: {@code sql-keyword}, … */
    static final String TOKEN_PREFIX = "sql-";
}
