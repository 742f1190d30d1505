package io.lakelens.ui.timetravel;

import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.Styles;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.List;

import static atlantafx.base.theme.Styles.DANGER;

/** The restore pane: target and key, the preview's rows, then acknowledgement, reason and confirm. */
final class RestoreView extends BorderPane {

    RestoreView(RestoreViewModel model) {
        TextField target = new TextField();
        target.setId("ttRestoreTarget");
        target.setPrefColumnCount(10);
        target.textProperty().bindBidirectional(model.restoreTargetProperty());
        TextField key = new TextField();
        key.setId("ttRestoreKey");
        key.setPromptText("key columns (default: the table's key)");
        key.setPrefColumnCount(18);
        key.textProperty().bindBidirectional(model.keyTextProperty());
        Button preview = new Button("Preview", AppIcon.COMPARE.node());
        preview.setId("ttRestorePreview");
        preview.setOnAction(e -> model.previewRestore());
        preview.disableProperty().bind(model.restoringProperty());
        HBox controls = new HBox(8, new Label("Restore to version"), target, key, preview);
        controls.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("ttRestoreMessage");
        message.getStyleClass().add(Styles.SUMMARY);
        message.setWrapText(true);
        message.textProperty().bind(model.restoreMessageProperty());

        DiffTable rows = new DiffTable("ttRestorePreviewTable", model.previewRows());
        model.previewValueColumns().addListener((ListChangeListener<String>) c ->
                rows.columns(List.copyOf(model.previewKeyColumns()), List.copyOf(model.previewValueColumns())));

        CheckBox acknowledge = new CheckBox("I have checked the rows above that this restore will change");
        acknowledge.setId("ttRestoreAcknowledge");
        acknowledge.selectedProperty().bindBidirectional(model.acknowledgedProperty());
        TextField reason = new TextField();
        reason.setId("ttRestoreReason");
        reason.setPromptText("Reason (recorded in the commit)");
        reason.setPrefColumnCount(30);
        reason.textProperty().bindBidirectional(model.restoreReasonProperty());
        Button confirm = new Button("Restore", AppIcon.RESTORE.node());
        confirm.setId("ttRestoreConfirm");
        confirm.getStyleClass().add(DANGER);
        confirm.disableProperty().bind(model.canRestoreProperty().not());
        confirm.setOnAction(e -> model.restore());
        HBox confirmBox = new HBox(10, acknowledge, reason, confirm);
        confirmBox.setAlignment(Pos.CENTER_LEFT);
        confirmBox.getStyleClass().add(TimeTravelStyles.CONFIRM);
        confirmBox.visibleProperty().bind(model.restorePlanProperty().isNotNull());
        confirmBox.managedProperty().bind(confirmBox.visibleProperty());

        VBox head = new VBox(6, controls, message);
        setCenter(rows);
        setTop(head);
        setBottom(confirmBox);
        BorderPane.setMargin(head, new Insets(8, 0, 8, 0));
        BorderPane.setMargin(confirmBox, new Insets(8, 0, 0, 0));
    }
}
