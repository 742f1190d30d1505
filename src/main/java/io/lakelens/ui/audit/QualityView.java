package io.lakelens.ui.audit;

import io.lakelens.analytics.quality.QualityChecker;
import io.lakelens.analytics.quality.QualityReport;
import io.lakelens.analytics.quality.QualityReport.TrackedFinding;
import io.lakelens.analytics.quality.Rule;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.Columns;
import io.lakelens.ui.kit.Formats;
import io.lakelens.ui.kit.Styles;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;

/**
 * The quality section: range and Check on top; the findings per version as bars stacked by
 * rule beside the findings grid; under them the picked finding's commits and rows.
 */
final class QualityView extends BorderPane {
    private final QualityViewModel model;
    private final StackedBarChart<String, Number> trend;
    private final TableView<List<Object>> rows = new TableView<>();

    QualityView(QualityViewModel model) {
        this.model = model;
        setId("auditQuality");
        TextField since = new TextField();
        since.setId("qualitySince");
        since.setPromptText("oldest");
        since.setPrefColumnCount(8);
        since.textProperty().bindBidirectional(model.sinceProperty());
        TextField version = new TextField();
        version.setId("qualityVersion");
        version.setPrefColumnCount(8);
        version.textProperty().bindBidirectional(model.versionProperty());
        Button check = new Button("Check quality", AppIcon.SHIELD.node());
        check.setId("qualityCheck");
        check.disableProperty().bind(model.runningProperty());
        check.setOnAction(e -> model.check());
        Button cancel = new Button("Cancel", AppIcon.CANCEL.node());
        cancel.setId("qualityCancel");
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setOnAction(e -> model.cancel());
        ProgressBar bar = new ProgressBar();
        bar.setId("qualityProgress");
        bar.setPrefWidth(140);
        bar.progressProperty().bind(model.progressProperty());
        bar.visibleProperty().bind(model.runningProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        Label step = new Label();
        step.setId("qualityStep");
        step.getStyleClass().add(Styles.MUTED);
        step.textProperty().bind(model.stepProperty());
        HBox controls = new HBox(8, new Label("Versions"), since, new Label("to"), version, check, cancel, bar, step);
        controls.setAlignment(Pos.CENTER_LEFT);

        Label summary = new Label();
        summary.setId("qualitySummary");
        summary.getStyleClass().add(Styles.SECTION_TITLE);
        summary.textProperty().bind(model.summaryProperty());
        summary.visibleProperty().bind(model.summaryProperty().isNotEmpty());
        summary.managedProperty().bind(summary.visibleProperty());
        Label error = new Label();
        error.setId("qualityError");
        error.getStyleClass().add(Styles.ERROR_BANNER);
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        CategoryAxis x = new CategoryAxis();
        x.setLabel("version");
        NumberAxis y = new NumberAxis();
        y.setLabel("findings");
        y.setMinorTickVisible(false);
        trend = new StackedBarChart<>(x, y);
        trend.setId("qualityTrend");
        trend.getStyleClass().add(AuditStyles.QUALITY_TREND);
        trend.setAnimated(false);
        trend.setCategoryGap(6);
        trend.setLegendSide(javafx.geometry.Side.RIGHT);
        trend.setMinWidth(300);
        trend.setPrefWidth(460);
        model.reportProperty().addListener((o, a, r) -> showTrend(r));

        TableView<TrackedFinding> grid = new TableView<>(model.findings());
        grid.setId("qualityFindings");
        TableColumn<TrackedFinding, String> status = Columns.text("status", f -> f.status().label(), 70);
        status.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll(AuditStyles.CHECK_OK, AuditStyles.CHECK_FAILED);
                setText(empty ? null : item);
                if (!empty && item != null) {
                    getStyleClass().add(QualityReport.Status.OPEN.label().equals(item) ? AuditStyles.CHECK_FAILED : AuditStyles.CHECK_OK);
                }
            }
        });
        grid.getColumns().add(status);
        grid.getColumns().add(Columns.text("rule", f -> f.atVersion().rule().title(), 170));
        grid.getColumns().add(Columns.text("rows", f -> f.atVersion().where(), 210));
        grid.getColumns().add(Columns.text("introduced by", f -> (f.introducedBeforeRange() ? "≤ " : "") + f.introduced(), 170));
        grid.getColumns().add(Columns.text("fixed by", f -> f.fixed() == null ? "" : f.fixed().toString(), 220));
        grid.getColumns().add(Columns.text("detail", f -> f.atVersion().detail(), 260));
        grid.setPlaceholder(new Label("No findings yet: press Check quality."));
        grid.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> model.selectedProperty().set(b));
        model.selectedProperty().addListener((o, a, b) -> {
            if (b != grid.getSelectionModel().getSelectedItem()) {
                if (b == null) {
                    grid.getSelectionModel().clearSelection();
                } else {
                    grid.getSelectionModel().select(b);
                    grid.scrollTo(b);
                }
            }
        });

        TableView<QualityViewModel.CommitRow> commits = new TableView<>(model.commits());
        commits.setId("qualityCommits");
        commits.getColumns().add(Columns.text("", QualityViewModel.CommitRow::role, 120));
        commits.getColumns().add(Columns.number("version", r -> "v" + r.commit().version(), 60));
        commits.getColumns().add(Columns.text("operation", r -> r.commit().operation(), 110));
        commits.getColumns().add(Columns.text("user", r -> r.commit().user(), 90));
        commits.getColumns().add(Columns.text("time", r -> Formats.time(r.commit().timestamp()), 150));
        commits.getColumns().add(Columns.text("reason", r -> r.commit().reason() == null ? "" : r.commit().reason(), 320));
        commits.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        commits.setPlaceholder(new Label("Pick a finding to see the commits behind it."));
        // the header and two rows: introduced by, fixed by
        commits.setFixedCellSize(26);
        commits.setPrefHeight(104);
        commits.setMinHeight(104);
        commits.setMaxHeight(104);

        Label rowsTitle = new Label();
        rowsTitle.setId("qualityRowsTitle");
        rowsTitle.getStyleClass().add(Styles.MUTED);
        rowsTitle.textProperty().bind(model.rowsTitleProperty());
        rows.setId("qualityRows");
        rows.setPlaceholder(new Label("The rows of the picked finding appear here."));
        model.rowsProperty().addListener((o, a, s) -> showRows(s));
        VBox details = new VBox(6, commits, rowsTitle, rows);
        VBox.setVgrow(rows, Priority.ALWAYS);

        SplitPane upper = new SplitPane(trend, grid);
        upper.setDividerPositions(0.36);
        SplitPane body = new SplitPane(upper, details);
        body.setOrientation(Orientation.VERTICAL);
        body.setDividerPositions(0.55);

        VBox top = new VBox(6, controls, error, summary);
        setTop(top);
        BorderPane.setMargin(top, new Insets(8, 0, 8, 0));
        setCenter(body);
    }

    /** One series per rule that found anything, stacked per version. */
    private void showTrend(QualityReport r) {
        trend.getData().clear();
        if (r == null) {
            return;
        }
        List<XYChart.Series<String, Number>> all = new ArrayList<>();
        for (Rule rule : Rule.values()) {
            if (r.trend().stream().noneMatch(v -> v.counts().getOrDefault(rule, 0L) > 0)) {
                continue;
            }
            XYChart.Series<String, Number> s = new XYChart.Series<>();
            s.setName(rule.id());
            for (QualityReport.VersionCheck v : r.trend()) {
                s.getData().add(new XYChart.Data<>("v" + v.version(), v.counts().getOrDefault(rule, 0L)));
            }
            all.add(s);
        }
        if (all.isEmpty()) {
            XYChart.Series<String, Number> none = new XYChart.Series<>();
            none.setName("no findings");
            for (QualityReport.VersionCheck v : r.trend()) {
                none.getData().add(new XYChart.Data<>("v" + v.version(), 0));
            }
            all.add(none);
        }
        ((CategoryAxis) trend.getXAxis()).getCategories().setAll(r.trend().stream().map(v -> "v" + v.version()).toList());
        trend.getData().setAll(all);
    }

    private void showRows(QualityChecker.RowSample s) {
        rows.getColumns().clear();
        rows.getItems().clear();
        if (s == null) {
            return;
        }
        for (int i = 0; i < s.columns().size(); i++) {
            int index = i;
            String name = s.columns().get(i);
            TableColumn<List<Object>, Object> c = new TableColumn<>(name);
            c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(Formats.cell(name, cd.getValue().get(index))));
            c.setPrefWidth(110);
            rows.getColumns().add(c);
        }
        rows.getItems().setAll(s.rows());
    }
}
