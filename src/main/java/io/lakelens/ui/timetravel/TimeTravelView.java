package io.lakelens.ui.timetravel;

import io.lakelens.lake.SchemaChange;
import io.lakelens.lake.TimelineNode;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.Formats;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.shape.Circle;

import java.util.function.Function;

/**
 * The Time Travel tab's layout: the timeline on top ({@link TimelineView}), then panes to browse
 * as of a version, compare two versions, read the schema timeline and restore (absent on a
 * read-only lake), each the view of its section's model. No logic of its own.
 */
final class TimeTravelView extends BorderPane {
    private final TimeTravelViewModel model;
    private final TimelineView timeline;
    final TabPane panes = new TabPane();
    final Tab browseTab = new Tab("Browse as of");
    final Tab compareTab = new Tab("Compare versions");
    final Tab schemaTab = new Tab("Schema timeline");
    final Tab restoreTab = new Tab("Restore");

    TimeTravelView(TimeTravelViewModel model) {
        this.model = model;
        this.timeline = new TimelineView(model);
        getStyleClass().add(TimeTravelStyles.TAB);
        setId("timeTravelTab");
        setPadding(new Insets(12));

        setTop(timeline);
        BorderPane.setMargin(timeline, new Insets(0, 0, 10, 0));

        panes.setId("ttPanes");
        panes.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        browseTab.setId("ttBrowseTab");
        compareTab.setId("ttCompareTab");
        schemaTab.setId("ttSchemaTab");
        restoreTab.setId("ttRestoreTab");
        browseTab.setContent(new BrowseView(model.browseModel()));
        compareTab.setContent(new CompareView(model.compareModel()));
        schemaTab.setContent(schemaPane());
        panes.getTabs().addAll(browseTab, compareTab, schemaTab);
        if (!model.isReadOnly()) {
            restoreTab.setContent(new RestoreView(model.restoreModel()));
            restoreTab.setGraphic(AppIcon.RESTORE.node());
            panes.getTabs().add(restoreTab);
        }
        setCenter(panes);
    }

    void show(Tab tab) {
        panes.getSelectionModel().select(tab);
    }

    TimelineStrip strip() {
        return timeline.strip();
    }

    private TableView<SchemaChange> schemaPane() {
        TableView<SchemaChange> table = new TableView<>(model.timelineModel().schemaChanges());
        table.setId("ttSchemaTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("version", c -> c.version()));
        table.getColumns().add(column("time", c -> Formats.time(c.timestamp())));
        table.getColumns().add(column("column", SchemaChange::column));
        table.getColumns().add(column("change", c -> c.kind().label()));
        table.getColumns().add(column("detail", SchemaChange::describe));
        table.setPlaceholder(new Label("No schema yet."));
        return table;
    }

    private static <T> TableColumn<T, Object> column(String name, Function<T, Object> value) {
        TableColumn<T, Object> col = new TableColumn<>(name);
        col.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(value.apply(r.getValue())));
        return col;
    }

    /** The selected node's circle, or null; for tests. */
    Circle circleOf(TimelineNode n) {
        return timeline.circleOf(n);
    }
}
