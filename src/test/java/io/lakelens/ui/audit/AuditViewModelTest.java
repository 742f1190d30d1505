package io.lakelens.ui.audit;

import io.lakelens.LakeLensException;
import io.lakelens.TestLakes;
import io.lakelens.ViewModelTest;
import io.lakelens.analytics.quality.QualityChecker;
import io.lakelens.lake.AuditExport;
import io.lakelens.lake.Integrity;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.OperationKind;
import io.lakelens.lake.RowEvent;
import io.lakelens.lake.RowTrail;
import io.lakelens.lake.TimeTravel;
import io.lakelens.lake.TimelineNode;
import io.lakelens.ui.kit.CurrentThreadTaskExecutor;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.timetravel.TradesFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ViewModelTest
@Timeout(300)
class AuditViewModelTest {
    static final String T = TradesFixture.TABLE;
    @TempDir
    static Path lake;
    @TempDir
    static Path reports;
    static LakeEngine engine;

    @BeforeAll
    static void trades() {
        engine = TestLakes.engine(lake);
        TradesFixture.write(engine);
    }

    private static AuditViewModel model() {
        AuditViewModel m = new AuditViewModel(engine, new TimeTravel(engine), new Integrity(engine), new QualityChecker(engine),
                new CurrentThreadTaskExecutor(),
                new Notifier(Runnable::run));
        m.tableProperty().set(T);
        m.historyModel().load().join();
        return m;
    }

    @Test
    void historyFiltersByOperationUserDateAndReason() {
        AuditViewModel m = model();
        assertEquals(List.of(3L, 2L, 1L, 0L), m.historyModel().history().stream().map(TimelineNode::version).toList());
        assertEquals(List.of("alice", System.getProperty("user.name")).stream().sorted().toList(), m.historyModel().users());
        m.historyModel().operationFilterProperty().set(OperationKind.DELETE);
        assertEquals(List.of(2L), m.historyModel().history().stream().map(TimelineNode::version).toList());
        m.historyModel().clearFilters();
        m.historyModel().userFilterProperty().set("alice");
        assertEquals(List.of(3L), m.historyModel().history().stream().map(TimelineNode::version).toList());
        m.historyModel().clearFilters();
        m.historyModel().reasonFilterProperty().set("CORRECTION");
        assertEquals(List.of(1L), m.historyModel().history().stream().map(TimelineNode::version).toList());
        m.historyModel().clearFilters();
        LocalDate today = m.historyModel().commits().get(0).timestamp().atZone(ZoneOffset.UTC).toLocalDate();
        m.historyModel().fromDateProperty().set(today.plusDays(1));
        assertTrue(m.historyModel().history().isEmpty());
        m.historyModel().fromDateProperty().set(today.minusDays(1));
        m.historyModel().toDateProperty().set(today.plusDays(1));
        assertEquals(4, m.historyModel().history().size());
    }

    @Test
    void detailsShowEveryParameterAndMetricAsJson() {
        AuditViewModel m = model();
        m.historyModel().selectedProperty().set(m.historyModel().commits().stream().filter(n -> n.version() == 2).findFirst().orElseThrow());
        String json = m.historyModel().detailsProperty().get();
        assertTrue(json.contains("\"operation\" : \"DELETE\""), json);
        assertTrue(json.contains("\"numDeletedRows\" : \"1\""), json);
        assertTrue(json.contains("\"predicate\""), json);
        assertTrue(json.contains("compliance: erroneous trade"), json);
    }

    @Test
    void tracingARowTheDeleteRemovedShowsItsInsertAndItsDeletion() {
        AuditViewModel m = model();
        TimelineNode delete = m.historyModel().commits().stream().filter(n -> n.kind() == OperationKind.DELETE).findFirst().orElseThrow();
        assertEquals(delete, AuditTab.lastEdit(m.historyModel().timelineProperty().get()));
        RowTrail trail = m.trailModel().traceRowChangedBy(delete).join();
        assertEquals("trade_id=5", m.trailModel().keyTextProperty().get());
        assertEquals(List.of(RowEvent.Kind.INSERTED, RowEvent.Kind.DELETED), m.trailModel().events().stream().map(RowEvent::kind).toList());
        assertEquals("compliance: erroneous trade", trail.events().get(1).reason());
        m.trailModel().keyTextProperty().set("trade_id=2");
        m.trailModel().showTrail().join();
        assertEquals("price: 102 → 102.5", RowTrailView.changes(m.trailModel().events().get(1)));
        m.trailModel().keyTextProperty().set("trade=2");
        assertTrue(m.trailModel().showTrail().isCompletedExceptionally());
        assertTrue(m.errorProperty().get().contains("no column 'trade'"), m.errorProperty().get());
    }

    @Test
    void closingTheRowTrailClearsItAndKeepsTheKey() {
        AuditViewModel m = model();
        assertFalse(m.trailModel().close(), "nothing open yet");
        m.trailModel().keyTextProperty().set("trade_id=2");
        m.trailModel().showTrail().join();
        assertFalse(m.trailModel().events().isEmpty());

        assertTrue(m.trailModel().close());

        assertTrue(m.trailModel().events().isEmpty());
        assertNull(m.trailModel().trailProperty().get());
        assertEquals("trade_id=2", m.trailModel().keyTextProperty().get());
        assertFalse(m.trailModel().close(), "closed already");
    }

    @Test
    void verifyingRecordsThenPasses() {
        AuditViewModel m = model();
        m.historyModel().selectedProperty().set(m.historyModel().commits().get(0));
        assertEquals(Integrity.Status.RECORDED, m.integrityModel().verifySelected().join().status());
        assertEquals(Integrity.Status.PASSED, m.integrityModel().verifySelected().join().status());
        List<Integrity.Verification> all = m.integrityModel().verifyAll().join();
        assertEquals(1, all.size());
        assertTrue(m.messageProperty().get().contains("match their checksums"), m.messageProperty().get());
    }

    @Test
    void exportWritesTheReportIntoTheChosenFolderOnly() throws Exception {
        AuditViewModel m = model();
        m.trailModel().keyTextProperty().set("trade_id=5");
        m.trailModel().showTrail().join();
        Path html = m.exportModel().export(reports, AuditExport.Format.HTML).join();
        assertEquals(reports.resolve("audit-" + T + "-v0-3.html"), html);
        String page = Files.readString(html);
        assertTrue(page.contains("Row history: trade_id=5") && page.contains("compliance: erroneous trade"));
        Path csv = m.exportModel().export(reports, AuditExport.Format.CSV).join();
        assertTrue(Files.readString(csv).startsWith("section,"));
        m.exportModel().exportToProperty().set("../../etc");
        assertTrue(m.exportModel().export(reports, AuditExport.Format.HTML).isCompletedExceptionally());
        assertTrue(m.errorProperty().get().contains("neither a version number") || m.errorProperty().get().contains("not a plain file name"),
                m.errorProperty().get());
        try (var files = Files.list(reports)) {
            assertEquals(2, files.count());
        }
    }

    @Test
    void exportFileNameCannotCarryAFolder() {
        AuditViewModel m = model();
        m.exportModel().exportFromProperty().set("0");
        m.exportModel().exportToProperty().set("1/../../x");
        var e = assertThrows(LakeLensException.class,
                () -> AuditExport.fileIn(reports, m.exportModel().exportFileName(AuditExport.Format.HTML), lake));
        assertTrue(e.getMessage().contains("not a plain file name"), e.getMessage());
    }
}
