package io.lakelens.ui.compaction;

/** Style classes of the Compaction tab (rules in {@code assets/css/lakelens.css}). */
final class CompactionStyles {
    private CompactionStyles() {
    }

    static final String TAB = "ll-compaction";
    static final String VERDICT = "ll-verdict";
    static final String VERDICT_NEEDS = "ll-verdict-needs";
    static final String VERDICT_OK = "ll-verdict-ok";
    static final String FINDING = "ll-finding";
    static final String STAT_VALUE = "ll-stat-value";
    static final String HISTOGRAM = "ll-histogram";
    static final String BEFORE_AFTER = "ll-before-after";
    static final String SPEEDUP = "ll-speedup";
    static final String STATEMENT = "ll-statement";
    static final String WARNING = "ll-warning";
    static final String SECTION_SWITCH = "ll-section-switch";
}
