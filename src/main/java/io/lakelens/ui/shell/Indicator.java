package io.lakelens.ui.shell;

import io.lakelens.ui.kit.Styles;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.shape.Circle;

/** A coloured dot and a label: one connection's state in the header. */
final class Indicator extends Label {
    enum State {
        OK(Styles.INDICATOR_OK), BUSY(Styles.INDICATOR_BUSY), DOWN(Styles.INDICATOR_DOWN), OFF(Styles.INDICATOR_OFF);

        final String styleClass;

        State(String styleClass) {
            this.styleClass = styleClass;
        }
    }

    private final Tooltip tooltip = new Tooltip();

    Indicator(String id) {
        setId(id);
        Circle dot = new Circle(4.5);
        dot.getStyleClass().add("ll-dot");
        setGraphic(dot);
        getStyleClass().add(Styles.INDICATOR);
        setTooltip(tooltip);
    }

    void show(State state, String text, String detail) {
        for (State s : State.values()) {
            getStyleClass().remove(s.styleClass);
        }
        getStyleClass().add(state.styleClass);
        setText(text);
        tooltip.setText(detail == null || detail.isBlank() ? text : detail);
    }
}
