package io.lakelens.ui.performance;

import io.lakelens.TestLakes;
import io.lakelens.data.MarketFeed;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import io.lakelens.search.SearchFields;
import io.lakelens.search.SearchRequest;
import io.lakelens.search.SearchResult;
import io.lakelens.search.SearchService;
import io.lakelens.search.StrategyKind;
import io.lakelens.ui.kit.CurrentThreadTaskExecutor;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.shell.Toolkits;
import javafx.scene.Scene;
import javafx.scene.control.Spinner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Performance view bound to its model, on the toolkit (no robot). */
@Timeout(120)
class PerformanceViewTest {
    @TempDir
    static Path lake;

    @Test
    void theRateSpinnersShowRatesTheModelSets() {
        LakeEngine engine = TestLakes.engine(lake);
        SearchService none = new SearchService() {
            @Override
            public CompletionStage<SearchResult> search(SearchRequest request, StrategyKind strategy) {
                return CompletableFuture.failedFuture(new IllegalStateException("no searches here"));
            }

            @Override
            public CompletionStage<SearchFields> fields(String table, AsOf asOf) {
                return CompletableFuture.failedFuture(new IllegalStateException("no searches here"));
            }

            @Override
            public CompletionStage<io.lakelens.search.SearchFacets> facets() {
                return CompletableFuture.failedFuture(new IllegalStateException("no searches here"));
            }
        };
        try (PerformanceViewModel model = new PerformanceViewModel(engine, none, () -> null, new CurrentThreadTaskExecutor(),
                new Notifier(Runnable::run), rate -> new MarketFeed(engine, rate))) {
            Toolkits.headless();
            Toolkits.start();
            List<Object> shown = Toolkits.onFx(() -> {
                PerformanceView view = new PerformanceView(model);
                new Scene(view, 1400, 900);
                view.applyCss();
                model.loadRateProperty().set(7);
                model.feedRateProperty().set(700);
                return List.of(((Spinner<?>) view.lookup("#loadRate")).getValue(),
                        ((Spinner<?>) view.lookup("#feedRate")).getValue());
            });
            assertEquals(List.of(7, 700), shown);
        }
    }
}
