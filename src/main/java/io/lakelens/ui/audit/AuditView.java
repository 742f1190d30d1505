package io.lakelens.ui.audit;

import io.lakelens.ui.kit.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/**
 * The Audit tab's layout: history filters, the history table beside the selected commit's
 * JSON ({@link HistoryView}), then panes for a row's trail, integrity checks, the audit export
 * (with "Export report…") and data quality, each the view of its section's model; the error
 * line and last outcome at the bottom.
 */
final class AuditView extends BorderPane {
    private final AuditViewModel model;
    private final TabPane panes = new TabPane();
    final Tab trailTab = new Tab("Row history");
    final Tab integrityTab = new Tab("Integrity");
    final Tab exportTab = new Tab("Export");
    final Tab qualityTab = new Tab("Quality");
    private final SplitPane split;

    AuditView(AuditViewModel model) {
        this.model = model;
        setId("auditTab");
        getStyleClass().add(AuditStyles.TAB);
        setPadding(new Insets(12));
        HistoryView upper = new HistoryView(model.historyModel(), model.tableProperty(), model.busyProperty());
        setTop(upper.filters());
        BorderPane.setMargin(getTop(), new Insets(0, 0, 10, 0));

        panes.setId("auditPanes");
        panes.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        trailTab.setId("auditTrailTab");
        integrityTab.setId("auditIntegrityTab");
        exportTab.setId("auditExportTab");
        qualityTab.setId("auditQualityTab");
        trailTab.setContent(new RowTrailView(model.trailModel(), model.historyModel().selectedProperty()));
        integrityTab.setContent(new IntegrityView(model.integrityModel()));
        exportTab.setContent(new ExportView(model.exportModel(), this::openReport));
        qualityTab.setContent(new QualityView(model.qualityModel()));
        panes.getTabs().addAll(trailTab, integrityTab, exportTab, qualityTab);
        split = new SplitPane(upper, panes);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        setCenter(split);

        Label message = new Label();
        message.setId("auditMessage");
        message.getStyleClass().add(Styles.MUTED);
        message.textProperty().bind(model.messageProperty());
        message.setWrapText(true);
        Label error = new Label();
        error.setId("auditError");
        error.getStyleClass().add(Styles.ERROR_BANNER);
        error.textProperty().bind(model.errorProperty());
        error.setWrapText(true);
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        VBox bottom = new VBox(4, error, message);
        setBottom(bottom);
        BorderPane.setMargin(bottom, new Insets(8, 0, 0, 0));
    }

    boolean showing(Tab tab) {
        return panes.getSelectionModel().getSelectedItem() == tab;
    }

    void show(Tab tab) {
        panes.getSelectionModel().select(tab);
    }

    /** Gives the lower panes {@code share} of the height (the quality view needs room for its chart and grid). */
    void lowerShare(double share) {
        split.setDividerPositions(1 - share);
    }

    /** Opens the "Export report…" dialog (it stays open while the report is written). */
    void openReport() {
        new ReportDialog(model.reportModel(), getScene() == null ? null : getScene().getWindow()).show();
    }
}
