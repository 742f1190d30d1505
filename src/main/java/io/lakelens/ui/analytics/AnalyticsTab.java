package io.lakelens.ui.analytics;

import io.lakelens.UserHome;
import io.lakelens.analytics.AnalysisKind;
import io.lakelens.analytics.AnalyticsService;
import io.lakelens.analytics.ConsoleStore;
import io.lakelens.analytics.QueryService;
import io.lakelens.analytics.SqlConsole;
import io.lakelens.analytics.SqlExamples;
import io.lakelens.analytics.model.ModelParams;
import io.lakelens.analytics.model.RiskModels;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.ScreenshotScene;
import io.lakelens.ui.kit.UiServices;
import io.lakelens.ui.kit.WorkbenchTab;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static atlantafx.base.theme.Styles.CENTER_PILL;
import static atlantafx.base.theme.Styles.LEFT_PILL;
import static atlantafx.base.theme.Styles.RIGHT_PILL;

/**
 * The Analytics tab: the named analyses (sector, volatility, movers, portfolio risk then vs
 * now), the SQL console and the risk model's backtest, switched by three toggles.
 */
public final class AnalyticsTab implements WorkbenchTab {
    private static final int SCREENSHOT_TREES = 12;
    private final AnalyticsViewModel analyses;
    private final SqlConsoleViewModel console;
    private final BacktestViewModel backtest;
    private final BorderPane root = new BorderPane();
    private final ToggleButton analysesToggle = new ToggleButton("Analyses", AppIcon.ANALYTICS.node());
    private final ToggleButton consoleToggle = new ToggleButton("SQL console", AppIcon.KEYBOARD.node());
    private final ToggleButton backtestToggle = new ToggleButton("Backtest", AppIcon.PERFORMANCE.node());
    private final AnalyticsView analysesView;
    private final SqlConsoleView consoleView;
    private final BacktestView backtestView;
    private boolean loaded;
    private boolean modelsLoaded;

    public AnalyticsTab(UiServices services) {
        this(services, new ConsoleStore(UserHome.besideSettings("console.json")));
    }

    /** With the console's history and saved queries kept in {@code store}. */
    public AnalyticsTab(UiServices services, ConsoleStore store) {
        // The cache is asked for on the first analysis, on a worker: starting Redis may take a while.
        this(new AnalyticsViewModel(new AnalyticsService(services.engine(), services.context()::cache,
                        services.context()::tableVersions), services.tasks(), services.status()),
                console(services, store),
                new BacktestViewModel(new RiskModels(services.engine(), services.context()::cache,
                        services.context()::tableVersions), services.tasks(), services.status()));
    }

    /** The console, paging by the Preferences' page size. */
    private static SqlConsoleViewModel console(UiServices services, ConsoleStore store) {
        SqlConsoleViewModel console = new SqlConsoleViewModel(new SqlConsole(new QueryService(services.engine()), store),
                services.tasks(), services.status(), services.notifier());
        console.followPageSize(services.pageSizeProperty());
        return console;
    }

