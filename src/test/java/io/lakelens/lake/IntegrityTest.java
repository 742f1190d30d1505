package io.lakelens.lake;

import io.delta.tables.DeltaTable;
import io.lakelens.LakeLensException;
import io.lakelens.TestLakes;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntegrityTest {
    @TempDir
    Path lake;

    static LakeEngine engineFor(Path lake) {
        return TestLakes.engine(lake);
    }

    /** v0 load 0–19 in one file, v1 update that rewrites it (so v0's file is v0's alone). */
    static void ledger(LakeEngine engine, String table) {
        String path = engine.tablePath(table).toString();
        engine.write(table, "load", s -> {
            s.range(0, 20).selectExpr("id", "CAST(id AS DOUBLE) * 1.5 AS amount", "CAST(NULL AS STRING) AS memo")
                    .coalesce(1).write().format("delta").save(path);
            return null;
        });
        engine.write(table, "correct 7", s -> {
            DeltaTable.forPath(s, path).update(col("id").equalTo(7L), Map.of("amount", lit(0.0)));
            return null;
        });
    }

    @Test
    void verifyRecordsThenPassesThenFailsWhenAFileOfAnOldVersionIsRemoved() throws Exception {
        LakeEngine engine = engineFor(lake);
        ledger(engine, "ledger");
        Integrity integrity = new Integrity(engine);

        Integrity.Verification first = integrity.verify("ledger", 0, true);
        assertEquals(Integrity.Status.RECORDED, first.status());
        assertEquals(20, first.actual().rowCount());
        Integrity.Verification again = integrity.verify("ledger", 0, true);
        assertEquals(Integrity.Status.PASSED, again.status(), again.message());
        assertEquals(Integrity.Status.RECORDED, integrity.verify("ledger", 1, true).status());
        assertFalse(engine.tableNames().contains(Integrity.SIDECAR), "the sidecar is not an analyst table");

        Path v0File = onlyFileOf(lake.resolve("ledger"), engine, 0);
        Files.delete(v0File);
        List<Integrity.Verification> all = integrity.verifyAll("ledger", false);
        assertEquals(2, all.size());
        assertEquals(Integrity.Status.FILES_MISSING, all.get(0).status());
        assertFalse(all.get(0).status().ok());
        assertTrue(all.get(0).message().contains("missing from disk"), all.get(0).message());
        assertEquals(Integrity.Status.PASSED, all.get(1).status(), all.get(1).message());
    }

    private static Path onlyFileOf(Path dir, LakeEngine engine, long version) {
        TableLog log = TableLog.read(engine, dir.getFileName().toString());
        List<TableLog.DataFile> at0 = log.activeFiles(version);
        List<TableLog.DataFile> later = log.activeFiles(log.latest());
        TableLog.DataFile only = at0.stream().filter(f -> later.stream().noneMatch(l -> l.logPath().equals(f.logPath())))
                .findFirst().orElseThrow();
        return only.file();
    }

    @Test
    void aStoredChecksumThatNoLongerMatchesIsAMismatch() {
        LakeEngine engine = engineFor(lake);
        ledger(engine, "ledger");
        Integrity integrity = new Integrity(engine);
        Integrity.Checksum real = integrity.compute("ledger", 1);
        integrity.store(new Integrity.Checksum("ledger", 1, real.tableId(), real.rowCount(), "12345", real.schemaHash(),
                real.fileCount(), real.bytes()));
        Integrity.Verification v = integrity.verify("ledger", 1, true);
        assertEquals(Integrity.Status.MISMATCH, v.status());
        assertTrue(v.message().contains("content hash differs"), v.message());
    }

    @Test
    void checksumIgnoresRowOrderButSeesWhichColumnIsNull() {
        LakeEngine engine = engineFor(lake);
        StructType schema = new StructType().add("a", DataTypes.StringType).add("b", DataTypes.StringType);
        write(engine, "asc", schema, List.of(RowFactory.create("x", null), RowFactory.create("y", "z"), RowFactory.create("w", "v")));
        write(engine, "desc", schema, List.of(RowFactory.create("w", "v"), RowFactory.create("y", "z"), RowFactory.create("x", null)));
        write(engine, "swapped", schema, List.of(RowFactory.create(null, "x"), RowFactory.create("y", "z"), RowFactory.create("w", "v")));
        Integrity integrity = new Integrity(engine);
        Integrity.Checksum asc = integrity.compute("asc", 0);
        Integrity.Checksum desc = integrity.compute("desc", 0);
        Integrity.Checksum swapped = integrity.compute("swapped", 0);
        assertEquals(asc.contentHash(), desc.contentHash());
        assertEquals(3, asc.rowCount());
        assertNotEquals(asc.contentHash(), swapped.contentHash());
    }

    private static void write(LakeEngine engine, String table, StructType schema, List<org.apache.spark.sql.Row> rows) {
        engine.write(table, "load", s -> {
            s.createDataFrame(rows, schema).write().format("delta").save(engine.tablePath(table).toString());
            return null;
        });
    }

    @Test
    void anUncommittedHalfWriteOfTheSidecarNeverCountsAsARecord() throws Exception {
        LakeEngine engine = engineFor(lake);
        ledger(engine, "ledger");
        Integrity integrity = new Integrity(engine);
        Integrity.Checksum c = integrity.compute("ledger", 0);
        // A crash after the data file was written but before the commit: a parquet file with a
        // perfectly valid record and no log entry.
        Path staging = lake.resolve("staging");
        engine.spark().createDataFrame(List.of(RowFactory.create("ledger", 0L, c.tableId(), c.rowCount(), c.contentHash(),
                        c.schemaHash(), c.fileCount(), c.bytes(), new java.sql.Timestamp(0), "someone", "x")), sidecarSchema())
                .coalesce(1).write().parquet(staging.toString());
        Path sidecar = Files.createDirectories(lake.resolve(Integrity.SIDECAR));
        try (Stream<Path> files = Files.list(staging)) {
            Path part = files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
            Files.copy(part, sidecar.resolve(part.getFileName()));
        }
        Integrity.Verification v = integrity.verify("ledger", 0, false);
        assertEquals(Integrity.Status.NOT_RECORDED, v.status());
        assertFalse(v.status().ok());
    }

    @Test
    void aDamagedRecordOrAnUnreadableSidecarIsNeverAPass() throws Exception {
        LakeEngine engine = engineFor(lake);
        ledger(engine, "ledger");
        Integrity integrity = new Integrity(engine);
        assertEquals(Integrity.Status.RECORDED, integrity.verify("ledger", 0, true).status());
        // A record whose digest does not match its fields (altered, or written by something else).
        Integrity.Checksum c = integrity.compute("ledger", 1);
        engine.write(Integrity.SIDECAR, "tamper", s -> {
            s.createDataFrame(List.of(RowFactory.create("ledger", 1L, c.tableId(), c.rowCount(), c.contentHash(), c.schemaHash(),
                            c.fileCount(), c.bytes(), new java.sql.Timestamp(System.currentTimeMillis()), "mallory", "forged")),
                    sidecarSchema()).write().format("delta").mode("append").save(engine.tablePath(Integrity.SIDECAR).toString());
            return null;
        });
        Integrity.Verification damaged = integrity.verify("ledger", 1, true);
        assertEquals(Integrity.Status.RECORD_DAMAGED, damaged.status());
        assertFalse(damaged.status().ok());

        // A truncated last commit of the sidecar: reading it fails, and verification says so.
        Path log = lake.resolve(Integrity.SIDECAR).resolve("_delta_log");
        Path last;
        try (Stream<Path> files = Files.list(log)) {
            last = files.filter(p -> p.getFileName().toString().matches("\\d{20}\\.json")).sorted().reduce((a, b) -> b).orElseThrow();
        }
        Files.deleteIfExists(log.resolve("." + last.getFileName() + ".crc"));
        String text = Files.readString(last);
        Files.writeString(last, text.substring(0, text.length() / 2));
        var e = assertThrows(LakeLensException.class, () -> integrity.verify("ledger", 0, false));
        assertTrue(e.getMessage().contains("integrity records") && e.getMessage().contains("cannot be read"), e.getMessage());
    }

    @Test
    void aReadOnlyLakeVerifiesButRecordsNothing() {
        LakeEngine engine = engineFor(lake);
        ledger(engine, "ledger");
        Integrity readOnly = new Integrity(new LakeEngine(TestLakes.config(lake).withReadOnly(true)));
        String before = TestLakes.fingerprint(lake);
        Integrity.Verification v = readOnly.verify("ledger", 0, true);
        assertEquals(Integrity.Status.NOT_RECORDED, v.status());
        assertTrue(v.message().contains("read-only"), v.message());
        assertEquals(before, TestLakes.fingerprint(lake));
        assertThrows(LakeLensException.class, () -> readOnly.record("ledger", 0));
    }

    @Test
    void versionOutOfRangeIsAClearError() {
        LakeEngine engine = engineFor(lake);
        ledger(engine, "ledger");
        var e = assertThrows(LakeLensException.class, () -> new Integrity(engine).verify("ledger", 7, true));
        assertTrue(e.getMessage().contains("no version 7"), e.getMessage());
    }

    static StructType sidecarSchema() {
        return new StructType()
                .add("table_name", DataTypes.StringType, false).add("version", DataTypes.LongType, false)
                .add("table_id", DataTypes.StringType, false).add("row_count", DataTypes.LongType, false)
                .add("content_hash", DataTypes.StringType, false).add("schema_hash", DataTypes.StringType, false)
                .add("file_count", DataTypes.IntegerType, false).add("bytes", DataTypes.LongType, false)
                .add("recorded_at", DataTypes.TimestampType, false).add("recorded_by", DataTypes.StringType, false)
                .add("record_digest", DataTypes.StringType, false);
    }
}
