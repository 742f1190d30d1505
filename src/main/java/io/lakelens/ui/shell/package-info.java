/**
 * The workbench window: header, tabs, status bar, notifications, themes and screenshot capture.
 *
 * <p>Adding a tab: put it in its own package {@code io.lakelens.ui.<feature>} with a View (nodes,
 * style classes from {@link io.lakelens.ui.shell.Styles}, an id on every control) and a ViewModel
 * (properties and commands, no {@code javafx.scene}); implement {@link io.lakelens.ui.shell.WorkbenchTab}
 * (its constructor takes {@link io.lakelens.ui.shell.UiServices}); add one line to
 * {@link io.lakelens.ui.shell.WorkbenchTabs#all()}. Slow work goes through
 * {@link io.lakelens.ui.shell.BackgroundTask} and {@code services.tasks()}; failures reach the
 * analyst through {@code services.notifier()}; finished operations go to {@code services.status()};
 * colours are {@code -ll-*} variables in {@code assets/css/lakelens.css}; icons come from
 * {@link io.lakelens.ui.shell.AppIcon}. ViewModel tests use {@link io.lakelens.ui.shell.CurrentThreadTaskExecutor}
 * (or {@link io.lakelens.ui.shell.UiServices#forTests}).
 */
package io.lakelens.ui.shell;
