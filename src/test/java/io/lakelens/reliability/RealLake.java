package io.lakelens.reliability;

import io.delta.kernel.Operation;
import io.delta.kernel.Table;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionBuilder;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.hook.PostCommitHook;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.lakelens.TestLakes;
import io.lakelens.lake.LakeEngine;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A lake as other tools leave it, built once per test JVM: tables written by Spark SQL with the
 * Delta features LakeLens itself never enables (and by Delta Kernel where Spark cannot make the
 * shape), under names real lakes use (hyphens, spaces, dots, capitals, accents, nesting), plus
 * tables damaged on disk in every way section "damage" of the product rules names. Each table
 * is small (a few rows, a few commits). The lake lives in a temporary folder removed at exit.
 *
 * <p>Healthy tables are written "as another engine": no LakeLens commit metadata and no change
 * data feed unless the table asks for it. Damaged tables are copies of two templates (built
 * once, outside the lake) with the damage applied by hand.
 */
public final class RealLake {
    /** What a table in the lake is for. */
    public enum Kind { FEATURE, DAMAGED }

    /**
     * One table of the lake: its name (path under the root), what it shows, whether it is
     * damaged, and a row of it as {@code column=value} (for per-row history), or null.
     */
    public record Spec(String name, Kind kind, String shows, String key) {
    }

    private static RealLake shared;

    private final Path parent;
    private final Path root;
    private final Path outside;
    private final LakeEngine engine;
    private final Map<String, Spec> specs = new LinkedHashMap<>();
    private boolean permissionsEnforced;
    private long buildMillis;

    /** The lake, built on first use; every test class of the JVM shares it (read-only). */
    public static synchronized RealLake get() {
        if (shared == null) {
            shared = new RealLake();
            shared.build();
        }
        return shared;
    }

