package io.lakelens.ui.shell;

import io.lakelens.data.DatasetSize;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.Locale;

import static atlantafx.base.theme.Styles.ACCENT;

/** Shown instead of the tabs while the lake has no tables: offers to generate a dataset. */
final class FirstRunView extends StackPane {

    FirstRunView(FirstRunViewModel model, String lakePath) {
        setId("firstRun");
        Label icon = new Label(null, AppIcon.GENERATE.node());
        icon.getGraphic().getStyleClass().add("ll-icon-hero");
        Label headline = new Label("This lake is empty");
        headline.getStyleClass().add("ll-headline");
        Label text = new Label("Generate a synthetic market-data lake — prices, trades, holdings and events with a "
                + "real version history — and start searching. It is written to " + lakePath + ".");
        text.setWrapText(true);
        text.getStyleClass().add(Styles.MUTED);
        text.setMaxWidth(520);

        ToggleGroup group = new ToggleGroup();
        HBox sizes = new HBox(8);
        sizes.setAlignment(Pos.CENTER);
        for (DatasetSize s : FirstRunViewModel.OFFERED) {
            long r = s.rows();
            String rows = r >= 1_000_000 ? r / 1_000_000 + "M" : r >= 1_000 ? r / 1_000 + "K" : Long.toString(r);
            ToggleButton b = new ToggleButton(s.label() + "\n" + rows + " rows");
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.setId("size-" + s.name().toLowerCase(Locale.ROOT));
            b.setToggleGroup(group);
            b.setUserData(s);
            b.setSelected(s == model.sizeProperty().get());
            b.getStyleClass().add("ll-size-choice");
            Label dot = new Label();
            dot.getStyleClass().addAll(Styles.BADGE, s.styleClass());
            dot.setText(" ");
            b.setGraphic(dot);
            sizes.getChildren().add(b);
        }
        group.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
            } else {
                model.sizeProperty().set((DatasetSize) b.getUserData());
            }
        });
        sizes.disableProperty().bind(model.runningProperty());

        Button generate = new Button("Generate dataset", AppIcon.GENERATE.node());
        generate.setId("generateButton");
        generate.getStyleClass().add(ACCENT);
        generate.setDefaultButton(true);
        generate.disableProperty().bind(model.runningProperty());
        generate.setOnAction(e -> model.generate());
        if (model.isReadOnly()) {
            generate.setDisable(true);
            text.setText("This lake is empty and open read-only; open it without --read-only to generate a dataset.");
        }
        Button cancel = new Button("Cancel", AppIcon.CANCEL.node());
        cancel.setId("cancelGeneration");
        cancel.visibleProperty().bind(model.runningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> model.cancel());
        HBox buttons = new HBox(8, generate, cancel);
        buttons.setAlignment(Pos.CENTER);

        ProgressBar bar = new ProgressBar();
        bar.setId("generationProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(model.progressProperty());
        bar.visibleProperty().bind(model.runningProperty());
        Label step = new Label();
        step.setId("generationStep");
        step.getStyleClass().add(Styles.MUTED);
        step.textProperty().bind(model.stepProperty());
        Label error = new Label();
        error.setId("generationError");
        error.getStyleClass().add(Styles.DOWN);
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(Bindings.isNotEmpty(model.errorProperty()));

        VBox card = new VBox(14, icon, headline, text, sizes, buttons, bar, step, error);
        card.getStyleClass().addAll(Styles.CARD, Styles.EMPTY_STATE);
        card.setMaxHeight(USE_PREF_SIZE);
        getChildren().add(card);
    }
}
