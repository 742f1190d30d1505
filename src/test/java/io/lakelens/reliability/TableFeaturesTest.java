package io.lakelens.reliability;

import io.lakelens.LakeLensException;
import io.lakelens.TestLakes;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tables written by another engine with Delta table features LakeLens itself never enables:
 * column mapping (with a renamed column), deletion vectors, type widening and Variant. Each
 * must open for reading, or be refused with a message naming the feature, and never be
 * written to by a read.
 */
class TableFeaturesTest {
    @TempDir
    static Path lake;
    static LakeEngine engine;

    @BeforeAll
    static void writeTablesAsAnotherEngine() {
        engine = TestLakes.engine(lake);
        SparkSession s = engine.spark().newSession();
        String base = lake.toString();
        // Test set-up acting as another engine: the paths are this test's own temp folders.
        s.sql("CREATE TABLE delta.`" + base + "/mapped` (id BIGINT, name STRING) USING delta "
                + "TBLPROPERTIES ('delta.columnMapping.mode' = 'name')");
        s.sql("INSERT INTO delta.`" + base + "/mapped` VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        s.sql("ALTER TABLE delta.`" + base + "/mapped` RENAME COLUMN name TO full_name");

        s.sql("CREATE TABLE delta.`" + base + "/dv` (id BIGINT, v STRING) USING delta "
                + "TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')");
        s.sql("INSERT INTO delta.`" + base + "/dv` SELECT id, cast(id AS STRING) FROM range(0, 100)");
        s.sql("DELETE FROM delta.`" + base + "/dv` WHERE id % 10 = 0");

        s.sql("CREATE TABLE delta.`" + base + "/widened` (id INT, qty SMALLINT) USING delta "
                + "TBLPROPERTIES ('delta.enableTypeWidening' = 'true')");
        s.sql("INSERT INTO delta.`" + base + "/widened` VALUES (1, 5), (2, 7)");
        s.sql("ALTER TABLE delta.`" + base + "/widened` ALTER COLUMN qty TYPE INT");
        s.sql("INSERT INTO delta.`" + base + "/widened` VALUES (3, 100000)");

        s.sql("CREATE TABLE delta.`" + base + "/variant` USING delta AS "
                + "SELECT id, parse_json('{\"price\": ' || id || ', \"tags\": [\"x\"]}') AS doc FROM range(0, 4)");
    }

    static String feature(String table) {
        return switch (table) {
            case "mapped" -> "column mapping";
            case "dv" -> "deletion vectors";
            case "widened" -> "type widening";
            default -> "variant";
        };
    }

    static long expectedRows(String table) {
        return switch (table) {
            case "mapped" -> 3;
            case "dv" -> 90;
            case "widened" -> 3;
            default -> 4;
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"mapped", "dv", "widened", "variant"})
    void tableWithAnotherEnginesFeatureOpensReadOnlyOrIsRefusedByName(String table) {
        Path dir = lake.resolve(table);
        String before = TestLakes.fingerprint(dir);
        List<String> outcomes = new ArrayList<>();
        attempt(outcomes, table, "count", () -> {
            var df = engine.read(table, AsOf.LATEST);
            assertEquals(expectedRows(table), (long) engine.readAction(table, AsOf.LATEST, df::count));
            return null;
        });
        attempt(outcomes, table, "describe", () -> engine.describe(table));
        attempt(outcomes, table, "history", () -> engine.history(table, 0));
        attempt(outcomes, table, "version 0", () -> engine.resolveVersion(table, new AsOf.Version(0)));
        for (String[] args : new String[][]{{"describe", table}, {"history", table},
                {"query", "SELECT * FROM " + table, "--format", "csv"}}) {
            CliRun r = CliRun.on(lake, args);
            assertTrue(r.code() == 0 || r.isCleanUserError(), String.join(" ", args) + " -> " + r.code() + " " + r.err());
            if (r.code() != 0) {
                assertTrue(r.err().toLowerCase().contains(feature(table)), "names the feature: " + r.err());
            }
            outcomes.add(args[0] + (r.code() == 0 ? " ok" : " refused"));
        }
        if (table.equals("mapped")) {
            CliRun r = CliRun.on(lake, "query", "SELECT full_name FROM mapped ORDER BY id", "--format", "csv");
            assertEquals("full_name\na\nb\nc", r.out().strip(), "the renamed column reads under its new name");
        }
        assertEquals(before, TestLakes.fingerprint(dir), "reading writes nothing");
        ReliabilitySuite.record(new ScenarioResult("table feature: " + feature(table), outcomes.size(), 0, 0,
                String.join(", ", outcomes) + "; nothing written"));
    }

    private static void attempt(List<String> outcomes, String table, String what, Supplier<Object> action) {
        try {
            action.get();
            outcomes.add(what + " ok");
        } catch (LakeLensException e) {
            assertTrue(e.getMessage().toLowerCase().contains(feature(table)), what + " must name the feature: " + e.getMessage());
            outcomes.add(what + " refused");
        }
    }
}
