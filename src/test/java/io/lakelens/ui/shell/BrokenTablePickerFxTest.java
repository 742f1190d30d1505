package io.lakelens.ui.shell;

import io.lakelens.Config;
import io.lakelens.TestLakes;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.ui.UiTestLakes;
import io.lakelens.ui.WorkbenchTabs;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.ComboBoxListViewSkin;
import javafx.stage.Stage;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window on a lake with a damaged table: the others open, the damaged one is listed greyed with its reason. */
@ExtendWith(ApplicationExtension.class)
@Timeout(300)
class BrokenTablePickerFxTest {
    private static final PseudoClass UNREADABLE = PseudoClass.getPseudoClass("unreadable");
    private static final String BROKEN = "desk/daily prices";

    @TempDir
    static Path lake;
    private static Config config;
    private WorkbenchWindow window;

    @BeforeAll
    static void lake() throws Exception {
        config = TestLakes.config(lake);
        UiTestLakes.marketData(TestLakes.engine(lake));
        Path log = Files.createDirectories(lake.resolve("desk").resolve("daily prices").resolve("_delta_log"));
        Files.writeString(log.resolve("00000000000000000000.json"), "this is not a commit\n");
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

    /** The picker's cells as shown in its open list: name → the cell. */
    private static Map<String, ListCell<?>> cells(ComboBox<?> picker) {
        Map<String, ListCell<?>> cells = new LinkedHashMap<>();
        Node list = ((ComboBoxListViewSkin<?>) picker.getSkin()).getPopupContent();
        for (Node n : list.lookupAll(".list-cell")) {
            if (n instanceof ListCell<?> c && c.getText() != null) {
                cells.put(c.getText(), c);
            }
        }
        return cells;
    }

    @Test
    void theDamagedTableIsListedGreyedWithItsReasonAndTheOthersStillOpen(FxRobot robot) throws Exception {
        ComboBox<?> picker = robot.lookup("#tablePicker").queryComboBox();
        waitUntil(() -> picker.getItems().contains(BROKEN) && picker.getItems().contains(MarketData.NAME));
        waitUntil(() -> MarketData.NAME.equals(picker.getValue()));

        waitUntil(() -> {
            picker.show();
            return cells(picker).containsKey(BROKEN);
        });
        Map<String, ListCell<?>> cells = WaitForAsyncUtils.asyncFx(() -> cells(picker)).get(30, TimeUnit.SECONDS);
        ListCell<?> broken = cells.get(BROKEN);
        ListCell<?> healthy = cells.get(MarketData.NAME);
        assertTrue(broken.getPseudoClassStates().contains(UNREADABLE), "the damaged table is greyed");
        assertFalse(healthy.getPseudoClassStates().contains(UNREADABLE), "a readable table is not");
        String reason = broken.getTooltip() == null ? "" : broken.getTooltip().getText();
        assertFalse(reason.isBlank(), "its reason is the tooltip");
        assertFalse(reason.contains("Exception") || reason.contains("\tat "), "one line, no stack trace: " + reason);
        assertEquals(1, reason.lines().count(), reason);
        WaitForAsyncUtils.asyncFx(picker::hide).get(30, TimeUnit.SECONDS);

        // the healthy table's rows are shown in the Search tab all the same
        waitUntil(() -> robot.lookup("#resultsTable").tryQueryAs(TableView.class)
                .map(t -> !t.getItems().isEmpty()).orElse(false));
    }
}
