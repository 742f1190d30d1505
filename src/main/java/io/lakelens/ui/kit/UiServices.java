package io.lakelens.ui.kit;

import io.lakelens.AppContext;
import io.lakelens.Config;
import io.lakelens.lake.LakeEngine;
import io.lakelens.search.SearchService;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

import java.util.Objects;

/**
 * What every tab gets from the window: the running services ({@link AppContext}), the
 * executor for slow work, notifications, the status bar, the header's connection state and the
 * lake being shown. One instance per window; handed to each tab's constructor.
 */
public final class UiServices {
    /** Below this window width the workbench switches to its compact layout. */
    public static final double COMPACT_WIDTH = 900;

    private final AppContext context;
    private final TaskExecutor tasks;
    private final Notifier notifier;
    private final StatusModel status;
    private final Connections connections;
    private final LakeState lake;
    private final SearchService search;
    private final BooleanProperty compact = new SimpleBooleanProperty(false);
    private final javafx.beans.property.IntegerProperty pageSize = new javafx.beans.property.SimpleIntegerProperty(20);

    public UiServices(AppContext context, TaskExecutor tasks, Notifier notifier, StatusModel status,
                      Connections connections, LakeState lake, SearchService search) {
        this.context = Objects.requireNonNull(context);
        this.tasks = Objects.requireNonNull(tasks);
        this.notifier = Objects.requireNonNull(notifier);
        this.status = Objects.requireNonNull(status);
        this.connections = Objects.requireNonNull(connections);
        this.lake = Objects.requireNonNull(lake);
        this.search = Objects.requireNonNull(search);
    }

    /** Services in the way a ViewModel test needs them: inline executor, no window. */
    public static UiServices forTests(AppContext context, SearchService search) {
        CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();
        return new UiServices(context, tasks, new Notifier(Runnable::run), new StatusModel(Runnable::run),
                new Connections(), new LakeState(context.engine(), tasks), search);
    }

    public AppContext context() {
        return context;
    }

    public Config config() {
        return context.config();
    }

    public LakeEngine engine() {
        return context.engine();
    }

    public TaskExecutor tasks() {
        return tasks;
    }

    public Notifier notifier() {
        return notifier;
    }

    public StatusModel status() {
        return status;
    }

    public Connections connections() {
        return connections;
    }

    public LakeState lake() {
        return lake;
    }

    /**
     * True while the window is narrow (under {@link #COMPACT_WIDTH} px): tabs collapse filters
     * and show key columns only.
     */
    public BooleanProperty compactProperty() {
        return compact;
    }

    public boolean isCompact() {
        return compact.get();
    }

    /** Rows per page the analyst prefers for result grids (a preference; tabs follow it where their pager offers it). */
    public javafx.beans.property.IntegerProperty pageSizeProperty() {
        return pageSize;
    }

    /** The one search service of the window (its cache and metrics are shared by all tabs). */
    public SearchService search() {
        return search;
    }
}
