package io.lakelens.ui.kit;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.Chart;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The narrow-window layout every tab gets without code of its own (below
 * {@link UiServices#COMPACT_WIDTH}): side-by-side parts stack top to bottom, charts above their
 * tables and forms. What stacks: an {@link HBox} that is a tab's root, the whole content of a
 * tab, scroll pane or titled pane, a layer of a stack pane or a border pane's centre (the tabs'
 * side-by-side cards; toolbars sit in tops, bottoms and boxes, never there); a horizontal {@link SplitPane}; a {@link BorderPane}'s side panels, which
 * move under (right) or above (left) its centre. Undone exactly when the window is wide again.
 * Call on the FX thread.
 */
public final class CompactLayout {
    private static final String STACKED = "lakelens.compact.stacked";
    private static final String SIDES = "lakelens.compact.sides";
    private static final String SPLIT = "lakelens.compact.split";

    private CompactLayout() {
    }

    /** Applies (or undoes) the compact layout in {@code root}'s tree, including tabs' and panes' contents not shown yet. */
    public static void apply(Node root, boolean compact) {
        walk(root, compact, true);
    }

    /** Whether {@code box} shows its parts stacked (the compact layout is applied to it). */
    public static boolean isStacked(HBox box) {
        return box.getProperties().containsKey(STACKED);
    }

    private static void walk(Node n, boolean compact, boolean stackable) {
        if (n == null) {
            return;
        }
        switch (n) {
            case HBox h when stackable -> stack(h, compact);
            case SplitPane s -> orient(s, compact);
            case BorderPane b -> sides(b, compact);
            default -> {
            }
        }
        switch (n) {
            case TabPane t -> {
                for (Tab tab : t.getTabs()) {
                    walk(tab.getContent(), compact, true);
                }
            }
            case SplitPane s -> s.getItems().forEach(i -> walk(i, compact, false));
            case ScrollPane s -> walk(s.getContent(), compact, true);
            case TitledPane t -> walk(t.getContent(), compact, true);
            case HBox h when isStacked(h) -> walk(h.getChildren().get(0), compact, false);
            case StackPane p -> new ArrayList<>(p.getChildren()).forEach(c -> walk(c, compact, true));
            case BorderPane b -> new ArrayList<>(b.getChildren()).forEach(c -> walk(c, compact, c == b.getCenter()));
            case Parent p -> new ArrayList<>(p.getChildrenUnmodifiable()).forEach(c -> walk(c, compact, false));
            default -> {
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void stack(HBox row, boolean compact) {
        if (compact && !isStacked(row) && row.getChildren().size() > 1) {
            List<Node> parts = new ArrayList<>(row.getChildren());
            row.getProperties().put(STACKED, parts);
            List<Node> ordered = new ArrayList<>(parts);
            ordered.sort(Comparator.comparing(p -> !hasChart(p))); // stable: charts first, the rest in order
            row.getChildren().clear();
            VBox column = new VBox(Math.max(8, row.getSpacing()));
            column.getStyleClass().add("ll-compact-stack");
            for (Node p : ordered) {
                if (HBox.getHgrow(p) == Priority.ALWAYS) {
                    VBox.setVgrow(p, Priority.ALWAYS);
                }
            }
            column.getChildren().setAll(ordered);
            HBox.setHgrow(column, Priority.ALWAYS);
            row.getChildren().add(column);
        } else if (!compact && isStacked(row)) {
            List<Node> parts = (List<Node>) row.getProperties().remove(STACKED);
            ((VBox) row.getChildren().get(0)).getChildren().clear();
            row.getChildren().setAll(parts);
        }
    }

    private static void orient(SplitPane split, boolean compact) {
        if (compact && split.getOrientation() == Orientation.HORIZONTAL) {
            split.getProperties().put(SPLIT, Boolean.TRUE);
            split.setOrientation(Orientation.VERTICAL);
        } else if (!compact && split.getProperties().remove(SPLIT) != null) {
            split.setOrientation(Orientation.HORIZONTAL);
        }
    }

    private record Sides(Node left, Node center, Node right, Node top, Node bottom) {
    }

    private static void sides(BorderPane pane, boolean compact) {
        if (compact && !pane.getProperties().containsKey(SIDES) && (pane.getLeft() != null || pane.getRight() != null)) {
            Sides s = new Sides(pane.getLeft(), pane.getCenter(), pane.getRight(), pane.getTop(), pane.getBottom());
            pane.getProperties().put(SIDES, s);
            pane.setLeft(null);
            pane.setRight(null);
            pane.setCenter(null);
            VBox column = new VBox(8);
            column.getStyleClass().add("ll-compact-stack");
            for (Node part : new Node[]{s.left(), s.center(), s.right()}) {
                if (part != null) {
                    column.getChildren().add(part);
                }
            }
            if (s.center() != null) {
                VBox.setVgrow(s.center(), Priority.ALWAYS);
            }
            // the whole column scrolls: stacked parts are taller than the window
            ScrollPane scroll = new ScrollPane(column);
            scroll.setFitToWidth(true);
            column.setMinHeight(Math.max(600, column.getMinHeight()));
            pane.setCenter(scroll);
        } else if (!compact && pane.getProperties().get(SIDES) instanceof Sides s) {
            pane.getProperties().remove(SIDES);
            ScrollPane scroll = (ScrollPane) pane.getCenter();
            ((VBox) scroll.getContent()).getChildren().clear();
            pane.setCenter(s.center());
            pane.setLeft(s.left());
            pane.setRight(s.right());
        }
    }

    /** Whether the side-by-side parts of {@code pane} are stacked in one column now. */
    public static boolean isStacked(BorderPane pane) {
        return pane.getProperties().containsKey(SIDES);
    }

    private static boolean hasChart(Node n) {
        if (n instanceof Chart) {
            return true;
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                if (hasChart(c)) {
                    return true;
                }
            }
        }
        return false;
    }
}
