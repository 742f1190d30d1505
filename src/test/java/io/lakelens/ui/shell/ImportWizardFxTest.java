package io.lakelens.ui.shell;

import com.sun.javafx.tk.TKDropTargetListener;
import com.sun.javafx.tk.TKClipboard;
import io.lakelens.Config;
import io.lakelens.TestLakes;
import io.lakelens.lake.AsOf;
import io.lakelens.ui.UiTestLakes;
import io.lakelens.ui.WorkbenchTabs;
import javafx.scene.Scene;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.scene.input.DataFormat;
import javafx.scene.input.TransferMode;
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

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A file dropped on the real window opens the import wizard, and the wizard imports it. */
@ExtendWith(ApplicationExtension.class)
@Timeout(300)
class ImportWizardFxTest {
    @TempDir
    static Path lake;
    @TempDir
    static Path files;
    private static Config config;
    private WorkbenchWindow window;

    @BeforeAll
    static void lake() throws Exception {
        config = TestLakes.config(lake);
        UiTestLakes.marketData(TestLakes.engine(lake));
        Files.writeString(files.resolve("fills.csv"), """
                fill,venue,px
                1,XNYS,10.5
                2,XLON,oops
                3,XPAR,12.25
                """);
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

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }

    /**
     * Delivers a drop of {@code file} the way the OS does: through the scene's own drop-target
     * listener (enter, over, drop), so the window's handlers see a real drag gesture.
     */
    private static TransferMode drop(Scene scene, File file) throws Exception {
        FileDrag clipboard = new FileDrag(List.of(file));
        var k = Class.forName("javafx.scene.Scene$DropTargetListener").getDeclaredConstructor(Scene.class);
        k.setAccessible(true);
        TKDropTargetListener target = (TKDropTargetListener) k.newInstance(scene);
        double x = scene.getWidth() / 2;
        double y = scene.getHeight() / 2;
        target.dragEnter(x, y, x, y, TransferMode.COPY, clipboard);
        target.dragOver(x, y, x, y, TransferMode.COPY);
        return target.drop(x, y, x, y, TransferMode.COPY);
    }

    /** What a file manager puts on the drag: the files, offered for copying. */
    private record FileDrag(List<File> files) implements TKClipboard {
        public void setSecurityContext(java.security.AccessControlContext ctx) {
        }

        public Set<DataFormat> getContentTypes() {
            return Set.of(DataFormat.FILES);
        }

        @SafeVarargs
        public final boolean putContent(javafx.util.Pair<DataFormat, Object>... content) {
            return false;
        }

        public Object getContent(DataFormat format) {
            return DataFormat.FILES.equals(format) ? files : null;
        }

        public boolean hasContent(DataFormat format) {
            return DataFormat.FILES.equals(format);
        }

        public Set<TransferMode> getTransferModes() {
            return Set.of(TransferMode.COPY);
        }

        public void setDragView(javafx.scene.image.Image image) {
        }

        public void setDragViewOffsetX(double offsetX) {
        }

        public void setDragViewOffsetY(double offsetY) {
        }

        public javafx.scene.image.Image getDragView() {
            return null;
        }

        public double getDragViewOffsetX() {
            return 0;
        }

        public double getDragViewOffsetY() {
            return 0;
        }
    }

    private static Optional<Node> inWizard(String selector) {
        return Window.getWindows().stream().filter(w -> w.getScene() != null)
                .map(w -> w.getScene().getRoot().lookup(selector)).filter(n -> n != null).findFirst();
    }

    @Test
    void droppingACsvOpensTheWizardWhereATypeChangeShowsABadRowAndTheImportCreatesTheTable(FxRobot robot) throws Exception {
        waitUntil(() -> window.workbench().services().lake().loadedProperty().get());
        TransferMode accepted = WaitForAsyncUtils.asyncFx(() -> drop(window.stage().getScene(), files.resolve("fills.csv").toFile()))
                .get(30, TimeUnit.SECONDS);
        assertEquals(TransferMode.COPY, accepted, "the window takes the file");
        waitUntil(() -> inWizard("#importWizard").isPresent());
        waitUntil(() -> inWizard("#importType-px").isPresent());
        @SuppressWarnings("unchecked")
        TableView<List<String>> rows = (TableView<List<String>>) inWizard("#importPreview").orElseThrow();
        @SuppressWarnings("unchecked")
        TableView<Object> bad = (TableView<Object>) inWizard("#importBadRows").orElseThrow();
        assertEquals(3, rows.getItems().size(), "with px inferred as text every row fits");
        assertEquals("fills", ((javafx.scene.control.TextField) inWizard("#importTable").orElseThrow()).getText());

        @SuppressWarnings("unchecked")
        ComboBox<String> px = (ComboBox<String>) inWizard("#importType-px").orElseThrow();
        robot.interact(() -> px.setValue("double"));
        waitUntil(() -> bad.getItems().size() == 1 && rows.getItems().size() == 2);
        assertEquals("column px: 'oops' is not a valid double", bad.getColumns().get(0).getCellData(0));
        assertTrue(rows.getColumns().get(2).getText().contains("double"), rows.getColumns().get(2).getText());

        Button run = (Button) inWizard("#importRun").orElseThrow();
        waitUntil(() -> !run.isDisabled());
        robot.interact(run::fire);
        waitUntil(() -> window.workbench().services().lake().tables().contains("fills"));
        assertEquals(2, window.workbench().services().engine().read("fills", AsOf.LATEST).count());
        robot.interact(() -> inWizard("#importWizard").orElseThrow().getScene().getWindow().hide());
    }
}
