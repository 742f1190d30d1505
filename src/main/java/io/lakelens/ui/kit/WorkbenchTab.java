package io.lakelens.ui.kit;

import javafx.scene.Node;

import java.util.List;

/**
 * One tab of the workbench (Search, Time Travel, Audit, …). The window builds each tab once
 * through its {@link Factory} (the list is {@code io.lakelens.ui.WorkbenchTabs}), shows
 * {@link #view()} and tells the tab when the analyst enters and leaves it.
 *
 * <p>All methods are called on the JavaFX application thread.
 */
public interface WorkbenchTab {

    /** Builds one tab from the window's shared services. Called once per window, on the FX thread. */
    @FunctionalInterface
    interface Factory {
        WorkbenchTab create(UiServices services);
    }

    /** Stable id, also the id of the JavaFX {@code Tab} ({@code "search"}, {@code "time-travel"}). */
    String id();

    /** The tab's title as shown to the analyst. */
    String title();

    AppIcon icon();

    /**
     * The tab's content; built once and returned again on every call. The window asks for it
     * when the tab is first selected, so a tab nobody opens is never styled or laid out.
     */
    Node view();

    /** The analyst entered the tab: refresh what may have changed while it was hidden. */
    default void onShown() {
    }

    /**
     * The analyst left the tab (what AtlantaFX's {@code Page.reset()} is to its pages): stop
     * samplers and timelines and cancel running reads so a hidden tab costs nothing. Work the
     * analyst started on purpose (a write, a load, the live feed) goes on.
     */
    default void onHidden() {
    }

    /**
     * Ctrl+W: closes the sub-view the tab has open (a detail pane, a dialog-like section) and
     * says whether there was one. The window itself never closes on Ctrl+W.
     */
    default boolean closeSubView() {
        return false;
    }

    /**
     * The states of this tab worth capturing in {@code lakelens screenshots}, in order. The shell
     * selects the tab, runs each scene's {@code prepare} and snapshots the window when it completes.
     */
    default List<ScreenshotScene> screenshotScenes() {
        return List.of();
    }
}
