package io.lakelens.ui.shell;

import io.lakelens.lake.change.ChangeRunner;
import io.lakelens.lake.ingest.DataImporter;
import io.lakelens.lake.ingest.ImportResult;
import io.lakelens.lake.ingest.ImportSample;
import io.lakelens.ui.kit.Panes;
import io.lakelens.ui.kit.Styles;
import io.lakelens.ui.kit.UiServices;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Dropping a CSV, JSON or Parquet file (or a folder of them) on the window opens this wizard:
 * table name, schema with a type per column, the first rows, the bad rows with reasons, and the
 * import with progress and Cancel. The window closes with Close (or Esc); an import that is
 * still running is cancelled with it.
 */
public final class ImportWizard {
    private static final List<String> SUFFIXES = List.of(".csv", ".csv.gz", ".json", ".jsonl", ".ndjson", ".json.gz", ".parquet");

    /** Ctrl+W closes the wizard like the window's other sub-views. */
    static final javafx.scene.input.KeyCombination CLOSE_KEY = new javafx.scene.input.KeyCodeCombination(
            javafx.scene.input.KeyCode.W, javafx.scene.input.KeyCombination.SHORTCUT_DOWN);

    private final ImportWizardViewModel model;
    private final Dialog<Void> dialog = new Dialog<>();
    private final javafx.scene.layout.FlowPane schema = new javafx.scene.layout.FlowPane(16, 6);
    private final TableView<List<String>> preview = new TableView<>();

