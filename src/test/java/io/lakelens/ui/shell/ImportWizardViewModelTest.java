package io.lakelens.ui.shell;

import io.lakelens.TestLakes;
import io.lakelens.ViewModelTest;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.change.ChangeRunner;
import io.lakelens.lake.ingest.DataImporter;
import io.lakelens.lake.ingest.ImportResult;
import io.lakelens.lake.ingest.ImportSample;
import io.lakelens.ui.kit.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ViewModelTest
@Timeout(300)
class ImportWizardViewModelTest {
    @TempDir
    static Path lake;
    @TempDir
    static Path files;
    static LakeEngine engine;
    static Path csv;

    @BeforeAll
    static void setUp() throws Exception {
        engine = TestLakes.engine(lake);
        csv = files.resolve("Desk Trades.csv");
        Files.writeString(csv, """
                id,desk,qty
                1,rates,10
                2,fx,ten
                3,credit,30
                """);
    }

    private static ImportWizardViewModel model(AtomicInteger refreshed) {
        return new ImportWizardViewModel(csv, new DataImporter(engine), new ChangeRunner(engine), new CurrentThreadTaskExecutor(),
                refreshed::incrementAndGet);
    }

    @Test
    @Timeout(120)
    void aTypeChangeRereadsTheRowsAndShowsTheRowThatNoLongerFitsThenImportsTheRest() throws Exception {
        AtomicInteger refreshed = new AtomicInteger();
        ImportWizardViewModel m = model(refreshed);
        assertEquals("desk_trades", m.tableProperty().get(), "a table name from the file name");
        m.analyse().get(60, TimeUnit.SECONDS);
        assertEquals(new ImportSample.ImportColumn("qty", "string"), m.columns().get(2), "'ten' makes qty text");
        assertEquals(3, m.rows().size());
        assertTrue(m.badRows().isEmpty());

        m.setType("qty", "int").get(60, TimeUnit.SECONDS);
        assertEquals(new ImportSample.ImportColumn("qty", "int"), m.columns().get(2));
        assertEquals(List.of(List.of("1", "rates", "10"), List.of("3", "credit", "30")), List.copyOf(m.rows()));
        assertEquals(1, m.badRows().size());
        assertEquals("column qty: 'ten' is not a valid int", m.badRows().get(0).reason());
        assertTrue(m.badRows().get(0).raw().contains("fx"));

        m.tableProperty().set("desk/trades");
        m.reasonProperty().set("desk positions for review");
        assertTrue(m.canImportBinding().get(), m.tableErrorProperty().get());
        ImportResult r = m.importNow().get(120, TimeUnit.SECONDS);
        assertEquals(2, r.rowsWritten());
        assertEquals(1, r.badRows());
        assertEquals(2, engine.read("desk/trades", AsOf.LATEST).count());
        assertEquals("desk positions for review", engine.history("desk/trades", 1).get(0).reason());
        assertEquals(1, refreshed.get(), "the lake's table list is re-read");
        assertFalse(m.canImportBinding().get(), "an import runs once");
    }

    @Test
    @Timeout(60)
    void aTableNameOutsideTheLakeOrOfAnExistingTableIsRefusedWithOneLine() throws Exception {
        ImportWizardViewModel m = model(new AtomicInteger());
        m.tableProperty().set("../outside");
        assertFalse(m.tableErrorProperty().get().isEmpty());
        m.tableProperty().set("");
        assertEquals("Name the table to create.", m.tableErrorProperty().get());
        Files.createDirectories(lake.resolve("taken/_delta_log"));
        m.tableProperty().set("taken");
        assertEquals("Table taken already exists; choose another name.", m.tableErrorProperty().get());
        m.tableProperty().set("fresh_name");
        assertEquals("", m.tableErrorProperty().get());
        assertFalse(m.canImportBinding().get(), "not before the file was read");
        assertTrue(m.importNow().isCompletedExceptionally());
        assertFalse(m.tableErrorProperty().get().contains("\n"));
    }
}
