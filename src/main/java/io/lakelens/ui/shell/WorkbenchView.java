package io.lakelens.ui.shell;

import io.lakelens.data.LakeGenerator;
import io.lakelens.data.Tables;
import io.lakelens.search.SearchFacets;
import io.lakelens.ui.kit.CompactLayout;
import io.lakelens.ui.kit.LakeState;
import io.lakelens.ui.kit.Styles;
import io.lakelens.ui.kit.UiServices;
import io.lakelens.ui.kit.WorkbenchTab;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Optional;

/** The window's content for one {@link Workbench}: header, tabs (or the empty-lake panel), status bar. */
final class WorkbenchView extends BorderPane {
    private final Workbench workbench;
    private final TabPane tabPane = new TabPane();
    private final StackPane content = new StackPane();
    private final FirstRunView firstRun;
    private final FlowPane footer = new FlowPane();
    private final WatchlistViewModel watchlist;
    private final WatchlistStrip strip;
    private boolean watching;
    private WorkbenchTab current;

    WorkbenchView(Workbench workbench, WindowActions actions, WorkbenchSettings settings) {
        this.workbench = workbench;
        UiServices services = workbench.services();
        getStyleClass().add(Styles.WORKBENCH);
        setId("workbench");

        tabPane.setId("tabs");
        tabPane.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        for (WorkbenchTab t : workbench.tabs()) {
            // a tab's content joins the scene when the tab is first selected: the window does
            // not style and lay out tabs nobody has opened yet
            Tab tab = new Tab(t.title());
            tab.setId(t.id());
            tab.setGraphic(t.icon().node());
            tab.setUserData(t);
            tabPane.getTabs().add(tab);
        }
        tabPane.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> switchTo(b));

        firstRun = new FirstRunView(new FirstRunViewModel(new LakeGenerator(services.engine()), services.config().readOnly(),
                services.tasks(), services.notifier(), services.status(), () -> services.lake().refresh()),
                services.lake().root().toString());
        InvalidationListener showContent = o -> showContent(services.lake());
        services.lake().loadedProperty().addListener(showContent);
        services.lake().tables().addListener((ListChangeListener<String>) c -> showContent(services.lake()));
        showContent(services.lake());

        footer.setId("captureFooter");
        footer.getStyleClass().add(Styles.FOOTER);
        footer.setVisible(false);
        footer.setManaged(false);

        var ctx = services.context();
        watchlist = ctx.own(new WatchlistViewModel(services.config().noRedis() ? null : ctx::cache, ctx::tableVersions,
                services.search(), () -> SearchFacets.read(services.engine()).symbols().stream().map(SearchFacets.Symbol::symbol)
                .filter(x -> !x.isBlank()).toList(), settings.watchlist(), symbols -> {
                    settings.watchlist(symbols);
                    settings.save();
                }, services.tasks()));
        strip = new WatchlistStrip(watchlist, services.notifier());
        strip.setVisible(false);
        strip.setManaged(false);
        services.lake().tables().addListener((ListChangeListener<String>) c -> startWatchlist(services.lake()));
        startWatchlist(services.lake());

        StackPane center = new StackPane(content, new NotificationsView(services.notifier()));
        setTop(new VBox(new HeaderView(services, actions), strip));
        setCenter(center);
        setBottom(new VBox(new StatusBarView(services), footer));

        widthProperty().addListener((o, a, b) -> compact(services, b.doubleValue()));
    }

    /** The strip appears, and reads its quotes, once the lake shows a market_data table. */
    private void startWatchlist(LakeState lake) {
        if (!watching && lake.tables().contains(Tables.MarketData.NAME)) {
            watching = true;
            strip.setVisible(true);
            strip.setManaged(true);
            watchlist.start();
        }
    }

    WatchlistViewModel watchlist() {
        return watchlist;
    }

    WatchlistStrip watchlistStrip() {
        return strip;
    }

    /** F5: the strip reads the closes again. */
    void refreshWatchlist() {
        if (watching) {
            watchlist.start();
        }
    }

    private void compact(UiServices services, double width) {
        boolean on = width > 0 && width < UiServices.COMPACT_WIDTH;
        if (services.isCompact() != on) {
            services.compactProperty().set(on);
            if (on) {
                getStyleClass().add(Styles.COMPACT);
            } else {
                getStyleClass().remove(Styles.COMPACT);
            }
            tabPane.getTabs().stream().filter(t -> t.getContent() != null)
                    .forEach(t -> CompactLayout.apply(t.getContent(), on));
        }
    }

    private void showContent(LakeState lake) {
        boolean empty = lake.isEmpty() || workbench.tabs().isEmpty();
        Node wanted = empty && lake.loadedProperty().get() ? firstRun : tabPane;
        if (content.getChildren().size() != 1 || content.getChildren().get(0) != wanted) {
            content.getChildren().setAll(wanted);
        }
        if (wanted == tabPane && current == null && !tabPane.getTabs().isEmpty()) {
            switchTo(tabPane.getSelectionModel().getSelectedItem());
        }
    }

    private void switchTo(Tab tab) {
        WorkbenchTab next = tab == null ? null : (WorkbenchTab) tab.getUserData();
        if (next == current) {
            return;
        }
        if (current != null) {
            current.onHidden();
        }
        current = next;
        if (current != null && tab.getContent() == null) {
            tab.setContent(current.view());
        }
        if (current != null) {
            // parts a tab built while hidden get the layout of the window's width too
            CompactLayout.apply(current.view(), workbench.services().isCompact());
        }
        if (current != null && content.getChildren().contains(tabPane)) {
            current.onShown();
        }
    }

    List<WorkbenchTab> tabs() {
        return workbench.tabs();
    }

    Optional<WorkbenchTab> selected() {
        return Optional.ofNullable(current);
    }

    void select(int index) {
        if (index >= 0 && index < tabPane.getTabs().size()) {
            tabPane.getSelectionModel().select(index);
        }
    }

    void select(String id) {
        tabPane.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst()
                .ifPresent(t -> tabPane.getSelectionModel().select(t));
    }

    boolean showsTabs() {
        return content.getChildren().contains(tabPane);
    }

    /** Shows the evidence footer (dataset, version, strategy, time) under the status bar. */
    void showFooter(List<String> parts) {
        footer.getChildren().clear();
        for (String p : parts) {
            footer.getChildren().add(new Label(p));
        }
        footer.setVisible(true);
        footer.setManaged(true);
    }

    void hideFooter() {
        footer.setVisible(false);
        footer.setManaged(false);
    }
}
