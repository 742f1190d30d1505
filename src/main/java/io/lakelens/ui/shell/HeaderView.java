package io.lakelens.ui.shell;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Tweaks;
import io.lakelens.data.DatasetSize;
import io.lakelens.data.Tables;
import io.lakelens.lake.LakeTable;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.Connections;
import io.lakelens.ui.kit.LakeState;
import io.lakelens.ui.kit.Styles;
import io.lakelens.ui.kit.UiServices;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.MapChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import java.nio.file.Path;
import java.util.Locale;

import static atlantafx.base.theme.Styles.BUTTON_ICON;
import static atlantafx.base.theme.Styles.FLAT;

/** App name, dataset selector with its size badge and record count, table picker, connections, window menu. */
final class HeaderView extends HBox {
    private final Label badge = new Label();
    private final Label records = new Label();
    private final ComboBox<Path> lakes = new ComboBox<>();
    private final ComboBox<String> tablePicker = new ComboBox<>();

    HeaderView(UiServices services, WindowActions actions) {
        getStyleClass().add(Styles.HEADER);
        setId("header");

        Label title = new Label("LakeLens", AppIcon.APP.node());
        title.getStyleClass().add(Styles.APP_TITLE);
        title.setMinWidth(USE_PREF_SIZE);

        badge.setId("datasetBadge");
        badge.getStyleClass().addAll(Styles.BADGE, Styles.DATASET_BADGE);
        records.setId("recordCount");
        records.getStyleClass().add(Styles.SECTION_TITLE);
        badge.setMinWidth(USE_PREF_SIZE);
        records.setMinWidth(USE_PREF_SIZE);
        LakeState lake = services.lake();
        lake.datasetProperty().addListener((o, a, b) -> showDataset(b, lake.rowsProperty().get(), lake));
        lake.rowsProperty().addListener((o, a, b) -> showDataset(lake.datasetProperty().get(), b.longValue(), lake));
        lake.loadedProperty().addListener((o, a, b) -> showDataset(lake.datasetProperty().get(), lake.rowsProperty().get(), lake));
        showDataset(null, -1, lake);

        lakes.setId("datasetSelector");
        lakes.setPrefWidth(190);
        lakes.setMaxWidth(220);
        lakes.setMinWidth(120);
        lakes.setItems(FXCollections.observableArrayList(actions.knownLakes()));
        lakes.getSelectionModel().select(lake.root());
        lakes.setCellFactory(v -> new LakeCell(lake.root()));
        lakes.setButtonCell(new LakeCell(lake.root()));
        lakes.setTooltip(new Tooltip("Dataset: the lake folder this window shows"));
        lakes.setOnShowing(e -> {
            Path current = lake.root();
            lakes.getItems().setAll(actions.knownLakes());
            lakes.getSelectionModel().select(current);
        });
        lakes.setOnAction(e -> {
            Path chosen = lakes.getValue();
            if (chosen != null && !chosen.equals(lake.root())) {
                actions.openLake(chosen);
            }
        });

        HBox dataset = new HBox(8, badge, records, lakes);
        dataset.setAlignment(Pos.CENTER_LEFT);

        tablePicker.setId("tablePicker");
        tablePicker.setMinWidth(170);
        tablePicker.setItems(lake.tables());
        tablePicker.valueProperty().bindBidirectional(lake.tableProperty());
        tablePicker.setPromptText("No tables");
        tablePicker.setTooltip(new Tooltip("The table the tabs show"));
        // a table whose log does not open is greyed, its reason in the tooltip; it can still be picked
        tablePicker.setCellFactory(list -> new TableCell(lake));
        lake.states().addListener((MapChangeListener<String, LakeTable>) c ->
                tablePicker.setCellFactory(list -> new TableCell(lake)));
        Label tableIcon = new Label(null, AppIcon.TABLE.node());

        Indicator spark = new Indicator("sparkIndicator");
        Connections c = services.connections();
        Runnable showSpark = () -> spark.show(switch (c.sparkProperty().get()) {
            case STARTING -> Indicator.State.BUSY;
            case LOCAL, REMOTE -> Indicator.State.OK;
            case DOWN -> Indicator.State.DOWN;
        }, c.sparkProperty().get().label(), c.sparkDetailProperty().get());
        c.sparkProperty().addListener((o, a, b) -> showSpark.run());
        c.sparkDetailProperty().addListener((o, a, b) -> showSpark.run());
        showSpark.run();

        Indicator cache = new Indicator("cacheIndicator");
        Runnable showCache = () -> cache.show(switch (c.cacheProperty().get()) {
            case CONNECTING -> Indicator.State.BUSY;
            case EMBEDDED, EXTERNAL -> Indicator.State.OK;
            case DOWN -> Indicator.State.DOWN;
            case OFF -> Indicator.State.OFF;
        }, c.cacheProperty().get().label(), c.cacheDetailProperty().get());
        c.cacheProperty().addListener((o, a, b) -> showCache.run());
        c.cacheDetailProperty().addListener((o, a, b) -> showCache.run());
        showCache.run();

        Label lakePath = new Label(abbreviate(lake.root().toString()), AppIcon.LAKE.node());
        lakePath.setId("lakePath");
        lakePath.getStyleClass().add(Styles.MUTED);
        lakePath.setMinWidth(60);
        HBox.setHgrow(lakePath, Priority.SOMETIMES);
        lakePath.setTooltip(new Tooltip("Lake: " + lake.root()
                + (services.config().readOnly() ? " (read-only)" : "")));

        Button capture = new Button(null, AppIcon.CAMERA.node());
        capture.setId("captureButton");
        capture.getStyleClass().addAll(BUTTON_ICON, FLAT);
        capture.setTooltip(new Tooltip("Capture current view (PNG)"));
        capture.setOnAction(e -> actions.captureCurrentView());

        Button theme = new Button();
        theme.setId("themeToggle");
        theme.getStyleClass().addAll(BUTTON_ICON, FLAT);
        theme.graphicProperty().bind(Bindings.createObjectBinding(
                () -> (actions.themeProperty().get() == Themes.DARK ? AppIcon.LIGHT : AppIcon.DARK).node(),
                actions.themeProperty()));
        theme.setTooltip(new Tooltip("Switch light / dark theme"));
        theme.setOnAction(e -> actions.themeProperty().set(actions.themeProperty().get() == Themes.DARK ? Themes.LIGHT : Themes.DARK));

        MenuButton menu = new MenuButton(null, AppIcon.MENU.node());
        menu.setId("mainMenu");
        menu.getStyleClass().addAll(BUTTON_ICON, FLAT,
                Tweaks.NO_ARROW);
        MenuItem captureItem = new MenuItem("Capture current view", AppIcon.CAMERA.node());
        captureItem.setId("captureMenuItem");
        captureItem.setOnAction(e -> actions.captureCurrentView());
        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setId("darkThemeMenuItem");
        dark.setSelected(actions.themeProperty().get() == Themes.DARK);
        actions.themeProperty().addListener((o, a, b) -> dark.setSelected(b == Themes.DARK));
        dark.setOnAction(e -> actions.themeProperty().set(dark.isSelected() ? Themes.DARK : Themes.LIGHT));
        MenuItem open = new MenuItem("Open lake folder…", AppIcon.LAKE.node());
        open.setId("openLakeMenuItem");
        open.setOnAction(e -> actions.chooseLakeFolder());
        CheckMenuItem api = new CheckMenuItem("Serve the local API (127.0.0.1:8081)", AppIcon.SERVER.node());
        api.setId("apiMenuItem");
        api.setSelected(actions.apiServingProperty().get());
        actions.apiServingProperty().addListener((o, a, b) -> api.setSelected(b));
        api.setOnAction(e -> actions.serveApi(api.isSelected()));
        MenuItem prefs = new MenuItem("Preferences…\tCtrl+,");
        prefs.setId("preferencesMenuItem");
        prefs.setOnAction(e -> actions.showPreferences());
        MenuItem keys = new MenuItem("Keyboard shortcuts", AppIcon.KEYBOARD.node());
        keys.setId("shortcutsMenuItem");
        keys.setOnAction(e -> actions.showShortcuts());
        MenuItem about = new MenuItem("About LakeLens", AppIcon.INFO.node());
        about.setId("aboutMenuItem");
        about.setOnAction(e -> actions.showAbout());
        MenuItem logs = new MenuItem("Open log folder");
        logs.setId("logFolderMenuItem");
        logs.setOnAction(e -> actions.openLogFolder());
        MenuItem report = new MenuItem("Report a problem… (copies a diagnostic summary)");
        report.setId("reportProblemMenuItem");
        report.setOnAction(e -> actions.reportProblem());
        Menu help = new Menu("Help");
        help.setId("helpMenu");
        help.getItems().addAll(keys, logs, report, new SeparatorMenuItem(), about);
        MenuItem quit = new MenuItem("Quit");
        quit.setId("quitMenuItem");
        quit.setOnAction(e -> actions.quit());
        menu.getItems().addAll(captureItem, dark, open, api, prefs, new SeparatorMenuItem(), help, new SeparatorMenuItem(), quit);

        Separator s1 = vertical();
        Separator s2 = vertical();
        Separator s3 = vertical();
        HBox table = new HBox(6, tableIcon, tablePicker);
        table.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(title, s1, dataset, s2, table, s3, spark, cache, lakePath, new Spacer(), theme, capture, menu);

        spark.setMinWidth(USE_PREF_SIZE);
        cache.setMinWidth(USE_PREF_SIZE);
        services.compactProperty().addListener((o, a, b) -> {
            compact(b, lakes, s2, s3, table, lakePath);
            spark.setContentDisplay(b ? ContentDisplay.GRAPHIC_ONLY : ContentDisplay.LEFT);
            cache.setContentDisplay(b ? ContentDisplay.GRAPHIC_ONLY : ContentDisplay.LEFT);
        });
        compact(services.isCompact(), lakes, s2, s3, table, lakePath);
    }