    /**
     * {@code LAKELENS_TEST_REAL_LAKE=DIR} keeps the lake in DIR and reuses it while this class is
     * unchanged (for working on the tests; the suite builds it afresh in a temporary folder).
     */
    private RealLake() {
        String keep = System.getenv("LAKELENS_TEST_REAL_LAKE");
        try {
            parent = keep == null ? Files.createTempDirectory("lakelens-real-lake") : Path.of(keep).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        root = parent.resolve("lake");
        outside = parent.resolve("outside");
        engine = TestLakes.engine(root);
        if (keep == null) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(parent), "real-lake-cleanup"));
        }
    }

    private static String signature() {
        try (var in = RealLake.class.getResourceAsStream("RealLake.class")) {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** Reuses a kept lake built by this same class; false when there is none. */
    private boolean reuse() throws IOException {
        Path marker = parent.resolve("specs.tsv");
        if (System.getenv("LAKELENS_TEST_REAL_LAKE") == null || !Files.isRegularFile(marker)) {
            return false;
        }
        List<String> lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.getFirst().equals(signature())) {
            return false;
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", 4);
            specs.put(f[0], new Spec(f[0], Kind.valueOf(f[1]), f[2], f[3].isEmpty() ? null : f[3]));
        }
        permissionsEnforced = !canList(dir("damaged/no-read-permission"));
        return true;
    }

    private void keep() throws IOException {
        if (System.getenv("LAKELENS_TEST_REAL_LAKE") == null) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(signature());
        specs.values().forEach(sp -> lines.add(sp.name() + "\t" + sp.kind() + "\t" + sp.shows() + "\t"
                + (sp.key() == null ? "" : sp.key())));
        Files.write(parent.resolve("specs.tsv"), lines, StandardCharsets.UTF_8);
    }

    public Path root() {
        return root;
    }

    /** The lake's engine (shared Spark session). */
    public LakeEngine engine() {
        return engine;
    }

    public Map<String, Spec> specs() {
        return specs;
    }

    public List<Spec> features() {
        return specs.values().stream().filter(s -> s.kind() == Kind.FEATURE).toList();
    }

    public List<Spec> damaged() {
        return specs.values().stream().filter(s -> s.kind() == Kind.DAMAGED).toList();
    }

    public Path dir(String table) {
        return root.resolve(table);
    }

    /** False when this process can read a folder whose permissions forbid it (running as root). */
    public boolean permissionsEnforced() {
        return permissionsEnforced;
    }

    public long buildMillis() {
        return buildMillis;
    }

    // ---------------------------------------------------------------------------------------------

    private void build() {
        long t0 = System.nanoTime();
        if (System.getenv("LAKELENS_TEST_REAL_LAKE") == null) {
            buildHere(t0);
            return;
        }
        // a kept lake is shared by the suite's test JVMs: one builds it, the others wait and reuse it
        try (var lock = java.nio.channels.FileChannel.open(Files.createDirectories(parent.getParent()).resolve(
                parent.getFileName() + ".lock"), java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             var held = lock.lock()) {
            buildHere(t0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void buildHere(long t0) {
        try {
            if (reuse()) {
                return;
            }
            deleteTree(parent);
            Files.createDirectories(root);
            SparkSession s = foreignSession();
            features(s);
            damage(s);
            buildMillis = (System.nanoTime() - t0) / 1_000_000;
            keep();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A session that writes as another engine would: no LakeLens metadata, no change feed by default. */
    private SparkSession foreignSession() {
        SparkSession s = engine.spark().newSession();
        s.conf().set("spark.databricks.delta.properties.defaults.enableChangeDataFeed", "false");
        s.conf().unset("spark.databricks.delta.commitInfo.userMetadata");
        return s;
    }

    private String at(String table) {
        return "delta.`" + root.resolve(table).toString().replace("`", "``") + "`";
    }

    private static String at(Path dir) {
        return "delta.`" + dir.toString().replace("`", "``") + "`";
    }

    private void spec(String name, Kind kind, String shows) {
        spec(name, kind, shows, null);
    }

    private void spec(String name, Kind kind, String shows, String key) {
        specs.put(name, new Spec(name, kind, shows, key));
    }

    private static void sql(SparkSession s, String... statements) {
        for (String st : statements) {
            s.sql(st);
        }
    }

    // --- tables with features ---------------------------------------------------------------------

    private void features(SparkSession s) throws IOException {
        String t;

        t = "column-mapping/by-name";
        spec(t, Kind.FEATURE, "column mapping (name), a column renamed to one with a space, one dropped", "id=2");
        sql(s, "CREATE TABLE " + at(t) + " USING delta TBLPROPERTIES ('delta.columnMapping.mode' = 'name') AS "
                        + "SELECT CAST(id AS BIGINT) AS id, concat('n', id) AS name, id * 1.5D AS price FROM range(1, 4)",
                "ALTER TABLE " + at(t) + " RENAME COLUMN name TO `Full Name`",
                "ALTER TABLE " + at(t) + " DROP COLUMN price",
                "UPDATE " + at(t) + " SET `Full Name` = 'bee' WHERE id = 2");

        t = "column-mapping/By ID";
        spec(t, Kind.FEATURE, "column mapping (id)", "id=1");
        sql(s, "CREATE TABLE " + at(t) + " USING delta TBLPROPERTIES ('delta.columnMapping.mode' = 'id') AS "
                        + "SELECT CAST(id AS BIGINT) AS id, concat('label ', id) AS label FROM range(1, 3)",
                "INSERT INTO " + at(t) + " VALUES (3, 'three')");

        t = "deletion-vectors";
        spec(t, Kind.FEATURE, "deletion vectors (delete and update)", "id=7");
        sql(s, "CREATE TABLE " + at(t) + " USING delta TBLPROPERTIES ('delta.enableDeletionVectors' = 'true') AS "
                        + "SELECT /*+ REPARTITION(1) */ id, cast(id AS STRING) AS v FROM range(0, 40)",
                "DELETE FROM " + at(t) + " WHERE id % 10 = 0",
                "UPDATE " + at(t) + " SET v = 'updated' WHERE id = 7");

        t = "checkpoints/v2.checkpoint";
        spec(t, Kind.FEATURE, "v2 checkpoints", "id=3");
        sql(s, "CREATE TABLE " + at(t) + " USING delta TBLPROPERTIES ('delta.checkpointPolicy' = 'v2', "
                        + "'delta.checkpointInterval' = '1') AS SELECT id FROM range(0, 2)",
                "INSERT INTO " + at(t) + " VALUES (3)");

        t = "checkpoints/multi-part";
        spec(t, Kind.FEATURE, "multi-part checkpoint", "id=10");
        SparkSession parts = foreignSession();
        parts.conf().set("spark.databricks.delta.checkpoint.partSize", "1");
        sql(parts, "CREATE TABLE " + at(t) + " USING delta TBLPROPERTIES ('delta.checkpointInterval' = '1') AS "
                        + "SELECT /*+ REPARTITION(3) */ id FROM range(0, 3)",
                "INSERT INTO " + at(t) + " VALUES (10)");

        t = "checkpoints/starts-at-checkpoint";
        spec(t, Kind.FEATURE, "log that begins at a checkpoint (earlier commits cleaned up)", "id=3");
        sql(s, "CREATE TABLE " + at(t) + " USING delta TBLPROPERTIES ('delta.checkpointInterval' = '1') AS SELECT id FROM range(0, 2)",
                "INSERT INTO " + at(t) + " VALUES (2)",
                "INSERT INTO " + at(t) + " VALUES (3)");
        removeLogFile(commit(dir(t), 0));
        removeLogFile(crc(dir(t), 0));

        t = "checkpoints/compacted log";
        spec(t, Kind.FEATURE, "log compaction files (written by Delta Kernel)", "id=1");
        kernelTable(s, dir(t), new StructType().add("id", LongType.LONG).add("city", StringType.STRING),
                List.of(cities(0), cities(3), cities(6)), 2);

        t = "checkpoints/no-last-checkpoint";
        spec(t, Kind.FEATURE, "_last_checkpoint missing", "id=1");
        sql(s, "CREATE TABLE " + at(t) + " USING delta TBLPROPERTIES ('delta.checkpointInterval' = '1') AS SELECT id FROM range(0, 2)",
                "INSERT INTO " + at(t) + " VALUES (2)");
        removeLogFile(dir(t).resolve("_delta_log/_last_checkpoint"));

        t = "checkpoints/stale-last-checkpoint";
        spec(t, Kind.FEATURE, "_last_checkpoint names an older checkpoint", "id=3");
        sql(s, "CREATE TABLE " + at(t) + " USING delta TBLPROPERTIES ('delta.checkpointInterval' = '1') AS SELECT id FROM range(0, 2)",
                "INSERT INTO " + at(t) + " VALUES (2)");
        byte[] stale = Files.readAllBytes(dir(t).resolve("_delta_log/_last_checkpoint"));
        sql(s, "INSERT INTO " + at(t) + " VALUES (3)");
        overwrite(dir(t).resolve("_delta_log/_last_checkpoint"), stale);

        t = "types/Type Widening";
        spec(t, Kind.FEATURE, "type widening (int → bigint, smallint → int, float → double, decimal(5,2) → decimal(10,2))", "id=2");
        sql(s, "CREATE TABLE " + at(t) + " USING delta TBLPROPERTIES ('delta.enableTypeWidening' = 'true') AS "
                        + "SELECT CAST(id AS INT) AS id, CAST(id * 5 AS SMALLINT) AS qty, CAST(id / 4 AS FLOAT) AS ratio, "
                        + "CAST(id * 1.25 AS DECIMAL(5,2)) AS amount FROM range(1, 3)",
                "ALTER TABLE " + at(t) + " ALTER COLUMN id TYPE BIGINT",
                "ALTER TABLE " + at(t) + " ALTER COLUMN qty TYPE INT",
                "ALTER TABLE " + at(t) + " ALTER COLUMN ratio TYPE DOUBLE",
                "ALTER TABLE " + at(t) + " ALTER COLUMN amount TYPE DECIMAL(10,2)",
                "INSERT INTO " + at(t) + " VALUES (3000000000, 100000, 0.125, 12345678.90)");

        t = "types/variant";
        spec(t, Kind.FEATURE, "variant column", "id=1");
        sql(s, "CREATE TABLE " + at(t) + " USING delta AS SELECT id, parse_json('{\"price\": ' || id || ', \"tags\": [\"x\"]}') AS doc "
                        + "FROM range(0, 4)",
                "UPDATE " + at(t) + " SET doc = parse_json('{\"price\": 99}') WHERE id = 1");

        t = "types/timestamp_ntz";
        spec(t, Kind.FEATURE, "timestamp_ntz column", "id=2");
        sql(s, "CREATE TABLE " + at(t) + " USING delta AS SELECT 1 AS id, TIMESTAMP_NTZ'2024-03-10 02:30:00' AS local_time, "
                        + "TIMESTAMP'2024-03-10 02:30:00' AS utc_time UNION ALL SELECT 2, TIMESTAMP_NTZ'1999-12-31 23:59:59.999999', "
                        + "TIMESTAMP'2000-01-01 00:00:00'",
                "UPDATE " + at(t) + " SET local_time = TIMESTAMP_NTZ'2030-01-01 00:00:00' WHERE id = 2");

        t = "types/collations";
        spec(t, Kind.FEATURE, "collated string columns (written by Delta Kernel: Spark's Delta cannot create them)", "id=1");
        kernelTable(s, dir(t), new StructType().add("id", LongType.LONG)
                        .add("name", new StringType("SPARK.UTF8_LCASE")).add("code", new StringType("ICU.UNICODE")),
                List.of("SELECT CAST(1 AS BIGINT) AS id, 'Zürich' AS name, 'b' AS code UNION ALL SELECT 2, 'zürich', 'a'",
                        "SELECT CAST(3 AS BIGINT) AS id, 'ÅRHUS' AS name, 'c' AS code"), 0);

        t = "types/basic-decimal-table";
        spec(t, Kind.FEATURE, "decimals of every precision", "id=2");
        sql(s, "CREATE TABLE " + at(t) + " USING delta AS SELECT * FROM VALUES "
                        + "(1, CAST(9 AS DECIMAL(1,0)), CAST(999.99 AS DECIMAL(5,2)), CAST(99999.9999 AS DECIMAL(9,4)), "
                        + "CAST(999999999999.999999 AS DECIMAL(18,6)), CAST(9999999999999999999 AS DECIMAL(19,0)), "
                        + "CAST(999999999999999999.9999999999 AS DECIMAL(28,10)), "
                        + "CAST(99999999999999999999999999999999999999 AS DECIMAL(38,0)), "
                        + "CAST(99999999999999999999.999999999999999999 AS DECIMAL(38,18)), "
                        + "CAST(0.99999999999999999999999999999999999999 AS DECIMAL(38,38))), "
                        + "(2, -9, -0.01, 0, -0.000001, -1, 0.0000000001, -1, -0.000000000000000001, "
                        + "0.00000000000000000000000000000000000001), "
                        + "(3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL) "
                        + "AS v(id, d1, d5, d9, d18, d19, d28, d38, d38s, frac)",
                "UPDATE " + at(t) + " SET d5 = 1.23 WHERE id = 2");

        t = "types/nested";
        spec(t, Kind.FEATURE, "struct, array and map columns, nested", "id=1");
        sql(s, "CREATE TABLE " + at(t) + " USING delta AS SELECT * FROM VALUES "
                        + "(1, named_struct('x', 1.0D, 'y', 2.0D, 'tag', named_struct('name', 'a')), array('x', 'y'), map('k', 1), "
                        + "array(named_struct('venue', 'XNAS', 'qty', 10)), map('q1', array(1.5D, 2.5D))), "
                        + "(2, NULL, array(), map(), NULL, map('q2', CAST(NULL AS ARRAY<DOUBLE>))), "
                        + "(3, named_struct('x', NULL, 'y', -1.0D, 'tag', NULL), array(NULL, 'z'), map('a', NULL), array(), NULL) "
                        + "AS v(id, point, tags, attrs, legs, scores)",
                "UPDATE " + at(t) + " SET tags = array('changed'), attrs = map('k', 2) WHERE id = 1");

        t = "columns/identity";
        spec(t, Kind.FEATURE, "identity column", "name=a");
        sql(s, "CREATE TABLE " + at(t) + " (id BIGINT GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY 10), "
                        + "name STRING) USING delta",
                "INSERT INTO " + at(t) + " (name) VALUES ('a'), ('b'), ('c')");

        t = "columns/generated";
        spec(t, Kind.FEATURE, "generated column", "amount=1.0");
        sql(s, "CREATE TABLE " + at(t) + " (ts TIMESTAMP, amount DOUBLE, day DATE GENERATED ALWAYS AS (CAST(ts AS DATE))) USING delta",
                "INSERT INTO " + at(t) + " (ts, amount) VALUES (TIMESTAMP'2024-01-01 10:00:00', 1.0), (TIMESTAMP'2024-01-02 11:00:00', 2.0)");

        t = "constraints/CHECK";
        spec(t, Kind.FEATURE, "CHECK constraint", "id=3");
        sql(s, "CREATE TABLE " + at(t) + " USING delta AS SELECT CAST(id AS INT) AS id, CAST(id * 5 AS INT) AS qty FROM range(1, 3)",
                "ALTER TABLE " + at(t) + " ADD CONSTRAINT positive_qty CHECK (qty > 0)",
                "INSERT INTO " + at(t) + " VALUES (3, 15)");

        t = "change-feed/on";
        spec(t, Kind.FEATURE, "change data feed on (insert, update, delete, merge)", "id=1");
        sql(s, "CREATE TABLE " + at(t) + " USING delta TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true') AS "
                        + "SELECT CAST(id AS INT) AS id, concat('n', id) AS name, CAST(id AS INT) AS qty FROM range(1, 4)",
                "UPDATE " + at(t) + " SET qty = 20 WHERE id = 2",
                mergeDeleteUpdateInsert(t));

        t = "change-feed/off";
        spec(t, Kind.FEATURE, "change data feed off", "id=1");
        sql(s, "CREATE TABLE " + at(t) + " USING delta AS "
                        + "SELECT CAST(id AS INT) AS id, concat('n', id) AS name, CAST(id AS INT) AS qty FROM range(1, 4)",
                mergeDeleteUpdateInsert(t));

        t = "row-tracking";
        spec(t, Kind.FEATURE, "row tracking", "id=2");
        sql(s, "CREATE TABLE " + at(t) + " USING delta TBLPROPERTIES ('delta.enableRowTracking' = 'true') AS "
                        + "SELECT CAST(id AS INT) AS id, concat('v', id) AS v FROM range(1, 3)",
                "UPDATE " + at(t) + " SET v = 'B' WHERE id = 2");

        t = "In-Commit Timestamps";
        spec(t, Kind.FEATURE, "in-commit timestamps", "id=3");
        sql(s, "CREATE TABLE " + at(t) + " USING delta TBLPROPERTIES ('delta.enableInCommitTimestamps' = 'true') AS "
                        + "SELECT CAST(id AS INT) AS id FROM range(1, 3)",
                "INSERT INTO " + at(t) + " VALUES (3)");

        t = "clustering/liquid";
        spec(t, Kind.FEATURE, "liquid clustering (with its domain metadata)", "symbol=AAPL");
        sql(s, "CREATE TABLE " + at(t) + " USING delta CLUSTER BY (symbol) AS SELECT /*+ REPARTITION(2) */ * FROM VALUES "
                        + "('AAPL', DATE'2024-01-02', 1.0D), ('MSFT', DATE'2024-01-02', 2.0D), ('AAPL', DATE'2024-01-03', 1.5D) "
                        + "AS v(symbol, day, px)",
                "OPTIMIZE " + at(t));

        t = "domain-metadata";
        spec(t, Kind.FEATURE, "domain metadata feature alone", "id=3");
        sql(s, "CREATE TABLE " + at(t) + " USING delta TBLPROPERTIES ('delta.feature.domainMetadata' = 'supported') AS "
                        + "SELECT CAST(id AS INT) AS id FROM range(1, 3)",
                "INSERT INTO " + at(t) + " VALUES (3)");

        t = "vacuum-protocol-check";
        spec(t, Kind.FEATURE, "vacuum protocol check feature", "id=1");
        sql(s, "CREATE TABLE " + at(t) + " USING delta TBLPROPERTIES ('delta.feature.vacuumProtocolCheck' = 'supported') AS "
                        + "SELECT CAST(id AS INT) AS id FROM range(1, 3)",
                "DELETE FROM " + at(t) + " WHERE id = 1");

        t = "partitioned/Special Values";
        spec(t, Kind.FEATURE, "partitions with spaces, slashes, percent signs, accents, '=', empty strings and nulls", "id=60");
        sql(s, "CREATE TABLE " + at(t) + " USING delta PARTITIONED BY (region, day) AS SELECT * FROM VALUES "
                        + "(1, 'New York', DATE'2024-01-01'), (2, 'a/b', DATE'2024-01-01'), (3, '50%', CAST(NULL AS DATE)), "
                        + "(4, 'Zürich', DATE'2024-01-02'), (5, 'k=v', DATE'2024-01-02'), (6, CAST(NULL AS STRING), CAST(NULL AS DATE)), "
                        + "(7, '', DATE'2024-01-03'), (8, ' trailing ', DATE'2024-01-03') AS v(id, region, day)",
                "DELETE FROM " + at(t) + " WHERE region = 'a/b'",
                "UPDATE " + at(t) + " SET id = 60 WHERE region IS NULL");

        t = "foreign/plain-writes";
        spec(t, Kind.FEATURE, "commits with no userMetadata", "id=1");
        sql(s, "CREATE TABLE " + at(t) + " USING delta AS SELECT CAST(id AS INT) AS id, concat('n', id) AS name FROM range(1, 3)",
                "DELETE FROM " + at(t) + " WHERE id = 1");

        t = "foreign/other-tools-metadata";
        spec(t, Kind.FEATURE, "userMetadata that is not LakeLens's (plain text, then foreign JSON)", "id=3");
        SparkSession meta = foreignSession();
        meta.conf().set("spark.databricks.delta.commitInfo.userMetadata", "nightly load 2024-01-01");
        sql(meta, "CREATE TABLE " + at(t) + " USING delta AS SELECT CAST(id AS INT) AS id, concat('n', id) AS name FROM range(1, 3)");
        meta.conf().set("spark.databricks.delta.commitInfo.userMetadata", "{\"user\": 42, \"job\": \"etl\", \"reason\": [1]}");
        sql(meta, "INSERT INTO " + at(t) + " VALUES (3, 'c')");

        t = "foreign/no-commit-info";
        spec(t, Kind.FEATURE, "a log with no commitInfo actions (older writers)", "id=0");
        handWrittenTable(s, dir(t));

        t = "legacy/Protocol 1.2 appendOnly";
        spec(t, Kind.FEATURE, "legacy protocol (reader 1, writer 2) with delta.appendOnly", "id=2");
        sql(s, "CREATE TABLE " + at(t) + " USING delta TBLPROPERTIES ('delta.minReaderVersion' = '1', "
                        + "'delta.minWriterVersion' = '2', 'delta.appendOnly' = 'true') AS SELECT CAST(id AS INT) AS id FROM range(1, 2)",
                "INSERT INTO " + at(t) + " VALUES (2)");

        t = "warehouse/finance.db/trades";
        spec(t, Kind.FEATURE, "Hive-style nesting (a .db folder) and a declared key (lakelens.key)", "trade_id=2");
        sql(s, "CREATE TABLE " + at(t) + " USING delta TBLPROPERTIES ('lakelens.key' = 'trade_id') AS SELECT * FROM VALUES "
                        + "(CAST(1 AS BIGINT), 'AAPL', 10), (2, 'MSFT', 20) AS v(trade_id, symbol, qty)",
                "UPDATE " + at(t) + " SET qty = 25 WHERE trade_id = 2");

        t = "sales/2024/Daily-Prices";
        spec(t, Kind.FEATURE, "nesting, a hyphen and capitals in the name", "day=2024-01-04");
        sql(s, "CREATE TABLE " + at(t) + " USING delta AS SELECT * FROM VALUES (DATE'2024-01-02', 10.0D), (DATE'2024-01-03', 10.5D) "
                        + "AS v(day, close)",
                "INSERT INTO " + at(t) + " VALUES (DATE'2024-01-04', 11.0)");

        t = "ünïcode/prix journaliers";
        spec(t, Kind.FEATURE, "accents and a space in the name", "jour=2024-01-03");
        sql(s, "CREATE TABLE " + at(t) + " USING delta AS SELECT DATE'2024-01-02' AS jour, 1.0D AS prix",
                "INSERT INTO " + at(t) + " VALUES (DATE'2024-01-03', 2.0)");
    }

    /** One MERGE that deletes id 3, updates id 1 and inserts id 4. */
    private String mergeDeleteUpdateInsert(String t) {
        return "MERGE INTO " + at(t) + " AS t USING (SELECT * FROM VALUES (1, 'n1', 11, 'u'), (3, 'n3', 3, 'd'), (4, 'n4', 4, 'i') "
                + "AS v(id, name, qty, op)) AS u ON t.id = u.id "
                + "WHEN MATCHED AND u.op = 'd' THEN DELETE "
                + "WHEN MATCHED THEN UPDATE SET qty = u.qty "
                + "WHEN NOT MATCHED THEN INSERT (id, name, qty) VALUES (u.id, u.name, u.qty)";
    }

    /**
     * A table written by Delta Kernel: each of {@code commits} (Spark SQL selects whose columns
     * match {@code schema}) is a blind append, with log compaction every {@code compaction}
     * commits (0: none).
     */
    private static void kernelTable(SparkSession s, Path dir, StructType schema, List<String> commits, int compaction)
            throws IOException {
        Engine k = DefaultEngine.create(new Configuration());
        Table table = Table.forPath(k, dir.toString());
        Files.createDirectories(dir);
        for (int c = 0; c < commits.size(); c++) {
            // The data files are plain Parquet written by Spark into the table folder; Kernel commits them.
            Path staging = dir.getParent().resolve(".staging-" + dir.getFileName());
            s.sql(commits.get(c)).coalesce(1).write().parquet(staging.toString());
            List<DataFileStatus> files = new ArrayList<>();
            try (Stream<Path> list = Files.list(staging)) {
                for (Path p : list.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList()) {
                    Path target = dir.resolve("c" + c + "-" + p.getFileName());
                    Files.move(p, target);
                    files.add(new DataFileStatus(target.toString(), Files.size(target),
                            Files.getLastModifiedTime(target).toMillis(), java.util.Optional.empty()));
                }
            }
            deleteTree(staging);
            TransactionBuilder b = table.createTransactionBuilder(k, "Kernel test writer",
                    c == 0 ? Operation.CREATE_TABLE : Operation.WRITE);
            if (c == 0) {
                b = b.withSchema(k, schema);
            }
            if (compaction > 0) {
                b = b.withLogCompactionInverval(compaction);
            }
            Transaction txn = b.build(k);
            var state = txn.getTransactionState(k);
            var context = Transaction.getWriteContext(k, state, Map.of());
            List<io.delta.kernel.data.Row> actions = new ArrayList<>();
            try (CloseableIterator<io.delta.kernel.data.Row> it = Transaction.generateAppendActions(k, state,
                    io.delta.kernel.internal.util.Utils.toCloseableIterator(files.iterator()), context)) {
                it.forEachRemaining(actions::add);
            }
            TransactionCommitResult result = txn.commit(k, CloseableIterable.inMemoryIterable(
                    io.delta.kernel.internal.util.Utils.toCloseableIterator(actions.iterator())));
            for (PostCommitHook hook : result.getPostCommitHooks()) {
                hook.threadSafeInvoke(k);
            }
        }
    }

    private static String cities(int from) {
        return "SELECT CAST(id AS BIGINT) AS id, CASE WHEN id % 2 = 0 THEN 'Oslo' ELSE 'Lyon' END AS city FROM range("
                + from + ", " + (from + 3) + ")";
    }

    /** A table whose log has protocol, metadata and add actions only, as some older writers left it. */
    private static void handWrittenTable(SparkSession s, Path dir) throws IOException {
        Path staging = dir.getParent().resolve(".staging-" + dir.getFileName());
        s.sql("SELECT CAST(id AS BIGINT) AS id, concat('row ', id) AS label FROM range(0, 3)").coalesce(1).write().parquet(staging.toString());
        Path log = dir.resolve("_delta_log");
        Files.createDirectories(log);
        List<String> added = new ArrayList<>();
        try (Stream<Path> list = Files.list(staging)) {
            for (Path p : list.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList()) {
                Path target = dir.resolve(p.getFileName());
                Files.move(p, target);
                added.add("{\"add\":{\"path\":\"" + target.getFileName() + "\",\"partitionValues\":{},\"size\":" + Files.size(target)
                        + ",\"modificationTime\":" + Files.getLastModifiedTime(target).toMillis()
                        + ",\"dataChange\":true,\"stats\":\"{\\\"numRecords\\\":3}\"}}");
            }
        }
        deleteTree(staging);
        String schema = "{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"long\\\",\\\"nullable\\\":true,"
                + "\\\"metadata\\\":{}},{\\\"name\\\":\\\"label\\\",\\\"type\\\":\\\"string\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}}]}";
        List<String> v0 = new ArrayList<>();
        v0.add("{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}");
        v0.add("{\"metaData\":{\"id\":\"" + java.util.UUID.randomUUID() + "\",\"format\":{\"provider\":\"parquet\",\"options\":{}},"
                + "\"schemaString\":\"" + schema + "\",\"partitionColumns\":[],\"configuration\":{},\"createdTime\":1700000000000}}");
        v0.addAll(added);
        Files.write(log.resolve(String.format("%020d.json", 0)), v0, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(log.resolve(String.format("%020d.json", 0)), java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L));
        // a second commit removes nothing and adds the same rows again under a new file
        Path copy = dir.resolve("copy-" + added.size() + ".parquet");
        try (Stream<Path> list = Files.list(dir)) {
            Path first = list.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
            Files.copy(first, copy);
        }
        Files.write(log.resolve(String.format("%020d.json", 1)), List.of("{\"add\":{\"path\":\"" + copy.getFileName()
                + "\",\"partitionValues\":{},\"size\":" + Files.size(copy) + ",\"modificationTime\":1700000100000,\"dataChange\":true}}"),
                StandardCharsets.UTF_8);
        Files.setLastModifiedTime(log.resolve(String.format("%020d.json", 1)), java.nio.file.attribute.FileTime.fromMillis(1_700_000_100_000L));
    }

    // --- damaged tables ----------------------------------------------------------------------------

    private void damage(SparkSession s) throws IOException {
        Path templates = parent.resolve("templates");
        Path plain = templates.resolve("plain");
        // v0 10 rows, v1 15, v2 20; no checkpoint
        sql(s, "CREATE TABLE " + at(plain) + " USING delta AS SELECT id, cast(id AS STRING) AS v FROM range(0, 10)",
                "INSERT INTO " + at(plain) + " SELECT id, cast(id AS STRING) FROM range(10, 15)",
                "INSERT INTO " + at(plain) + " SELECT id, cast(id AS STRING) FROM range(15, 20)");
        Path checkpointed = templates.resolve("checkpointed");
        // v0 10 rows, v1 15, v2 20 (checkpoint), v3 25
        sql(s, "CREATE TABLE " + at(checkpointed) + " USING delta TBLPROPERTIES ('delta.checkpointInterval' = '2') AS "
                        + "SELECT id FROM range(0, 10)",
                "INSERT INTO " + at(checkpointed) + " SELECT id FROM range(10, 15)",
                "INSERT INTO " + at(checkpointed) + " SELECT id FROM range(15, 20)",
                "INSERT INTO " + at(checkpointed) + " SELECT id FROM range(20, 25)");
        Path dv = templates.resolve("dv");
        // v0 20 rows in one file, v1 deletes 4 through a deletion vector
        sql(s, "CREATE TABLE " + at(dv) + " USING delta TBLPROPERTIES ('delta.enableDeletionVectors' = 'true') AS "
                        + "SELECT /*+ REPARTITION(1) */ id FROM range(0, 20)",
                "DELETE FROM " + at(dv) + " WHERE id % 5 = 0");
        byte[] junk = new byte[300];
        new Random(7).nextBytes(junk);

        String t;
        t = "damaged/truncated-commit";
        spec(t, Kind.DAMAGED, "the latest commit file cut in half");
        Path d = copy(plain, t);
        byte[] whole = Files.readAllBytes(commit(d, 2));
        overwrite(commit(d, 2), java.util.Arrays.copyOf(whole, whole.length / 2));

        t = "damaged/empty-commit";
        spec(t, Kind.DAMAGED, "commit 1 is an empty file");
        d = copy(plain, t);
        overwrite(commit(d, 1), new byte[0]);

        t = "damaged/garbage-commit";
        spec(t, Kind.DAMAGED, "random bytes in commit 1");
        d = copy(plain, t);
        overwrite(commit(d, 1), junk);

        t = "damaged/version-gap";
        spec(t, Kind.DAMAGED, "commit 1 missing and no checkpoint bridges the gap");
        d = copy(plain, t);
        removeLogFile(commit(d, 1));
        removeLogFile(crc(d, 1));

        t = "damaged/corrupt-last-checkpoint";
        spec(t, Kind.DAMAGED, "garbage in _last_checkpoint");
        d = copy(checkpointed, t);
        overwrite(d.resolve("_delta_log/_last_checkpoint"), "{\"version\": 2, \"size\": not json".getBytes(StandardCharsets.UTF_8));

        t = "damaged/corrupt-checkpoint";
        spec(t, Kind.DAMAGED, "garbage in the checkpoint Parquet file");
        d = copy(checkpointed, t);
        overwrite(checkpointFile(d, 2), junk);

        t = "damaged/missing-checkpoint";
        spec(t, Kind.DAMAGED, "the checkpoint _last_checkpoint names is gone (every commit still there)");
        d = copy(checkpointed, t);
        removeLogFile(checkpointFile(d, 2));

        t = "damaged/missing-checkpoint-and-commits";
        spec(t, Kind.DAMAGED, "the checkpoint is gone and the commits before it were cleaned up");
        d = copy(checkpointed, t);
        removeLogFile(checkpointFile(d, 2));
        for (long v = 0; v <= 1; v++) {
            removeLogFile(commit(d, v));
            removeLogFile(crc(d, v));
        }

        t = "damaged/corrupt-data-file";
        spec(t, Kind.DAMAGED, "garbage in a data file of version 0");
        d = copy(plain, t);
        overwrite(dataFiles(d).getFirst(), junk);

        t = "damaged/missing-data-file";
        spec(t, Kind.DAMAGED, "a data file of version 0 deleted");
        d = copy(plain, t);
        removeLogFile(dataFiles(d).getFirst());

        t = "damaged/corrupt-deletion-vector";
        spec(t, Kind.DAMAGED, "garbage in the deletion-vector file of version 1");
        d = copy(dv, t);
        try (Stream<Path> files = Files.list(d)) {
            Path dvFile = files.filter(p -> p.getFileName().toString().startsWith("deletion_vector_")).findFirst().orElseThrow();
            overwrite(dvFile, java.util.Arrays.copyOf(junk, (int) Files.size(dvFile)));
        }

        t = "damaged/crc-mismatch";
        spec(t, Kind.DAMAGED, "the .crc of the latest commit disagrees with it");
        d = copy(plain, t);
        String crcText = Files.readString(crc(d, 2));
        overwrite(crc(d, 2), crcText.replaceFirst("\"numFiles\":\\d+", "\"numFiles\":99")
                .replaceFirst("\"tableSizeBytes\":\\d+", "\"tableSizeBytes\":1").getBytes(StandardCharsets.UTF_8));

        t = "damaged/leftover-temp-files";
        spec(t, Kind.DAMAGED, "temporary commit files left by a crashed writer");
        d = copy(plain, t);
        Files.write(d.resolve("_delta_log/.00000000000000000003.json.3f1c2a9e-0c1d-4d6e-9a55-9d1e2b3c4d5e.tmp"),
                Files.readAllBytes(commit(d, 2)));
        Files.createDirectories(d.resolve("_delta_log/_commits"));
        Files.write(d.resolve("_delta_log/_commits/00000000000000000003.8c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f.json"),
                Files.readAllBytes(commit(d, 2)));
        Files.writeString(d.resolve("_delta_log/00000000000000000003.json.tmp"), "{\"commitInfo\":");

        t = "damaged/future-protocol";
        spec(t, Kind.DAMAGED, "version 3 needs a reader feature this Delta does not know");
        d = copy(plain, t);
        overwrite(commit(d, 3), ("{\"commitInfo\":{\"timestamp\":" + System.currentTimeMillis() + ",\"operation\":\"UPGRADE PROTOCOL\"}}\n"
                + "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,"
                + "\"readerFeatures\":[\"quantumEntanglement\"],\"writerFeatures\":[\"quantumEntanglement\"]}}\n")
                .getBytes(StandardCharsets.UTF_8));

        t = "damaged/no-metadata";
        spec(t, Kind.DAMAGED, "a log with a protocol but no metadata");
        d = copy(plain, t);
        rewriteCommit(commit(d, 0), line -> !line.startsWith("{\"metaData\""));

        t = "damaged/no-protocol";
        spec(t, Kind.DAMAGED, "a log with metadata but no protocol");
        d = copy(plain, t);
        rewriteCommit(commit(d, 0), line -> !line.startsWith("{\"protocol\""));

        t = "damaged/empty-delta-log";
        spec(t, Kind.DAMAGED, "an empty _delta_log folder");
        Files.createDirectories(dir(t).resolve("_delta_log"));

        t = "damaged/delta-log-is-a-file";
        spec(t, Kind.DAMAGED, "_delta_log is a file, not a folder");
        Files.createDirectories(dir(t));
        Files.writeString(dir(t).resolve("_delta_log"), "not a folder");

        t = "damaged/no-read-permission";
        spec(t, Kind.DAMAGED, "a table folder this user may not read");
        d = copy(plain, t);
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("---------"));
        permissionsEnforced = !canList(d);

        // A symbolic link that loops back to its own parent, and one that leaves the lake.
        Path links = root.resolve("links");
        Files.createDirectories(links);
        Files.createSymbolicLink(links.resolve("back-to-links"), links);
        copy(plain, "links/healthy");
        spec("links/healthy", Kind.FEATURE, "a healthy table beside a symbolic-link loop and a link out of the lake", "id=3");
        Path secret = outside.resolve("secret");
        copyTree(plain, secret);
        Files.createSymbolicLink(links.resolve("escape"), secret);
    }

    private static boolean canList(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            s.count();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Path copy(Path template, String table) throws IOException {
        Path target = root.resolve(table);
        copyTree(template, target);
        return target;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static Path commit(Path table, long v) {
        return table.resolve("_delta_log").resolve(String.format("%020d.json", v));
    }

    static Path crc(Path table, long v) {
        return table.resolve("_delta_log").resolve(String.format("%020d.crc", v));
    }

    private static Path checkpointFile(Path table, long v) throws IOException {
        try (Stream<Path> s = Files.list(table.resolve("_delta_log"))) {
            return s.filter(p -> p.getFileName().toString().startsWith(String.format("%020d.checkpoint", v))).findFirst().orElseThrow();
        }
    }

    private static List<Path> dataFiles(Path table) throws IOException {
        try (Stream<Path> s = Files.list(table)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
    }

    /** Hadoop's local file system keeps a hidden {@code .NAME.crc} beside each file it wrote. */
    private static Path hadoopChecksum(Path file) {
        return file.resolveSibling("." + file.getFileName() + ".crc");
    }

    /**
     * Replaces a file's bytes as another tool (or bit rot) would: Hadoop's own checksum of the
     * file goes too, so readers meet the damage itself rather than a checksum mismatch.
     */
    private static void overwrite(Path file, byte[] bytes) throws IOException {
        Files.deleteIfExists(hadoopChecksum(file));
        Files.write(file, bytes);
    }

    private static void removeLogFile(Path file) throws IOException {
        Files.deleteIfExists(hadoopChecksum(file));
        Files.deleteIfExists(file);
    }

    private static void rewriteCommit(Path file, java.util.function.Predicate<String> keep) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(keep).toList();
        overwrite(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        // the commit's .crc describes the original actions
        removeLogFile(crc(file.getParent().getParent(), Long.parseLong(file.getFileName().toString().substring(0, 20))));
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    d.toFile().setReadable(true);
                    d.toFile().setExecutable(true);
                    d.toFile().setWritable(true);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    file.toFile().setReadable(true);
                    file.toFile().setExecutable(true);
                    deleteTree(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // best effort: the temporary folder is the OS's to clean otherwise
        }
    }
}
