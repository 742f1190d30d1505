package io.lakelens.ui.compaction;

import io.lakelens.lake.maintenance.Bytes;
import io.lakelens.lake.maintenance.CompactionPolicy;
import io.lakelens.lake.maintenance.CompactionRun;
import io.lakelens.lake.maintenance.OptimizeResult;
import io.lakelens.lake.maintenance.SizeHistogram;
import io.lakelens.lake.maintenance.TableHealth;
import io.lakelens.lake.maintenance.VacuumPlan;
import io.lakelens.lake.maintenance.VacuumResult;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.Columns;
import io.lakelens.ui.kit.Styles;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import static io.lakelens.ui.kit.Panes.card;
import static io.lakelens.ui.kit.Panes.form;

/**
 * The Compaction tab's view: a table picker and five sections (health, optimize, vacuum,
 * properties, scheduler). Binds to {@link CompactionViewModel}; holds no state of its own.
 */
final class CompactionView extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    /** The sections, in toggle order. */
    enum Section {
        HEALTH("Health", AppIcon.SHIELD), OPTIMIZE("Optimize", AppIcon.COMPACTION), VACUUM("Vacuum simulator", AppIcon.TIME_TRAVEL),
        PROPERTIES("Properties", AppIcon.TABLE), SCHEDULER("Scheduler", AppIcon.CLOCK);

        final String title;
        final AppIcon icon;

        Section(String title, AppIcon icon) {
            this.title = title;
            this.icon = icon;
        }

        String id() {
            return name().toLowerCase(Locale.ROOT) + "Section";
        }
    }

    private final CompactionViewModel model;
    private final ToggleGroup sections = new ToggleGroup();
    private final StackPane content = new StackPane();
    final ComboBox<String> tablePicker = new ComboBox<>();

    CompactionView(CompactionViewModel model, ObservableList<String> tables) {
        this.model = model;
        getStyleClass().add(CompactionStyles.TAB);
        setId("compactionTab");
        setPadding(new Insets(12));
        setSpacing(10);

        tablePicker.setId("compactionTable");
        tablePicker.setItems(tables);
        tablePicker.setPromptText("table");
        tablePicker.valueProperty().bindBidirectional(model.tableProperty());
        // Replacing the list (the lake re-read after a commit) clears a combo box's value; the
        // pick stays when its table is still in the lake.
        String[] picked = {model.tableProperty().get()};
        model.tableProperty().addListener((o, a, b) -> {
            if (b != null) {
                picked[0] = b;
            }
        });
        tables.addListener((javafx.collections.ListChangeListener<String>) c -> {
            if (model.tableProperty().get() == null && picked[0] != null && tables.contains(picked[0])) {
                model.tableProperty().set(picked[0]);
            }
        });
        Button refresh = new Button("Refresh", AppIcon.REFRESH.node());
        refresh.setId("refreshHealth");
        refresh.setOnAction(e -> model.refreshHealth());
        HBox switcher = new HBox();
        switcher.getStyleClass().add(CompactionStyles.SECTION_SWITCH);
        for (Section s : Section.values()) {
            ToggleButton b = new ToggleButton(s.title, s.icon.node());
            b.setId(s.name().toLowerCase(Locale.ROOT) + "Toggle");
            b.setUserData(s);
            b.setToggleGroup(sections);
            switcher.getChildren().add(b);
        }
        Label error = new Label();
        error.getStyleClass().addAll(CompactionStyles.WARNING);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.setWrapText(true);
        HBox top = new HBox(10, new Label("Table"), tablePicker, refresh, spacer(), switcher);
        top.setAlignment(Pos.CENTER_LEFT);

        for (Section s : Section.values()) {
            Node n = switch (s) {
                case HEALTH -> healthSection();
                case OPTIMIZE -> optimizeSection();
                case VACUUM -> vacuumSection();
                case PROPERTIES -> propertiesSection();
                case SCHEDULER -> schedulerSection();
            };
            n.setId(s.id());
            n.setUserData(s);
            n.setVisible(false);
            content.getChildren().add(n);
        }
        sections.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
                return;
            }
            content.getChildren().forEach(n -> n.setVisible(n.getUserData() == b.getUserData()));
        });
        sections.getToggles().get(0).setSelected(true);
        VBox.setVgrow(content, Priority.ALWAYS);
        getChildren().addAll(top, error, content);
    }

    void show(Section s) {
        sections.getToggles().stream().filter(t -> t.getUserData() == s).findFirst().ifPresent(t -> t.setSelected(true));
    }

    // ---- health -------------------------------------------------------------------------

    private Node healthSection() {
        Label verdict = wrapping(new Label("Pick a table to see its health."));
        verdict.getStyleClass().add(CompactionStyles.VERDICT);
        verdict.setId("healthVerdict");
        VBox findings = new VBox(4);
        VBox verdictCard = card("Verdict", verdict, findings);

        GridPane stats = statsGrid();
        VBox statsCard = card("Files", stats);

        BarChart<String, Number> histogram = histogramChart("sizeHistogram");
        VBox histogramCard = card("File sizes", histogram);
        VBox.setVgrow(histogram, Priority.ALWAYS);

        TableView<TableHealth.PartitionStat> partitions = new TableView<>();
        partitions.setId("partitionsTable");
        partitions.getColumns().setAll(List.of(
                column("Partition", p -> p.key(), 220),
                number("Files", p -> String.format(Locale.ROOT, "%,d", p.files())),
                number("Size", p -> Bytes.human(p.bytes())),
                number("Rows", p -> p.rows() < 0 ? "?" : String.format(Locale.ROOT, "%,d", p.rows())),
                number("Small", p -> String.format(Locale.ROOT, "%,d", p.smallFiles()))));
        partitions.setPlaceholder(new Label("Not partitioned"));
        partitions.setPrefHeight(180);
        VBox partitionsCard = card("Partitions", partitions);

        model.healthProperty().addListener((o, a, h) -> {
            verdict.getStyleClass().removeAll(CompactionStyles.VERDICT_NEEDS, CompactionStyles.VERDICT_OK);
            findings.getChildren().clear();
            stats.getChildren().clear();
            if (h == null) {
                verdict.setText("…");
                histogram.getData().clear();
                partitions.getItems().clear();
                return;
            }
            verdict.setText(h.verdict());
            verdict.getStyleClass().add(h.needsOptimize() ? CompactionStyles.VERDICT_NEEDS : CompactionStyles.VERDICT_OK);
            for (String f : h.findings()) {
                Label l = wrapping(new Label("• " + f));
                l.getStyleClass().add(CompactionStyles.FINDING);
                findings.getChildren().add(l);
            }
            fillStats(stats, h);
            histogram.getData().setAll(List.of(series("files", h.histogram())));
            partitions.getItems().setAll(h.partitionColumns().isEmpty() ? List.of() : h.partitions().stream()
                    .sorted((x, y) -> Long.compare(y.bytes(), x.bytes())).limit(200).toList());
        });
        VBox left = new VBox(10, verdictCard, statsCard);
        left.setPrefWidth(460);
        VBox right = new VBox(10, histogramCard, partitionsCard);
        HBox.setHgrow(right, Priority.ALWAYS);
        return scroll(new HBox(12, left, right));
    }

    private static GridPane statsGrid() {
        GridPane g = new GridPane();
        g.setHgap(14);
        g.setVgap(6);
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(130);
        g.getColumnConstraints().add(names);
        return g;
    }

    private static void fillStats(GridPane g, TableHealth h) {
        int row = 0;
        row = stat(g, row, "Version", Long.toString(h.version()));
        row = stat(g, row, "Files", String.format(Locale.ROOT, "%,d  (%s)", h.fileCount(), Bytes.human(h.totalBytes())));
        row = stat(g, row, "Small files", String.format(Locale.ROOT, "%,d  (%.0f%% under %s)", h.smallFiles(),
                h.smallFileRatio() * 100, Bytes.human(h.smallFileThresholdBytes())));
        row = stat(g, row, "Rows", h.rows() < 0 ? "unknown (no statistics)" : String.format(Locale.ROOT, "%,d", h.rows()));
        if (h.rows() >= 0 && h.fileCount() > 0) {
            row = stat(g, row, "Rows per file", String.format(Locale.ROOT, "min %,d · avg %,d · max %,d",
                    h.minRowsPerFile(), h.avgRowsPerFile(), h.maxRowsPerFile()));
        }
        row = stat(g, row, "Partitions", h.partitionColumns().isEmpty() ? "none"
                : String.format(Locale.ROOT, "%,d by %s (skew %.1f×)", h.partitions().size(),
                String.join(", ", h.partitionColumns()), h.partitionSkew()));
        row = stat(g, row, "Z-order", h.zOrderColumns().isEmpty() ? "none" : String.join(", ", h.zOrderColumns())
                + " (v" + h.zOrderVersion() + ", " + h.commitsSinceZOrder() + " commits since)");
        row = stat(g, row, "Clustering", h.clusteringColumns().isEmpty() ? "none" : String.join(", ", h.clusteringColumns()));
        row = stat(g, row, "Deletion vectors", String.format(Locale.ROOT, "%,d files · %,d deleted rows",
                h.deletionVectorFiles(), h.deletedRows()));
        row = stat(g, row, "After OPTIMIZE", String.format(Locale.ROOT, "~%,d file%s (%.1f× fewer), target %s",
                h.estimatedFilesAfter(), h.estimatedFilesAfter() == 1 ? "" : "s", h.optimizeFactor(), Bytes.human(h.targetFileBytes())));
        for (TableHealth.PropertyValue p : h.properties()) {
            String name = p.key().replace("delta.", "").replace("autoOptimize.", "");
            row = stat(g, row, name, p.value() + ("default".equals(p.source()) ? "  (default)" : ""));
        }
    }

    private static int stat(GridPane g, int row, String name, String value) {
        Label n = new Label(name);
        n.getStyleClass().add(Styles.FORM_LABEL);
        Label v = wrapping(new Label(value));
        v.getStyleClass().add(CompactionStyles.STAT_VALUE);
        g.addRow(row, n, v);
        return row + 1;
    }

    // ---- optimize -----------------------------------------------------------------------

    private Node optimizeSection() {
        TextField zorder = field("optimizeZOrder", "e.g. symbol, trade_date", model.zOrderProperty());
        TextField where = field("optimizeWhere", "partitions, e.g. sector = 'Energy'", model.whereProperty());
        TextField reason = field("optimizeReason", "why (recorded in the commit)", model.optimizeReasonProperty());
        CheckBox measure = new CheckBox("Time a selective search before and after");
        measure.setId("optimizeMeasure");
        measure.selectedProperty().bindBidirectional(model.measureReadProperty());
        Button run = new Button("Run OPTIMIZE", AppIcon.COMPACTION.node());
        run.setId("runOptimize");
        run.getStyleClass().add(atlantafx.base.theme.Styles.ACCENT);
        run.disableProperty().bind(model.optimizingProperty().or(model.tableProperty().isEmpty()));
        run.setOnAction(e -> model.optimize());
        Button cancel = new Button("Cancel", AppIcon.CANCEL.node());
        cancel.setId("cancelOptimize");
        cancel.disableProperty().bind(model.optimizingProperty().not());
        cancel.setOnAction(e -> model.cancelOptimize());
        ProgressBar progress = new ProgressBar();
        progress.setId("optimizeProgress");
        progress.progressProperty().bind(model.optimizeProgressProperty());
        progress.visibleProperty().bind(model.optimizingProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        Label step = wrapping(new Label());
        step.setId("optimizeStep");
        step.getStyleClass().add(Styles.MUTED);
        step.textProperty().bind(model.optimizeStepProperty());
        GridPane form = form(new String[]{"ZORDER BY", "WHERE", "Reason"}, zorder, where, reason);
        VBox formCard = card("OPTIMIZE", form, measure, new HBox(8, run, cancel), progress, step);
        formCard.setPrefWidth(420);
        formCard.setMinWidth(360);

        Label summary = wrapping(new Label("Run OPTIMIZE to compare the table before and after."));
        summary.setId("optimizeSummary");
        summary.getStyleClass().add(Styles.SUMMARY);
        HBox.setHgrow(summary, Priority.ALWAYS);
        Label speedup = new Label();
        speedup.setId("optimizeSpeedup");
        speedup.getStyleClass().addAll(Styles.BADGE, CompactionStyles.SPEEDUP);
        speedup.setVisible(false);
        GridPane metrics = new GridPane();
        metrics.setHgap(18);
        metrics.setVgap(6);
        metrics.getStyleClass().add(CompactionStyles.BEFORE_AFTER);
        BarChart<String, Number> chart = histogramChart("beforeAfterChart");
        chart.setLegendVisible(true);
        VBox.setVgrow(chart, Priority.ALWAYS);
        VBox resultCard = card("Before / after", new HBox(10, summary, speedup), metrics, chart);
        HBox.setHgrow(resultCard, Priority.ALWAYS);

        model.optimizeResultProperty().addListener((o, a, r) -> {
            metrics.getChildren().clear();
            chart.getData().clear();
            speedup.setVisible(false);
            if (r == null) {
                summary.setText("Run OPTIMIZE to compare the table before and after.");
                return;
            }
            summary.setText(r.summary());
            fillBeforeAfter(metrics, r);
            chart.getData().setAll(List.of(series("before", r.before().histogram()), series("after", r.after().histogram())));
            if (r.probe() != null && r.committed()) {
                speedup.setText(String.format(Locale.ROOT, "search %.1f× %s", r.probe().speedup() >= 1 ? r.probe().speedup()
                        : 1 / r.probe().speedup(), r.probe().speedup() >= 1 ? "faster" : "slower"));
                speedup.setVisible(true);
            }
        });
        return new HBox(12, formCard, resultCard);
    }

    private static void fillBeforeAfter(GridPane g, OptimizeResult r) {
        g.addRow(0, head(""), head("Before"), head("After"));
        int row = 1;
        row = compare(g, row, "Version", Long.toString(r.versionBefore()), Long.toString(r.versionAfter()));
        row = compare(g, row, "Files", String.format(Locale.ROOT, "%,d", r.before().files()),
                String.format(Locale.ROOT, "%,d", r.after().files()));
        row = compare(g, row, "Size", Bytes.human(r.before().bytes()), Bytes.human(r.after().bytes()));
        if (r.probe() != null) {
            OptimizeResult.ReadProbe p = r.probe();
            row = compare(g, row, "Search " + p.column() + " = " + p.value(), String.format(Locale.ROOT, "%.0f ms", p.millisBefore()),
                    String.format(Locale.ROOT, "%.0f ms", p.millisAfter()));
            if (p.filesBefore() >= 0) {
                row = compare(g, row, "Files it reads", String.format(Locale.ROOT, "%,d", p.filesBefore()),
                        String.format(Locale.ROOT, "%,d", p.filesAfter()));
            }
        }
        compare(g, row, "Took", "", String.format(Locale.ROOT, "%.1f s", r.elapsed().toMillis() / 1000.0));
    }

    private static int compare(GridPane g, int row, String name, String before, String after) {
        Label n = new Label(name);
        n.getStyleClass().add(Styles.FORM_LABEL);
        Label b = new Label(before);
        b.getStyleClass().addAll(CompactionStyles.STAT_VALUE, Styles.NUMBER);
        Label a = new Label(after);
        a.getStyleClass().addAll(CompactionStyles.STAT_VALUE, Styles.NUMBER);
        g.addRow(row, n, b, a);
        return row + 1;
    }

    private static Label head(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.SECTION_TITLE);
        return l;
    }

    // ---- vacuum -------------------------------------------------------------------------

    private Node vacuumSection() {
        TextField retention = field("vacuumRetention", "168h, 7 days, 0h", model.retentionProperty());
        retention.setPrefColumnCount(8);
        TextField reason = field("vacuumReason", "why (recorded in the log)", model.vacuumReasonProperty());
        CheckBox override = new CheckBox("Allow a retention under the safe minimum");
        override.setId("vacuumOverride");
        override.selectedProperty().bindBidirectional(model.overrideShortRetentionProperty());
        Button simulate = new Button("Simulate (dry run)", AppIcon.SEARCH.node());
        simulate.setId("simulateVacuum");
        simulate.disableProperty().bind(model.vacuumBusyProperty().or(model.tableProperty().isEmpty()));
        simulate.setOnAction(e -> model.simulateVacuum());
        Button run = new Button("Run VACUUM", AppIcon.WARNING.node());
        run.setId("runVacuum");
        run.getStyleClass().add(atlantafx.base.theme.Styles.DANGER);
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
        return new HBox(12, formCard, resultCard);
    }

    // ---- properties ---------------------------------------------------------------------

    private Node propertiesSection() {
        TableView<PropertyRow> table = new TableView<>(model.propertyRows());
        table.setId("propertiesTable");
        table.setEditable(true);
        TableColumn<PropertyRow, String> edit = new TableColumn<>("New value");
        edit.setCellValueFactory(c -> c.getValue().editProperty());
        edit.setCellFactory(TextFieldTableCell.forTableColumn());
        edit.setEditable(true);
        edit.setPrefWidth(170);
        table.getColumns().setAll(List.of(
                column("Property", PropertyRow::key, 280),
                column("Now", r -> r.current() + (r.isDefault() ? " (default)" : ""), 170),
                edit,
                column("What it does", PropertyRow::description, 420)));
        table.setPlaceholder(new Label("Refresh the table's health to load its properties"));
        VBox.setVgrow(table, Priority.ALWAYS);
        TextField reason = field("propertiesReason", "why (recorded in the commit)", model.propertyReasonProperty());
        Button preview = new Button("Preview statement", AppIcon.SEARCH.node());
        preview.setId("previewProperties");
        preview.setOnAction(e -> model.previewProperties());
        HBox actions = new HBox(8, new Label("Reason"), reason, preview);
        actions.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(reason, Priority.ALWAYS);

        TextArea statement = new TextArea();
        statement.setId("propertiesStatement");
        statement.getStyleClass().add(CompactionStyles.STATEMENT);
        statement.setEditable(false);
        statement.setWrapText(true);
        statement.setPrefRowCount(3);
        VBox warnings = new VBox(4);
        Button apply = new Button("Apply", AppIcon.SUCCESS.node());
        apply.setId("applyProperties");
        apply.getStyleClass().add(atlantafx.base.theme.Styles.ACCENT);
        apply.setOnAction(e -> model.applyProperties());
        Button discard = new Button("Discard", AppIcon.CANCEL.node());
        discard.setId("discardProperties");
        discard.setOnAction(e -> model.discardPropertyChange());
        VBox confirm = card("Confirm: this statement will run", statement, warnings, new HBox(8, apply, discard));
        confirm.visibleProperty().bind(model.pendingChangeProperty().isNotNull());
        confirm.managedProperty().bind(confirm.visibleProperty());
        model.pendingChangeProperty().addListener((o, a, c) -> {
            statement.setText(c == null ? "" : c.statement());
            warnings.getChildren().clear();
            if (c != null) {
                for (String w : c.warnings()) {
                    Label l = new Label("⚠ " + w);
                    l.setWrapText(true);
                    l.getStyleClass().add(CompactionStyles.WARNING);
                    warnings.getChildren().add(l);
                }
            }
        });
        return new VBox(10, card("Maintenance properties", table, actions), confirm);
    }

    // ---- scheduler ----------------------------------------------------------------------

    private Node schedulerSection() {
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
        return new HBox(12, formCard, lists);
    }

    // ---- helpers ------------------------------------------------------------------------

    /** A label that wraps: it must be allowed its full preferred height inside boxes. */
    private static Label wrapping(Label l) {
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    private static BarChart<String, Number> histogramChart(String id) {
        CategoryAxis x = new CategoryAxis();
        x.setLabel("file size");
        NumberAxis y = new NumberAxis();
        y.setLabel("files");
        y.setMinorTickVisible(false);
        BarChart<String, Number> chart = new BarChart<>(x, y);
        chart.setId(id);
        chart.getStyleClass().add(CompactionStyles.HISTOGRAM);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setCategoryGap(6);
        chart.setBarGap(2);
        chart.setMinHeight(240);
        return chart;
    }

    private static XYChart.Series<String, Number> series(String name, SizeHistogram h) {
        XYChart.Series<String, Number> s = new XYChart.Series<>();
        s.setName(name);
        for (SizeHistogram.Bucket b : h.buckets()) {
            s.getData().add(new XYChart.Data<>(b.label(), b.files()));
        }
        return s;
    }

    private static TextField field(String id, String prompt, StringProperty p) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(p);
        return f;
    }

    private static <S> TableColumn<S, String> column(String title, Function<S, String> value, double width) {
        return Columns.text(title, value, width);
    }

    private static <S> TableColumn<S, String> number(String title, Function<S, String> value) {
        return Columns.number(title, value, 90);
    }

    private static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    private static ScrollPane scroll(Node n) {
        ScrollPane s = new ScrollPane(n);
        s.setFitToWidth(true);
        return s;
    }
}
