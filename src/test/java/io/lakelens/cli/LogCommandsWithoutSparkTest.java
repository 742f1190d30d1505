package io.lakelens.cli;

import io.delta.tables.DeltaTable;
import io.lakelens.TestLakes;
import io.lakelens.lake.Commit;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.TableInfo;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The commands that only read the log (tables, describe, history, version, help) start no
 * SparkSession, and what they report from the log equals what Spark's DESCRIBE DETAIL,
 * DESCRIBE HISTORY and a count report for the same tables.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LogCommandsWithoutSparkTest {
    @TempDir
    static Path lake;
    static LakeEngine engine;

    @BeforeAll
    static void generate() {
        TestLakes.generatedTiny(lake);
        engine = TestLakes.engine(lake);
    }

    record Run(int code, String out, String err) {
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void tablesDescribeHistoryVersionAndHelpStartNoSparkSession() {
        List<String> tables = engine.tableNames();
        assertFalse(tables.isEmpty());
        long before = LakeEngine.sessionStarts();
        List<String[]> commands = new ArrayList<>();
        commands.add(new String[]{"tables", "--lake", lake.toString()});
        commands.add(new String[]{"tables", "--lake", lake.toString(), "--format", "json"});
        for (String t : tables) {
            commands.add(new String[]{"describe", t, "--lake", lake.toString()});
            commands.add(new String[]{"history", t, "--lake", lake.toString(), "--limit", "3"});
        }
        commands.add(new String[]{"--version"});
        commands.add(new String[]{"help"});
        for (String[] c : commands) {
            Run r = cli(c);
            assertEquals(0, r.code(), String.join(" ", c) + ": " + r.err());
            assertFalse(r.out().isBlank(), String.join(" ", c));
        }
        assertEquals(before, LakeEngine.sessionStarts(), "no command asked for a SparkSession");
        Run t = cli("tables", "--lake", lake.toString(), "--format", "csv");
        for (String table : tables) {
            assertTrue(t.out().lines().anyMatch(l -> l.startsWith(table + ",")), table + " listed in " + t.out());
        }
    }

    @Test
    void describeFromTheLogEqualsDescribeDetailAndACount() {
        for (String t : engine.tableNames()) {
            TableInfo info = engine.describe(t);
            DeltaTable delta = DeltaTable.forPath(engine.spark(), engine.tablePath(t).toString());
            Row d = delta.detail().collectAsList().get(0);
            assertEquals(d.getLong(d.fieldIndex("numFiles")), info.fileCount(), t + " files");
            assertEquals(d.getLong(d.fieldIndex("sizeInBytes")), info.sizeBytes(), t + " bytes");
            assertEquals(List.copyOf(d.<String>getList(d.fieldIndex("partitionColumns"))), info.partitionColumns(), t);
            assertEquals(d.getTimestamp(d.fieldIndex("lastModified")).toInstant(), info.lastCommit(), t + " last commit");
            assertEquals(delta.toDF().count(), info.rowCount(), t + " rows (deletion vectors subtracted)");
            assertEquals(engine.latestVersion(t), info.version());
        }
    }

    @Test
    void historyFromTheLogEqualsDescribeHistory() {
        for (String t : engine.tableNames()) {
            List<Row> spark = new ArrayList<>(DeltaTable.forPath(engine.spark(), engine.tablePath(t).toString())
                    .history().collectAsList());
            spark.sort(Comparator.comparingLong((Row r) -> r.getLong(r.fieldIndex("version"))).reversed());
            List<Commit> log = engine.history(t, 0);
            assertEquals(spark.size(), log.size(), t + " commits");
            for (int i = 0; i < log.size(); i++) {
                Row r = spark.get(i);
                Commit c = log.get(i);
                String at = t + " v" + c.version();
                assertEquals(r.getLong(r.fieldIndex("version")), c.version(), at);
                assertEquals(r.getTimestamp(r.fieldIndex("timestamp")).toInstant(), c.timestamp(), at + " time");
                assertEquals(r.getString(r.fieldIndex("operation")), c.operation(), at);
                assertEquals(strings(r, "operationParameters"), c.operationParameters(), at + " parameters");
                assertEquals(strings(r, "operationMetrics"), c.operationMetrics(), at + " metrics");
                String userMetadata = r.getString(r.fieldIndex("userMetadata"));
                assertEquals(userMetadata == null ? "" : userMetadata, c.userMetadata(), at);
            }
            List<Commit> limited = engine.history(t, 2);
            assertEquals(log.subList(0, Math.min(2, log.size())), limited, t + " newest two");
        }
    }

    private static Map<String, String> strings(Row r, String field) {
        int i = r.fieldIndex(field);
        if (r.isNullAt(i)) {
            return Map.of();
        }
        Map<String, String> m = new TreeMap<>();
        r.<String, String>getJavaMap(i).forEach((k, v) -> {
            if (v != null) {
                m.put(k, v);
            }
        });
        return m;
    }
}