    AnalyticsTab(AnalyticsViewModel analyses, SqlConsoleViewModel console, BacktestViewModel backtest) {
        this.analyses = analyses;
        this.console = console;
        this.backtest = backtest;
        this.analysesView = new AnalyticsView(analyses);
        this.consoleView = new SqlConsoleView(console);
        this.backtestView = new BacktestView(backtest);
        ToggleGroup group = new ToggleGroup();
        analysesToggle.setId("analysesToggle");
        consoleToggle.setId("consoleToggle");
        backtestToggle.setId("backtestToggle");
        analysesToggle.setToggleGroup(group);
        consoleToggle.setToggleGroup(group);
        backtestToggle.setToggleGroup(group);
        analysesToggle.getStyleClass().add(LEFT_PILL);
        consoleToggle.getStyleClass().add(CENTER_PILL);
        backtestToggle.getStyleClass().add(RIGHT_PILL);
        HBox switcher = new HBox(analysesToggle, consoleToggle, backtestToggle);
        switcher.getStyleClass().add(AnalyticsStyles.VIEW_SWITCH);
        switcher.setAlignment(Pos.CENTER_LEFT);
        StackPane content = new StackPane(analysesView, consoleView, backtestView);
        group.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
                return;
            }
            analysesView.setVisible(b == analysesToggle);
            consoleView.setVisible(b == consoleToggle);
            backtestView.setVisible(b == backtestToggle);
            if (b == backtestToggle && !modelsLoaded) {
                modelsLoaded = true;
                backtest.loadModels();
            }
        });
        analysesToggle.setSelected(true);
        root.setTop(switcher);
        root.setCenter(content);
        BorderPane.setMargin(switcher, new Insets(0, 0, 10, 0));
        root.setPadding(new Insets(12));
        root.getStyleClass().add(AnalyticsStyles.TAB);
        root.setId("analyticsTab");
    }

    @Override
    public String id() {
        return "analytics";
    }

    @Override
    public String title() {
        return "Analytics";
    }

    @Override
    public AppIcon icon() {
        return AppIcon.ANALYTICS;
    }

    @Override
    public Node view() {
        return root;
    }

    AnalyticsViewModel analyses() {
        return analyses;
    }

    SqlConsoleViewModel console() {
        return console;
    }

    BacktestViewModel backtest() {
        return backtest;
    }

    @Override
    public void onShown() {
        if (!loaded) {
            loaded = true;
            console.load();
        }
    }

    /** Leaving the tab stops the reads that run: an analysis, a query or a backtest nobody watches costs the cores. */
    @Override
    public void onHidden() {
        analyses.cancel();
        console.cancel();
        backtest.cancelReads();
    }

    @Override
    public List<ScreenshotScene> screenshotScenes() {
        return List.of(
                new ScreenshotScene("03-financial-analytics.png", () -> analysis(AnalysisKind.MOVERS, false)),
                new ScreenshotScene("04-market-volatility.png", () -> analysis(AnalysisKind.VOLATILITY, false)),
                new ScreenshotScene("05-sector-analysis.png", () -> analysis(AnalysisKind.SECTOR, false)),
                new ScreenshotScene("time-travel-risk-analysis.png", () -> analysis(AnalysisKind.RISK, true)),
                new ScreenshotScene("sql-console.png", this::sqlConsole),
                new ScreenshotScene("backtest.png", this::backtestScene));
    }

    /**
     * The saved model backtested from its held-out start; on a lake with no model a small one
     * (fewer, shallower trees than the default) is trained first so the picture comes in minutes.
     */
    private CompletionStage<?> backtestScene() {
        backtestToggle.setSelected(true);
        modelsLoaded = true;
        return backtest.loadModels().thenCompose(list -> {
            if (backtest.modelProperty().get() == null) {
                backtest.treesProperty().set(SCREENSHOT_TREES);
                backtest.depthProperty().set(ModelParams.DEFAULTS.maxDepth() - 1);
            }
            return backtest.trainIfMissingThenBacktest();
        });
    }

    private CompletionStage<?> analysis(AnalysisKind kind, boolean compareWithFirstVersion) {
        analysesToggle.setSelected(true);
        analyses.kindProperty().set(kind);
        analyses.fromProperty().set(null);
        analyses.toProperty().set(null);
        analyses.asOfProperty().set("latest");
        analyses.symbolProperty().set("");
        analyses.compareToProperty().set(compareWithFirstVersion ? "0" : "");
        analyses.showPlanProperty().set(false);
        return analyses.run();
    }

    private CompletionStage<?> sqlConsole() {
        consoleToggle.setSelected(true);
        console.load(SqlExamples.TIME_TRAVEL_RISK);
        CompletableFuture<?> loadedNow = loaded ? CompletableFuture.completedFuture(null) : console.load();
        loaded = true;
        return loadedNow.thenCompose(x -> console.run());
    }
}
