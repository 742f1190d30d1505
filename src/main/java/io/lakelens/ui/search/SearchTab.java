package io.lakelens.ui.search;

import io.lakelens.data.Tables.MarketData;
import io.lakelens.search.SearchRequest;
import io.lakelens.search.SearchResult;
import io.lakelens.search.StrategyKind;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.ScreenshotScene;
import io.lakelens.ui.kit.UiServices;
import io.lakelens.ui.kit.WorkbenchTab;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The Search tab: query, filters, the four strategies, paged results and their comparison. */
public final class SearchTab implements WorkbenchTab {
    /** The symbol and sector the screenshots search for (the seed's examples). */
    static final String SHOWCASE_SYMBOL = "AAPL";
    static final String SHOWCASE_SECTOR = "Technology";

    private final UiServices services;
    private final SearchViewModel model;
    private SearchView view;
    private boolean shown;
    private int seenRevision = -1;

    public SearchTab(UiServices services) {
        this.services = services;
        this.model = new SearchViewModel(services.search(), services.engine(), services.lake(), services.tasks(),
                services.notifier(),
                services.status());
        services.compactProperty().addListener((o, a, b) -> model.filtersShownProperty().set(!b));
        if (Boolean.getBoolean("lakelens.reportFirstPage")) {
            reportFirstPage();
        }
        model.filtersShownProperty().set(!services.isCompact());
        // the preferred page size, where the search pager offers it
        if (SearchRequest.PAGE_SIZES.contains(services.pageSizeProperty().get())) {
            model.pageSizeProperty().set(services.pageSizeProperty().get());
        }
        services.pageSizeProperty().addListener((o, a, b) -> {
            if (SearchRequest.PAGE_SIZES.contains(b.intValue())) {
                model.changePageSize(b.intValue());
            }
        });
        services.lake().revisionProperty().addListener((o, a, b) -> {
            if (shown) {
                refresh();
            }
        });
        model.prefetchFirstPage();
    }

    /** For the bench's start-up figure: one line on standard output once the first page is in the table. */
    private void reportFirstPage() {
        model.resultProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends SearchResult> o, SearchResult before, SearchResult now) {
                if (now != null && !model.rows().isEmpty()) {
                    model.resultProperty().removeListener(this);
                    // the next pulse draws the rows; report after it
                    Platform.runLater(() -> {
                        System.out.println("lakelens: first page shown");
                        System.out.flush();
                    });
                }
            }
        });
    }

    public SearchViewModel model() {
        return model;
    }

    @Override
    public String id() {
        return "search";
    }

    @Override
    public String title() {
        return "Search";
    }

    @Override
    public AppIcon icon() {
        return AppIcon.SEARCH;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new SearchView(model, services.compactProperty());
        }
        return view;
    }

    @Override
    public void onShown() {
        shown = true;
        if (seenRevision != services.lake().revisionProperty().get()) {
            refresh();
        }
    }

    @Override
    public void onHidden() {
        shown = false;
        model.cancel();
    }

    /** After the lake changed (or on first show): reload the filter choices, ask the current request again. */
    private void refresh() {
        List<String> tables = services.lake().tables();
        if (!services.lake().loadedProperty().get() || tables.isEmpty()) {
            return;
        }
        seenRevision = services.lake().revisionProperty().get();
        if (!tables.contains(model.tableProperty().get())) {
            // market_data by default; else the table the header shows, else the first
            String header = services.lake().tableProperty().get();
            model.useTable(tables.contains(MarketData.NAME) ? MarketData.NAME : tables.contains(header) ? header : tables.getFirst());
            return;
        }
        model.loadFields();
        if (MarketData.NAME.equals(model.tableProperty().get())) {
            model.loadOptions();
        }
        if (model.requestProperty().get() == null) {
            model.search();
        } else {
            model.goTo(model.pageProperty().get() < 1 ? 1 : model.pageProperty().get());
        }
    }

    @Override
    public List<ScreenshotScene> screenshotScenes() {
        List<ScreenshotScene> scenes = new ArrayList<>();
        scenes.add(new ScreenshotScene("01-overview.png", () -> overview()));
        scenes.add(new ScreenshotScene("02-search-aapl.png", () -> symbol(StrategyKind.CACHE_FIRST)
                .thenCompose(r -> model.compareAll())));
        for (StrategyKind k : StrategyKind.values()) {
            String dir = k.id() + "/";
            scenes.add(new ScreenshotScene(dir + "search-aapl.png", () -> symbol(k)));
            scenes.add(new ScreenshotScene(dir + "sector-" + SHOWCASE_SECTOR.toLowerCase(Locale.ROOT) + ".png", () -> sector(k)));
            scenes.add(new ScreenshotScene(dir + "paged-page-2.png", () -> sector(k).thenCompose(r -> model.goTo(2))));
        }
        return scenes;
    }

    private CompletionStage<?> overview() {
        model.clearFilters();
        model.queryProperty().set("");
        model.strategyProperty().set(StrategyKind.CACHE_FIRST);
        return model.search().thenCompose(r -> model.compareAll());
    }

    private CompletableFuture<?> symbol(StrategyKind k) {
        model.clearFilters();
        model.queryProperty().set(SHOWCASE_SYMBOL);
        model.strategyProperty().set(k);
        return model.search();
    }

    private CompletionStage<?> sector(StrategyKind k) {
        CompletionStage<?> ready = model.filter(MarketData.SECTOR).isPresent() ? CompletableFuture.completedFuture(null)
                : model.loadFields().exceptionally(e -> null);
        return ready.thenCompose(x -> {
            model.clearFilters();
            model.queryProperty().set("");
            model.filter(MarketData.SECTOR).ifPresent(f -> f.choiceProperty().set(f.choices().stream()
                    .filter(s -> s.equalsIgnoreCase(SHOWCASE_SECTOR)).findFirst()
                    .orElse(f.choices().stream().findFirst().orElse(SHOWCASE_SECTOR))));
            model.strategyProperty().set(k);
            return model.search();
        });
    }
}
