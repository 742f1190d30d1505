package io.lakelens.ui.shell;

import io.lakelens.ui.kit.Panes;
import io.lakelens.ui.kit.Styles;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Edit ▸ Preferences (Ctrl+,): the form over {@link PreferencesViewModel}; Save keeps the dialog open on a refused field. */
final class PreferencesDialog {
    static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);

    private PreferencesDialog() {
    }

    static Dialog<ButtonType> build(Window owner, PreferencesViewModel model) {
        CheckBox embedded = new CheckBox("Embedded Redis (started with the app)");
        embedded.setId("prefEmbeddedRedis");
        embedded.selectedProperty().bindBidirectional(model.embeddedRedisProperty());
        TextField redis = new TextField();
        redis.setId("prefRedisUrl");
        redis.setPromptText("redis://localhost:6379");
        redis.textProperty().bindBidirectional(model.redisUrlProperty());
        redis.disableProperty().bind(embedded.selectedProperty());
        TextField master = new TextField();
        master.setId("prefSparkMaster");
        master.setPromptText("local[*]");
        master.textProperty().bindBidirectional(model.sparkMasterProperty());
        TextField heap = new TextField();
        heap.setId("prefHeap");
        heap.setPromptText("automatic (half the memory, at most 8g)");
        heap.textProperty().bindBidirectional(model.heapProperty());
        ComboBox<ThemeChoice> theme = new ComboBox<>();
        theme.setId("prefTheme");
        theme.getItems().setAll(ThemeChoice.values());
        theme.valueProperty().bindBidirectional(model.themeProperty());
        ComboBox<Integer> page = new ComboBox<>();
        page.setId("prefPageSize");
        page.getItems().setAll(PreferencesViewModel.PAGE_SIZES);
        page.valueProperty().bindBidirectional(model.pageSizeProperty());
        TextField cache = new TextField();
        cache.setId("prefCacheMb");
        cache.setPromptText("default (a sixth of the heap, at most 768)");
        cache.textProperty().bindBidirectional(model.cacheMbProperty());

        Label nextStart = new Label("Redis, Spark master and memory apply at the next start; the launcher reads the heap "
                + "from these settings unless LAKELENS_HEAP is set.");
        nextStart.getStyleClass().add(Styles.MUTED);
        nextStart.setWrapText(true);
        Label error = new Label();
        error.setId("prefError");
        error.getStyleClass().add(Styles.ERROR_BANNER);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        error.setWrapText(true);

        VBox content = new VBox(12,
                Panes.card("Engine (next start)", Panes.form(new String[]{"Redis", "Redis URL", "Spark master", "Memory (heap)"},
                        embedded, redis, master, heap)),
                Panes.card("Workbench (now)", Panes.form(new String[]{"Theme", "Page size", "Decoded-column cache (MiB)"},
                        theme, page, cache)),
                nextStart, error);
        content.setPrefWidth(560);

        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Preferences");
        dialog.setHeaderText("Preferences");
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.getDialogPane().setId("preferences");
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().addAll(SAVE, ButtonType.CANCEL);
        Button save = (Button) dialog.getDialogPane().lookupButton(SAVE);
        save.setId("prefSave");
        save.addEventFilter(ActionEvent.ACTION, e -> {
            if (!model.save()) {
                e.consume(); // a refused field keeps the dialog open with its reason
            }
        });
        dialog.getDialogPane().addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (ImportWizard.CLOSE_KEY.match(e)) {
                dialog.close();
                e.consume();
            }
        });
        return dialog;
    }
}
