package io.lakelens.ui.shell;

import io.lakelens.Config;
import io.lakelens.TestLakes;
import io.lakelens.ui.UiTestLakes;
import io.lakelens.ui.WorkbenchTabs;
import io.lakelens.ui.kit.CompactLayout;
import io.lakelens.ui.kit.WorkbenchTab;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The narrow-window layout of every tab, and the preferences dialog, on the real window. */
@ExtendWith(ApplicationExtension.class)
@Timeout(300)
class DeskLayoutFxTest {
    @TempDir
    static Path lake;
    private static Config config;
    private WorkbenchWindow window;

    @BeforeAll
    static void lake() {
        config = TestLakes.config(lake);
        UiTestLakes.marketData(TestLakes.engine(lake));
    }

    @Start
    void start(Stage stage) {
        window = new WorkbenchWindow(stage, config, WorkbenchTabs.all(), WorkbenchSettings.inMemory(), Themes.LIGHT);
        stage.setWidth(1400);
        window.show();
    }

    @AfterEach
    void close() {
        window.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }

    private WorkbenchTab tab(String id) {
        return window.workbench().tabs().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    private static List<Node> all(Node root) {
        List<Node> out = new ArrayList<>();
        out.add(root);
        if (root instanceof ScrollPane s && s.getContent() != null) {
            out.addAll(all(s.getContent()));
        } else if (root instanceof SplitPane s) {
            s.getItems().forEach(i -> out.addAll(all(i)));
        } else if (root instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> out.addAll(all(c)));
        }
        return out;
    }

    @Test
    void belowNineHundredPixelsEveryTabStacksItsSidesAndChartsComeFirstAndItUndoesWhenWide(FxRobot robot) throws Exception {
        waitUntil(() -> window.workbench().services().lake().loadedProperty().get());
        robot.interact(() -> window.stage().setWidth(760));
        waitUntil(() -> window.workbench().services().isCompact());
        for (int i = 0; i < window.workbench().tabs().size(); i++) {
            int index = i;
            robot.interact(() -> window.view().select(index));
            WaitForAsyncUtils.waitForFxEvents();
        }

        // Analytics: the form and the results, side by side when wide, stack
        HBox analytics = (HBox) all(tab("analytics").view()).stream()
                .filter(n -> n.getClass().getSimpleName().equals("AnalyticsView")).findFirst().orElseThrow();
        assertTrue(CompactLayout.isStacked(analytics));
        assertTrue(analytics.getChildren().get(0) instanceof VBox);
        // Performance: the side panel moves under the charts, which come first
        BorderPane performance = (BorderPane) tab("performance").view();
        assertTrue(CompactLayout.isStacked(performance));
        assertEquals(null, performance.getRight());
        VBox column = (VBox) ((ScrollPane) performance.getCenter()).getContent();
        String first = column.getChildren().get(0).getId();
        assertTrue(List.of("performanceCharts", "performanceSections").contains(first), "charts above the panels: " + first);
        assertEquals(2, column.getChildren().size(), "the charts, then the side panel");
        // Audit: the history and its details split one above the other
        List<SplitPane> splits = all(tab("audit").view()).stream().filter(n -> n instanceof SplitPane).map(n -> (SplitPane) n).toList();
        assertFalse(splits.isEmpty());
        splits.forEach(s -> assertEquals(Orientation.VERTICAL, s.getOrientation(), s.getId()));
        // Compaction: the health page's two columns stack
        Optional<HBox> healthRow = all(tab("compaction").view()).stream().filter(n -> n instanceof HBox h && CompactLayout.isStacked(h))
                .map(n -> (HBox) n).findFirst();
        assertTrue(healthRow.isPresent(), "a stacked row in the compaction tab");
        // every tab: no side-by-side split is left
        for (WorkbenchTab t : window.workbench().tabs()) {
            all(t.view()).stream().filter(n -> n instanceof SplitPane).forEach(s ->
                    assertEquals(Orientation.VERTICAL, ((SplitPane) s).getOrientation(), t.id()));
        }

        robot.interact(() -> window.stage().setWidth(1400));
        waitUntil(() -> !window.workbench().services().isCompact());
        assertFalse(CompactLayout.isStacked(analytics));
        assertFalse(CompactLayout.isStacked(performance));
        assertTrue(performance.getRight() != null, "the side panel is back at the side");
    }

    @Test
    void preferencesSaveAPageSizeAndThemeThatApplyAtOnceAndComeBackWhenReopened(FxRobot robot) throws Exception {
        waitUntil(() -> window.workbench().services().lake().loadedProperty().get());
        robot.clickOn("#tabs");
        robot.press(KeyCode.CONTROL, KeyCode.COMMA).release(KeyCode.COMMA, KeyCode.CONTROL);
        waitUntil(() -> find("#preferences").isPresent());
        @SuppressWarnings("unchecked")
        ComboBox<Integer> page = (ComboBox<Integer>) find("#prefPageSize").orElseThrow();
        @SuppressWarnings("unchecked")
        ComboBox<ThemeChoice> theme = (ComboBox<ThemeChoice>) find("#prefTheme").orElseThrow();
        robot.interact(() -> {
            page.setValue(50);
            theme.setValue(ThemeChoice.DARK);
            ((Button) find("#prefSave").orElseThrow()).fire();
        });
        waitUntil(() -> find("#preferences").isEmpty());
        assertEquals(50, window.workbench().services().pageSizeProperty().get());
        assertSame(Themes.DARK, window.themeProperty().get());

        robot.interact(window::showPreferences);
        waitUntil(() -> find("#prefPageSize").isPresent());
        @SuppressWarnings("unchecked")
        ComboBox<Integer> again = (ComboBox<Integer>) find("#prefPageSize").orElseThrow();
        @SuppressWarnings("unchecked")
        ComboBox<ThemeChoice> themeAgain = (ComboBox<ThemeChoice>) find("#prefTheme").orElseThrow();
        assertEquals(50, again.getValue());
        assertEquals(ThemeChoice.DARK, themeAgain.getValue());
        robot.interact(() -> find("#preferences").orElseThrow().getScene().getWindow().hide());
    }

    private static Optional<Node> find(String selector) {
        return Window.getWindows().stream().filter(w -> w.getScene() != null && w.isShowing())
                .map(w -> w.getScene().getRoot().lookup(selector)).filter(n -> n != null).findFirst();
    }
}
