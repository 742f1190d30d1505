package io.lakelens.ui.audit;

import io.lakelens.lake.Integrity;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.Formats;
import io.lakelens.ui.kit.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

import static io.lakelens.ui.audit.AuditColumns.vCol;

/** The integrity section: verify the selected or every recorded version; the checks so far. */
final class IntegrityView extends BorderPane {

    IntegrityView(IntegrityViewModel model) {
        Button selected = new Button("Verify selected version", AppIcon.SHIELD.node());
        selected.setId("auditVerifySelected");
        selected.setOnAction(e -> model.verifySelected());
        Button all = new Button("Verify all recorded versions", AppIcon.SHIELD.node());
        all.setId("auditVerifyAll");
        all.setOnAction(e -> model.verifyAll());
        Label hint = new Label("A version with no stored checksum gets one recorded; later checks compare against it.");
        hint.getStyleClass().add(Styles.MUTED);
        HBox controls = new HBox(8, selected, all, hint);
        controls.setAlignment(Pos.CENTER_LEFT);

        TableView<Integrity.Verification> table = new TableView<>(model.checks());
        table.setId("auditIntegrityTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(vCol("version", Integrity.Verification::version));
        TableColumn<Integrity.Verification, Object> status = vCol("status", v -> v);
        status.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll(AuditStyles.CHECK_OK, AuditStyles.CHECK_FAILED);
                setText(null);
                if (!empty && item instanceof Integrity.Verification v) {
                    setText(v.status().label());
                    getStyleClass().add(v.status().failed() ? AuditStyles.CHECK_FAILED : AuditStyles.CHECK_OK);
                }
            }
        });
        table.getColumns().add(status);
        table.getColumns().add(vCol("rows", v -> v.actual() != null ? Formats.count(v.actual().rowCount())
                : v.expected() != null ? Formats.count(v.expected().rowCount()) : ""));
        table.getColumns().add(vCol("checksum", v -> v.actual() != null ? v.actual().fingerprint()
                : v.expected() != null ? v.expected().fingerprint() : ""));
        table.getColumns().add(vCol("recorded", v -> Formats.time(v.recordedAt())));
        table.getColumns().add(vCol("detail", Integrity.Verification::message));
        table.setPlaceholder(new Label("No version checked yet."));
        setCenter(table);
        setTop(controls);
        BorderPane.setMargin(controls, new Insets(8, 0, 8, 0));
    }
}
