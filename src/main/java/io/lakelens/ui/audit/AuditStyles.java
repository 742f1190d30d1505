package io.lakelens.ui.audit;

/** Style classes of the Audit tab (rules and -ll-* colours in {@code assets/css/lakelens.css}). */
final class AuditStyles {
    private AuditStyles() {
    }

    static final String TAB = "ll-audit";
    static final String JSON = "ll-audit-json";
    static final String UNREADABLE_ROW = "ll-audit-unreadable";
    static final String CHECK_OK = "ll-check-ok";
    static final String CHECK_FAILED = "ll-check-failed";
    static final String QUALITY_TREND = "ll-quality-trend";
}
