package io.lakelens.ui.audit;

import io.lakelens.lake.AuditExport;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

import java.io.File;

/** The export section: version range, the row trail or not, HTML or CSV into a folder the analyst picks; the regulatory report. */
final class ExportView extends VBox {
    private final ExportViewModel model;

    /** @param openReport opens the regulatory report dialog */
    ExportView(ExportViewModel model, Runnable openReport) {
        this.model = model;
        TextField from = new TextField();
        from.setId("auditExportFrom");
        from.setPrefColumnCount(8);
        from.textProperty().bindBidirectional(model.exportFromProperty());
        TextField to = new TextField();
        to.setId("auditExportTo");
        to.setPrefColumnCount(8);
        to.textProperty().bindBidirectional(model.exportToProperty());
        CheckBox trail = new CheckBox("Include the traced row's history");
        trail.setId("auditExportTrail");
        trail.selectedProperty().bindBidirectional(model.exportTrailProperty());
        Button html = new Button("Export HTML…", AppIcon.AUDIT.node());
        html.setId("auditExportHtml");
        html.setOnAction(e -> chooseFolderAndExport(AuditExport.Format.HTML));
        Button csv = new Button("Export CSV…", AppIcon.TABLE.node());
        csv.setId("auditExportCsv");
        csv.setOnAction(e -> chooseFolderAndExport(AuditExport.Format.CSV));
        Button report = new Button("Export report…", AppIcon.SHIELD.node());
        report.setId("auditExportReport");
        report.setOnAction(e -> openReport.run());
        HBox controls = new HBox(8, new Label("Versions"), from, new Label("to"), to, trail, html, csv, report);
        controls.setAlignment(Pos.CENTER_LEFT);
        Label hint = new Label("The HTML report is one self-contained page (timeline picture, commits, checksums, row history) "
                + "that opens in any browser; the CSV holds the same rows for a spreadsheet. Export report… writes the "
                + "regulatory report (PDF or HTML) of a period, with integrity and data quality.");
        hint.getStyleClass().add(Styles.MUTED);
        hint.setWrapText(true);
        setSpacing(10);
        getChildren().addAll(controls, hint);
        setPadding(new Insets(8, 0, 0, 0));
    }

    private void chooseFolderAndExport(AuditExport.Format format) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Folder for " + model.exportFileName(format));
        File folder = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (folder != null) {
            model.export(folder.toPath(), format);
        }
    }
}
