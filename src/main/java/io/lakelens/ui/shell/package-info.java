/**
 * The workbench window: header, tabs, status bar, notifications, themes, the first-run panel
 * and screenshot capture. The window knows no tab by name: it builds the tab list it is given
 * ({@code io.lakelens.ui.WorkbenchTabs}) over one {@link io.lakelens.ui.kit.UiServices}.
 */
package io.lakelens.ui.shell;
