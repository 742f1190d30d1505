package io.lakelens.ui.timetravel;

import io.lakelens.lake.BrowsePage;
import io.lakelens.lake.BrowseRequest;
import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.Formats;
import io.lakelens.ui.kit.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.List;

/** The browse pane: as-of, filter and sort controls, the search-as-of row, the page grid and pager. */
final class BrowseView extends BorderPane {

    BrowseView(BrowseViewModel model) {
        TextField asOf = new TextField();
        asOf.setId("ttAsOf");
        asOf.setPromptText("latest, a version or a date-time");
        asOf.setPrefColumnCount(16);
        asOf.textProperty().bindBidirectional(model.asOfTextProperty());
        asOf.setOnAction(e -> model.browse());

        ComboBox<String> filterColumn = new ComboBox<>(model.columns());
        filterColumn.setId("ttFilterColumn");
        filterColumn.setPromptText("Filter column");
        filterColumn.valueProperty().bindBidirectional(model.filterColumnProperty());
        ComboBox<BrowseRequest.FilterOp> op = new ComboBox<>(FXCollections.observableArrayList(BrowseRequest.FilterOp.values()));
        op.setId("ttFilterOp");
        op.setConverter(new StringConverter<>() {
            @Override
            public String toString(BrowseRequest.FilterOp o) {
                return o == null ? "" : o.symbol();
            }

            @Override
            public BrowseRequest.FilterOp fromString(String s) {
                return null;
            }
        });
        op.valueProperty().bindBidirectional(model.filterOpProperty());
        TextField value = new TextField();
        value.setId("ttFilterValue");
        value.setPromptText("value");
        value.setPrefColumnCount(10);
        value.textProperty().bindBidirectional(model.filterValueProperty());
        value.setOnAction(e -> model.browse());

        ComboBox<String> sort = new ComboBox<>(model.columns());
        sort.setId("ttSortColumn");
        sort.setPromptText("Sort by (key order)");
        sort.valueProperty().bindBidirectional(model.sortColumnProperty());
        CheckBox ascending = new CheckBox("ascending");
        ascending.setId("ttSortAscending");
        ascending.selectedProperty().bindBidirectional(model.sortAscendingProperty());

        Button browse = new Button("Browse", AppIcon.SEARCH.node());
        browse.setId("ttBrowse");
        browse.setDefaultButton(false);
        browse.setOnAction(e -> model.browse());

        HBox controls = new HBox(8, new Label("As of"), asOf, filterColumn, op, value, sort, ascending, browse);
        controls.setAlignment(Pos.CENTER_LEFT);
        VBox head = new VBox(6, controls);
        if (model.canSearch()) {
            TextField text = new TextField();
            text.setId("ttSearchText");
            text.setPromptText("Search symbol, company or sector as of this version");
            text.setPrefColumnCount(28);
            text.textProperty().bindBidirectional(model.searchTextProperty());
            text.setOnAction(e -> model.searchAsOf());
            Button search = new Button("Search as of", AppIcon.DATABASE_ONLY.node());
            search.setId("ttSearch");
            search.setOnAction(e -> model.searchAsOf());
            Label route = new Label("Database-only: historical answers never come from the cache");
            route.getStyleClass().add(Styles.MUTED);
            HBox searchRow = new HBox(8, text, search, route);
            searchRow.setAlignment(Pos.CENTER_LEFT);
            head.getChildren().add(searchRow);
        }

        TableView<List<Object>> grid = new TableView<>();
        grid.setId("ttBrowseTable");
        grid.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        grid.setPlaceholder(new Label("Pick a version on the timeline and press Browse."));
        model.pageProperty().addListener((o, a, p) -> showPage(grid, a, p));

        Button prev = new Button(null, AppIcon.PREVIOUS_PAGE.node());
        prev.setId("ttPrevPage");
        prev.setOnAction(e -> model.previousPage());
        Button next = new Button(null, AppIcon.NEXT_PAGE.node());
        next.setId("ttNextPage");
        next.setOnAction(e -> model.nextPage());
        Label summary = new Label();
        summary.setId("ttPageSummary");
        summary.getStyleClass().add(Styles.SUMMARY);
        summary.textProperty().bind(model.sourceProperty());
        prev.disableProperty().bind(Bindings.createBooleanBinding(() -> model.pageProperty().get() == null
                || model.pageProperty().get().page() <= 1, model.pageProperty()).or(model.browsingProperty()));
        next.disableProperty().bind(Bindings.createBooleanBinding(() -> model.pageProperty().get() == null
                || model.pageProperty().get().page() >= model.pageProperty().get().pageCount(), model.pageProperty())
                .or(model.browsingProperty()));
        HBox pager = new HBox(8, prev, summary, next);
        pager.setAlignment(Pos.CENTER_LEFT);
        pager.getStyleClass().add(TimeTravelStyles.PAGER);

        setCenter(grid);
        setTop(head);
        setBottom(pager);
        BorderPane.setMargin(head, new Insets(8, 0, 8, 0));
        BorderPane.setMargin(pager, new Insets(8, 0, 0, 0));
    }

    private static void showPage(TableView<List<Object>> grid, BrowsePage before, BrowsePage page) {
        if (page == null) {
            grid.getItems().clear();
            return;
        }
        if (before == null || !before.columns().equals(page.columns())) {
            grid.getColumns().clear();
            for (int i = 0; i < page.columns().size(); i++) {
                int index = i;
                TableColumn<List<Object>, Object> col = new TableColumn<>(page.columns().get(i));
                col.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(r.getValue().get(index)));
                col.setCellFactory(c -> new TableCell<>() {
                    @Override
                    protected void updateItem(Object item, boolean empty) {
                        super.updateItem(item, empty);
                        setText(empty ? null : Formats.value(item));
                        getStyleClass().remove(Styles.NUMBER);
                        if (!empty && item instanceof Number) {
                            getStyleClass().add(Styles.NUMBER);
                        }
                    }
                });
                col.setSortable(false);
                grid.getColumns().add(col);
            }
        }
        grid.setItems(FXCollections.observableArrayList(page.rows()));
    }
}
