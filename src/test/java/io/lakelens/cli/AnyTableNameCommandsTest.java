package io.lakelens.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakelens.TestLakes;
import io.lakelens.cache.EmbeddedRedis;
import io.lakelens.cache.SharedRedis;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.TableName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The main commands on a table whose name is everything a real lake's folder names can be:
 * nested under a Hive-style {@code .db} folder, with a hyphen, dots, a space, capitals and
 * accents. The table is made by {@code import} from a CSV, as a user would, then read, searched
 * (through Redis, so its cache keys are used), compared, audited, exported, checked and
 * maintained by name. Two more tables whose names a careless key encoding would merge
 * ({@code a b} and {@code a%20b}) keep their own cached answers. The maintenance commands,
 * which commit, run last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnyTableNameCommandsTest {
    static final String ODD = "warehouse/finance.db/Prix-Journaliers été v2.0";
    static final String SPACED = "names/a b";
    static final String PERCENT = "names/a%20b";

    @TempDir
    static Path lake;
    @TempDir
    static Path files;
    static LakeEngine engine;
    static EmbeddedRedis redis;

    record Run(int code, String out, String err) {
        String all() {
            return "exit " + code + "\n" + out + "\n" + err;
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--lake", lake.toString(), "--redis", redis.url()));
        int code = Main.execute(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static Run ok(String... args) {
        Run r = run(args);
        assertEquals(0, r.code(), String.join(" ", args) + "\n" + r.all());
        assertFalse(r.err().contains("Exception") || r.err().lines().anyMatch(l -> l.strip().startsWith("at ")),
                "no stack trace: " + r.err());
        return r;
    }

    static Path csv(String name, String... lines) throws Exception {
        Path f = files.resolve(name);
        Files.write(f, List.of(lines));
        return f;
    }

    @BeforeAll
    static void lakeWithOddNames() throws Exception {
        engine = TestLakes.engine(lake);
        redis = EmbeddedRedis.start(16);
        Path first = csv("first.csv", "id,city,amount", "1,Zürich,10.5", "2,New York,20.0", "3,Paris,30.25");
        Path more = csv("more.csv", "id,city,amount", "4,Zürich,40.0", "5,Lyon,50.0");
        ok("import", first.toString(), "--table", ODD, "--yes", "--reason", "first load");
        ok("import", more.toString(), "--table", ODD, "--mode", "append", "--yes", "--reason", "more rows");
        ok("import", csv("spaced.csv", "id,word", "1,spaced").toString(), "--table", SPACED, "--yes");
        ok("import", csv("percent.csv", "id,word", "1,percent").toString(), "--table", PERCENT, "--yes");
    }

    @AfterAll
    static void stop() {
        redis.close();
        SharedRedis.stop(lake);
    }

    @Test
    void theTableIsAFolderAtItsPathAndIsListedOk() {
        assertTrue(Files.isDirectory(TableName.of(ODD).resolveIn(lake).resolve("_delta_log")));
        Run r = ok("tables", "--format", "csv");
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith(Output.csv(ODD) + ",1,5,") && l.contains(",ok,")), r.out());
    }

    @Test
    void readCommandsWorkByName() {
        assertTrue(ok("describe", ODD).out().contains("city"));
        Run history = ok("history", ODD, "--format", "csv");
        assertTrue(history.out().contains("more rows") && history.out().contains("first load"), history.out());
        ok("timeline", ODD);
        Run query = ok("query", "SELECT count(*) AS n, sum(amount) AS s FROM " + TableName.of(ODD).sql(), "--format", "csv");
        assertTrue(query.out().contains("n,s\n5,150.75"), query.out());
        Run asOf = ok("query", "SELECT count(*) AS n FROM " + TableName.of(ODD).sql(), "--as-of", "0", "--format", "csv");
        assertTrue(asOf.out().contains("n\n3"), asOf.out());
        Run diff = ok("diff", ODD, "--from", "0", "--to", "1", "--key", "id", "--format", "csv");
        assertTrue(diff.out().contains("Lyon"), diff.out());
        Run audit = ok("audit", ODD, "--key", "id=4", "--format", "csv");
        assertTrue(audit.out().contains("Zürich"), audit.out());
        assertTrue(ok("health-report", ODD).out().contains(ODD));
    }

    @Test
    void searchByNameUsesTheCacheAndFindsTheRows() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode miss = json.readTree(ok("search", "zürich", "--table", ODD, "--strategy", "cache-first", "--format", "json").out());
        JsonNode hit = json.readTree(ok("search", "zürich", "--table", ODD, "--strategy", "cache-first", "--format", "json").out());
        assertEquals(2, miss.get("totalMatches").asInt(), miss.toString());
        assertFalse(miss.get("cacheHit").asBoolean(), miss.toString());
        assertTrue(hit.get("cacheHit").asBoolean(), hit.toString());
        assertEquals(miss.get("rows"), hit.get("rows"));
    }

    @Test
    void namesThatACarelessKeyWouldMergeKeepTheirOwnCachedAnswers() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (int pass = 0; pass < 2; pass++) {
            JsonNode spaced = json.readTree(ok("search", "", "--table", SPACED, "--format", "json").out());
            JsonNode percent = json.readTree(ok("search", "", "--table", PERCENT, "--format", "json").out());
            assertEquals("spaced", spaced.get("rows").get(0).get("word").asText(), spaced.toString());
            assertEquals("percent", percent.get("rows").get(0).get("word").asText(), percent.toString());
            assertEquals(pass == 1, spaced.get("cacheHit").asBoolean(), spaced.toString());
            assertEquals(pass == 1, percent.get("cacheHit").asBoolean(), percent.toString());
        }
        assertNotEquals(TableName.of(SPACED).encoded(true), TableName.of(PERCENT).encoded(true));
    }

    @Test
    void exportsAndChecksWorkByNameAndStayInTheirFolders() throws Exception {
        Path report = files.resolve("audit.html");
        ok("export-audit", ODD, "--out", report.toString());
        assertTrue(Files.readString(report).contains("Prix-Journaliers"), "the report names the table");
        ok("verify", ODD);
        Run vacuum = ok("vacuum", ODD, "--retain", "168h", "--dry-run");
        assertTrue(vacuum.out().contains(ODD) || vacuum.out().toLowerCase().contains("nothing"), vacuum.out());
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void maintenanceCommitsToTheNamedTable() {
        ok("optimize", ODD, "--no-measure", "--reason", "compact");
        ok("restore", ODD, "--to", "0", "--reason", "undo the second load", "--yes");
        Run after = ok("query", "SELECT count(*) AS n FROM " + TableName.of(ODD).sql(), "--format", "csv");
        assertTrue(after.out().contains("n\n3"), after.out());
        assertTrue(ok("history", ODD, "--format", "csv").out().contains("undo the second load"));
    }
}
