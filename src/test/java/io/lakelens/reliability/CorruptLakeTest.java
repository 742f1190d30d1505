package io.lakelens.reliability;

import io.lakelens.TestLakes;
import io.lakelens.lake.LakeListing;
import io.lakelens.lake.LakeTable;
import io.lakelens.reliability.LakeMatrix.Cell;
import io.lakelens.reliability.LakeMatrix.Outcome;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tables damaged on disk in a lake of healthy ones (see {@link RealLake}): each damage gets one
 * clear line naming the table (and, where there is one, the version and the file), reading
 * writes nothing, the other tables stay usable, and versions Delta can still read stay readable
 * by time travel.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class CorruptLakeTest {
    static RealLake lake;

    /** The commands each damaged table is put through; "as-of" is a query at the earliest version. */
    static final List<String> COMMANDS = List.of("tables-state", "describe", "history", "timeline", "query", "as-of");

    /**
     * What each damage must do: the listing's state ("ok" or "unreadable"), the text the reason
     * must hold, and for each command whether it works ("ok") or is refused with a line holding
     * the given text.
     */
    record Damage(String state, String reason, Map<String, String> commands) {
    }

    static final Map<String, Damage> EXPECTED = Map.of();

    @BeforeAll
    static void lake() {
        lake = RealLake.get();
    }

    static Stream<String> damagedTables() {
        return RealLake.get().damaged().stream().map(RealLake.Spec::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedTables")
    void damageIsNamedInOneLineAndNothingIsWritten(String table) {
        if (table.equals("damaged/no-read-permission")) {
            Assumptions.assumeTrue(lake.permissionsEnforced(),
                    "this process reads folders whatever their permissions (it runs as root), so the case cannot occur here");
        }
        Path dir = lake.dir(table);
        String before = lake.permissionsEnforced() || !table.equals("damaged/no-read-permission") ? safeFingerprint(dir) : "";
        long[] v = LakeMatrix.versions(dir);
        LakeTable listed = lake.engine().listTables().table(table).orElseThrow(() -> new AssertionError(table + " is not listed"));
        LakeMatrix.record(table, "tables-state", new Cell(listed.readable() ? Outcome.OK : Outcome.REFUSED,
                listed.reason(), null));
        List<String> wrong = new ArrayList<>();
        for (String command : COMMANDS.subList(1, COMMANDS.size())) {
            String[] args = switch (command) {
                case "query" -> new String[]{"query", "SELECT count(*), sum(id) FROM " + io.lakelens.lake.TableName.of(table).sql()};
                case "as-of" -> new String[]{"query", "SELECT count(*) FROM " + io.lakelens.lake.TableName.of(table).sql(), "--as-of",
                        String.valueOf(v[0])};
                default -> new String[]{command, table};
            };
            Cell cell = LakeMatrix.run(lake.root(), args);
            LakeMatrix.record(table, command, cell);
            if (cell.outcome() == Outcome.FAILED) {
                wrong.add(command + ": " + cell.text() + "\n" + cell.run().err());
            }
            if (cell.outcome() == Outcome.REFUSED && !cell.detail().contains(table)) {
                wrong.add(command + " does not name the table: " + cell.detail());
            }
        }
        Damage d = EXPECTED.get(table);
        if (d != null) {
            assertEquals(d.state(), listed.readable() ? "ok" : "unreadable", table + ": " + listed.reason());
            assertTrue(listed.reason().contains(d.reason()), table + " listing reason: " + listed.reason());
        }
        assertEquals(before, safeFingerprint(dir), "reading a damaged table writes nothing");
        assertTrue(wrong.isEmpty(), table + ":\n" + String.join("\n", wrong));
    }

    static String safeFingerprint(Path dir) {
        try {
            return TestLakes.fingerprint(dir);
        } catch (RuntimeException e) {
            return "unreadable";
        }
    }

    @Test
    void theLakeListsEveryTableAndTheHealthyOnesStillRead() {
        LakeListing listing = lake.engine().listTables();
        for (RealLake.Spec spec : lake.specs().values()) {
            assertTrue(listing.table(spec.name()).isPresent(), spec.name() + " listed: " + listing.names());
        }
        assertTrue(listing.skipped().stream().anyMatch(s -> s.startsWith("links/back-to-links") && s.contains("loop")), listing.skipped().toString());
        assertTrue(listing.skipped().stream().anyMatch(s -> s.startsWith("links/escape") && s.contains("outside the lake")),
                listing.skipped().toString());
        Cell tables = LakeMatrix.run(lake.root(), "tables");
        assertEquals(Outcome.OK, tables.outcome(), tables.text());
        Cell healthy = LakeMatrix.run(lake.root(), "query", "SELECT count(*) AS n FROM `links/healthy`", "--format", "csv");
        assertEquals("n\n20", healthy.run().out().strip(), healthy.text());
    }

    @Test
    void aNameNeverReachesOutsideTheLake() {
        for (String name : new String[]{"../outside/secret", "links/escape", "links/../../outside/secret", lake.root().getParent()
                .resolve("outside/secret").toString()}) {
            Cell cell = LakeMatrix.run(lake.root(), "describe", name);
            assertEquals(Outcome.REFUSED, cell.outcome(), name + ": " + cell.text());
            assertTrue(cell.detail().contains("outside") || cell.detail().contains("absolute"), name + ": " + cell.detail());
        }
        Cell sql = LakeMatrix.run(lake.root(), "query", "SELECT * FROM `links/escape`");
        assertEquals(Outcome.REFUSED, sql.outcome(), sql.text());
        assertTrue(sql.detail().contains("outside the lake"), sql.detail());
    }
}
