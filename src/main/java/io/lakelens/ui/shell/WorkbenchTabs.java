package io.lakelens.ui.shell;

import io.lakelens.ui.search.SearchTab;

import java.util.ArrayList;
import java.util.List;

/**
 * The workbench's tabs, in the order they appear; Ctrl+1 … Ctrl+9 follow this order. A new
 * tab is one line here.
 */
public final class WorkbenchTabs {
    private WorkbenchTabs() {
    }

    /** Builds one tab from the window's shared services. Called once, on the FX thread. */
    @FunctionalInterface
    public interface Factory {
        WorkbenchTab create(UiServices services);
    }

    public static List<Factory> all() {
        List<Factory> tabs = new ArrayList<>();
        tabs.add(SearchTab::new);
        tabs.add(io.lakelens.ui.timetravel.TimeTravelTab::new);
        tabs.add(io.lakelens.ui.audit.AuditTab::new);
        tabs.add(io.lakelens.ui.analytics.AnalyticsTab::new);
        tabs.add(io.lakelens.ui.compaction.CompactionTab::new);
        tabs.add(io.lakelens.ui.performance.PerformanceTab::new);
        return List.copyOf(tabs);
    }
}
