package io.lakelens.ui.shell;

import io.lakelens.ui.kit.AppIcon;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.Styles;
import io.lakelens.ui.kit.UiErrors;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Polyline;

import java.util.List;
import java.util.Locale;

/** A row under the header: each watched symbol's last price, change and sparkline, and Edit. */
final class WatchlistStrip extends HBox {
    static final String STRIP = "ll-watchlist";
    static final String QUOTE = "ll-quote";
    static final String SYMBOL = "ll-quote-symbol";
    static final String PRICE = "ll-quote-price";
    static final String SPARK = "ll-sparkline";
    static final String LIVE = "ll-quote-live";
    private static final double SPARK_W = 60;
    private static final double SPARK_H = 20;

    private final WatchlistViewModel model;
    private final Notifier notifier;
    private final HBox cells = new HBox(10);

    WatchlistStrip(WatchlistViewModel model, Notifier notifier) {
        this.model = model;
        this.notifier = notifier;
        setId("watchlist");
        getStyleClass().add(STRIP);
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(12);

        Label title = new Label("Watchlist", AppIcon.UP.node());
        title.getStyleClass().add(Styles.SECTION_TITLE);
        cells.setAlignment(Pos.CENTER_LEFT);
        Label status = new Label();
        status.setId("watchlistStatus");
        status.getStyleClass().add(Styles.MUTED);
        status.textProperty().bind(model.statusProperty());
        status.setTooltip(new Tooltip("Live: each symbol's price key, read when the feed (any process on this Redis) announces "
                + "a new market_data version. Delta closes: the latest close in market_data, when Redis is off or has no key yet."));
        status.setMinWidth(Region.USE_PREF_SIZE);
        title.setMinWidth(Region.USE_PREF_SIZE);
        // the quotes keep their size; a narrow window cuts off the last ones rather than squeezing each
        cells.setMinWidth(Region.USE_PREF_SIZE);
        StackPane holder = new StackPane(cells);
        holder.setAlignment(Pos.CENTER_LEFT);
        holder.setMinWidth(0);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(holder.widthProperty());
        clip.heightProperty().bind(holder.heightProperty());
        holder.setClip(clip);
        HBox.setHgrow(holder, Priority.ALWAYS);
        Button edit = new Button("Edit…");
        edit.setId("editWatchlist");
        edit.setMinWidth(Region.USE_PREF_SIZE);
        edit.setOnAction(e -> edit());
        getChildren().setAll(title, holder, status, edit);
        model.quotes().addListener((ListChangeListener<WatchlistViewModel.Quote>) c -> show(model.quotes()));
        show(model.quotes());
    }

    private void show(List<WatchlistViewModel.Quote> quotes) {
        cells.getChildren().clear();
        for (WatchlistViewModel.Quote q : quotes) {
            cells.getChildren().add(cell(q));
        }
    }

    private static HBox cell(WatchlistViewModel.Quote q) {
        Label symbol = new Label(q.symbol());
        symbol.getStyleClass().add(SYMBOL);
        Label price = new Label(Double.isNaN(q.price()) ? "—" : String.format(Locale.ROOT, "%,.2f", q.price()));
        price.setId("quote-" + q.symbol());
        price.getStyleClass().addAll(PRICE, Styles.NUMBER);
        // the percentage keeps five quotes in a normal window; the tooltip has the amount
        Label change = new Label(Double.isNaN(q.changePct()) ? "" : String.format(Locale.ROOT, "%+.2f%%", q.changePct()));
        change.setId("change-" + q.symbol());
        if (!Double.isNaN(q.change())) {
            change.getStyleClass().add(q.change() >= 0 ? Styles.UP : Styles.DOWN);
        }
        for (Label l : List.of(symbol, price, change)) {
            l.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox cell = new HBox(6, symbol, price, change, sparkline(q.history(), q.change()));
        cell.setMinWidth(Region.USE_PREF_SIZE);
        cell.setAlignment(Pos.CENTER_LEFT);
        cell.getStyleClass().add(QUOTE);
        if (q.source() == WatchlistViewModel.Source.LIVE) {
            cell.getStyleClass().add(LIVE);
        }
        String amount = Double.isNaN(q.change()) ? "" : String.format(Locale.ROOT, "; %+.2f against the previous close", q.change());
        Tooltip.install(cell, new Tooltip(switch (q.source()) {
            case LIVE -> "Live price from the feed (market_data v" + q.version() + ")" + amount;
            case DELTA -> "Latest close in Delta (market_data v" + q.version() + ")" + amount;
            case NONE -> "No price for " + q.symbol() + " in market_data";
        }));
        return cell;
    }

    private static Pane sparkline(List<Double> points, double change) {
        Pane box = new Pane();
        box.setPrefSize(SPARK_W, SPARK_H);
        box.setMinSize(SPARK_W, SPARK_H);
        box.setMaxSize(SPARK_W, SPARK_H);
        if (points.size() < 2) {
            return box;
        }
        double min = points.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = points.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double span = max - min == 0 ? 1 : max - min;
        Polyline line = new Polyline();
        for (int i = 0; i < points.size(); i++) {
            line.getPoints().addAll(i * SPARK_W / (points.size() - 1), SPARK_H - 1 - (points.get(i) - min) / span * (SPARK_H - 2));
        }
        line.getStyleClass().addAll(SPARK, Double.isNaN(change) || change >= 0 ? Styles.UP : Styles.DOWN);
        box.getChildren().add(line);
        return box;
    }

    private void edit() {
        TextInputDialog dialog = new TextInputDialog(String.join(", ", model.chosen()));
        dialog.setTitle("LakeLens");
        dialog.setHeaderText("Symbols of the watchlist (up to " + WatchlistViewModel.MAX_SYMBOLS
                + "), separated by commas; empty shows the first " + WatchlistViewModel.DEFAULT_SYMBOLS + " symbols");
        if (getScene() != null) {
            dialog.initOwner(getScene().getWindow());
        }
        dialog.showAndWait().ifPresent(text -> {
            try {
                model.choose(WatchlistViewModel.parse(text));
            } catch (RuntimeException e) {
                notifier.error(UiErrors.message(e));
            }
        });
    }
}
