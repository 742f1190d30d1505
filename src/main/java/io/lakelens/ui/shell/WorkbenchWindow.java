package io.lakelens.ui.shell;

import io.lakelens.UserHome;
import io.lakelens.Config;
import io.lakelens.api.ApiOptions;
import io.lakelens.data.DatasetSize;
import io.lakelens.search.DefaultSearchService;
import io.lakelens.search.SearchSettings;
import io.lakelens.search.StrategyKind;
import io.lakelens.ui.kit.BackgroundTask;
import io.lakelens.ui.kit.Folders;
import io.lakelens.ui.kit.Grids;
import io.lakelens.ui.kit.LakeState;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.UiServices;
import io.lakelens.ui.kit.WorkbenchTab;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyEvent;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The workbench window: one stage, one scene, one {@link Workbench} at a time (opening another
 * lake replaces it), theme, keyboard shortcuts, remembered size, and capture to PNG.
 */
public final class WorkbenchWindow implements WindowActions {
    public static final double DEFAULT_WIDTH = 1440;
    public static final double DEFAULT_HEIGHT = 900;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT);
    private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final Stage stage;
    private final WorkbenchSettings settings;
    private final List<WorkbenchTab.Factory> tabs;
    private final ObjectProperty<Themes> theme = new SimpleObjectProperty<>();
    private final BooleanProperty apiServing = new SimpleBooleanProperty();
    private final Scene scene;
    private Config config;
    private Workbench workbench;
    private WorkbenchView view;

    /** Builds the window over {@code config}'s lake with {@code tabs}. Call on the FX thread. */
    public WorkbenchWindow(Stage stage, Config config, List<WorkbenchTab.Factory> tabs, WorkbenchSettings settings,
                           Themes initialTheme) {
        this.stage = stage;
        this.settings = settings;
        this.tabs = List.copyOf(tabs);
        this.config = config;
        this.workbench = new Workbench(config, this.tabs);
        this.view = new WorkbenchView(workbench, this, settings);
        this.scene = new Scene(view, settings.width(DEFAULT_WIDTH), settings.height(DEFAULT_HEIGHT));
        theme.addListener((o, a, b) -> {
            b.apply(scene);
            settings.theme(b);
            settings.save();
        });
        theme.set(initialTheme);
        stage.setScene(scene);
        // a stage shown before (another window's) keeps its old size unless told to fit the new scene
        stage.sizeToScene();
        stage.setTitle("LakeLens — " + config.lakeRoot());
        stage.setMinWidth(560);
        stage.setMinHeight(480);
        settings.position().filter(p -> onAScreen(p[0], p[1], scene.getWidth(), visibleBounds())).ifPresent(p -> {
            stage.setX(p[0]);
            stage.setY(p[1]);
        });
        stage.setMaximized(settings.maximized());
        for (int size : new int[]{16, 32, 48, 64, 128, 256}) {
            InputStream icon = WorkbenchWindow.class.getResourceAsStream("/io/lakelens/assets/icons/lakelens-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new Image(icon));
            }
        }
        installShortcuts();
        Grids.installOn(scene, workbench.services().tasks(), workbench.services().notifier());
        ImportWizard.installDrop(scene, () -> workbench.services());
        applyPreferences();
        stage.setOnCloseRequest(e -> rememberWindow());
    }

    private static List<Rectangle2D> visibleBounds() {
        return Screen.getScreens().stream().map(Screen::getVisualBounds).toList();
    }

    /**
     * Whether a window at ({@code x}, {@code y}) and {@code width} wide would show enough of its
     * title bar on one of {@code screens} to be dragged: a saved position on a screen that is
     * gone (a laptop off its dock) is dropped and the system places the window instead.
     */
    static boolean onAScreen(double x, double y, double width, List<Rectangle2D> screens) {
        Rectangle2D titleBar = new Rectangle2D(x, y, Math.max(1, width), 32);
        for (Rectangle2D s : screens) {
            double w = Math.min(titleBar.getMaxX(), s.getMaxX()) - Math.max(titleBar.getMinX(), s.getMinX());
            double h = Math.min(titleBar.getMaxY(), s.getMaxY()) - Math.max(titleBar.getMinY(), s.getMinY());
            if (w >= Math.min(120, width) && h >= 16) {
                return true;
            }
        }
        return false;
    }

    public Stage stage() {
        return stage;
    }

    public Workbench workbench() {
        return workbench;
    }

    WorkbenchView view() {
        return view;
    }

    /** Shows the window and starts Spark and the lake scan. */
    public void show() {
        stage.show();
        workbench.start();
        settings.lake(config.lakeRoot());
        settings.save();
    }

    @Override
    public ObjectProperty<Themes> themeProperty() {
        return theme;
    }

    private void installShortcuts() {
        var acc = scene.getAccelerators();
        for (int i = 1; i <= 9; i++) {
            int index = i - 1;
            acc.put(new KeyCodeCombination(KeyCode.getKeyCode(Integer.toString(i)), KeyCombination.SHORTCUT_DOWN),
                    () -> view.select(index));
        }
        acc.put(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN), () -> {
            view.select("search");
            Node field = scene.lookup("#searchField");
            if (field != null) {
                field.requestFocus();
            }
        });
        acc.put(new KeyCodeCombination(KeyCode.LEFT, KeyCombination.ALT_DOWN), () -> press("#previousPage"));
        acc.put(new KeyCodeCombination(KeyCode.RIGHT, KeyCombination.ALT_DOWN), () -> press("#nextPage"));
        acc.put(new KeyCodeCombination(KeyCode.F5), this::refresh);
        acc.put(new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN), () -> view.selected().ifPresent(WorkbenchTab::closeSubView));
        acc.put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), this::quit);
        acc.put(new KeyCodeCombination(KeyCode.F1), this::showShortcuts);
        acc.put(new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN), this::showPreferences);
        // Esc cancels the job started last; a dialog's own Esc closes the dialog first.
        scene.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && cancelRunningJob()) {
                e.consume();
            }
        });
    }

    /** F5: reread the lake's tables and let the tab on screen refresh what it shows. */
    void refresh() {
        workbench.services().lake().refresh();
        view.refreshWatchlist();
        view.selected().ifPresent(WorkbenchTab::onShown);
    }

    /** Cancels the background job started last (the one the analyst most likely means); false when none runs. */
    boolean cancelRunningJob() {
        var running = workbench.services().tasks().running();
        if (running.isEmpty()) {
            return false;
        }
        running.get(running.size() - 1).cancel();
        return true;
    }

    /** Fires a paging button of the tab on screen, if it has one and it is enabled. */
    private void press(String selector) {
        view.selected().ifPresent(tab -> {
            Node n = tab.view().lookup(selector);
            if (n instanceof Button b && !b.isDisabled() && b.isVisible()) {
                b.fire();
            }
        });
    }

    private void rememberWindow() {
        settings.window(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized());
        settings.save();
    }

    @Override
    public List<Path> knownLakes() {
        Set<Path> lakes = new LinkedHashSet<>();
        lakes.add(config.lakeRoot());
        settings.recentLakes().stream().filter(Files::isDirectory).forEach(lakes::add);
        Path shots = ScreenshotRun.screenshotLakes();
        if (Files.isDirectory(shots)) {
            try (Stream<Path> dirs = Files.list(shots)) {
                dirs.filter(Files::isDirectory).sorted().forEach(lakes::add);
            } catch (IOException ignored) {
                // an unreadable folder just offers fewer lakes
            }
        }
        return new ArrayList<>(lakes);
    }

    @Override
    public void openLake(Path lake) {
        Path target = lake.toAbsolutePath().normalize();
        if (target.equals(config.lakeRoot())) {
            return;
        }
        Workbench old = workbench;
        apiServing.set(false); // the old lake's API stops with its workbench
        config = config.withLake(target);
        workbench = new Workbench(config, tabs);
        view = new WorkbenchView(workbench, this, settings);
        scene.setRoot(view);
        theme.get().apply(scene);
        applyPreferences();
        stage.setTitle("LakeLens — " + target);
        settings.lake(target);
        settings.save();
        Workbench fresh = workbench;
        // The old engine stops its Spark session; the new one must start after that, not share it.
        Thread closer = new Thread(() -> {
            old.close();
            fresh.services().tasks().ui(fresh::start);
        }, "lakelens-switch-lake");
        closer.setDaemon(true);
        closer.start();
    }

    @Override
    public void chooseLakeFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a lake folder (one sub-folder per Delta table)");
        File start = config.lakeRoot().toFile();
        if (start.isDirectory()) {
            chooser.setInitialDirectory(start);
        }
        File chosen = chooser.showDialog(stage);
        if (chosen != null) {
            openLake(chosen.toPath());
        }
    }

    /** Every shortcut of the window, the grids and the SQL console (Ctrl is Cmd on macOS). */
    static final String SHORTCUTS = """
            Window
              Ctrl+1 … Ctrl+9     switch tabs
              F5                  refresh the lake and the tab on screen
              Ctrl+W              close the tab's open sub-view (Time Travel: compare,
                                  schema or restore; Audit: the row history)
              Esc                 cancel the job started last (or close a dialog)
              F1                  this list
              Ctrl+,              preferences
              Ctrl+Q              quit
            Search
              Enter               search
              Ctrl+L              focus the search field
              Alt+← / Alt+→       previous / next page
            Grids (every result table)
              Ctrl+C              copy the selected rows as tab-separated text with a header
              Shift/Ctrl+click    select several rows
              Right-click         copy as CSV or as an SQL IN list, export (all rows where the grid can)
              Right-click header  sort, hide or show columns
              Drop a file         import a CSV, JSON or Parquet file or folder into the lake
            SQL console
              Ctrl+Enter          run
              Ctrl+Space          complete a table or column name""";

    @Override
    public void showShortcuts() {
        Label text = new Label(SHORTCUTS);
        text.setId("shortcutsList");
        text.setStyle("-fx-font-family: monospace");
        Alert alert = new Alert(Alert.AlertType.INFORMATION, null, ButtonType.CLOSE);
        alert.getDialogPane().setContent(text);
        alert.setHeaderText("Keyboard shortcuts");
        alert.setTitle("LakeLens");
        alert.initOwner(stage);
        alert.show();
    }

    /** The preferences that apply to a running workbench: page size and the decoded-column cache's bound. */
    private void applyPreferences() {
        workbench.services().pageSizeProperty().set(settings.pageSizeOr(20));
        settings.decodedCacheMb().ifPresent(this::applyCacheMb);
    }

    private void applyCacheMb(long mb) {
        if (workbench.services().search() instanceof DefaultSearchService search) {
            search.decodedCacheBudget(mb < 0 ? SearchSettings.defaults().decodedCacheBytes() : mb * 1024 * 1024);
        }
    }

    PreferencesViewModel preferences() {
        return new PreferencesViewModel(settings, theme::set, n -> workbench.services().pageSizeProperty().set(n), this::applyCacheMb);
    }

    @Override
    public void showPreferences() {
        PreferencesDialog.build(stage, preferences()).show();
    }

    @Override
    public void showAbout() {
        About.dialog(stage, workbench.services()).show();
    }

    @Override
    public void openLogFolder() {
        Folders.open(UserHome.logFolder(), workbench.services().notifier());
    }

    @Override
    public void reportProblem() {
        UiServices s = workbench.services();
        BackgroundTask.wrap(() -> About.diagnostics(s, WorkbenchSettings.defaultFile(), 200))
                .onSuccess(text -> {
                    ClipboardContent c = new ClipboardContent();
                    c.putString(text);
                    Clipboard.getSystemClipboard().setContent(c);
                    s.notifier().success("Copied a diagnostic summary (versions, settings, the last log lines) to the clipboard; "
                            + "paste it into your report.");
                })
                .onFailure(s.notifier()::error)
                .executeWith(s.tasks());
    }

    @Override
    public void serveApi(boolean on) {
        Workbench wb = workbench;
        Notifier notifier = wb.services().notifier();
        if (on) {
            BackgroundTask.wrap(() -> wb.startApi(ApiOptions.defaults()))
                    .onSuccess(api -> {
                        apiServing.set(workbench == wb);
                        notifier.success("API on " + api.baseUri() + "/api/ (this machine only) · token in "
                                + api.tokenFile().map(Object::toString).orElse("memory"));
                    })
                    .onFailure(e -> {
                        apiServing.set(false);
                        notifier.error(e);
                    })
                    .executeWith(wb.services().tasks());
        } else {
            BackgroundTask.wrap(wb::stopApi)
                    .onSuccess(x -> {
                        apiServing.set(false);
                        notifier.info("API stopped");
                    })
                    .executeWith(wb.services().tasks());
        }
    }

    @Override
    public ReadOnlyBooleanProperty apiServingProperty() {
        return apiServing;
    }

    @Override
    public void quit() {
        rememberWindow();
        stage.close();
    }

    @Override
    public void captureCurrentView() {
        Path dir = Path.of(System.getProperty("user.home"), ".lakelens", "captures");
        Path file = dir.resolve("lakelens-" + FILE_STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + ".png");
        BufferedImage image = snapshot(null);
        Notifier notifier = workbench.services().notifier();
        BackgroundTask.wrap(() -> {
                    Png.write(image, file);
                    return file;
                })
                .onSuccess(f -> notifier.success("Saved the view to " + f))
                .onFailure(notifier::error)
                .executeWith(workbench.services().tasks());
    }

    /**
     * Snapshots the window with the evidence footer stamped under it. Call on the FX thread.
     *
     * @param strategy the strategy to stamp, or null to use the last one the status bar saw
     */
    BufferedImage snapshot(StrategyKind strategy) {
        view.showFooter(footer(strategy));
        try {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            WritableImage image = scene.snapshot(null);
            return Png.toBuffered(image);
        } finally {
            view.hideFooter();
        }
    }

    private List<String> footer(StrategyKind strategy) {
        UiServices s = workbench.services();
        LakeState lake = s.lake();
        DatasetSize size = lake.datasetProperty().get();
        long rows = lake.rowsProperty().get();
        StrategyKind k = strategy != null ? strategy : s.status().lastStrategy();
        long version = lake.tableVersionProperty().get();
        List<String> parts = new ArrayList<>();
        parts.add("Dataset: " + (size == null ? "none" : size.name() + " · " + String.format(Locale.ROOT, "%,d records", rows)));
        parts.add("Table: " + lake.tableProperty().get() + (version < 0 ? "" : " v" + version));
        parts.add("Strategy: " + (k == null ? "—" : k.displayName()));
        parts.add("Captured " + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)));
        parts.add("Lake: " + HeaderView.abbreviate(lake.root().toString()));
        return parts;
    }

    /** Closes the lake's services (Spark, cache); the stage is the caller's. */
    public void close() {
        workbench.close();
    }
}
