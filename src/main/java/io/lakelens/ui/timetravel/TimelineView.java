package io.lakelens.ui.timetravel;

import io.lakelens.lake.OperationKind;
import io.lakelens.lake.TimelineNode;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/**
 * The top of the Time Travel tab: toolbar (jump, zoom, reload), the timeline strip with its
 * legend, the selected commit's details and the tab's error line. Binds to
 * {@link TimelineViewModel}; the title, busy mark and error come from the tab's model.
 */
final class TimelineView extends VBox {
    private final TimeTravelViewModel model;
    private final TimelineViewModel timeline;
    private final TimelineStrip strip;

    TimelineView(TimeTravelViewModel model) {
        super(8);
        this.model = model;
        this.timeline = model.timelineModel();
        this.strip = new TimelineStrip(timeline);
        getChildren().addAll(toolbar(), strip, legend(), details());
    }

    TimelineStrip strip() {
        return strip;
    }

    /** The node's circle on the strip, or null. */
    Circle circleOf(TimelineNode n) {
        return n == null ? null : strip.circle(n.version());
    }

    private HBox toolbar() {
        Label title = new Label();
        title.getStyleClass().add(Styles.SECTION_TITLE);
        title.setGraphic(AppIcon.TIME_TRAVEL.node());
        title.textProperty().bind(Bindings.createStringBinding(() -> {
            String t = model.tableProperty().get();
            int n = timeline.nodes().size();
            return (t == null ? "" : t) + (n == 0 ? "" : " · " + n + " version" + (n == 1 ? "" : "s"));
        }, model.tableProperty(), timeline.nodes()));

        TextField jump = new TextField();
        jump.setId("ttJumpField");
        jump.setPromptText("Version or date-time, e.g. 12 or 2024-03-15T10:00:00Z");
        jump.setPrefColumnCount(24);
        jump.textProperty().bindBidirectional(timeline.jumpTextProperty());
        jump.setOnAction(e -> timeline.jump());
        Button go = new Button("Jump", AppIcon.CALENDAR.node());
        go.setId("ttJumpButton");
        go.setOnAction(e -> timeline.jump());

        Slider zoom = new Slider(0.1, 4, 1);
        zoom.setId("ttZoom");
        zoom.setPrefWidth(140);
        zoom.valueProperty().bindBidirectional(timeline.zoomProperty());
        Label zoomLabel = new Label("Zoom");
        zoomLabel.getStyleClass().add(Styles.MUTED);

        Button reload = new Button("Reload", AppIcon.REFRESH.node());
        reload.setId("ttReload");
        reload.setOnAction(e -> timeline.load());

        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(model.busyProperty());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10, title, spacer, jump, go, zoomLabel, zoom, reload, busy);
        if (model.isReadOnly()) {
            Label ro = new Label("Read-only lake: restore is hidden");
            ro.setId("ttReadOnly");
            ro.getStyleClass().add(Styles.MUTED);
            bar.getChildren().add(1, ro);
        }
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add(TimeTravelStyles.TOOLBAR);
        return bar;
    }

    private HBox legend() {
        HBox legend = new HBox(12);
        legend.getStyleClass().add(TimeTravelStyles.LEGEND);
        for (OperationKind k : OperationKind.values()) {
            Circle dot = new Circle(5);
            dot.getStyleClass().addAll(TimeTravelStyles.LEGEND_DOT, TimeTravelStyles.NODE, k.styleClass());
            Label l = new Label(k.label(), dot);
            l.getStyleClass().add(Styles.MUTED);
            legend.getChildren().add(l);
        }
        Circle grey = new Circle(5);
        grey.getStyleClass().addAll(TimeTravelStyles.LEGEND_DOT, TimeTravelStyles.NODE, TimeTravelStyles.NODE_UNREADABLE);
        Label unreadable = new Label("no longer readable", grey);
        unreadable.getStyleClass().add(Styles.MUTED);
        Label size = new Label("size = rows changed · Ctrl+wheel zooms · ←/→ step");
        size.getStyleClass().add(Styles.MUTED);
        legend.getChildren().addAll(unreadable, size);
        legend.setAlignment(Pos.CENTER_LEFT);
        return legend;
    }

    private VBox details() {
        Label details = new Label();
        details.setId("ttDetails");
        details.getStyleClass().add(TimeTravelStyles.DETAILS);
        details.textProperty().bind(Bindings.createStringBinding(() -> TimelineViewModel.describe(timeline.selectedProperty().get()),
                timeline.selectedProperty()));
        Label unreadable = new Label();
        unreadable.setId("ttUnreadable");
        unreadable.getStyleClass().add(TimeTravelStyles.WARNING);
        unreadable.textProperty().bind(Bindings.createStringBinding(() -> timeline.unreadableReason(timeline.selectedProperty().get()),
                timeline.selectedProperty()));
        unreadable.visibleProperty().bind(unreadable.textProperty().isNotEmpty());
        unreadable.managedProperty().bind(unreadable.visibleProperty());
        unreadable.setWrapText(true);
        Label error = new Label();
        error.setId("ttError");
        error.getStyleClass().add(Styles.ERROR_BANNER);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        error.setWrapText(true);
        return new VBox(4, details, unreadable, error);
    }
}
