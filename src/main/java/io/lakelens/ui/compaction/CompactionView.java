package io.lakelens.ui.compaction;

import io.lakelens.ui.kit.AppIcon;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.Locale;

/**
 * The Compaction tab's view: a table picker, the error line and five sections (health, optimize,
 * vacuum, properties, scheduler), each the view of its section's model, one shown at a time.
 * Holds no state of its own.
 */
final class CompactionView extends VBox {
    /** The sections, in toggle order. */
    enum Section {
        HEALTH("Health", AppIcon.SHIELD), OPTIMIZE("Optimize", AppIcon.COMPACTION), VACUUM("Vacuum simulator", AppIcon.TIME_TRAVEL),
        PROPERTIES("Properties", AppIcon.TABLE), SCHEDULER("Scheduler", AppIcon.CLOCK);

        final String title;
        final AppIcon icon;

        Section(String title, AppIcon icon) {
            this.title = title;
            this.icon = icon;
        }

        String id() {
            return name().toLowerCase(Locale.ROOT) + "Section";
        }
    }

    private final CompactionViewModel model;
    private final ToggleGroup sections = new ToggleGroup();
    private final StackPane content = new StackPane();
    final ComboBox<String> tablePicker = new ComboBox<>();

    CompactionView(CompactionViewModel model, ObservableList<String> tables) {
        this.model = model;
        getStyleClass().add(CompactionStyles.TAB);
        setId("compactionTab");
        setPadding(new Insets(12));
        setSpacing(10);

        tablePicker.setId("compactionTable");
        tablePicker.setItems(tables);
        tablePicker.setPromptText("table");
        tablePicker.valueProperty().bindBidirectional(model.tableProperty());
        // Replacing the list (the lake re-read after a commit) clears a combo box's value; the
        // pick stays when its table is still in the lake.
        String[] picked = {model.tableProperty().get()};
        model.tableProperty().addListener((o, a, b) -> {
            if (b != null) {
                picked[0] = b;
            }
        });
        tables.addListener((ListChangeListener<String>) c -> {
            if (model.tableProperty().get() == null && picked[0] != null && tables.contains(picked[0])) {
                model.tableProperty().set(picked[0]);
            }
        });
        Button refresh = new Button("Refresh", AppIcon.REFRESH.node());
        refresh.setId("refreshHealth");
        refresh.setOnAction(e -> model.healthModel().refreshHealth());
        HBox switcher = new HBox();
        switcher.getStyleClass().add(CompactionStyles.SECTION_SWITCH);
        for (Section s : Section.values()) {
            ToggleButton b = new ToggleButton(s.title, s.icon.node());
            b.setId(s.name().toLowerCase(Locale.ROOT) + "Toggle");
            b.setUserData(s);
            b.setToggleGroup(sections);
            switcher.getChildren().add(b);
        }
        Label error = new Label();
        error.getStyleClass().addAll(CompactionStyles.WARNING);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.setWrapText(true);
        HBox top = new HBox(10, new Label("Table"), tablePicker, refresh, spacer(), switcher);
        top.setAlignment(Pos.CENTER_LEFT);

        for (Section s : Section.values()) {
            Node n = switch (s) {
                case HEALTH -> new HealthView(model.healthModel());
                case OPTIMIZE -> new OptimizeView(model.optimizeModel(), model.tableProperty());
                case VACUUM -> new VacuumView(model.vacuumModel(), model.tableProperty());
                case PROPERTIES -> new PropertiesView(model.propertiesModel());
                case SCHEDULER -> new SchedulerView(model.schedulerModel());
            };
            n.setId(s.id());
            n.setUserData(s);
            n.setVisible(false);
            content.getChildren().add(n);
        }
        sections.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
                return;
            }
            content.getChildren().forEach(n -> n.setVisible(n.getUserData() == b.getUserData()));
        });
        sections.getToggles().get(0).setSelected(true);
        VBox.setVgrow(content, Priority.ALWAYS);
        getChildren().addAll(top, error, content);
    }

    void show(Section s) {
        sections.getToggles().stream().filter(t -> t.getUserData() == s).findFirst().ifPresent(t -> t.setSelected(true));
    }

    private static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }
}
