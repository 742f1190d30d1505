/**
 * What every tab and the window share: the one executor for slow work ({@link BackgroundTask},
 * {@link TaskExecutor}), notifications, the status bar's model, the lake being shown, the tab
 * interface, style-class names, icons, formatters and small layout helpers. It imports no tab
 * and no part of the window.
 *
 * <p>Adding a tab: put it in its own package {@code io.lakelens.ui.<feature>} with a View (nodes,
 * style classes from {@link Styles}, an id on every control) and a ViewModel (properties and
 * commands, no {@code javafx.scene}, services through its constructor); implement
 * {@link WorkbenchTab} (its constructor takes {@link UiServices} and hands each ViewModel the
 * services it uses); add one line to {@code io.lakelens.ui.WorkbenchTabs}. Slow work goes through
 * {@link BackgroundTask} and the {@link TaskExecutor}; failures reach the analyst through the
 * {@link Notifier}; finished operations go to the {@link StatusModel}; colours are {@code -ll-*}
 * variables in {@code assets/css/lakelens.css}; icons come from {@link AppIcon}. ViewModel tests
 * use {@link CurrentThreadTaskExecutor} (or {@link UiServices#forTests}).
 */
package io.lakelens.ui.kit;