    private static void compact(boolean on, Node... hidden) {
        for (Node n : hidden) {
            n.setVisible(!on);
            n.setManaged(!on);
        }
    }

    private void showDataset(DatasetSize size, long rows, LakeState lake) {
        for (DatasetSize s : DatasetSize.values()) {
            badge.getStyleClass().remove(s.styleClass());
        }
        if (rows >= 0) {
            // the badge names the size LakeLens generated; a lake it did not generate has none
            if (size != null) {
                badge.setText(size.name() + " DATASET");
                badge.getStyleClass().add(size.styleClass());
                badge.setTooltip(new Tooltip(size.label() + " dataset: generated with about "
                        + String.format(Locale.ROOT, "%,d", size.rows()) + " market-data rows, " + size.symbols() + " symbols"));
            }
            badge.setVisible(size != null);
            badge.setManaged(size != null);
            records.setText(String.format(Locale.ROOT, "%,d financial records", rows));
        } else {
            badge.setVisible(false);
            badge.setManaged(false);
            records.setText(!lake.loadedProperty().get() ? "Opening lake…"
                    : lake.tables().isEmpty() ? "Empty lake"
                    : lake.tables().contains(Tables.MarketData.NAME) ? "Counting records…" : "No market data");
        }
    }

    private static Separator vertical() {
        return new Separator(Orientation.VERTICAL);
    }

