package io.lakelens.ui.timetravel;

import io.lakelens.TestLakes;
import io.lakelens.lake.BrowsePage;
import io.lakelens.lake.BrowseRequest;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.OperationKind;
import io.lakelens.lake.TimeTravel;
import io.lakelens.lake.TimelineNode;
import io.lakelens.lake.VersionDiff;
import io.lakelens.ui.kit.CurrentThreadTaskExecutor;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.StatusModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeTravelViewModelTest {
    static final String T = TradesFixture.TABLE;
    @TempDir
    static Path lake;
    @TempDir
    static Path restoreLake;
    static LakeEngine engine;

    @BeforeAll
    static void trades() {
        engine = TestLakes.engine(lake);
        TradesFixture.write(engine);
    }

    private static TimeTravelViewModel model(LakeEngine e, boolean readOnly, Runnable lakeChanged) {
        TimeTravelViewModel m = new TimeTravelViewModel(new TimeTravel(e), null, new CurrentThreadTaskExecutor(),
                new Notifier(Runnable::run), new StatusModel(Runnable::run), readOnly, lakeChanged);
        m.tableProperty().set(T);
        return m;
    }

    @Test
    void loadingSelectsTheLatestVersionAndSelectingOnePreparesEveryPane() {
        TimeTravelViewModel m = model(engine, false, () -> { });
        m.load();
        assertEquals(4, m.nodes().size());
        assertEquals(3, m.selectedProperty().get().version());
        m.select(1);
        assertEquals(OperationKind.UPDATE, m.selectedProperty().get().kind());
        assertEquals("1", m.asOfTextProperty().get());
        assertEquals("0", m.fromTextProperty().get());
        assertEquals("1", m.toTextProperty().get());
        assertEquals("1", m.restoreTargetProperty().get());
        assertTrue(TimeTravelViewModel.describe(m.selectedProperty().get()).contains("price correction from the venue"));
        assertEquals(4, m.schemaChanges().size(), "four columns created at version 0");
    }

    @Test
    void jumpingByVersionOrTimeSelectsTheVersionAndBadInputSaysWhy() {
        TimeTravelViewModel m = model(engine, false, () -> { });
        m.load();
        m.jumpTextProperty().set("2");
        assertTrue(m.jump());
        assertEquals(2, m.selectedProperty().get().version());
        TimelineNode v1 = m.nodes().get(1);
        m.jumpTextProperty().set(v1.timestamp().toString());
        assertTrue(m.jump());
        assertEquals(1, m.selectedProperty().get().version());
        m.jumpTextProperty().set("99");
        assertFalse(m.jump());
        assertTrue(m.errorProperty().get().contains("no version 99"), m.errorProperty().get());
        assertEquals(1, m.selectedProperty().get().version(), "a failed jump keeps the selection");
        m.jumpTextProperty().set("2001-01-01");
        assertFalse(m.jump());
        assertTrue(m.errorProperty().get().contains("before table " + T + " existed"), m.errorProperty().get());
    }

    @Test
    void browsingAsOfTheSelectedVersionFiltersAndPages() {
        TimeTravelViewModel m = model(engine, false, () -> { });
        m.load();
        m.select(1);
        m.filterColumnProperty().set("symbol");
        m.filterOpProperty().set(BrowseRequest.FilterOp.EQUALS);
        m.filterValueProperty().set("MSFT");
        m.sortColumnProperty().set("price");
        m.sortAscendingProperty().set(false);
        BrowsePage p = m.browse().join();
        assertEquals(1, p.version());
        assertEquals(4, p.total());
        int price = p.columns().indexOf("price");
        assertEquals(107.0, p.rows().get(0).get(price));
        assertTrue(m.columns().contains("trade_id"));
        m.filterValueProperty().set("");
        m.asOfTextProperty().set("yesterday-ish");
        assertTrue(m.browse().isCompletedExceptionally());
        assertTrue(m.errorProperty().get().contains("neither a version number nor a date-time"), m.errorProperty().get());
    }

    @Test
    void comparingTheCorrectionListsTheChangedCellsOldToNew() {
        TimeTravelViewModel m = model(engine, false, () -> { });
        m.load();
        m.select(1);
        VersionDiff.Summary s = m.compare().join();
        assertEquals(2, s.changed());
        assertEquals(List.of("trade_id"), m.diffKeyColumns());
        assertEquals(2, m.diffRows().size());
        assertEquals(new VersionDiff.CellChange("price", 102.0, 102.5), m.diffRows().get(0).changes().get(0));
        m.fromTextProperty().set("3");
        m.toTextProperty().set("3");
        assertTrue(m.compare().isCompletedExceptionally());
        assertTrue(m.errorProperty().get().contains("Both sides of the diff are version 3"));
        assertEquals(2, m.diffRows().size(), "a failed compare leaves the last diff shown");
        m.dispose();
    }

    @Test
    void restoreNeedsAPreviewAnAcknowledgementAndAReasonThenRecordsThem() {
        LakeEngine e = TestLakes.engine(restoreLake);
        TradesFixture.write(e);
        AtomicInteger lakeChanges = new AtomicInteger();
        TimeTravelViewModel m = model(e, false, lakeChanges::incrementAndGet);
        m.load();
        m.select(1);
        assertFalse(m.canRestoreProperty().get());
        assertTrue(m.restore().isCompletedExceptionally());
        assertTrue(m.errorProperty().get().contains("Preview the restore first"));

        m.previewRestore().join();
        assertTrue(m.restoreMessageProperty().get().contains("from version 3 to version 1"), m.restoreMessageProperty().get());
        assertTrue(m.restoreMessageProperty().get().contains("add 1 row, remove 2 rows"), m.restoreMessageProperty().get());
        assertEquals(3, m.previewRows().size());
        assertFalse(m.canRestoreProperty().get(), "not acknowledged yet");
        m.acknowledgedProperty().set(true);
        assertFalse(m.canRestoreProperty().get(), "no reason yet");
        m.restoreReasonProperty().set("undo the compliance delete for review");
        assertTrue(m.canRestoreProperty().get());
        m.restore().join();
        assertEquals(1, lakeChanges.get());
        assertTrue(m.restoreMessageProperty().get().contains("the restore is version 4"), m.restoreMessageProperty().get());
        TimelineNode restore = m.nodes().get(m.nodes().size() - 1);
        assertEquals(OperationKind.RESTORE, restore.kind());
        assertEquals("undo the compliance delete for review", restore.reason());
        assertNull(m.restorePlanProperty().get());
    }

    @Test
    void aReadOnlyLakeRefusesThePreviewAndWritesNothing() {
        LakeEngine readOnly = new LakeEngine(TestLakes.config(lake).withReadOnly(true));
        TimeTravelViewModel m = model(readOnly, true, () -> { });
        m.load();
        m.select(1);
        String before = TestLakes.fingerprint(lake.resolve(T));
        assertTrue(m.isReadOnly());
        assertTrue(m.previewRestore().isCompletedExceptionally());
        assertTrue(m.errorProperty().get().contains("read-only"));
        assertEquals(before, TestLakes.fingerprint(lake.resolve(T)));
    }
}
