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
    static final List<String> COMMANDS = List.of("tables-state", "describe", "history", "timeline", "query", "as-of", "diff", "audit");

    /**
     * What each damage must do: the listing's state ("ok" or "unreadable") with the text its
     * reason (or note) must hold, and the commands refused with the text their line must hold;
     * every other command of {@link #COMMANDS} must work. "as-of" reads the earliest version, so
     * where Delta can still read it, time travel keeps working.
     */
    record Damage(String state, String reason, Map<String, String> refused) {
    }

    static Damage ok(String note) {
        return new Damage("ok", note, Map.of());
    }

    static Damage unreadable(String reason, String... refusedCommands) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String c : refusedCommands) {
            int eq = c.indexOf('=');
            m.put(eq < 0 ? c : c.substring(0, eq), eq < 0 ? reason : c.substring(eq + 1));
        }
        return new Damage("unreadable", reason, m);
    }

    static final Map<String, Damage> EXPECTED = Map.ofEntries(
            Map.entry("damaged/truncated-commit", unreadable("corrupt or truncated at version 2 (_delta_log/00000000000000000002.json",
                    "describe", "query", "timeline", "diff", "audit")),
            Map.entry("damaged/empty-commit", unreadable("commit 1 (_delta_log/00000000000000000001.json) is an empty file",
                    "describe", "query", "diff", "audit")),
            Map.entry("damaged/garbage-commit", unreadable("corrupt or truncated at version 1 (_delta_log/00000000000000000001.json",
                    "describe", "history", "query", "timeline", "diff", "audit")),
            Map.entry("damaged/version-gap", unreadable("commit 1 (_delta_log/00000000000000000001.json) is missing and no checkpoint "
                    + "bridges it", "describe", "history", "query", "timeline", "as-of", "diff", "audit")),
            Map.entry("damaged/corrupt-last-checkpoint", ok("_last_checkpoint file is unreadable")),
            Map.entry("damaged/corrupt-checkpoint", unreadable("at version 2 (_delta_log/00000000000000000002.checkpoint.parquet) "
                    + "is corrupt", "describe", "query", "diff", "audit")),
            Map.entry("damaged/missing-checkpoint", ok("names checkpoint 2, which is missing")),
            Map.entry("damaged/missing-checkpoint-and-commits", unreadable("at version 2 "
                    + "(_delta_log/00000000000000000002.checkpoint.parquet) is missing", "describe", "history", "query", "as-of",
                    "timeline=starts at commit 2 (_delta_log/00000000000000000002.json) and no checkpoint covers",
                    "diff=starts at commit 2 (_delta_log/00000000000000000002.json) and no checkpoint covers",
                    "audit=starts at commit 2 (_delta_log/00000000000000000002.json) and no checkpoint covers")),
            Map.entry("damaged/corrupt-data-file", ok("")),
            Map.entry("damaged/missing-data-file", ok("")),
            Map.entry("damaged/corrupt-deletion-vector", ok("")),
            Map.entry("damaged/crc-mismatch", ok("(_delta_log/00000000000000000002.crc) disagrees with the log")),
            Map.entry("damaged/leftover-temp-files", ok("leftover temporary files of an interrupted writer")),
            Map.entry("damaged/future-protocol", unreadable("needs Delta reader feature 'quantumEntanglement' (from version 3, "
                    + "_delta_log/00000000000000000003.json)", "describe", "history", "query", "as-of", "diff", "audit")),
            Map.entry("damaged/no-metadata", unreadable("holds no metaData action", "describe", "query", "as-of", "diff", "audit")),
            Map.entry("damaged/no-protocol", unreadable("holds no protocol action", "describe", "query", "as-of", "diff", "audit")),
            Map.entry("damaged/empty-delta-log", unreadable("its _delta_log holds no commits",
                    "describe", "history", "query", "timeline", "as-of", "diff", "audit")),
            Map.entry("damaged/delta-log-is-a-file", unreadable("its _delta_log is a file, not a folder",
                    "describe", "history", "query", "timeline", "as-of", "diff", "audit")),
            Map.entry("damaged/no-read-permission", unreadable("permission denied", "describe", "history", "query", "timeline", "as-of",
                    "diff", "audit")));

    /** Damage that only a read of the data meets: the listing (log only) says ok, the query names the file. */
    static final Map<String, String> DATA_DAMAGE = Map.of(
            "damaged/corrupt-data-file", "is corrupt (not a Parquet file)",
            "damaged/missing-data-file", "is missing (removed by VACUUM or deleted by hand)",
            "damaged/corrupt-deletion-vector", "written in version 1) is corrupt");

    /**
     * What a diff and a row trail (which read the data of several versions) say of the same
     * damage. A row trail reads only the files whose statistics admit its key, so when the
     * damaged file holds none of the row's versions (which file is damaged depends on the names
     * Spark gave the files) the trail is read and must be right; otherwise it names the damage.
     */
    static final Map<String, Map<String, String>> DATA_DAMAGE_OVER_VERSIONS = Map.of(
            "damaged/corrupt-data-file", Map.of("diff", "is corrupt (not a Parquet file)", "audit", "is corrupt (not a Parquet file)"),
            "damaged/missing-data-file", Map.of("diff", "1 of its data files are missing from disk",
                    "audit", "has no readable version (their data files were removed)"),
            "damaged/corrupt-deletion-vector", Map.of("diff", "written in version 1) is corrupt", "audit", "written in version 1) is corrupt"));

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
                listed.reason(), null, 0));
        List<String> wrong = new ArrayList<>();
        Damage d = EXPECTED.get(table);
        LakeTable.Problem problem = !listed.readable() ? table.equals("damaged/future-protocol") ? LakeTable.Problem.NEWER_PROTOCOL
                : LakeTable.Problem.DAMAGED : LakeTable.Problem.NONE;
        if (listed.problem() != problem) {
            wrong.add("listed as " + listed.problem() + ", expected " + problem);
        }
        Map<String, String> refused = new java.util.HashMap<>(d.refused());
        if (DATA_DAMAGE.containsKey(table)) {
            refused.put("query", DATA_DAMAGE.get(table));
        }
        refused.putAll(DATA_DAMAGE_OVER_VERSIONS.getOrDefault(table, Map.of()));
        for (String command : COMMANDS.subList(1, COMMANDS.size())) {
            String[] args = switch (command) {
                case "query" -> new String[]{"query", "SELECT count(*), sum(id) FROM " + io.lakelens.lake.TableName.of(table).sql()};
                case "as-of" -> new String[]{"query", "SELECT count(*) FROM " + io.lakelens.lake.TableName.of(table).sql(), "--as-of",
                        String.valueOf(v[0])};
                case "diff" -> new String[]{"diff", table, "--from", String.valueOf(v[0]), "--to", String.valueOf(Math.max(v[1], v[0] + 1)),
                        "--format", "csv"};
                case "audit" -> new String[]{"audit", table, "--key", "id=1", "--format", "csv"};
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
            String expected = refused.get(command);
            if (command.equals("audit") && DATA_DAMAGE_OVER_VERSIONS.containsKey(table) && cell.outcome() == Outcome.OK) {
                if (!cell.run().out().contains("id=1")) {
                    wrong.add("audit read past the damage but showed no row: " + cell.run().out());
                }
                continue;
            }
            if (expected == null && cell.outcome() != Outcome.OK) {
                wrong.add(command + " must work: " + cell.text());
            } else if (expected != null && (cell.outcome() != Outcome.REFUSED || !cell.detail().contains(expected))) {
                wrong.add(command + " must be refused with '" + expected + "': " + cell.text());
            }
        }
        assertEquals(d.state(), listed.readable() ? "ok" : "unreadable", table + ": " + listed.reason());
        assertTrue(listed.reason().contains(d.reason()), table + " listing reason: " + listed.reason());
        if (d.state().equals("unreadable")) {
            assertTrue(listed.reason().contains(table), "the listing names the table: " + listed.reason());
        }
        assertEquals(before, safeFingerprint(dir), "reading a damaged table writes nothing");
        assertTrue(wrong.isEmpty(), table + ":\n" + String.join("\n", wrong));
        ReliabilitySuite.record(new ScenarioResult("damaged table: " + lake.specs().get(table).shows(), COMMANDS.size(), 0, 0,
                listed.readable() ? "listed ok" + (listed.reason().isEmpty() ? "" : " with a note") : "listed unreadable with its reason"
                        + "; each command ok or refused in one line naming the table; nothing written"));
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
    void searchRefusesAnEmptyCommitAsTheOtherReadsDo() {
        // Kernel alone would read the empty commit as one with no changes and answer; the search
        // names the empty file like describe and query, and still reads the version before it
        Cell latest = LakeMatrix.run(lake.root(), "search", "", "--table", "damaged/empty-commit", "--strategy", "database-only");
        assertEquals(Outcome.REFUSED, latest.outcome(), latest.text());
        assertTrue(latest.detail().contains("commit 1 (_delta_log/00000000000000000001.json) is an empty file"), latest.detail());
        Cell before = LakeMatrix.run(lake.root(), "search", "", "--table", "damaged/empty-commit", "--strategy", "database-only",
                "--as-of", "0");
        assertEquals(Outcome.OK, before.outcome(), before.text());
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