    static String abbreviate(String path) {
        String home = System.getProperty("user.home");
        String p = home != null && path.startsWith(home) ? "~" + path.substring(home.length()) : path;
        return p.length() > 42 ? "…" + p.substring(p.length() - 41) : p;
    }

    /** A lake in the dataset selector: its folder name, and where it is. */
    private static final class LakeCell extends ListCell<Path> {
        private final Path current;

        LakeCell(Path current) {
            this.current = current;
        }

        @Override
        protected void updateItem(Path item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            setText(item.getFileName() == null ? item.toString() : item.getFileName().toString());
            setTooltip(new Tooltip(item + (item.equals(current) ? " (open)" : "")));
        }
    }

    /** A table in the picker: greyed with its reason as tooltip when its log does not open. */
    private static final class TableCell extends ListCell<String> {
        private static final PseudoClass UNREADABLE = PseudoClass.getPseudoClass("unreadable");
        private final LakeState lake;

        TableCell(LakeState lake) {
            this.lake = lake;
        }

        @Override
        protected void updateItem(String name, boolean empty) {
            super.updateItem(name, empty);
            LakeTable state = empty || name == null ? null : lake.states().get(name);
            boolean broken = state != null && !state.readable();
            setText(empty ? null : name);
            pseudoClassStateChanged(UNREADABLE, broken);
            setTooltip(broken ? new Tooltip(state.reason()) : null);
        }
    }
}
