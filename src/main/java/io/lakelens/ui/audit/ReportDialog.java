package io.lakelens.ui.audit;

import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.Styles;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;

/**
 * "Export report…": the period (versions or times), the file (PDF or HTML, picked with a file
 * chooser) and whether to check data quality. Write keeps the dialog open while the report is
 * written in the background and then says where it went, or the one-line error; Close cancels
 * a report still being written.
 */
final class ReportDialog extends Dialog<Void> {
    static final ButtonType WRITE = new ButtonType("Write report", ButtonBar.ButtonData.OK_DONE);

    ReportDialog(ReportViewModel model, Window owner) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Export report");
        setHeaderText("Regulatory report: commits, row changes, restores and erasures, schema changes, integrity and "
                + "data quality over a period");
        getDialogPane().setId("reportDialog");

        TextField from = new TextField();
        from.setId("reportFrom");
        from.setPromptText("0, a version or 2024-03-15T10:00:00Z");
        from.textProperty().bindBidirectional(model.fromProperty());
        TextField to = new TextField();
        to.setId("reportTo");
        to.setPromptText("latest");
        to.textProperty().bindBidirectional(model.toProperty());
        TextField file = new TextField();
        file.setId("reportFile");
        file.setPromptText("report.pdf or report.html");
        file.setPrefColumnCount(32);
        file.textProperty().bindBidirectional(model.fileProperty());
        Button choose = new Button("Choose…", AppIcon.LAKE.node());
        choose.setId("reportChoose");
        choose.setOnAction(e -> choose(model));
        HBox fileRow = new HBox(6, file, choose);
        HBox.setHgrow(file, Priority.ALWAYS);
        CheckBox quality = new CheckBox("Check data quality at every version of the period");
        quality.setId("reportQuality");
        quality.selectedProperty().bindBidirectional(model.qualityProperty());

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.addRow(0, new Label("From"), from);
        form.addRow(1, new Label("To"), to);
        form.addRow(2, new Label("File"), fileRow);
        form.add(quality, 1, 3);
        GridPane.setHgrow(fileRow, Priority.ALWAYS);

        ProgressBar bar = new ProgressBar();
        bar.setId("reportProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(model.progressProperty());
        bar.visibleProperty().bind(model.runningProperty());
        Label message = new Label();
        message.setId("reportMessage");
        message.setWrapText(true);
        message.getStyleClass().add(Styles.MUTED);
        message.textProperty().bind(model.messageProperty());
        Label error = new Label();
        error.setId("reportError");
        error.setWrapText(true);
        error.getStyleClass().add(Styles.ERROR_BANNER);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        VBox content = new VBox(10, form, bar, message, error);
        content.setPadding(new Insets(4, 0, 0, 0));
        content.setPrefWidth(620);
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().addAll(WRITE, ButtonType.CLOSE);

        Button write = (Button) getDialogPane().lookupButton(WRITE);
        write.setId("reportWrite");
        write.disableProperty().bind(model.runningProperty());
        // Writing keeps the dialog open: the outcome is shown in it.
        write.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            model.write();
        });
        setOnHidden(e -> model.cancel());
    }

    private void choose(ReportViewModel model) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Report file");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("PDF report", "*.pdf"),
                new FileChooser.ExtensionFilter("HTML report", "*.html"));
        String current = model.fileProperty().get();
        Path p = null;
        try {
            p = current == null || current.isBlank() ? null : Path.of(current.strip()).toAbsolutePath();
        } catch (java.nio.file.InvalidPathException ignored) {
            // a typed path the platform cannot read: start from the suggestion
        }
        if (p != null) {
            if (p.getParent() != null && p.getParent().toFile().isDirectory()) {
                chooser.setInitialDirectory(p.getParent().toFile());
            }
            chooser.setInitialFileName(String.valueOf(p.getFileName()));
        } else {
            chooser.setInitialFileName(model.suggestedFileName());
        }
        File f = chooser.showSaveDialog(getDialogPane().getScene() == null ? null : getDialogPane().getScene().getWindow());
        if (f != null) {
            String name = f.getName().toLowerCase(java.util.Locale.ROOT);
            boolean html = chooser.getSelectedExtensionFilter() != null
                    && chooser.getSelectedExtensionFilter().getDescription().startsWith("HTML");
            // the platform chooser does not always add the filter's extension
            String path = name.endsWith(".pdf") || name.endsWith(".html") || name.endsWith(".htm") ? f.getPath()
                    : f.getPath() + (html ? ".html" : ".pdf");
            model.fileProperty().set(path);
        }
    }
}
