package io.lakelens.ui.compaction;

import io.lakelens.lake.maintenance.CompactionPolicy;
import io.lakelens.lake.maintenance.CompactionRun;
import io.lakelens.ui.kit.AppIcon;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;

import static io.lakelens.ui.compaction.CompactionWidgets.TIME;
import static io.lakelens.ui.compaction.CompactionWidgets.column;
import static io.lakelens.ui.compaction.CompactionWidgets.field;
import static io.lakelens.ui.compaction.CompactionWidgets.number;
import static io.lakelens.ui.kit.Panes.card;
import static io.lakelens.ui.kit.Panes.form;

/** The scheduler section: the picked table's policy form, all policies and the runs. */
final class SchedulerView extends HBox {

    SchedulerView(SchedulerViewModel model) {
        Spinner<Double> ratio = new Spinner<>(0.0, 1.0, 0.5, 0.05);
        ratio.setId("policyRatio");
        ratio.setEditable(true);
        ratio.getValueFactory().valueProperty().addListener((o, a, b) -> model.policyRatioProperty().set(b == null ? 0 : b));
        model.policyRatioProperty().addListener((o, a, b) -> ratio.getValueFactory().setValue(b.doubleValue()));
        Spinner<Integer> maxFiles = new Spinner<>(0, 1_000_000, 0, 50);
        maxFiles.setId("policyMaxFiles");
        maxFiles.setEditable(true);
        maxFiles.getValueFactory().valueProperty().addListener((o, a, b) -> model.policyMaxFilesProperty().set(b == null ? 0 : b));
        model.policyMaxFilesProperty().addListener((o, a, b) -> maxFiles.getValueFactory().setValue(b.intValue()));
        Spinner<Integer> every = new Spinner<>(1, 10_080, 15, 5);
        every.setId("policyEvery");
        every.setEditable(true);
        every.getValueFactory().valueProperty().addListener((o, a, b) -> model.policyEveryProperty().set(b == null ? 15 : b));
        model.policyEveryProperty().addListener((o, a, b) -> every.getValueFactory().setValue(b.intValue()));
        TextField window = field("policyWindow", "any time, or 22:00-06:00", model.policyWindowProperty());
        TextField zorder = new TextField();
        zorder.setId("policyZOrder");
        zorder.setPromptText("plain compaction");
        zorder.textProperty().bindBidirectional(model.policyZOrderProperty());
        GridPane form = form(new String[]{"Small-file ratio ≥", "or files ≥ (0 = off)", "Check every (min)", "Window", "ZORDER BY"},
                ratio, maxFiles, every, window, zorder);
        Button save = new Button("Save policy", AppIcon.SUCCESS.node());
        save.setId("savePolicy");
        save.setOnAction(e -> model.savePolicy());
        Button remove = new Button("Remove", AppIcon.CANCEL.node());
        remove.setId("removePolicy");
        remove.setOnAction(e -> model.removePolicy());
        Button now = new Button("Check now", AppIcon.REFRESH.node());
        now.setId("runPolicyNow");
        now.setOnAction(e -> model.runPolicyNow(false));
        VBox formCard = card("Policy for the picked table", form, new HBox(8, save, remove, now));
        formCard.setPrefWidth(420);
        formCard.setMinWidth(360);

        TableView<CompactionPolicy> policies = new TableView<>(model.policies());
        policies.setId("policiesTable");
        policies.getColumns().setAll(List.of(column("Table", CompactionPolicy::table, 160),
                column("Rule", CompactionPolicy::describe, 520)));
        policies.setPlaceholder(new Label("No policies"));
        policies.setPrefHeight(150);
        TableView<CompactionRun> runs = new TableView<>(model.runs());
        runs.setId("runsTable");
        runs.getColumns().setAll(List.of(
                column("Started", r -> TIME.format(r.started()), 150),
                column("Table", CompactionRun::table, 130),
                column("Outcome", r -> r.outcome().name().toLowerCase(Locale.ROOT), 100),
                column("Trigger", CompactionRun::trigger, 80),
                number("Files", r -> r.filesBefore() < 0 ? "" : r.filesBefore() + " → " + r.filesAfter()),
                number("Took", r -> String.format(Locale.ROOT, "%.1f s", r.durationMillis() / 1000.0)),
                column("Details", CompactionRun::message, 420)));
        runs.setPlaceholder(new Label("No runs yet"));
        VBox.setVgrow(runs, Priority.ALWAYS);
        VBox lists = card("Policies and runs", policies, runs);
        HBox.setHgrow(lists, Priority.ALWAYS);
        setSpacing(12);
        getChildren().addAll(formCard, lists);
    }
}
