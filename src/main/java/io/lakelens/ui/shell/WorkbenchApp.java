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
        Config chosen = lakeChosen ? config
                : settings.lastLake().filter(Files::isDirectory).map(config::withLake).orElse(config);
        Config effective = withPreferences(chosen, settings);
        Toolkits.start();
        CountDownLatch closed = new CountDownLatch(1);
        WorkbenchWindow window = Toolkits.onFx(() -> {
            Stage stage = new Stage();
            WorkbenchWindow w = new WorkbenchWindow(stage, effective, tabs, settings, settings.startTheme());
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

    /**
     * The saved Redis URL and Spark master, where the command line and the environment left the
     * defaults (an explicit --redis, --no-redis, REDIS_URL or LAKELENS_SPARK_MASTER wins).
     */
    static Config withPreferences(Config config, WorkbenchSettings settings) {
        Config c = config;
        if (c.redisUrl().isEmpty() && !c.noRedis() && settings.redisUrl().isPresent()) {
            c = c.withRedis(settings.redisUrl(), false);
        }
        if (Config.DEFAULT_MASTER.equals(c.sparkMaster()) && settings.sparkMaster().isPresent()) {
            try {
                c = c.withSparkMaster(settings.sparkMaster().get());
            } catch (io.lakelens.LakeLensException e) {
                // a master that is no longer accepted: start on the default
            }
        }
        return c;
    }
}
