package io.lakelens.ui.shell;

import io.lakelens.Config;
import io.lakelens.ui.kit.WorkbenchTab;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** The interactive app: one window, open until the analyst closes it. */
public final class WorkbenchApp {
    private WorkbenchApp() {
    }

    /**
     * Opens the window and blocks until it is closed.
     *
     * @param lakeChosen true when the lake came from {@code --lake} or {@code LAKELENS_LAKE};
     *                   otherwise the lake of the last session is reopened
     * @param tabs       the window's tabs, in order
     */
    public static int run(Config config, boolean lakeChosen, List<WorkbenchTab.Factory> tabs) {
        WorkbenchSettings settings = WorkbenchSettings.load(WorkbenchSettings.defaultFile());
        Config effective = lakeChosen ? config
                : settings.lastLake().filter(Files::isDirectory).map(config::withLake).orElse(config);
        Toolkits.start();
        CountDownLatch closed = new CountDownLatch(1);
        WorkbenchWindow window = Toolkits.onFx(() -> {
            Stage stage = new Stage();
            WorkbenchWindow w = new WorkbenchWindow(stage, effective, tabs, settings, settings.theme());
            stage.setOnHidden(e -> closed.countDown());
            w.show();
            return w;
        });
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        window.close();
        Platform.exit();
        return 0;
    }
}
