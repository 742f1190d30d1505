package io.lakelens.cli;

import io.lakelens.TestLakes;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaintenanceCommandsTest {
    @TempDir
    static Path lake;
    @TempDir
    static Path files;
    static LakeEngine engine;

    @BeforeAll
    static void tables() {
        engine = TestLakes.engine(lake);
        for (String t : new String[]{"small", "tidy", "vac"}) {
            for (int i = 0; i < 3; i++) {
                long from = i * 20L;
                engine.write(t, "append " + i, s -> {
                    s.range(from, from + 20).selectExpr("id", "concat('S', cast(id % 5 as string)) as sym")
                            .repartition(2).write().format("delta").mode("append").save(engine.tablePath(t).toString());
                    return null;
                });
            }
        }
        engine.write("vac", "rewrite", s -> {
            io.delta.tables.DeltaTable.forPath(s, engine.tablePath("vac").toString()).delete("id < 5");
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
    void healthReportGivesTheVerdictAndChangesNothing() {
        String before = TestLakes.fingerprint(lake.resolve("small"));
        Run r = run("health-report", "small");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Verdict: 6 small files; OPTIMIZE would cut file count ~6.0× (6 → ~1 file)."), r.out());
        assertTrue(r.out().contains("delta.enableChangeDataFeed"), r.out());
        assertTrue(r.out().contains("< 64 KiB"), r.out());
        Run json = run("health-report", "small", "--format", "json");
        assertEquals(0, json.code(), json.err());
        assertTrue(json.out().contains("\"fileCount\" : 6"), json.out());
        assertEquals(before, TestLakes.fingerprint(lake.resolve("small")));
    }

    @Test
    void optimizePrintsBeforeAndAfterAndRecordsTheReason() {
        Run r = run("optimize", "tidy", "--reason", "weekly compaction");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("6 → 1 files"), r.out());
        assertTrue(r.out().contains("search"), r.out());
        assertEquals("weekly compaction", engine.history("tidy", 1).get(0).reason());
        Run bad = run("optimize", "tidy", "--zorder", "nope");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("lakelens: No column 'nope' to Z-order by; columns are id, sym."), bad.err());
    }

    @Test
    void vacuumDryRunNamesTheVersionsThatLoseTimeTravelAndDeletesNothing() {
        String before = TestLakes.fingerprint(lake.resolve("vac"));
        Run r = run("vacuum", "vac", "--retain", "0h", "--dry-run");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Versions that stop being time-travelable:"), r.out());
        assertTrue(r.out().contains("Retention 0h is under the safe minimum of 7d"), r.out());
        assertEquals(before, TestLakes.fingerprint(lake.resolve("vac")));

        Run refused = run("vacuum", "vac", "--retain", "0h");
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("--force-short-retention"), refused.err());
        assertEquals(before, TestLakes.fingerprint(lake.resolve("vac")));

        Run safe = run("vacuum", "vac", "--retain", "168h", "--reason", "routine");
        assertEquals(0, safe.code(), safe.err());
        assertTrue(safe.out().contains("would delete 0 files"), safe.out());
        assertEquals(20, engine.read("vac", new AsOf.Version(0)).count(), "old versions still readable");
    }

    @Test
    void writesAreRefusedOnAReadOnlyLake() {
        Run r = run("optimize", "tidy", "--read-only");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("read-only"), r.err());
    }

    @Test
    void importNeedsConfirmationThenLoadsAndReportsBadRows() throws Exception {
        Path csv = files.resolve("prices.csv");
        Files.writeString(csv, "sym,price\nA,1.5\nB,oops\nC,2.5\n");
        Run unconfirmed = run("import", csv.toString(), "--table", "prices", "--type", "price=double");
        assertEquals(1, unconfirmed.code());
        assertTrue(unconfirmed.out().contains("price  double"), unconfirmed.out());
        assertTrue(unconfirmed.err().contains("--yes"), unconfirmed.err());
        assertTrue(!Files.exists(lake.resolve("prices")), "nothing written without confirmation");

        Run r = run("import", csv.toString(), "--table", "prices", "--type", "price=double", "--yes", "--reason", "desk file");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Imported 2 rows into prices"), r.out());
        assertTrue(r.out().contains("1 bad row skipped"), r.out());
        assertTrue(r.out().contains("column price: 'oops' is not a valid double"), r.out());
        assertEquals("desk file", engine.history("prices", 1).get(0).reason());
    }

    @Test
    void feedAppendsForTheGivenSecondsAndCommitsEveryTick() {
        engine.write("market_data", "seed", s -> {
            s.range(0, 6).selectExpr("concat('S', cast(id % 3 as string)) as symbol", "cast(10 + id as double) as close",
                            "cast(timestamp'2024-01-01 00:00:00' + make_interval(0, 0, 0, cast(id as int)) as timestamp) as ts")
                    .write().format("delta").save(engine.tablePath("market_data").toString());
            return null;
        });
        Run r = run("feed", "--rate", "30", "--seconds", "2", "--interval-ms", "500", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("rows/s) into market_data"), r.out());
        long fed = Long.parseLong(r.out().strip().split(" ")[0].replace(",", ""));
        assertEquals(6 + fed, engine.read("market_data", AsOf.LATEST).count());
    }
}
