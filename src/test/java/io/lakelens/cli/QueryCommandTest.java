package io.lakelens.cli;

import io.lakelens.TestLakes;
import io.lakelens.lake.LakeEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryCommandTest {
    @TempDir
    static Path lake;

    @BeforeAll
    static void twoVersions() {
        LakeEngine engine = TestLakes.engine(lake);
        engine.write("t", "v0", s -> {
            s.range(0, 4).write().format("delta").save(engine.tablePath("t").toString());
            return null;
        });
        engine.write("t", "v1", s -> {
            s.range(4, 10).write().format("delta").mode("append").save(engine.tablePath("t").toString());
            return null;
        });
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 3];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--lake";
        all[args.length + 1] = lake.toString();
        all[args.length + 2] = "--no-redis";
        int code = Main.execute(all, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void countAtLatestAndAsOfAnOldVersion() {
        Run latest = run("query", "SELECT count(*) AS n FROM t", "--format", "csv");
        assertEquals(0, latest.code(), latest.err());
        assertEquals("n\n10", latest.out().trim());
        Run old = run("query", "SELECT count(*) AS n FROM t", "--as-of", "0", "--format", "json");
        assertEquals(0, old.code(), old.err());
        assertTrue(old.out().contains("\"n\" : 4"), old.out());
    }

    @Test
    void writeStatementsAreRefusedAndChangeNothing() {
        String before = TestLakes.fingerprint(lake.resolve("t"));
        for (String sql : new String[]{"DELETE FROM t WHERE id = 1", "INSERT INTO t VALUES (99)", "DROP TABLE t",
                "UPDATE t SET id = 0", "OPTIMIZE t", "VACUUM t", "CREATE TABLE x AS SELECT * FROM t",
                "SET spark.sql.ansi.enabled=true"}) {
            Run r = run("query", sql);
            assertEquals(1, r.code(), sql + " → " + r.err());
            assertTrue(r.err().contains("read-only") || r.err().contains("Malformed"), sql + " → " + r.err());
        }
        assertEquals(before, TestLakes.fingerprint(lake.resolve("t")));
    }

    @Test
    void malformedSqlGetsOneLineWithPosition() {
        Run r = run("query", "SELEC * FRM t");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("lakelens: Malformed SQL"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void unknownColumnIsAUserError() {
        Run r = run("query", "SELECT no_such_column FROM t");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("no_such_column"), r.err());
    }

    @Test
    void historyListsCommitsWithReasons() {
        Run r = run("history", "t");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("v1") && r.out().contains("v0"), r.out());
        assertFalse(r.out().contains("Exception"));
    }

    @Test
    void unknownTableIsExitCodeOne() {
        Run r = run("describe", "missing_table");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("No table 'missing_table'"), r.err());
    }

    @Test
    void globalOptionsWorkBeforeTheCommandName() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[]{"--lake", lake.toString(), "--no-redis", "tables", "--format", "csv"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("t,1,10"), out.toString());
    }
}
