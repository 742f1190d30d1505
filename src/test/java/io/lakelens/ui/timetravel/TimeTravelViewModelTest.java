package io.lakelens.ui.timetravel;

import io.lakelens.TestLakes;
import io.lakelens.ViewModelTest;
import io.lakelens.lake.BrowsePage;
import io.lakelens.lake.BrowseRequest;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.OperationKind;
import io.lakelens.lake.TimeTravel;
import io.lakelens.lake.change.ChangeRunner;
import io.lakelens.lake.TimelineNode;
import io.lakelens.lake.VersionDiff;
import io.lakelens.ui.kit.CurrentThreadTaskExecutor;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.StatusModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ViewModelTest
@Timeout(300)
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
        TimeTravelViewModel m = new TimeTravelViewModel(new TimeTravel(e), new ChangeRunner(e), null, new CurrentThreadTaskExecutor(),
                new Notifier(Runnable::run), new StatusModel(Runnable::run), readOnly, lakeChanged);
        m.tableProperty().set(T);
        return m;
    }

    @Test
    void loadingSelectsTheLatestVersionAndSelectingOnePreparesEveryPane() {
        TimeTravelViewModel m = model(engine, false, () -> { });
        m.timelineModel().load();
        assertEquals(4, m.timelineModel().nodes().size());
        assertEquals(3, m.timelineModel().selectedProperty().get().version());
        m.timelineModel().select(1);
        assertEquals(OperationKind.UPDATE, m.timelineModel().selectedProperty().get().kind());
        assertEquals("1", m.browseModel().asOfTextProperty().get());
        assertEquals("0", m.compareModel().fromTextProperty().get());
        assertEquals("1", m.compareModel().toTextProperty().get());
        assertEquals("1", m.restoreModel().restoreTargetProperty().get());
        assertTrue(TimelineViewModel.describe(m.timelineModel().selectedProperty().get()).contains("price correction from the venue"));
        assertEquals(4, m.timelineModel().schemaChanges().size(), "four columns created at version 0");
    }

    @Test
    void jumpingByVersionOrTimeSelectsTheVersionAndBadInputSaysWhy() {
        TimeTravelViewModel m = model(engine, false, () -> { });
        m.timelineModel().load();
        m.timelineModel().jumpTextProperty().set("2");
        assertTrue(m.timelineModel().jump());
        assertEquals(2, m.timelineModel().selectedProperty().get().version());
        TimelineNode v1 = m.timelineModel().nodes().get(1);
        m.timelineModel().jumpTextProperty().set(v1.timestamp().toString());
        assertTrue(m.timelineModel().jump());
        assertEquals(1, m.timelineModel().selectedProperty().get().version());
        m.timelineModel().jumpTextProperty().set("99");
        assertFalse(m.timelineModel().jump());
        assertTrue(m.errorProperty().get().contains("no version 99"), m.errorProperty().get());
        assertEquals(1, m.timelineModel().selectedProperty().get().version(), "a failed jump keeps the selection");
        m.timelineModel().jumpTextProperty().set("2001-01-01");
        assertFalse(m.timelineModel().jump());
        assertTrue(m.errorProperty().get().contains("before table " + T + " existed"), m.errorProperty().get());
    }

    @Test
    void browsingAsOfTheSelectedVersionFiltersAndPages() {
        TimeTravelViewModel m = model(engine, false, () -> { });
        m.timelineModel().load();
        m.timelineModel().select(1);
        m.browseModel().filterColumnProperty().set("symbol");
        m.browseModel().filterOpProperty().set(BrowseRequest.FilterOp.EQUALS);
        m.browseModel().filterValueProperty().set("MSFT");
        m.browseModel().sortColumnProperty().set("price");
        m.browseModel().sortAscendingProperty().set(false);
        BrowsePage p = m.browseModel().browse().join();
        assertEquals(1, p.version());
        assertEquals(4, p.total());
        int price = p.columns().indexOf("price");
        assertEquals(107.0, p.rows().get(0).get(price));
        assertTrue(m.browseModel().columns().contains("trade_id"));
        m.browseModel().filterValueProperty().set("");
        m.browseModel().asOfTextProperty().set("yesterday-ish");
        assertTrue(m.browseModel().browse().isCompletedExceptionally());
        assertTrue(m.errorProperty().get().contains("neither a version number nor a date-time"), m.errorProperty().get());
    }

    @Test
    void comparingTheCorrectionListsTheChangedCellsOldToNew() {
        TimeTravelViewModel m = model(engine, false, () -> { });
        m.timelineModel().load();
        m.timelineModel().select(1);
        VersionDiff.Summary s = m.compareModel().compare().join();
        assertEquals(2, s.changed());
        assertEquals(List.of("trade_id"), m.compareModel().diffKeyColumns());
        assertEquals(2, m.compareModel().diffRows().size());
        assertEquals(new VersionDiff.CellChange("price", 102.0, 102.5), m.compareModel().diffRows().get(0).changes().get(0));
        m.compareModel().fromTextProperty().set("3");
        m.compareModel().toTextProperty().set("3");
        assertTrue(m.compareModel().compare().isCompletedExceptionally());
        assertTrue(m.errorProperty().get().contains("Both sides of the diff are version 3"));
        assertEquals(2, m.compareModel().diffRows().size(), "a failed compare leaves the last diff shown");
        m.dispose();
    }

    @Test
    void restoreNeedsAPreviewAnAcknowledgementAndAReasonThenRecordsThem() {
        LakeEngine e = TestLakes.engine(restoreLake);
        TradesFixture.write(e);
        AtomicInteger lakeChanges = new AtomicInteger();
        TimeTravelViewModel m = model(e, false, lakeChanges::incrementAndGet);
        m.timelineModel().load();
        m.timelineModel().select(1);
        assertFalse(m.restoreModel().canRestoreProperty().get());
        assertTrue(m.restoreModel().restore().isCompletedExceptionally());
        assertTrue(m.errorProperty().get().contains("Preview the restore first"));

        m.restoreModel().previewRestore().join();
        assertTrue(m.restoreModel().restoreMessageProperty().get().contains("from version 3 to version 1"), m.restoreModel().restoreMessageProperty().get());
        assertTrue(m.restoreModel().restoreMessageProperty().get().contains("add 1 row, remove 2 rows"), m.restoreModel().restoreMessageProperty().get());
        assertEquals(3, m.restoreModel().previewRows().size());
        assertFalse(m.restoreModel().canRestoreProperty().get(), "not acknowledged yet");
        m.restoreModel().acknowledgedProperty().set(true);
        assertFalse(m.restoreModel().canRestoreProperty().get(), "no reason yet");
        m.restoreModel().restoreReasonProperty().set("undo the compliance delete for review");
        assertTrue(m.restoreModel().canRestoreProperty().get());
        m.restoreModel().restore().join();
        assertEquals(1, lakeChanges.get());
        assertTrue(m.restoreModel().restoreMessageProperty().get().contains("the restore is version 4"), m.restoreModel().restoreMessageProperty().get());
        TimelineNode restore = m.timelineModel().nodes().get(m.timelineModel().nodes().size() - 1);
        assertEquals(OperationKind.RESTORE, restore.kind());
        assertEquals("undo the compliance delete for review", restore.reason());
        assertNull(m.restoreModel().restorePlanProperty().get());
    }

    @Test
    void aReadOnlyLakeRefusesThePreviewAndWritesNothing() {
        LakeEngine readOnly = new LakeEngine(TestLakes.config(lake).withReadOnly(true));
        TimeTravelViewModel m = model(readOnly, true, () -> { });
        m.timelineModel().load();
        m.timelineModel().select(1);
        String before = TestLakes.fingerprint(lake.resolve(T));
        assertTrue(m.isReadOnly());
        assertTrue(m.restoreModel().previewRestore().isCompletedExceptionally());
        assertTrue(m.errorProperty().get().contains("read-only"));
        assertEquals(before, TestLakes.fingerprint(lake.resolve(T)));
    }
}
