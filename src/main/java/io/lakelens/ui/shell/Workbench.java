package io.lakelens.ui.shell;

import io.lakelens.AppContext;
import io.lakelens.Config;
import io.lakelens.LakeLensException;
import io.lakelens.api.ApiOptions;
import io.lakelens.api.ApiServer;
import io.lakelens.search.SearchService;
import io.lakelens.ui.kit.BackgroundTask;
import io.lakelens.ui.kit.Connections;
import io.lakelens.ui.kit.LakeState;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.StatusModel;
import io.lakelens.ui.kit.UiErrors;
import io.lakelens.ui.kit.UiServices;
import io.lakelens.ui.kit.UiTaskExecutor;
import io.lakelens.ui.kit.WorkbenchTab;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The services and tabs of one window over one lake. Built on the FX thread; switching lakes
 * builds a new one and closes the old.
 */
public final class Workbench implements AutoCloseable {
    private final AppContext context;
    private final UiTaskExecutor tasks;
    private final UiServices services;
    private final List<WorkbenchTab> tabs = new ArrayList<>();
    private ApiServer api;
    private boolean closed;

    /** The product's wiring: the real search service and cache, and {@code tabs} built over them. */
    public Workbench(Config config, List<WorkbenchTab.Factory> tabs) {
        this.context = new AppContext(config);
        Notifier notifier = new Notifier(this::ui);
        this.tasks = new UiTaskExecutor(notifier::error);
        Connections connections = new Connections();
        SearchService search = SearchWiring.create(context);
        this.services = new UiServices(context, tasks, notifier, new StatusModel(this::ui), connections,
                new LakeState(context.engine(), tasks), search);
        for (WorkbenchTab.Factory factory : tabs) {
            this.tabs.add(factory.create(services));
        }
    }

    private void ui(Runnable r) {
        tasks.ui(r);
    }

    public UiServices services() {
        return services;
    }

    public List<WorkbenchTab> tabs() {
        return tabs;
    }

    /** Starts Spark in the background and reads the lake; the header shows both as they progress. */
    public void start() {
        Connections c = services.connections();
        c.sparkProperty().set(Connections.Spark.STARTING);
        c.sparkDetailProperty().set(context.config().sparkMaster());
        BackgroundTask.fromStage(() -> context.engine().sparkVersion())
                .withTitle("Starting Spark")
                .onSuccess(version -> {
                    c.sparkProperty().set(context.config().isLocalMaster() ? Connections.Spark.LOCAL : Connections.Spark.REMOTE);
                    c.sparkDetailProperty().set(context.config().sparkMaster() + " · Spark " + version);
                })
                .onFailure(e -> {
                    c.sparkProperty().set(Connections.Spark.DOWN);
                    c.sparkDetailProperty().set(UiErrors.message(e));
                    services.notifier().error("Spark could not start: " + UiErrors.message(e));
                })
                .executeWith(tasks);
        services.lake().refresh();
        SearchWiring.watchCache(context, c, tasks, services.notifier(), services.lake());
    }

    /** Completes when Spark has started (or failed to). */
    public CompletableFuture<?> sparkReady() {
        return context.engine().start().handle((s, e) -> null);
    }

    /**
     * Serves the local HTTP API over this window's engine, cache and search service (the same
     * answers `lakelens serve` gives); returns the running server if it already runs. Blocks
     * briefly (token file, bind): call off the FX thread.
     */
    public synchronized ApiServer startApi(ApiOptions options) {
        if (closed) {
            throw new LakeLensException("This lake was closed; serve the API from the lake now open.");
        }
        if (api == null) {
            api = ApiServer.start(context, options);
        }
        return api;
    }

    /** Stops the API if it runs. */
    public synchronized void stopApi() {
        if (api != null) {
            api.close();
            api = null;
        }
    }

    public synchronized Optional<ApiServer> api() {
        return Optional.ofNullable(api);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            stopApi();
        }
        for (WorkbenchTab tab : tabs) {
            try {
                tab.onHidden();
            } catch (RuntimeException ignored) {
                // closing goes on whatever one tab does
            }
        }
        tasks.close();
        context.close();
    }
}
