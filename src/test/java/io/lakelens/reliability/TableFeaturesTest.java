package io.lakelens.reliability;

import io.lakelens.TestLakes;
import io.lakelens.lake.LakeListing;
import io.lakelens.lake.LakeTable;
import io.lakelens.lake.TableName;
import io.lakelens.reliability.LakeMatrix.Cell;
import io.lakelens.reliability.LakeMatrix.Expect;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tables written by other engines with the Delta features LakeLens itself never enables (see
 * {@link RealLake}): every command runs on each through the real command line, and each cell
 * must be what this class expects — the command works, or it is refused with the one line
 * that names the feature and says why. A feature that stops working fails the test, and so
 * does a refusal that starts working (the expectation is then out of date). Reads never write.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class TableFeaturesTest {
    /**
     * The commands every table is put through: "search" lists the table's first page through
     * the search service, "search-key" searches for the first listed row as {@code column:value},
     * "as-of" reads the table at its first readable version (time travel).
     */
    static final List<String> COMMANDS = List.of("history", "timeline", "describe", "diff", "audit", "health-report", "query",
            "export-audit", "search", "search-key", "as-of");

    /** Cells that are clear refusals by design, with the reason the line must give. */
    static final Map<String, Map<String, Expect>> REFUSALS = Map.of();

    /** A query per feature whose answer shows the feature read right, and text its CSV must hold. */
    static final Map<String, String[]> CHECKS = Map.ofEntries(
            Map.entry("column-mapping/by-name", new String[]{"SELECT id, `Full Name` FROM `column-mapping/by-name` ORDER BY id",
                    "id,Full Name\n1,n1\n2,bee\n3,n3"}),
            Map.entry("column-mapping/By ID", new String[]{"SELECT * FROM `column-mapping/By ID` ORDER BY id",
                    "1,label 1\n2,label 2\n3,three"}),
            Map.entry("deletion-vectors", new String[]{"SELECT count(*) AS n, max(v) AS v FROM `deletion-vectors`", "36,updated"}),
            Map.entry("checkpoints/multi-part", new String[]{"SELECT count(*) FROM `checkpoints/multi-part`", "\n4"}),
            Map.entry("checkpoints/starts-at-checkpoint", new String[]{"SELECT count(*) FROM `checkpoints/starts-at-checkpoint`", "\n4"}),
            Map.entry("checkpoints/compacted log", new String[]{"SELECT count(*), sum(id) FROM `checkpoints/compacted log`", "9,36"}),
            Map.entry("types/Type Widening", new String[]{"SELECT id, qty, amount FROM `types/Type Widening` ORDER BY id",
                    "3000000000,100000,12345678.90"}),
            Map.entry("types/variant", new String[]{"SELECT variant_get(doc, '$.price', 'int') AS p FROM `types/variant` ORDER BY id",
                    "p\n0\n99\n2\n3"}),
            Map.entry("types/timestamp_ntz", new String[]{"SELECT local_time FROM `types/timestamp_ntz` ORDER BY id",
                    "2024-03-10T02:30\n2030-01-01T00:00"}),
            Map.entry("types/collations", new String[]{"SELECT count(*) FROM `types/collations` WHERE name = 'ZÜRICH'", "\n2"}),
            Map.entry("types/basic-decimal-table", new String[]{"SELECT d38, frac FROM `types/basic-decimal-table` WHERE id = 1",
                    "99999999999999999999999999999999999999,0.99999999999999999999999999999999999999"}),
            Map.entry("types/nested", new String[]{"SELECT point, tags, attrs, legs FROM `types/nested` WHERE id = 1",
                    "\"{x: 1.0, y: 2.0, tag: {name: a}}\",[changed],{k: 2},\"[{venue: XNAS, qty: 10}]\""}),
            Map.entry("columns/identity", new String[]{"SELECT id FROM `columns/identity` ORDER BY id", "id\n100\n110\n120"}),
            Map.entry("columns/generated", new String[]{"SELECT day FROM `columns/generated` ORDER BY ts", "day\n2024-01-01\n2024-01-02"}),
            Map.entry("partitioned/Special Values", new String[]{"SELECT id, region FROM `partitioned/Special Values` ORDER BY id",
                    // an empty string partition value reads back as null (the Hive convention Spark writes)
                    "1,New York\n3,50%\n4,Zürich\n5,k=v\n8,\" trailing \"\n60,\n60,"}),
            Map.entry("warehouse/finance.db/trades", new String[]{"SELECT qty FROM `warehouse/finance.db/trades` ORDER BY trade_id",
                    "qty\n10\n25"}),
            Map.entry("ünïcode/prix journaliers", new String[]{"SELECT sum(prix) AS s FROM `ünïcode/prix journaliers`", "s\n3"}));

    @TempDir
    static Path exports;
    static RealLake lake;

    @BeforeAll
    static void lake() {
        lake = RealLake.get();
    }

    static Stream<String> featureTables() {
        return RealLake.get().features().stream().map(RealLake.Spec::name);
    }

    static Expect expected(String table, String command) {
        Map<String, Expect> t = REFUSALS.getOrDefault(table, Map.of());
        if (t.containsKey(command)) {
            return t.get(command);
        }
        return Expect.ok();
    }

    static String[] args(String command, String table, RealLake.Spec spec) {
        long[] v = LakeMatrix.versions(lake.dir(table));
        String quoted = TableName.of(table).sql();
        return switch (command) {
            case "diff" -> new String[]{"diff", table, "--from", String.valueOf(v[0]), "--to", String.valueOf(v[1]), "--format", "csv"};
            case "audit" -> new String[]{"audit", table, "--key", spec.key(), "--format", "csv"};
            case "query" -> new String[]{"query", "SELECT * FROM " + quoted, "--format", "csv", "--max-rows", "100"};
            case "search" -> new String[]{"search", "", "--table", table, "--strategy", "database-only", "--format", "csv"};
            case "as-of" -> new String[]{"query", "SELECT count(*) FROM " + quoted, "--as-of", String.valueOf(v[0]), "--format", "csv"};
            case "export-audit" -> new String[]{"export-audit", table, "--out",
                    exports.resolve(TableName.of(table).fileName() + ".html").toString()};
            default -> new String[]{command, table};
        };
    }

    /**
     * A search for the first listed row by {@code column:value}, on its first column whose name
     * is one word and whose value is a whole number or one plain word, or null when there is none.
     */
    static String[] searchKey(String table, String listedCsv) {
        List<String> lines = listedCsv.strip().lines().toList();
        if (lines.size() < 2) {
            return null;
        }
        String[] header = lines.get(0).split(",", -1);
        String[] row = lines.get(1).split(",", -1);
        for (int i = 0; i < Math.min(header.length, row.length); i++) {
            if (header[i].matches("\\w+") && row[i].matches("-?\\d+|[A-Za-z]\\w*")) {
                return new String[]{"search", header[i] + ":" + row[i], "--table", table, "--strategy", "database-only",
                        "--format", "csv"};
            }
        }
        return null;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("featureTables")
    void everyCommandWorksOnATableWrittenElsewhereOrNamesWhatStopsIt(String table) {
        RealLake.Spec spec = lake.specs().get(table);
        Path dir = lake.dir(table);
        String before = TestLakes.fingerprint(dir);
        List<String> wrong = new ArrayList<>();
        String listed = "";
        for (String command : COMMANDS) {
            String[] a = command.equals("search-key") ? searchKey(table, listed) : args(command, table, spec);
            if (a == null) {
                continue; // no plain column to search a listed row by
            }
            Cell cell = LakeMatrix.run(lake.root(), a);
            if (command.equals("search")) {
                listed = cell.run().out();
            }
            LakeMatrix.record(table, command, cell);
            Expect e = expected(table, command);
            if (!e.matches(cell)) {
                wrong.add(command + ": expected " + e.outcome() + (e.reason().isEmpty() ? "" : " (" + e.reason() + ")")
                        + ", got " + cell.text() + (cell.outcome() == LakeMatrix.Outcome.FAILED ? "\n" + cell.run().err() : ""));
            } else if (command.equals("search-key") && cell.outcome() == LakeMatrix.Outcome.OK
                    && cell.run().out().strip().lines().count() < 2) {
                wrong.add("search-key: " + String.join(" ", a) + " found no row:\n" + cell.run().out());
            }
        }
        String[] check = CHECKS.get(table);
        if (check != null) {
            Cell cell = LakeMatrix.run(lake.root(), "query", check[0], "--format", "csv");
            if (cell.outcome() != LakeMatrix.Outcome.OK || !cell.run().out().contains(check[1])) {
                wrong.add("the feature reads wrong: " + check[0] + " -> " + cell.text() + "\n" + cell.run().out());
            }
        }
        assertEquals(before, TestLakes.fingerprint(dir), "reading a table writes nothing");
        assertTrue(wrong.isEmpty(), table + ":\n" + String.join("\n", wrong));
        ReliabilitySuite.record(new ScenarioResult("table feature: " + spec.shows(), COMMANDS.size(), 0, 0,
                "every command ok or refused as expected; nothing written"));
    }

    @Test
    void theListingShowsEveryFeatureTableAsOk() {
        LakeListing listing = lake.engine().listTables();
        for (RealLake.Spec spec : lake.features()) {
            LakeTable t = listing.table(spec.name()).orElseThrow(() -> new AssertionError(spec.name() + " is not listed: " + listing.names()));
            assertTrue(t.readable(), spec.name() + ": " + t.reason());
        }
        Cell cell = LakeMatrix.run(lake.root(), "tables", "--format", "csv");
        assertEquals(LakeMatrix.Outcome.OK, cell.outcome(), cell.text());
        for (RealLake.Spec spec : lake.features()) {
            assertTrue(cell.run().out().lines().anyMatch(l -> l.startsWith(io.lakelens.cli.Output.csv(spec.name()) + ",") && l.contains(",ok,")),
                    spec.name() + " listed ok:\n" + cell.run().out());
        }
    }

    @Test
    void exportsAreWrittenForNamesWithSlashesAndSpaces() throws Exception {
        Cell cell = LakeMatrix.run(lake.root(), "export-audit", "ünïcode/prix journaliers", "--out",
                exports.resolve("prix.html").toString());
        assertEquals(LakeMatrix.Outcome.OK, cell.outcome(), cell.text());
        assertTrue(Files.readString(exports.resolve("prix.html")).contains("ünïcode/prix journaliers"));
    }
}
