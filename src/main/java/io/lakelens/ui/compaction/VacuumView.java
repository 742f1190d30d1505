package io.lakelens.ui.compaction;

import io.lakelens.lake.maintenance.Bytes;
import io.lakelens.lake.maintenance.VacuumPlan;
import io.lakelens.lake.maintenance.VacuumResult;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.Styles;
import javafx.beans.binding.StringExpression;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;

import static atlantafx.base.theme.Styles.DANGER;
import static io.lakelens.ui.compaction.CompactionWidgets.TIME;
import static io.lakelens.ui.compaction.CompactionWidgets.column;
import static io.lakelens.ui.compaction.CompactionWidgets.field;
import static io.lakelens.ui.compaction.CompactionWidgets.head;
import static io.lakelens.ui.compaction.CompactionWidgets.number;
import static io.lakelens.ui.compaction.CompactionWidgets.wrapping;
import static io.lakelens.ui.kit.Panes.card;
import static io.lakelens.ui.kit.Panes.form;

/** The vacuum section: the dry-run form and what the VACUUM would delete and cost in time travel. */
final class VacuumView extends HBox {

    VacuumView(VacuumViewModel model, StringExpression table) {
        TextField retention = field("vacuumRetention", "168h, 7 days, 0h", model.retentionProperty());
        retention.setPrefColumnCount(8);
        TextField reason = field("vacuumReason", "why (recorded in the log)", model.vacuumReasonProperty());
        CheckBox override = new CheckBox("Allow a retention under the safe minimum");
        override.setId("vacuumOverride");
        override.selectedProperty().bindBidirectional(model.overrideShortRetentionProperty());
        Button simulate = new Button("Simulate (dry run)", AppIcon.SEARCH.node());
        simulate.setId("simulateVacuum");
        simulate.disableProperty().bind(model.vacuumBusyProperty().or(table.isEmpty()));
        simulate.setOnAction(e -> model.simulateVacuum());
        Button run = new Button("Run VACUUM", AppIcon.WARNING.node());
        run.setId("runVacuum");
        run.getStyleClass().add(DANGER);
        run.disableProperty().bind(model.canRunVacuumBinding().not());
        run.setOnAction(e -> model.runVacuum());
        GridPane form = form(new String[]{"Retain", "Reason"}, retention, reason);
        VBox formCard = card("VACUUM", form, override, new HBox(8, simulate, run));
        formCard.setPrefWidth(420);
        formCard.setMinWidth(360);

        Label summary = wrapping(new Label("Simulate a VACUUM to see which files it deletes and which versions stop being time-travelable."));
        summary.setId("vacuumSummary");
        summary.getStyleClass().add(Styles.SUMMARY);
        VBox warnings = new VBox(4);
        TableView<VacuumPlan.VersionLoss> versions = new TableView<>();
        versions.setId("vacuumVersions");
        versions.getColumns().setAll(List.of(
                number("Version", v -> Long.toString(v.version())),
                column("Committed", v -> TIME.format(v.timestamp()), 170),
                column("Operation", VacuumPlan.VersionLoss::operation, 140),
                number("Files it needs that go", v -> Integer.toString(v.missingFiles()))));
        versions.getColumns().get(3).setPrefWidth(190);
        versions.setPlaceholder(new Label("No version loses time travel"));
        versions.setPrefHeight(220);
        versions.setMinHeight(180);
        TableView<VacuumPlan.FileToDelete> files = new TableView<>();
        files.setId("vacuumFiles");
        files.getColumns().setAll(List.of(
                column("File", VacuumPlan.FileToDelete::path, 380),
                number("Size", f -> Bytes.human(f.sizeBytes())),
                column("Kind", f -> f.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '), 120)));
        files.setPlaceholder(new Label("Nothing to delete"));
        VBox.setVgrow(files, Priority.ALWAYS);
        VBox resultCard = card("What it would do", summary, warnings, head("Versions that lose time travel"), versions,
                head("Files it deletes"), files);
        HBox.setHgrow(resultCard, Priority.ALWAYS);

        model.vacuumPlanProperty().addListener((o, a, p) -> {
            warnings.getChildren().clear();
            if (p == null) {
                versions.getItems().clear();
                files.getItems().clear();
                VacuumResult r = model.vacuumResultProperty().get();
                summary.setText(r == null ? "Simulate a VACUUM to see which files it deletes and which versions stop being time-travelable."
                        : String.format(Locale.ROOT, "VACUUM deleted %d files as %s (\"%s\"); table at version %d.",
                        r.deletedFiles(), r.user(), r.reason(), r.version()));
                return;
            }
            summary.setText(p.summary());
            for (String w : p.warnings()) {
                Label l = wrapping(new Label("⚠ " + w));
                l.getStyleClass().add(CompactionStyles.WARNING);
                warnings.getChildren().add(l);
            }
            versions.getItems().setAll(p.versionsLosingTimeTravel());
            files.getItems().setAll(p.files());
        });
        model.vacuumResultProperty().addListener((o, a, r) -> {
            if (r != null) {
                summary.setText(String.format(Locale.ROOT, "VACUUM deleted %d files as %s (\"%s\"); table at version %d.",
                        r.deletedFiles(), r.user(), r.reason(), r.version()));
            }
        });
        setSpacing(12);
        getChildren().addAll(formCard, resultCard);
    }
}