    ImportWizard(ImportWizardViewModel model, Window owner) {
        this.model = model;
        dialog.setTitle("Import into the lake");
        dialog.setHeaderText("Import " + model.source().getFileName());
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.initModality(Modality.NONE);
        dialog.setResizable(true);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.getDialogPane().setContent(content());
        dialog.getDialogPane().setPrefSize(900, 800);
        dialog.getDialogPane().setMinSize(760, 640);
        dialog.getDialogPane().setId("importWizard");
        dialog.setOnHidden(e -> model.cancel());
        dialog.getDialogPane().addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (CLOSE_KEY.match(e)) {
                dialog.close();
                e.consume();
            }
        });
    }

    /** Accepts a dropped file or folder anywhere on {@code scene} and opens the wizard over the window's lake. */
    static void installDrop(Scene scene, Supplier<UiServices> services) {
        scene.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (importable(e.getDragboard().getFiles())) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        scene.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            List<File> files = e.getDragboard().getFiles();
            if (importable(files)) {
                open(files.get(0).toPath(), services.get(), scene.getWindow());
                e.setDropCompleted(true);
                e.consume();
            }
        });
    }

    /** One file with a data file's name, or one folder (its files are checked when it is read). */
    static boolean importable(List<File> files) {
        if (files == null || files.size() != 1) {
            return false;
        }
        File f = files.get(0);
        String n = f.getName().toLowerCase(Locale.ROOT);
        return f.isDirectory() || SUFFIXES.stream().anyMatch(n::endsWith);
    }

    /** Opens the wizard for {@code source} and starts reading it. */
    static ImportWizard open(Path source, UiServices services, Window owner) {
        ImportWizard w = create(source, services, owner);
        w.dialog.show();
        w.model.analyse();
        return w;
    }

    static ImportWizard create(Path source, UiServices services, Window owner) {
        ImportWizardViewModel vm = new ImportWizardViewModel(source, new DataImporter(services.engine()),
                new ChangeRunner(services.engine()), services.tasks(), () -> services.lake().refresh());
        return new ImportWizard(vm, owner);
    }

    Dialog<Void> dialog() {
        return dialog;
    }

    ImportWizardViewModel model() {
        return model;
    }

    private Region content() {
        TextField table = new TextField();
        table.setId("importTable");
        table.textProperty().bindBidirectional(model.tableProperty());
        Label tableError = new Label();
        tableError.setId("importTableError");
        tableError.getStyleClass().add(Styles.ERROR_BANNER);
        tableError.textProperty().bind(model.tableErrorProperty());
        tableError.visibleProperty().bind(model.tableErrorProperty().isNotEmpty());
        tableError.managedProperty().bind(tableError.visibleProperty());
        TextField reason = new TextField();
        reason.setId("importReason");
        reason.textProperty().bindBidirectional(model.reasonProperty());
        GridPane form = Panes.form(new String[]{"Table", "Reason"}, new VBox(4, table, tableError), reason);

        Label summary = new Label();
        summary.setId("importSummary");
        summary.getStyleClass().add(Styles.MUTED);
        summary.textProperty().bind(model.summaryProperty());
        summary.setWrapText(true);

        schema.setId("importSchema");
        model.columns().addListener((ListChangeListener<ImportSample.ImportColumn>) c -> rebuildColumns());
        ScrollPane schemaScroll = new ScrollPane(schema);
        schemaScroll.setFitToWidth(true);
        schemaScroll.setPrefViewportHeight(80);
        schemaScroll.setMinViewportHeight(40);

        preview.setId("importPreview");
        preview.setItems(model.rows());
        preview.setPlaceholder(new Label("Reading…"));
        preview.setPrefHeight(170);
        preview.setMinHeight(120);

        TableView<ImportResult.BadRow> bad = new TableView<>(model.badRows());
        bad.setId("importBadRows");
        bad.setPlaceholder(new Label("No bad rows among the first rows read."));
        bad.getColumns().add(column("Reason", ImportResult.BadRow::reason, 300));
        bad.getColumns().add(column("Row", ImportResult.BadRow::raw, 360));
        bad.getColumns().add(column("File", ImportResult.BadRow::file, 140));
        bad.setPrefHeight(110);
        bad.setMinHeight(90);

        ProgressBar progress = new ProgressBar(0);
        progress.setId("importProgress");
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.importingProperty().or(model.analysingProperty()));
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        Label step = new Label();
        step.setId("importStep");
        step.textProperty().bind(model.stepProperty());
        step.setWrapText(true);
        Label error = new Label();
        error.setId("importError");
        error.getStyleClass().add(Styles.ERROR_BANNER);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        error.setWrapText(true);
        Button run = new Button("Import");
        run.setId("importRun");
        run.setDefaultButton(true);
        run.disableProperty().bind(model.canImportBinding().not());
        run.setOnAction(e -> model.importNow());
        Button cancel = new Button("Cancel import");
        cancel.setId("importCancel");
        cancel.disableProperty().bind(model.importingProperty().not().and(model.analysingProperty().not()));
        cancel.setOnAction(e -> model.cancel());
        HBox actions = new HBox(10, progress, cancel, run);

        VBox box = new VBox(10, form, summary,
                Panes.card("Schema (change a column's type; the preview is read again)", schemaScroll),
                Panes.card("First rows", preview),
                Panes.card("Bad rows (not loaded)", bad),
                error, step, actions);
        box.setPadding(new Insets(4));
        VBox.setVgrow(preview, Priority.ALWAYS);
        return box;
    }

    private void rebuildColumns() {
        schema.getChildren().clear();
        preview.getColumns().clear();
        List<ImportSample.ImportColumn> cols = List.copyOf(model.columns());
        for (int i = 0; i < cols.size(); i++) {
            ImportSample.ImportColumn c = cols.get(i);
            Label name = new Label(c.name());
            ComboBox<String> type = new ComboBox<>();
            type.setId("importType-" + c.name());
            type.setEditable(true);
            type.setPrefWidth(140);
            type.getItems().setAll(model.typeChoices());
            if (!type.getItems().contains(c.type())) {
                type.getItems().add(0, c.type());
            }
            type.setValue(c.type());
            type.setOnAction(e -> {
                String chosen = type.getValue();
                if (chosen != null && !chosen.isBlank() && !chosen.strip().equals(c.type())) {
                    model.setType(c.name(), chosen.strip());
                }
            });
            type.disableProperty().bind(model.analysingProperty().or(model.importingProperty()));
            HBox pair = new HBox(6, name, type);
            pair.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            schema.getChildren().add(pair);

            int index = i;
            TableColumn<List<String>, String> col = new TableColumn<>(c.name() + " · " + c.type());
            col.setCellValueFactory(cd -> new ReadOnlyStringWrapper(index < cd.getValue().size() ? cd.getValue().get(index) : null));
            col.setPrefWidth(120);
            preview.getColumns().add(col);
        }
    }

    private static TableColumn<ImportResult.BadRow, String> column(String title, java.util.function.Function<ImportResult.BadRow, String> value,
                                                               double width) {
        TableColumn<ImportResult.BadRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
