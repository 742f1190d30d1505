package io.lakelens.ui.shell;

import atlantafx.base.controls.Spacer;
import io.lakelens.search.StrategyKind;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.OperationReport;
import io.lakelens.ui.kit.RunningTask;
import io.lakelens.ui.kit.Styles;
import io.lakelens.ui.kit.TaskExecutor;
import io.lakelens.ui.kit.UiServices;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

import java.util.Locale;

import static atlantafx.base.theme.Styles.BUTTON_ICON;
import static atlantafx.base.theme.Styles.FLAT;
import static atlantafx.base.theme.Styles.SMALL;

/** Last operation, latency, strategy, cache hit/miss, Delta version; background work with progress and cancel. */
final class StatusBarView extends HBox {
    private final Label operation = item("statusOperation", AppIcon.CLOCK, "Ready");
    private final Label latency = item("statusLatency", AppIcon.TIMER, "");
    private final Label strategy = new Label();
    private final Label cache = item("statusCache", AppIcon.CACHE, "");
    private final Label version = item("statusVersion", AppIcon.VERSION, "");
    private final ProgressBar progress = new ProgressBar();
    private final Label work = new Label();
    private final Button cancel = new Button(null, AppIcon.CANCEL.node());
    private final HBox background;
    private final TaskExecutor tasks;
    private RunningTask shown;

    StatusBarView(UiServices services) {
        getStyleClass().add(Styles.STATUS_BAR);
        setId("statusBar");
        this.tasks = services.tasks();
        strategy.setId("statusStrategy");
        strategy.getStyleClass().add(Styles.BADGE);
        strategy.setMinWidth(USE_PREF_SIZE);
        operation.setMinWidth(80);

        progress.setId("backgroundProgress");
        progress.setPrefWidth(140);
        work.setId("backgroundLabel");
        work.getStyleClass().add(Styles.STATUS_ITEM);
        cancel.setId("backgroundCancel");
        cancel.getStyleClass().addAll(BUTTON_ICON, FLAT,
                SMALL);
        cancel.setTooltip(new Tooltip("Cancel this background job"));
        cancel.setOnAction(e -> {
            if (shown != null) {
                shown.cancel();
            }
        });
        background = new HBox(8, work, progress, cancel);
        background.setId("backgroundWork");
        background.setAlignment(Pos.CENTER_RIGHT);

        getChildren().addAll(operation, separator(), latency, separator(), strategy, separator(), cache, separator(),
                version, new Spacer(), background);
        services.status().lastProperty().addListener((o, a, b) -> show(b));
        show(null);
        tasks.running().addListener((ListChangeListener<RunningTask>) ch -> showWork());
        showWork();
    }

    private void show(OperationReport r) {
        operation.setText(r == null ? "Ready" : r.operation());
        latency.setText(r == null || r.latencyMs().isEmpty() ? "— ms" : formatMs(r.latencyMs().getAsDouble()));
        for (StrategyKind k : StrategyKind.values()) {
            strategy.getStyleClass().remove(k.styleClass());
        }
        StrategyKind k = r == null ? null : r.strategy().orElse(null);
        strategy.setVisible(k != null);
        strategy.setManaged(k != null);
        if (k != null) {
            strategy.setText(k.displayName());
            strategy.setGraphic(AppIcon.of(k).node());
            strategy.getStyleClass().add(k.styleClass());
        }
        cache.setText(r == null || r.cacheHit().isEmpty() ? "cache —" : r.cacheHit().get() ? "cache hit" : "cache miss");
        version.setText(r == null || r.version().isEmpty() ? "version —" : "v" + r.version().getAsLong());
    }

    static String formatMs(double ms) {
        return ms < 10 ? String.format(Locale.ROOT, "%.2f ms", ms)
                : ms < 1000 ? String.format(Locale.ROOT, "%.1f ms", ms)
                : String.format(Locale.ROOT, "%,.0f ms", ms);
    }

    private void showWork() {
        if (shown != null) {
            progress.progressProperty().unbind();
            work.textProperty().unbind();
        }
        shown = tasks.running().isEmpty() ? null : tasks.running().get(0);
        background.setVisible(shown != null);
        if (shown != null) {
            RunningTask t = shown;
            int more = tasks.running().size() - 1;
            progress.progressProperty().bind(t.progressProperty());
            work.textProperty().bind(t.stepProperty().map(step -> t.title()
                    + (step == null || step.isBlank() ? "" : " — " + step)
                    + (more > 0 ? "  (+" + more + " more)" : "")));
        }
    }

    private static Label item(String id, AppIcon icon, String text) {
        Label l = new Label(text, icon.node());
        l.setId(id);
        l.setMinWidth(USE_PREF_SIZE);
        l.getStyleClass().add(Styles.STATUS_ITEM);
        return l;
    }

    private static Region separator() {
        Region r = new Region();
        r.getStyleClass().add(Styles.STATUS_SEPARATOR);
        return r;
    }
}
