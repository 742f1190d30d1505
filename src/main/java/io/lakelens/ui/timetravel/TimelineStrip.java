package io.lakelens.ui.timetravel;

import io.lakelens.lake.TimelineNode;
import io.lakelens.ui.kit.Formats;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.text.Text;
import javafx.util.Duration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The version timeline as a horizontal strip: one circle per commit, coloured by operation
 * (CSS class), sized by rows changed, greyed when the version is no longer readable. Scrolls
 * sideways; zoom (Ctrl + wheel or the slider) spreads or packs the commits, so tables with
 * thousands of versions stay navigable. Click or arrow keys select a version.
 */
final class TimelineStrip extends ScrollPane {
    static final double BASE_STEP = 56;
    private static final double Y = 40;
    private final TimelineViewModel model;
    private final Pane canvas = new Pane();
    private final Map<Long, Circle> circles = new HashMap<>();
    private double step = BASE_STEP;

    TimelineStrip(TimelineViewModel model) {
        this.model = model;
        setId("ttTimeline");
        getStyleClass().add(TimeTravelStyles.STRIP);
        setContent(canvas);
        setFitToHeight(true);
        setVbarPolicy(ScrollBarPolicy.NEVER);
        setHbarPolicy(ScrollBarPolicy.AS_NEEDED);
        setPrefHeight(104);
        // Its width comes from the window, never from the (possibly very wide) strip inside.
        setPrefWidth(200);
        setMaxWidth(Double.MAX_VALUE);
        setMinHeight(104);
        setFocusTraversable(true);
        model.nodes().addListener((ListChangeListener<TimelineNode>) c -> rebuild());
        // The first layout gives the viewport its width: only then can the selection be scrolled into view.
        viewportBoundsProperty().addListener((o, a, b) -> {
            if (a == null || a.getWidth() != b.getWidth()) {
                reveal(model.selectedProperty().get());
            }
        });
        widthProperty().addListener((o, a, b) -> {
            if (Math.abs(a.doubleValue() - b.doubleValue()) > 1) {
                rebuild();
            }
        });
        model.zoomProperty().addListener((o, a, b) -> rebuild());
        model.selectedProperty().addListener((o, a, b) -> {
            mark(a, false);
            mark(b, true);
            reveal(b);
        });
        addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.isControlDown() && e.getDeltaY() != 0) {
                double z = model.zoomProperty().get() * (e.getDeltaY() > 0 ? 1.25 : 0.8);
                model.zoomProperty().set(Math.max(0.1, Math.min(4, z)));
                e.consume();
            }
        });
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.LEFT || e.getCode() == KeyCode.RIGHT) {
                move(e.getCode() == KeyCode.LEFT ? -1 : 1);
                e.consume();
            }
        });
    }

    private void move(int delta) {
        List<TimelineNode> nodes = model.nodes();
        TimelineNode cur = model.selectedProperty().get();
        int i = cur == null ? nodes.size() - 1 : nodes.indexOf(cur);
        int j = Math.max(0, Math.min(nodes.size() - 1, i + delta));
        if (!nodes.isEmpty()) {
            model.selectedProperty().set(nodes.get(j));
        }
    }

    private void rebuild() {
        canvas.getChildren().clear();
        circles.clear();
        List<TimelineNode> nodes = List.copyOf(model.nodes());
        step = Math.max(4, BASE_STEP * model.zoomProperty().get());
        // A short history spreads over the strip instead of huddling at its left edge.
        double fit = (getWidth() - 140) / Math.max(1, nodes.size() - 1);
        if (model.zoomProperty().get() >= 1 && fit > step) {
            step = Math.min(fit, BASE_STEP * 3 * model.zoomProperty().get());
        }
        double width = 60 + step * Math.max(0, nodes.size() - 1) + 60;
        Line axis = new Line(24, Y, width - 24, Y);
        axis.getStyleClass().add(TimeTravelStyles.AXIS);
        canvas.getChildren().add(axis);
        int labelEvery = (int) Math.ceil(44 / step);
        for (int i = 0; i < nodes.size(); i++) {
            TimelineNode n = nodes.get(i);
            double x = 60 + step * i;
            Circle c = new Circle(x, Y, radius(n));
            c.setId("ttNode-" + n.version());
            c.getStyleClass().addAll(TimeTravelStyles.NODE, n.kind().styleClass());
            if (!n.readable()) {
                c.getStyleClass().add(TimeTravelStyles.NODE_UNREADABLE);
            }
            Tooltip tip = new Tooltip(tooltip(n));
            tip.setShowDelay(Duration.millis(150));
            Tooltip.install(c, tip);
            c.setOnMouseClicked(e -> {
                model.selectedProperty().set(n);
                requestFocus();
            });
            circles.put(n.version(), c);
            canvas.getChildren().add(c);
            if (i % labelEvery == 0 || i == nodes.size() - 1) {
                Text label = new Text("v" + n.version());
                label.getStyleClass().add(TimeTravelStyles.NODE_LABEL);
                label.setX(x - label.getLayoutBounds().getWidth() / 2);
                label.setY(Y + 40);
                canvas.getChildren().add(label);
            }
        }
        canvas.setPrefWidth(width);
        canvas.setMinWidth(width);
        canvas.setPrefHeight(90);
        mark(model.selectedProperty().get(), true);
        reveal(model.selectedProperty().get());
    }

    private void mark(TimelineNode n, boolean on) {
        if (n == null) {
            return;
        }
        Circle c = circles.get(n.version());
        if (c != null) {
            c.getStyleClass().remove(TimeTravelStyles.NODE_SELECTED);
            if (on) {
                c.getStyleClass().add(TimeTravelStyles.NODE_SELECTED);
            }
        }
    }

    private void reveal(TimelineNode n) {
        if (n == null || !circles.containsKey(n.version())) {
            return;
        }
        double x = circles.get(n.version()).getCenterX();
        double content = canvas.getPrefWidth();
        double view = getViewportBounds() == null ? 0 : getViewportBounds().getWidth();
        if (content > view && view > 0) {
            setHvalue(Math.max(0, Math.min(1, (x - view / 2) / (content - view))));
        }
    }

    /** Radius grows with the log of rows changed, so a 1M-row load does not dwarf a 3-row correction. */
    static double radius(TimelineNode n) {
        return Math.min(17, 5 + 2.4 * Math.log10(1 + n.rowsChanged()));
    }

    static String tooltip(TimelineNode n) {
        StringBuilder sb = new StringBuilder();
        sb.append("Version ").append(n.version()).append(" · ").append(n.operation()).append(" (").append(n.kind().label()).append(")\n")
                .append(Formats.time(n.timestamp())).append("\n")
                .append("User: ").append(n.user().isBlank() ? "unknown" : n.user()).append("\n");
        if (!n.reason().isBlank()) {
            sb.append("Reason: ").append(n.reason()).append("\n");
        }
        sb.append("Rows: +").append(Formats.count(n.rowsAdded())).append("  ~").append(Formats.count(n.rowsUpdated()))
                .append("  −").append(Formats.count(n.rowsRemoved())).append("\n")
                .append("Files: +").append(n.filesAdded()).append("  −").append(n.filesRemoved());
        if (!n.schemaChanges().isEmpty() && n.version() > 0) {
            n.schemaChanges().forEach(c -> sb.append("\nSchema: ").append(c.describe()));
        }
        if (!n.readable()) {
            sb.append("\nNo longer readable: ").append(n.status().label())
                    .append(n.removedBy() >= 0 ? " (VACUUM at version " + n.removedBy() + ")" : "");
        }
        return sb.toString();
    }

    /** The circle of a version, for tests and screenshots. */
    Circle circle(long version) {
        return circles.get(version);
    }
}
