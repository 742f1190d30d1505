package io.lakelens.ui.compaction;

import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.change.ChangeRunner;
import io.lakelens.lake.maintenance.CompactionScheduler;
import io.lakelens.lake.maintenance.HealthInspector;
import io.lakelens.lake.maintenance.PropertyEditor;
import io.lakelens.lake.maintenance.VacuumPlanner;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.ScreenshotScene;
import io.lakelens.ui.kit.StatusModel;
import io.lakelens.ui.kit.TaskExecutor;
import io.lakelens.ui.kit.UiServices;
import io.lakelens.ui.kit.WorkbenchTab;
import javafx.scene.Node;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The Compaction tab: table health, OPTIMIZE with before/after, the VACUUM safety simulator,
 * maintenance properties and the compaction scheduler (which runs while the window is open).
 */
public final class CompactionTab implements WorkbenchTab {
    private final CompactionViewModel model;
    private final CompactionView view;
    private boolean loaded;
    private String headerTable;

    public CompactionTab(UiServices services) {
        CompactionScheduler scheduler = services.context().own(new CompactionScheduler(services.engine()));
        this.model = model(services.engine(), scheduler, services.tasks(), services.notifier(), services.status(),
                () -> services.lake().refresh());
        this.view = new CompactionView(model, services.lake().tables());
        model.tableProperty().set(services.lake().tableProperty().get());
        // Follow the header's pick when the analyst changes it; a refresh of the table list briefly
        // clears the header's value, which must not reset this tab's own pick and results.
        headerTable = services.lake().tableProperty().get();
        services.lake().tableProperty().addListener((o, a, b) -> {
            if (b != null && !b.equals(headerTable)) {
                headerTable = b;
                if (!model.optimizeModel().optimizingProperty().get()) {
                    model.tableProperty().set(b);
                }
            }
        });
        if (!services.config().readOnly()) {
            scheduler.start();
        }
    }

    /** The tab's model over the engine's maintenance services. */
    static CompactionViewModel model(LakeEngine engine, CompactionScheduler scheduler, TaskExecutor tasks, Notifier notifier,
                                     StatusModel status, Runnable lakeChanged) {
        return new CompactionViewModel(engine, new HealthInspector(engine), new PropertyEditor(engine), new ChangeRunner(engine),
                new VacuumPlanner(engine), scheduler, tasks, notifier, status, lakeChanged);
    }

    CompactionViewModel model() {
        return model;
    }

    @Override
    public String id() {
        return "compaction";
    }

    @Override
    public String title() {
        return "Compaction";
    }

    @Override
    public AppIcon icon() {
        return AppIcon.COMPACTION;
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public void onShown() {
        if (!loaded) {
            loaded = true;
            model.schedulerModel().loadScheduler();
        }
        if (model.healthModel().healthProperty().get() == null && model.tableProperty().get() != null && !model.tableProperty().get().isBlank()) {
            model.healthModel().refreshHealth();
        }
    }

    /** Health reads and dry runs nobody watches are cancelled; an OPTIMIZE or VACUUM already committing finishes. */
    @Override
    public void onHidden() {
        model.cancelReads();
    }

    @Override
    public List<ScreenshotScene> screenshotScenes() {
        return List.of(
                new ScreenshotScene("compaction-health.png", () -> health()),
                new ScreenshotScene("compaction-before-after.png", () -> beforeAfter()),
                new ScreenshotScene("vacuum-simulator.png", () -> vacuum()));
    }

    private CompletionStage<?> health() {
        view.show(CompactionView.Section.HEALTH);
        return model.healthModel().pickTableMostInNeed().thenCompose(t -> model.healthModel().refreshHealth());
    }

    private CompletionStage<?> beforeAfter() {
        view.show(CompactionView.Section.OPTIMIZE);
        model.optimizeModel().zOrderProperty().set(model.healthModel().zOrderSuggestion());
        model.optimizeModel().optimizeReasonProperty().set("compact small files before the screenshot run");
        return model.optimizeModel().optimize();
    }

    private CompletionStage<?> vacuum() {
        view.show(CompactionView.Section.VACUUM);
        model.vacuumModel().retentionProperty().set("0h");
        return model.vacuumModel().simulateVacuum();
    }
}
