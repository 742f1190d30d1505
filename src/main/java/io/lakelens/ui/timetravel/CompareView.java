package io.lakelens.ui.timetravel;

import io.lakelens.lake.SchemaChange;
import io.lakelens.lake.VersionDiff;
import io.lakelens.lake.maintenance.Bytes;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.Formats;
import io.lakelens.ui.kit.Styles;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.List;

/** The compare pane: from, to, key and kind, the diff's summary and facts, the changed rows and pager. */
final class CompareView extends BorderPane {

    CompareView(CompareViewModel model) {
        TextField from = new TextField();
        from.setId("ttFrom");
        from.setPrefColumnCount(10);
        from.textProperty().bindBidirectional(model.fromTextProperty());
        TextField to = new TextField();
        to.setId("ttTo");
        to.setPrefColumnCount(10);
        to.textProperty().bindBidirectional(model.toTextProperty());
        TextField key = new TextField();
        key.setId("ttKey");
        key.setPromptText("key columns (default: the table's key)");
        key.setPrefColumnCount(18);
        key.textProperty().bindBidirectional(model.keyTextProperty());
        ComboBox<VersionDiff.ChangeKind> kind = new ComboBox<>(FXCollections.observableArrayList(
                null, VersionDiff.ChangeKind.ADDED, VersionDiff.ChangeKind.REMOVED, VersionDiff.ChangeKind.CHANGED));
        kind.setId("ttDiffKind");
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(VersionDiff.ChangeKind k) {
                return k == null ? "all changes" : k.label() + " only";
            }

            @Override
            public VersionDiff.ChangeKind fromString(String s) {
                return null;
            }
        });
        kind.valueProperty().bindBidirectional(model.diffKindProperty());
        Button compare = new Button("Compare", AppIcon.COMPARE.node());
        compare.setId("ttCompare");
        compare.setOnAction(e -> model.compare());
        compare.disableProperty().bind(model.comparingProperty());
        HBox controls = new HBox(8, new Label("From"), from, new Label("to"), to, key, kind, compare);
        controls.setAlignment(Pos.CENTER_LEFT);

        Label summary = new Label();
        summary.setId("ttDiffSummary");
        summary.getStyleClass().add(Styles.SUMMARY);
        summary.setWrapText(true);
        Label facts = new Label();
        facts.setId("ttDiffFacts");
        facts.getStyleClass().add(Styles.MUTED);
        facts.setWrapText(true);
        model.diffSummaryProperty().addListener((o, a, s) -> {
            summary.setText(s == null ? "" : s.message());
            facts.setText(s == null ? "" : facts(s));
        });

        DiffTable table = new DiffTable("ttDiffTable", model.diffRows());
        model.diffValueColumns().addListener((ListChangeListener<String>) c ->
                table.columns(List.copyOf(model.diffKeyColumns()), List.copyOf(model.diffValueColumns())));

        Button prev = new Button(null, AppIcon.PREVIOUS_PAGE.node());
        prev.setId("ttDiffPrev");
        prev.setOnAction(e -> model.previousDiffPage());
        Button next = new Button(null, AppIcon.NEXT_PAGE.node());
        next.setId("ttDiffNext");
        next.setOnAction(e -> model.nextDiffPage());
        Label position = new Label();
        position.setId("ttDiffPage");
        position.textProperty().bind(Bindings.createStringBinding(() -> {
            VersionDiff.Summary s = model.diffSummaryProperty().get();
            if (s == null) {
                return "";
            }
            long total = CompareViewModel.total(s, model.diffKindProperty().get());
            long first = Math.min(total, model.diffOffsetProperty().get() + 1);
            long last = Math.min(total, model.diffOffsetProperty().get() + model.diffRows().size());
            return "Rows " + Formats.count(first) + "–" + Formats.count(last) + " of " + Formats.count(total);
        }, model.diffSummaryProperty(), model.diffOffsetProperty(), model.diffRows(), model.diffKindProperty()));
        HBox pager = new HBox(8, prev, position, next);
        pager.setAlignment(Pos.CENTER_LEFT);
        pager.getStyleClass().add(TimeTravelStyles.PAGER);

        VBox head = new VBox(6, controls, summary, facts);
        setCenter(table);
        setTop(head);
        setBottom(pager);
        BorderPane.setMargin(head, new Insets(8, 0, 8, 0));
        BorderPane.setMargin(pager, new Insets(8, 0, 0, 0));
    }

    static String facts(VersionDiff.Summary s) {
        StringBuilder sb = new StringBuilder();
        sb.append("Rows ").append(Formats.count(s.rowsFrom())).append(" → ").append(Formats.count(s.rowsTo()))
                .append(" · size ").append(Bytes.human(s.bytesFrom())).append(" → ")
                .append(Bytes.human(s.bytesTo()))
                .append(" · files ").append(s.filesFrom()).append(" → ").append(s.filesTo())
                .append(" · ").append(s.keyIsWholeRow() ? "no key: whole rows compared" : "key " + String.join(", ", s.key()));
        if (!s.note().isEmpty()) {
            sb.append(" · snapshots compared because ").append(s.note());
        }
        for (SchemaChange c : s.schemaChanges()) {
            sb.append(" · schema v").append(c.version()).append(": ").append(c.describe());
        }
        return sb.toString();
    }
}
