package io.lakelens.ui.search;

import io.lakelens.Config;
import io.lakelens.TestLakes;
import io.lakelens.cache.EmbeddedRedis;
import io.lakelens.cache.RedisCache;
import io.lakelens.ui.UiTestLakes;
import io.lakelens.ui.WorkbenchTabs;
import io.lakelens.ui.shell.Themes;
import io.lakelens.ui.shell.WorkbenchSettings;
import io.lakelens.ui.shell.WorkbenchWindow;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window with a real embedded Redis, which the test kills mid-session. */
@ExtendWith(ApplicationExtension.class)
class CacheOutageRobotTest {
    private static final long WAIT_S = 180;
    @TempDir
    static Path lake;
    private static Config config;
    private WorkbenchWindow window;

    @BeforeAll
    static void lake() {
        UiTestLakes.marketData(TestLakes.engine(lake));
        config = new Config(lake.toAbsolutePath().normalize(), "local[2]", false, Optional.empty(), false, false);
    }

    @Start
    void start(Stage stage) {
        window = new WorkbenchWindow(stage, config, WorkbenchTabs.all(), WorkbenchSettings.inMemory(), Themes.LIGHT);
        window.show();
    }

    @AfterEach
    void close() {
        window.close();
    }

    @Test
    void killingRedisTurnsTheCacheIndicatorDownWhileSearchesStillAnswer(FxRobot robot) {
        waitUntil(() -> text(robot, "#cacheIndicator").equals("Redis embedded"));
        waitUntil(() -> text(robot, "#resultSummary").startsWith("Found"));
        EmbeddedRedis redis = ((RedisCache) window.workbench().services().context().cache()).connection()
                .embedded().orElseThrow();

        redis.kill();

        waitUntil(() -> text(robot, "#cacheIndicator").equals("Redis down"));
        assertTrue(robot.lookup("#cacheIndicator").query().getStyleClass().contains("ll-indicator-down"));

        robot.clickOn("#searchField").eraseText(robot.lookup("#searchField").queryTextInputControl().getText().length())
                .write("JPM").type(KeyCode.ENTER);
        waitUntil(() -> text(robot, "#resultSummary").equals("Found 45 results (Page 1 of 3)"));
        assertEquals("Redis down", text(robot, "#cacheIndicator"), "Redis stays down; the answer came from Delta");
        assertTrue(text(robot, "#answerSource").startsWith("Delta"), text(robot, "#answerSource"));
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).tryQueryAs(Label.class).map(Label::getText).orElse("");
    }

    private static void waitUntil(Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("condition not met within " + WAIT_S + " s", e);
        }
    }
}
