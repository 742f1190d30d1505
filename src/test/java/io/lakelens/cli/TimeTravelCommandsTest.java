package io.lakelens.cli;

import io.delta.tables.DeltaTable;
import io.lakelens.TestLakes;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeTravelCommandsTest {
    static final String T = "trading_transactions";
    @TempDir
    static Path lake;
    @TempDir
    static Path reports;
    static LakeEngine engine;

    @BeforeAll
    static void trades() {
        engine = TestLakes.engine(lake);
        history(T);
    }

    /** v0 load trades 1–8 (one file), v1 price correction of 2 and 3, v2 compliance delete of 5. */
    static void history(String table) {
        String path = engine.tablePath(table).toString();
        engine.write(table, "initial load", s -> {
            trades(s).coalesce(1).write().format("delta").save(path);
            return null;
        });
        engine.write(table, "price correction", s -> {
            DeltaTable.forPath(s, path).update(col("trade_id").isin(2L, 3L), Map.of("price", col("price").plus(lit(0.5))));
            return null;
        });
        engine.write(table, "compliance: erroneous trade", s -> {
            DeltaTable.forPath(s, path).delete(col("trade_id").equalTo(5L));
            return null;
        });
    }

    static Dataset<Row> trades(SparkSession s) {
        return s.range(1, 9).selectExpr("id AS trade_id", "'AAPL' AS symbol", "CAST(id * 10 AS INT) AS quantity",
                "CAST(100 + id AS DOUBLE) AS price");
    }

    record Run(int code, String out, String err) {
    }

    static Run answering(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 3];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--lake";
        all[args.length + 1] = lake.toString();
        all[args.length + 2] = "--no-redis";
        BufferedReader in = new BufferedReader(new StringReader(stdin));
        int code = Main.execute(all, in, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return answering("", args);
    }

    @Test
    void diffPrintsTheSummaryAndEachChangedCellOldToNew() {
        Run r = run("diff", T, "--from", "0", "--to", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("0 added, 0 removed, 2 changed"), r.out());
        assertTrue(r.out().contains("change data feed"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("changed") && l.contains("price") && l.contains("102")
                && l.contains("102.5")), r.out());
        Run json = run("diff", T, "--from", "0", "--to", "2", "--format", "json", "--only", "removed");
        assertEquals(0, json.code(), json.err());
        assertTrue(json.out().contains("\"change\" : \"removed\"") && json.out().contains("\"trade_id\" : 5"), json.out());
    }

    @Test
    void diffBadInputIsOneLineAndExitCodeOne() {
        Run same = run("diff", T, "--from", "1", "--to", "1");
        assertEquals(1, same.code());
        assertTrue(same.err().startsWith("lakelens: Both sides of the diff are version 1"), same.err());
        assertEquals(1, same.err().strip().lines().count(), same.err());
        Run range = run("diff", T, "--from", "0", "--to", "99");
        assertEquals(1, range.code());
        assertTrue(range.err().contains("no version 99"), range.err());
        Run key = run("diff", T, "--from", "0", "--to", "1", "--key", "nope");
        assertEquals(1, key.code());
        assertTrue(key.err().contains("no column 'nope'"), key.err());
        assertEquals(1, run("diff", T, "--from", "0", "--only", "moved").code());
    }

    @Test
    void auditShowsTheInsertAndTheDeletionOfATradeWithWhoAndWhy() {
        Run r = run("audit", T, "--key", "trade_id=5");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("inserted") && l.contains("initial load")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("deleted") && l.contains("compliance: erroneous trade")
                && l.contains(System.getProperty("user.name"))), r.out());
        Run csv = run("audit", T, "--key", "trade_id=2", "--format", "csv");
        assertTrue(csv.out().contains("price: 102.0 → 102.5") || csv.out().contains("price: 102 → 102.5"), csv.out());
        Run unknown = run("audit", T, "--key", "id=5");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("no column 'id'"), unknown.err());
        Run none = run("audit", T, "--key", "trade_id=404");
        assertEquals(1, none.code());
        assertTrue(none.err().contains("No row of " + T + " matches trade_id=404"), none.err());
    }

    @Test
    void verifyRecordsThenPassesThenFailsWhenAnOldFileIsRemoved() throws Exception {
        String table = "verified";
        history(table);
        Run first = run("verify", table, "--at", "0");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("recorded now"), first.out());
        Run second = run("verify", table, "--version", "0"); // the earlier spelling of --at still works
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().contains("passed"), second.out());
        // v1 rewrote v0's only file, so deleting it breaks version 0 alone.
        Path v0 = onlyParquetOfVersionZero(table);
        Files.delete(v0);
        Run broken = run("verify", table);
        assertEquals(ExitCode.CHECK_FAILED, broken.code(), broken.out());
        assertTrue(broken.out().contains("files missing"), broken.out());
        assertTrue(broken.err().contains("integrity check failed for 1 version"), broken.err());
    }

    private static Path onlyParquetOfVersionZero(String table) throws Exception {
        String log = Files.readString(lake.resolve(table).resolve("_delta_log").resolve(String.format("%020d.json", 0)));
        int at = log.indexOf("\"path\":\"") + 8;
        return lake.resolve(table).resolve(log.substring(at, log.indexOf('"', at)));
    }

    @Test
    void restoreWithoutATerminalOrYesRefusesAndWritesNothing() {
        String table = "guarded";
        history(table);
        String before = TestLakes.fingerprint(lake.resolve(table));
        Run noAnswer = answering("", "restore", table, "--to", "0", "--reason", "undo", "--key", "trade_id");
        assertEquals(1, noAnswer.code());
        assertTrue(noAnswer.out().contains("will add 1 row, remove 0 rows and change 2 rows"), noAnswer.out());
        assertTrue(noAnswer.err().contains("No answer on standard input"), noAnswer.err());
        Run declined = answering("no\n", "restore", table, "--to", "0", "--reason", "undo", "--key", "trade_id");
        assertEquals(1, declined.code());
        assertTrue(declined.err().contains("cancelled"), declined.err());
        Run readOnly = run("restore", table, "--to", "0", "--reason", "undo", "--yes", "--read-only");
        assertEquals(1, readOnly.code());
        assertTrue(readOnly.err().contains("read-only"), readOnly.err());
        assertEquals(before, TestLakes.fingerprint(lake.resolve(table)));

        Run confirmed = answering("yes\n", "restore", table, "--to", "0", "--reason", "undo the correction", "--key", "trade_id");
        assertEquals(0, confirmed.code(), confirmed.err());
        assertTrue(confirmed.out().contains("Restored " + table + " to version 0; the restore is version 3"), confirmed.out());
        Run timeline = run("timeline", table);
        assertTrue(timeline.out().lines().anyMatch(l -> l.strip().startsWith("3 ") && l.contains("RESTORE") && l.contains("undo the correction")),
                timeline.out());
    }

    @Test
    void exportAuditWritesAPageAndRefusesPathsThatEscape() throws Exception {
        Path html = reports.resolve("audit.html");
        Run r = run("export-audit", T, "--from", "0", "--to", "2", "--out", html.toString(), "--key", "trade_id=5");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("3 commits") && r.out().contains("2 change(s) to trade_id=5"), r.out());
        String page = Files.readString(html);
        assertTrue(page.contains("compliance: erroneous trade") && page.contains("<svg"), "report content");
        Run csv = run("export-audit", T, "--out", reports.resolve("audit.csv").toString());
        assertEquals(0, csv.code(), csv.err());
        assertTrue(Files.readString(reports.resolve("audit.csv")).startsWith("section,version"));
        Run escape = run("export-audit", T, "--out", reports.resolve("../escape.html").toString());
        assertEquals(1, escape.code());
        assertTrue(escape.err().contains("'..'"), escape.err());
        assertFalse(Files.exists(reports.getParent().resolve("escape.html")));
    }

    @Test
    void timelineListsEveryCommitWithItsReason() {
        Run r = run("timeline", T);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("price correction") && r.out().contains("compliance: erroneous trade"), r.out());
        Run schema = run("timeline", T, "--schema", "--format", "csv");
        assertTrue(schema.out().contains("0,") && schema.out().contains("trade_id,created"), schema.out());
    }
}
