package io.lakelens.ui.performance;

import io.lakelens.cache.CacheInspection;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.Columns;
import io.lakelens.ui.kit.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import static io.lakelens.ui.kit.Panes.card;

/**
 * Redis as it sees itself: the overview figures, keys by table (with Flush…) and by TTL class,
 * and the slow log. While the cache is off, one line says why in place of the figures.
 */
final class CachePanel extends BorderPane {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final CacheViewModel model;
    private final GridPane facts = new GridPane();
    private final TableView<CacheViewModel.TableKeys> tables;

    CachePanel(CacheViewModel model) {
        this.model = model;
        setId("cachePanel");
        getStyleClass().add(PerformanceStyles.CACHE_PANEL);
        setPadding(new Insets(10, 10, 0, 0));

        Label off = new Label();
        off.setId("cacheOff");
        off.setWrapText(true);
        off.setMaxWidth(Double.MAX_VALUE);
        off.getStyleClass().addAll(Styles.EMPTY_STATE, PerformanceStyles.CACHE_OFF);
        off.textProperty().bind(model.offReasonProperty());
        off.visibleProperty().bind(model.offReasonProperty().isNotEmpty());
        off.managedProperty().bind(off.visibleProperty());

        Label updated = new Label();
        updated.setId("cacheUpdated");
        updated.getStyleClass().add(Styles.MUTED);
        updated.textProperty().bind(model.updatedProperty());
        Button refresh = new Button("Refresh", AppIcon.REFRESH.node());
        refresh.setId("refreshCache");
        refresh.setOnAction(e -> model.refresh());
        Label title = new Label("Redis cache");
        title.getStyleClass().add(Styles.SECTION_TITLE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, title, spacer, updated, refresh);
        top.setAlignment(Pos.CENTER_LEFT);

        facts.setId("cacheFacts");
        facts.setHgap(14);
        facts.setVgap(4);
        model.facts().addListener((javafx.collections.ListChangeListener<CacheViewModel.Fact>) c -> showFacts());
        showFacts();
        VBox overview = card("Server", facts);

        TableView<CacheViewModel.ClassKeys> classes = new TableView<>(model.classes());
        classes.setId("cacheKeysByClass");
        classes.getColumns().setAll(List.of(
                Columns.text("TTL class", k -> k.ttlClass().name().toLowerCase(Locale.ROOT) + " (" + k.ttlClass().keyClass() + ")", 140),
                Columns.number("TTL", k -> duration(k.ttl()), 60),
                Columns.number("Keys", k -> String.format(Locale.ROOT, "%,d", k.keys()), 70)));
        dense(classes, 150);
        VBox byClass = card("Keys by TTL class", classes);

        tables = new TableView<>(model.tables());
        tables.setId("cacheKeysByTable");
        tables.getColumns().setAll(List.of(
                Columns.text("Table", CacheViewModel.TableKeys::table, 200),
                Columns.number("Keys", k -> String.format(Locale.ROOT, "%,d", k.keys()), 80)));
        tables.setPlaceholder(new Label("No LakeLens keys cached yet"));
        dense(tables, 150);
        Button flush = new Button("Flush table's keys…", AppIcon.CANCEL.node());
        flush.setId("flushTable");
        flush.disableProperty().bind(tables.getSelectionModel().selectedItemProperty().isNull());
        flush.setOnAction(e -> confirmFlush());
        VBox byTable = card("Keys by table", tables, flush);

        VBox.setVgrow(tables, Priority.ALWAYS);
        VBox.setVgrow(classes, Priority.ALWAYS);
        HBox keys = new HBox(10, byTable, byClass);
        VBox.setVgrow(keys, Priority.ALWAYS);
        HBox.setHgrow(byTable, Priority.ALWAYS);
        HBox.setHgrow(byClass, Priority.ALWAYS);

        TableView<CacheInspection.SlowEntry> slow = new TableView<>(model.slowLog());
        slow.setId("cacheSlowLog");
        slow.getColumns().setAll(List.of(
                Columns.number("Id", s -> Long.toString(s.id()), 50),
                Columns.text("At", s -> AT.format(s.at()), 80),
                Columns.number("µs", s -> String.format(Locale.ROOT, "%,d", s.micros()), 80),
                Columns.text("Command", CacheInspection.SlowEntry::command, 520)));
        slow.setPlaceholder(new Label("The slow log is empty: no command took longer than Redis's slowlog-log-slower-than"));
        dense(slow, 120);
        VBox slowCard = card("Slow log (newest first)", slow);
        VBox.setVgrow(slow, Priority.ALWAYS);

        VBox figures = new VBox(10, overview, keys, slowCard);
        figures.visibleProperty().bind(model.offReasonProperty().isEmpty());
        figures.managedProperty().bind(figures.visibleProperty());

        setTop(top);
        setCenter(new VBox(10, off, figures));
        BorderPane.setMargin(top, new Insets(0, 0, 8, 0));
        VBox.setVgrow(figures, Priority.ALWAYS);
    }

    private void showFacts() {
        facts.getChildren().clear();
        int i = 0;
        for (CacheViewModel.Fact f : model.facts()) {
            Label name = new Label(f.name());
            name.getStyleClass().add(Styles.FORM_LABEL);
            name.setMinWidth(Region.USE_PREF_SIZE);
            Label value = new Label(f.value());
            value.setId("cacheFact-" + f.name().toLowerCase(Locale.ROOT).replace(' ', '-'));
            value.setWrapText(true);
            value.setMinWidth(120);
            GridPane.setHgrow(value, Priority.ALWAYS);
            if (i == 0) {
                // the server's line is long: a row of its own
                facts.add(name, 0, 0);
                facts.add(value, 1, 0, 3, 1);
            } else {
                // two columns of figures below it: the panel is wide and the list is short
                int row = (i + 1) / 2;
                int col = (i - 1) % 2 * 2;
                facts.add(name, col, row);
                facts.add(value, col + 1, row);
            }
            i++;
        }
    }

    private void confirmFlush() {
        CacheViewModel.TableKeys t = tables.getSelectionModel().getSelectedItem();
        if (t == null) {
            return;
        }
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, String.format(Locale.ROOT,
                "Delete the %,d cached keys of %s from Redis? Its searches read Delta until the cache fills again; "
                        + "the table itself does not change.", t.keys(), t.table()), ButtonType.CANCEL, ButtonType.OK);
        confirm.setHeaderText("Flush the cache of " + t.table() + "?");
        confirm.setTitle("LakeLens");
        if (getScene() != null) {
            confirm.initOwner(getScene().getWindow());
        }
        confirm.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> model.flush(t.table()));
    }

    private static void dense(TableView<?> table, double height) {
        table.getStyleClass().add("ll-dense-table");
        table.setPrefHeight(height);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
    }

    private static String duration(Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 ? s / 3600 + " h" : s % 60 == 0 ? s / 60 + " min" : s + " s";
    }
}
