package io.lakelens.ui.analytics;

import io.lakelens.analytics.AnalysisKind;
import io.lakelens.analytics.AnalyticsService;
import io.lakelens.analytics.ConsoleStore;
import io.lakelens.analytics.QueryService;
import io.lakelens.analytics.SqlConsole;
import io.lakelens.analytics.SqlExamples;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.ScreenshotScene;
import io.lakelens.ui.kit.UiServices;
import io.lakelens.ui.kit.UserFiles;
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

import static atlantafx.base.theme.Styles.LEFT_PILL;
import static atlantafx.base.theme.Styles.RIGHT_PILL;

/**
 * The Analytics tab: the named analyses (sector, volatility, movers, portfolio risk then vs
 * now) and the SQL console, switched by two toggles.
 */
public final class AnalyticsTab implements WorkbenchTab {
    private final AnalyticsViewModel analyses;
    private final SqlConsoleViewModel console;
    private final BorderPane root = new BorderPane();
    private final ToggleButton analysesToggle = new ToggleButton("Analyses", AppIcon.ANALYTICS.node());
    private final ToggleButton consoleToggle = new ToggleButton("SQL console", AppIcon.KEYBOARD.node());
    private final AnalyticsView analysesView;
    private final SqlConsoleView consoleView;
    private boolean loaded;

    public AnalyticsTab(UiServices services) {
        this(services, new ConsoleStore(UserFiles.besideSettings("console.json")));
    }

    /** With the console's history and saved queries kept in {@code store}. */
    public AnalyticsTab(UiServices services, ConsoleStore store) {
        // The cache is asked for on the first analysis, on a worker: starting Redis may take a while.
        this(new AnalyticsViewModel(new AnalyticsService(services.engine(), services.context()::cache,
                        services.context()::tableVersions), services.tasks(), services.status()),
                new SqlConsoleViewModel(new SqlConsole(new QueryService(services.engine()), store), services.tasks(),
                        services.status(), services.notifier()));
    }

    AnalyticsTab(AnalyticsViewModel analyses, SqlConsoleViewModel console) {
        this.analyses = analyses;
        this.console = console;
        this.analysesView = new AnalyticsView(analyses);
        this.consoleView = new SqlConsoleView(console);
        ToggleGroup group = new ToggleGroup();
        analysesToggle.setId("analysesToggle");
        consoleToggle.setId("consoleToggle");
        analysesToggle.setToggleGroup(group);
        consoleToggle.setToggleGroup(group);
        analysesToggle.getStyleClass().add(LEFT_PILL);
        consoleToggle.getStyleClass().add(RIGHT_PILL);
        HBox switcher = new HBox(analysesToggle, consoleToggle);
        switcher.getStyleClass().add(AnalyticsStyles.VIEW_SWITCH);
        switcher.setAlignment(Pos.CENTER_LEFT);
        StackPane content = new StackPane(analysesView, consoleView);
        group.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
                return;
            }
            analysesView.setVisible(b == analysesToggle);
            consoleView.setVisible(b == consoleToggle);
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

    @Override
    public void onShown() {
        if (!loaded) {
            loaded = true;
            console.load();
        }
    }

    /** Leaving the tab stops what runs: an analysis or a query nobody watches costs the cores. */
    @Override
    public void onHidden() {
        analyses.cancel();
        console.cancel();
    }

    @Override
    public List<ScreenshotScene> screenshotScenes() {
        return List.of(
                new ScreenshotScene("03-financial-analytics.png", () -> analysis(AnalysisKind.MOVERS, false)),
                new ScreenshotScene("04-market-volatility.png", () -> analysis(AnalysisKind.VOLATILITY, false)),
                new ScreenshotScene("05-sector-analysis.png", () -> analysis(AnalysisKind.SECTOR, false)),
                new ScreenshotScene("time-travel-risk-analysis.png", () -> analysis(AnalysisKind.RISK, true)),
                new ScreenshotScene("sql-console.png", this::sqlConsole));
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
