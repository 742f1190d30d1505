package io.lakelens.ui.compaction;

import io.lakelens.TestLakes;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.maintenance.CompactionScheduler;
import io.lakelens.lake.maintenance.PolicyStore;
import io.lakelens.lake.maintenance.VacuumPlan;
import io.lakelens.ui.kit.CurrentThreadTaskExecutor;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.StatusModel;
import io.lakelens.ui.shell.Toolkits;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Compaction view on the JavaFX toolkit (headless): what the analyst clicks and reads. */
class CompactionViewTest {
    @TempDir
    static Path lake;
    static LakeEngine engine;
    static CompactionScheduler scheduler;
    static CompactionView view;
    static ObservableList<String> tables;

    @BeforeAll
    static void window() {
        engine = TestLakes.engine(lake);
        for (int i = 0; i < 2; i++) {
            long from = i * 10L;
            engine.write("t", "append " + i, s -> {
                s.range(from, from + 10).selectExpr("id").repartition(2).write().format("delta").mode("append")
                        .save(engine.tablePath("t").toString());
                return null;
            });
        }
        engine.write("t", "drop some", s -> {
            io.delta.tables.DeltaTable.forPath(s, engine.tablePath("t").toString()).delete("id < 3");
            return null;
        });
        scheduler = new CompactionScheduler(engine, new PolicyStore(lake), Clock.systemDefaultZone(), Duration.ofHours(1));
        Toolkits.headless();
        Toolkits.start();
        view = Toolkits.onFx(() -> {
            CompactionViewModel m = CompactionTab.model(engine, scheduler, new CurrentThreadTaskExecutor(),
                    new Notifier(Runnable::run), new StatusModel(Runnable::run), () -> { });
            tables = FXCollections.observableArrayList(List.of("t"));
            CompactionView v = new CompactionView(m, tables);
            new Scene(v, 1400, 900);
            m.tableProperty().set("t");
            return v;
        });
    }

    @AfterAll
    static void close() {
        scheduler.close();
    }

    @SuppressWarnings("unchecked")
    static <T> T find(String id) {
        // Controls inside a ScrollPane join the scene graph when its skin is built, on a CSS pass.
        view.applyCss();
        return (T) view.lookup("#" + id);
    }

    @Test
    void reReadingTheTableListKeepsThePick() {
        Object picked = Toolkits.onFx(() -> {
            tables.setAll(List.of("other", "t"));
            return (Object) ((ComboBox<?>) find("compactionTable")).getValue();
        });
        assertEquals("t", picked);
    }

    @Test
    void refreshFillsTheVerdictAndTheHistogram() {
        Toolkits.onFx(() -> ((Button) find("refreshHealth")).fire());
        String verdict = Toolkits.onFx(() -> ((Label) find("healthVerdict")).getText());
        assertTrue(verdict.contains("small files"), verdict);
        int bars = Toolkits.onFx(() -> ((BarChart<?, ?>) find("sizeHistogram")).getData().get(0).getData().size());
        assertEquals(9, bars, "one bar per size bucket");
    }

    @Test
    void vacuumSimulatorListsTheVersionsAndGatesAShortRetention() {
        Toolkits.onFx(() -> {
            ((ToggleButton) find("vacuumToggle")).fire();
            ((TextField) find("vacuumRetention")).setText("0h");
            ((Button) find("simulateVacuum")).fire();
        });
        List<Long> versions = Toolkits.onFx(() -> ((TableView<VacuumPlan.VersionLoss>) find("vacuumVersions")).getItems()
                .stream().map(VacuumPlan.VersionLoss::version).toList());
        assertEquals(List.of(0L, 1L), versions, "the DELETE at version 2 rewrote the files versions 0 and 1 read");
        assertTrue(Toolkits.onFx(() -> ((TableView<?>) find("vacuumFiles")).getItems().size()) > 0);
        assertTrue(Toolkits.onFx(() -> find("runVacuum") instanceof Button b && b.isDisabled()), "0h needs the override");
        Toolkits.onFx(() -> ((CheckBox) find("vacuumOverride")).setSelected(true));
        assertFalse(Toolkits.onFx(() -> ((Button) find("runVacuum")).isDisabled()));
        String summary = Toolkits.onFx(() -> ((Label) find("vacuumSummary")).getText());
        assertTrue(summary.contains("2 versions lose time travel (0–1)"), summary);
    }
}
