package io.lakelens.ui.kit;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The small layouts the tabs share: a titled card and a label/field form. */
public final class Panes {
    private Panes() {
    }

    /** A card: a section title over {@code children}, spaced 8 px apart. */
    public static VBox card(String title, Node... children) {
        Label t = new Label(title);
        t.getStyleClass().add(Styles.SECTION_TITLE);
        VBox box = new VBox(8);
        box.getStyleClass().add(Styles.CARD);
        box.getChildren().add(t);
        box.getChildren().addAll(children);
        return box;
    }

    /** Rows of {@code labels[i]} beside {@code fields[i]}; the fields take the spare width. */
    public static GridPane form(String[] labels, Node... fields) {
        if (labels.length != fields.length) {
            throw new IllegalArgumentException(labels.length + " labels for " + fields.length + " fields");
        }
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        for (int i = 0; i < labels.length; i++) {
            Label l = new Label(labels[i]);
            l.getStyleClass().add(Styles.FORM_LABEL);
            g.addRow(i, l, fields[i]);
            GridPane.setHgrow(fields[i], Priority.ALWAYS);
        }
        return g;
    }
}
