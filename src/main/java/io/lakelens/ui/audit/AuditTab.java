package io.lakelens.ui.audit;

import io.lakelens.analytics.quality.QualityChecker;
import io.lakelens.analytics.quality.QualityReport;
import io.lakelens.data.Tables;
import io.lakelens.lake.Integrity;
import io.lakelens.lake.OperationKind;
import io.lakelens.lake.TimeTravel;
import io.lakelens.lake.Timeline;
import io.lakelens.lake.TimelineNode;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.ScreenshotScene;
import io.lakelens.ui.kit.UiServices;
import io.lakelens.ui.kit.WorkbenchTab;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The Audit tab: who changed the picked table, when and why; one row's history; integrity
 * checks; and the audit report export. Follows the table picked in the header.
 */
public final class AuditTab implements WorkbenchTab {
    /** Share of the height the quality picture gives the lower panes. */
    private static final double QUALITY_SHARE = 0.8;
    private final AuditViewModel model;
    private final AuditView view;
    private final StringProperty headerTable;
    private final List<String> tables;
    private boolean shown;
    private boolean stale = true;

    public AuditTab(UiServices services) {
        this(new AuditViewModel(services.engine(), new TimeTravel(services.engine()), new Integrity(services.engine()),
                        new QualityChecker(services.engine(), services.context()::cache, services.context()::tableVersions),
                        services.tasks(), services.notifier()), services.lake().tableProperty(),
                services.lake().tables());
        services.lake().revisionProperty().addListener((o, a, b) -> reloadWhenShown());
        model.tableProperty().addListener((o, a, b) -> reloadWhenShown());
    }

    /**
     * @param headerTable the table picked in the header, followed while bound
     * @param tables      the lake's tables (the screenshot prefers the transactions table)
     */
    AuditTab(AuditViewModel model, StringProperty headerTable, List<String> tables) {
        this.model = model;
        this.view = new AuditView(model);
        this.headerTable = headerTable;
        this.tables = tables;
        model.tableProperty().bind(headerTable);
    }

    private void reloadWhenShown() {
        stale = true;
        if (shown) {
            stale = false;
            model.historyModel().load();
        }
    }

    AuditViewModel model() {
        return model;
    }

    @Override
    public String id() {
        return "audit";
    }

    @Override
    public String title() {
        return "Audit";
    }

    @Override
    public AppIcon icon() {
        return AppIcon.AUDIT;
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
            model.historyModel().load();
        }
    }

    @Override
    public void onHidden() {
        shown = false;
        model.cancel();
        if (!model.tableProperty().isBound()) {
            model.tableProperty().bind(headerTable);
        }
    }

    /** Ctrl+W: the row history on screen closes (the other lower panes have nothing to close). */
    @Override
    public boolean closeSubView() {
        return view.showing(view.trailTab) && model.trailModel().close();
    }

    @Override
    public List<ScreenshotScene> screenshotScenes() {
        return List.of(new ScreenshotScene("time-travel-audit-trail.png", this::trailScene),
                new ScreenshotScene("quality.png", this::qualityScene));
    }

    /**
     * The Quality view on market_data (where the generator injects bad ticks and corrects them
     * in a later commit), every version checked, the first fixed finding picked with its rows.
     */
    private CompletionStage<?> qualityScene() {
        shown = true;
        stale = false;
        String table = tables.contains(Tables.MarketData.NAME) ? Tables.MarketData.NAME : model.tableProperty().get();
        model.tableProperty().unbind();
        model.tableProperty().set(table);
        CompletionStage<Timeline> loaded = model.historyModel().load();
        view.show(view.qualityTab);
        view.lowerShare(QUALITY_SHARE);
        QualityViewModel quality = model.qualityModel();
        quality.sinceProperty().set("");
        quality.versionProperty().set("latest");
        return loaded.thenCompose(tl -> quality.check()).thenCompose(r -> {
            QualityReport.TrackedFinding pick = quality.findings().stream().filter(f -> f.fixed() != null).findFirst()
                    .orElse(quality.findings().isEmpty() ? null : quality.findings().getFirst());
            quality.selectedProperty().set(pick);
            return quality.rowsShown();
        });
    }

    /**
     * A row's history: on the transactions table when the lake has one (its compliance delete
     * shows the insert and the deletion), else on the picked table; the row is one the last
     * edit changed. The tab follows the header again once it is left.
     */
    private CompletionStage<?> trailScene() {
        shown = true;
        stale = false;
        String table = tables.contains(Tables.Transactions.NAME) ? Tables.Transactions.NAME : model.tableProperty().get();
        CompletionStage<Timeline> loaded;
        if (!table.equals(model.tableProperty().get()) || model.historyModel().timelineProperty().get() == null) {
            model.tableProperty().unbind();
            model.tableProperty().set(table);
            loaded = model.historyModel().load();
        } else {
            loaded = CompletableFuture.completedFuture(model.historyModel().timelineProperty().get());
        }
        view.show(view.trailTab);
        return loaded.thenCompose(tl -> {
            TimelineNode edit = lastEdit(tl);
            model.historyModel().selectedProperty().set(edit);
            return model.trailModel().traceRowChangedBy(edit);
        });
    }

    /** The compliance delete if there is one, else the last delete, update or merge. */
    static TimelineNode lastEdit(Timeline tl) {
        List<TimelineNode> nodes = tl.nodes().stream().filter(n -> n.version() > tl.earliest() && n.readable()).toList();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (nodes.get(i).reason().toLowerCase(Locale.ROOT).contains("compliance")) {
                return nodes.get(i);
            }
        }
        for (OperationKind k : List.of(OperationKind.DELETE, OperationKind.UPDATE, OperationKind.MERGE)) {
            for (int i = nodes.size() - 1; i >= 0; i--) {
                if (nodes.get(i).kind() == k) {
                    return nodes.get(i);
                }
            }
        }
        return tl.node(tl.latest()).orElseThrow();
    }
}
