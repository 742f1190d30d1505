package io.lakelens.ui;

import io.lakelens.ui.analytics.AnalyticsTab;
import io.lakelens.ui.audit.AuditTab;
import io.lakelens.ui.compaction.CompactionTab;
import io.lakelens.ui.kit.WorkbenchTab;
import io.lakelens.ui.performance.PerformanceTab;
import io.lakelens.ui.search.SearchTab;
import io.lakelens.ui.timetravel.TimeTravelTab;

import java.util.List;

/**
 * The workbench's tabs, in the order they appear; Ctrl+1 … Ctrl+9 follow this order. A new
 * tab is one line here. The window ({@code ui.shell}) gets this list and knows no tab by name.
 */
public final class WorkbenchTabs {
    private WorkbenchTabs() {
    }

    public static List<WorkbenchTab.Factory> all() {
        return List.of(
                SearchTab::new,
                TimeTravelTab::new,
                AuditTab::new,
                AnalyticsTab::new,
                CompactionTab::new,
                PerformanceTab::new);
    }
}
