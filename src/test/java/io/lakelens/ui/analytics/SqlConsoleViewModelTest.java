package io.lakelens.ui.analytics;

import io.lakelens.TestLakes;
import io.lakelens.ViewModelTest;
import io.lakelens.analytics.ConsoleStore;
import io.lakelens.analytics.ExportFormat;
import io.lakelens.analytics.HandMadeLake;
import io.lakelens.analytics.QueryService;
import io.lakelens.analytics.SqlConsole;
import io.lakelens.analytics.SqlExamples;
import io.lakelens.lake.LakeEngine;
import io.lakelens.ui.kit.CurrentThreadTaskExecutor;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.StatusModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ViewModelTest
@Timeout(300)
class SqlConsoleViewModelTest {
    @TempDir
    static Path lake;
    static LakeEngine engine;

    @TempDir
    Path home;

    final CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();
    final Notifier notifier = new Notifier(Runnable::run);
    SqlConsoleViewModel model;

    @BeforeAll
    static void handMadeLake() {
        engine = TestLakes.engine(lake);
        HandMadeLake.build(engine);
    }

    SqlConsoleViewModel model() {
        if (model == null) {
            model = new SqlConsoleViewModel(new SqlConsole(new QueryService(engine), new ConsoleStore(home.resolve("console.json"))),
                    tasks, new StatusModel(Runnable::run), notifier);
            model.load();
        }
        return model;
    }

    @Test
    void resultsArePagedAndSummarised() {
        SqlConsoleViewModel m = model();
        m.sqlProperty().set("SELECT symbol, trade_date FROM market_data ORDER BY symbol, trade_date");
        m.pageSizeProperty().set(25);
        m.run();
        assertEquals(20, m.pageRows().size());
        m.pageSizeProperty().set(8);
        assertEquals(3, m.pageCountProperty().get());
        assertEquals(8, m.pageRows().size());
        m.nextPage();
        assertEquals("BBB", m.pageRows().get(0).get(0));
        m.lastPage();
        assertEquals(4, m.pageRows().size());
        m.nextPage();
        assertEquals(3, m.pageProperty().get());
        assertTrue(m.summaryProperty().get().startsWith("20 rows · "), m.summaryProperty().get());
        assertTrue(m.summaryProperty().get().endsWith("market_data v1"), m.summaryProperty().get());
    }

    @Test
    void pagingFollowsThePreferredPageSizeAsItChanges() {
        SqlConsoleViewModel m = model();
        javafx.beans.property.IntegerProperty preferred = new javafx.beans.property.SimpleIntegerProperty(10);
        m.followPageSize(preferred);
        m.sqlProperty().set("SELECT symbol, trade_date FROM market_data ORDER BY symbol, trade_date");
        m.run();
        assertEquals(10, m.pageRows().size(), "the preferred size from the start");
        assertEquals(2, m.pageCountProperty().get());
        m.nextPage();
        List<Object> eleventh = m.pageRows().get(0);

        preferred.set(5);

        assertEquals(5, m.pageSizeProperty().get());
        assertEquals(4, m.pageCountProperty().get());
        assertEquals(3, m.pageProperty().get(), "row 11 stays on screen: page 3 of 5-row pages");
        assertEquals(eleventh, m.pageRows().get(0));

        preferred.set(20);

        assertEquals(1, m.pageCountProperty().get());
        assertEquals(20, m.pageRows().size());
    }

    @Test
    void failedQueryShowsAShortMessageWithPositionAndExpandableDetails() {
        SqlConsoleViewModel m = model();
        m.sqlProperty().set("SELECT nope FROM market_data");
        m.run();
        assertTrue(m.errorProperty().get().contains("(line 1, column 8)"), m.errorProperty().get());
        assertFalse(m.errorProperty().get().contains("\n"));
        assertTrue(m.errorDetailsProperty().get().contains("UNRESOLVED_COLUMN"), m.errorDetailsProperty().get());
        assertEquals(1, m.history().size());
        assertTrue(m.history().get(0).failed());
        m.sqlProperty().set("SELECT 1 AS one");
        m.run();
        assertEquals("", m.errorProperty().get());
        assertEquals("", m.errorDetailsProperty().get());
    }

    @Test
    void historyAndSavedQueriesComeBackIntoTheEditor() {
        SqlConsoleViewModel m = model();
        m.sqlProperty().set("SELECT count(*) FROM portfolio_holdings");
        m.asOfProperty().set("0");
        m.run();
        assertEquals(List.of(6L), m.pageRows().get(0));
        m.save("holdings at v0");
        m.sqlProperty().set("SELECT 2");
        m.asOfProperty().set("latest");
        m.load(m.saved().get(0));
        assertEquals("SELECT count(*) FROM portfolio_holdings", m.sqlProperty().get());
        assertEquals("0", m.asOfProperty().get());
        m.sqlProperty().set("");
        m.load(m.history().get(0));
        assertEquals("SELECT count(*) FROM portfolio_holdings", m.sqlProperty().get());
        m.delete(m.saved().get(0));
        assertTrue(m.saved().isEmpty());
    }

    @Test
    void examplesThatTimeTravelInTheirSqlPutTheAsOfBackToLatest() {
        SqlConsoleViewModel m = model();
        m.asOfProperty().set("0");
        m.load(SqlExamples.WINDOW_RISK);
        assertEquals("0", m.asOfProperty().get());
        m.load(SqlExamples.TIME_TRAVEL_RISK);
        assertEquals("latest", m.asOfProperty().get());
        m.run();
        assertEquals("", m.errorProperty().get());
        assertEquals("HIGH_INCREASE", m.pageRows().get(0).get(5));
    }

    @Test
    void explainFillsThePlanWithoutRunning() {
        SqlConsoleViewModel m = model();
        m.sqlProperty().set("SELECT sector, avg(close) FROM market_data GROUP BY sector");
        m.explain();
        assertTrue(m.planProperty().get().contains("== Physical Plan =="), m.planProperty().get());
        assertTrue(m.history().isEmpty(), "explaining is not running");
    }

    @Test
    void exportWritesTheFileAndSaysSo(@TempDir Path out) throws Exception {
        SqlConsoleViewModel m = model();
        m.sqlProperty().set("SELECT symbol FROM market_data VERSION AS OF 0 GROUP BY symbol ORDER BY symbol");
        m.export(out, "symbols", ExportFormat.CSV, false);
        assertEquals(List.of("symbol", "AAA", "BBB", "CCC", "DDD"), Files.readAllLines(out.resolve("symbols.csv")));
        assertTrue(notifier.notices().get(notifier.notices().size() - 1).text().startsWith("Exported 4 rows to "));
        m.export(out, "../symbols", ExportFormat.CSV, false);
        assertEquals(Notifier.Level.ERROR, notifier.notices().get(notifier.notices().size() - 1).level());
    }

    @Test
    void completionOffersTheLakesTablesAndColumns() {
        SqlConsoleViewModel m = model();
        assertEquals(List.of("portfolio_holdings", "portfolio"), m.complete("SELECT * FROM portf", 19).subList(0, 2));
        assertTrue(m.complete("SELECT trade_d", 14).contains("trade_date"));
    }
}
