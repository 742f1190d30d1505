package io.lakelens.ui.timetravel;

import io.lakelens.lake.OperationKind;
import io.lakelens.lake.TimeTravel;
import io.lakelens.lake.Timeline;
import io.lakelens.lake.TimelineNode;
import io.lakelens.lake.change.ChangeRunner;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.ScreenshotScene;
import io.lakelens.ui.kit.UiServices;
import io.lakelens.ui.kit.WorkbenchTab;
import javafx.scene.Node;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The Time Travel tab: the picked table's version timeline, browsing as of a version or time,
 * version diffs, the schema timeline and guarded restore. Follows the table picked in the
 * header and reloads when the lake changes.
 */
public final class TimeTravelTab implements WorkbenchTab {
    private final TimeTravelViewModel model;
    private final TimelineViewModel timeline;
    private final BrowseViewModel browse;
    private final CompareViewModel compare;
    private final TimeTravelView view;
    private boolean shown;
    private boolean stale = true;

    public TimeTravelTab(UiServices services) {
        this(new TimeTravelViewModel(new TimeTravel(services.engine()), new ChangeRunner(services.engine()),
                services.search(), services.tasks(), services.notifier(), services.status(), services.config().readOnly(), () -> services.lake().refresh()));
        model.tableProperty().bind(services.lake().tableProperty());
        services.lake().revisionProperty().addListener((o, a, b) -> reloadWhenShown());
        model.tableProperty().addListener((o, a, b) -> reloadWhenShown());
    }

    TimeTravelTab(TimeTravelViewModel model) {
        this.model = model;
        this.timeline = model.timelineModel();
        this.browse = model.browseModel();
        this.compare = model.compareModel();
        this.view = new TimeTravelView(model);
    }

    private void reloadWhenShown() {
        stale = true;
        if (shown) {
            stale = false;
            timeline.load();
        }
    }

    TimeTravelViewModel model() {
        return model;
    }

    TimeTravelView timeTravelView() {
        return view;
    }

    @Override
    public String id() {
        return "time-travel";
    }

    @Override
    public String title() {
        return "Time Travel";
    }

    @Override
    public AppIcon icon() {
        return AppIcon.TIME_TRAVEL;
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public void onShown() {
        shown = true;
        if (stale) {
            stale = false;
            timeline.load();
        }
    }

    @Override
    public void onHidden() {
        shown = false;
        model.cancel();
    }

    /** Ctrl+W: the compare, schema or restore pane closes back to browsing the version. */
    @Override
    public boolean closeSubView() {
        if (view.panes.getSelectionModel().getSelectedItem() == view.browseTab) {
            return false;
        }
        view.show(view.browseTab);
        return true;
    }

    @Override
    public List<ScreenshotScene> screenshotScenes() {
        return List.of(
                new ScreenshotScene("data-versioning-timeline.png", this::timelineScene),
                new ScreenshotScene("06-time-travel-query.png", this::oldVersionScene),
                new ScreenshotScene("time-travel-version-query.png", this::versionScene),
                new ScreenshotScene("time-travel-timestamp-query.png", this::timestampScene),
                new ScreenshotScene("time-travel-diff.png", this::diffScene));
    }

    private CompletionStage<Timeline> loaded() {
        timeline.jumpTextProperty().set("");
        shown = true;
        stale = false;
        Timeline tl = timeline.timelineProperty().get();
        if (tl != null && tl.table().equals(model.tableProperty().get())) {
            return CompletableFuture.completedFuture(tl);
        }
        return timeline.load();
    }

    /** The timeline with an edit commit selected and the schema timeline below it. */
    private CompletionStage<?> timelineScene() {
        return loaded().thenAccept(tl -> {
            timeline.selectedProperty().set(correction(tl));
            view.show(view.schemaTab);
        });
    }

    /** The table as of an early version, picked on the timeline. */
    private CompletionStage<?> oldVersionScene() {
        return loaded().thenCompose(tl -> {
            TimelineNode early = tl.nodes().stream().filter(TimelineNode::readable).findFirst().orElse(null);
            if (early != null) {
                timeline.selectedProperty().set(early);
            }
            view.show(view.browseTab);
            clearBrowseControls();
            return browse.browse();
        });
    }

    /** A version query: the middle version, sorted by the first column, descending. */
    private CompletionStage<?> versionScene() {
        return loaded().thenCompose(tl -> {
            List<TimelineNode> readable = tl.nodes().stream().filter(TimelineNode::readable).toList();
            TimelineNode mid = readable.get(readable.size() / 2);
            timeline.selectedProperty().set(mid);
            view.show(view.browseTab);
            clearBrowseControls();
            browse.asOfTextProperty().set(String.valueOf(mid.version()));
            return browse.browse().thenCompose(p -> {
                browse.sortColumnProperty().set(p.columns().get(0));
                browse.sortAscendingProperty().set(false);
                return browse.browse();
            });
        });
    }

    /** A timestamp query: one second after a middle commit, jumped to on the timeline and browsed. */
    private CompletionStage<?> timestampScene() {
        return loaded().thenCompose(tl -> {
            List<TimelineNode> readable = tl.nodes().stream().filter(TimelineNode::readable).toList();
            TimelineNode pick = readable.get(Math.max(0, readable.size() / 3));
            Instant when = pick.timestamp().plusSeconds(1);
            String text = when.isAfter(Instant.now()) ? pick.timestamp().toString() : when.toString();
            timeline.jumpTextProperty().set(text);
            timeline.jump();
            view.show(view.browseTab);
            clearBrowseControls();
            browse.asOfTextProperty().set(text);
            return browse.browse();
        });
    }

    /** The diff of the table's last correction (an update or merge, else a delete) with its version before. */
    private CompletionStage<?> diffScene() {
        return loaded().thenCompose(tl -> {
            timeline.selectedProperty().set(correction(tl));
            compare.diffKindProperty().set(null);
            compare.keyTextProperty().set("");
            view.show(view.compareTab);
            return compare.compare();
        });
    }

    private void clearBrowseControls() {
        browse.filterColumnProperty().set(null);
        browse.filterValueProperty().set("");
        browse.sortColumnProperty().set(null);
        browse.sortAscendingProperty().set(true);
    }

    /** The commit that best shows an edit: reason mentioning a correction, else the last update/merge, else a delete. */
    static TimelineNode correction(Timeline tl) {
        List<TimelineNode> nodes = tl.nodes().stream().filter(n -> n.version() > tl.earliest()).toList();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            TimelineNode n = nodes.get(i);
            if (n.readable() && n.reason().toLowerCase(Locale.ROOT).contains("correct")) {
                return n;
            }
        }
        for (OperationKind k : List.of(OperationKind.UPDATE, OperationKind.MERGE, OperationKind.DELETE)) {
            for (int i = nodes.size() - 1; i >= 0; i--) {
                if (nodes.get(i).kind() == k && nodes.get(i).readable()) {
                    return nodes.get(i);
                }
            }
        }
        return tl.node(tl.latest()).orElseThrow();
    }
}
