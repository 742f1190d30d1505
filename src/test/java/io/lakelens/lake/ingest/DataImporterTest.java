package io.lakelens.lake.ingest;

import io.lakelens.LakeLensException;
import io.lakelens.TestLakes;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.Commit;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataImporterTest {
    @TempDir
    static Path lake;
    @TempDir
    static Path files;
    static LakeEngine engine;
    static DataImporter importer;

    @BeforeAll
    static void setUp() throws Exception {
        engine = TestLakes.engine(lake);
        importer = new DataImporter(engine);
        Files.writeString(files.resolve("trades.csv"), """
                trade id,name,price,day
                1,alice,1.5,2024-01-01
                2,bob,n/a,2024-01-02
                3,carol,2.0
                4,dave,3.5,2024-01-04
                5,erin,4.5,2024-01-05
                """);
        Files.writeString(files.resolve("events.json"), """
                {"id": 1, "kind": "open", "qty": 10}
                {"id": 2, "kind": "close", "qty": "ten"}
                {"id": 3, "kind": "open"
                {"id": 4, "kind": "close", "qty": 40}
                """);
    }

    static long count(String table) {
        return engine.read(table, AsOf.LATEST).count();
    }

    @Test
    void csvBadRowsAreCountedAndSampledWithTheirReasonInsteadOfFailing() {
        ImportRequest req = ImportRequest.of(files.resolve("trades.csv"), "trades").withTypes(Map.of("price", "double"))
                .withReason("load desk trades");
        ImportPreview p = importer.preview(req);
        assertFalse(Files.exists(lake.resolve("trades")), "a preview writes nothing");
        assertEquals(ImportRequest.SourceFormat.CSV, p.format());
        assertEquals(List.of("trade_id", "name", "price", "day"), List.of(p.schema().fieldNames()));
        assertEquals(Map.of("trade id", "trade_id"), p.renamed());
        assertEquals(DataTypes.DoubleType, p.schema().apply("price").dataType());
        assertEquals(DataTypes.IntegerType, p.schema().apply("trade_id").dataType());

        ImportResult r = importer.run(p, null);
        assertEquals(3, r.rowsWritten(), r.summary());
        assertEquals(2, r.badRows(), r.summary());
        assertEquals(3, count("trades"));
        assertTrue(r.samples().stream().anyMatch(b -> b.raw().contains("bob") && b.reason().equals("column price: 'n/a' is not a valid double")),
                r.samples().toString());
        assertTrue(r.samples().stream().anyMatch(b -> b.raw().contains("carol") && b.reason().equals("has 3 fields, expected 4")),
                r.samples().toString());
        assertTrue(r.samples().stream().allMatch(b -> b.file().equals("trades.csv")));
        Commit c = engine.history("trades", 1).get(0);
        assertEquals("load desk trades", c.reason());
        assertEquals(System.getProperty("user.name"), c.user());
    }

    @Test
    void jsonLinesWithMalformedAndMistypedRecordsLoadTheRest() {
        ImportResult r = importer.run(importer.preview(ImportRequest.of(files.resolve("events.json"), "events")
                .withTypes(Map.of("qty", "bigint"))), null);
        assertEquals(2, r.rowsWritten(), r.summary());
        assertEquals(2, r.badRows());
        assertTrue(r.samples().stream().anyMatch(b -> b.reason().startsWith("malformed JSON")), r.samples().toString());
        assertTrue(r.samples().stream().anyMatch(b -> b.reason().equals("field qty: 'ten' is not a valid bigint")), r.samples().toString());
    }

    @Test
    void modesProtectExistingTables() {
        Path csv = files.resolve("trades.csv");
        importer.run(importer.preview(ImportRequest.of(csv, "modes").withTypes(Map.of("price", "double"))), null);
        var again = assertThrows(LakeLensException.class,
                () -> importer.run(importer.preview(ImportRequest.of(csv, "modes").withTypes(Map.of("price", "double"))), null));
        assertTrue(again.getMessage().contains("already exists"), again.getMessage());
        importer.run(importer.preview(ImportRequest.of(csv, "modes").withTypes(Map.of("price", "double"))
                .withMode(ImportRequest.Mode.APPEND)), null);
        assertEquals(6, count("modes"));
        ImportResult over = importer.run(importer.preview(ImportRequest.of(csv, "modes").withTypes(Map.of("price", "double"))
                .withMode(ImportRequest.Mode.OVERWRITE).withPartitionBy(List.of("name"))), null);
        assertEquals(3, count("modes"));
        assertEquals(List.of("name"), engine.snapshot("modes", AsOf.LATEST).getPartitionColumnNames());
        assertEquals(6, engine.read("modes", new AsOf.Version(over.version() - 1)).count(), "the old version stays readable");
    }

    @Test
    void badOptionsAreRefusedBeforeReading() {
        Path csv = files.resolve("trades.csv");
        assertThrows(LakeLensException.class, () -> importer.preview(ImportRequest.of(csv, "x").withTypes(Map.of("price", "money"))));
        assertThrows(LakeLensException.class, () -> importer.preview(ImportRequest.of(csv, "x").withTypes(Map.of("nope", "int"))));
        assertThrows(LakeLensException.class, () -> importer.preview(ImportRequest.of(csv, "x").withPartitionBy(List.of("nope"))));
        assertThrows(LakeLensException.class, () -> importer.preview(ImportRequest.of(files.resolve("missing.csv"), "x")));
        assertThrows(LakeLensException.class, () -> importer.preview(ImportRequest.of(csv, "../escape")));
    }

    @Test
    void aPlainParquetFolderInTheLakeIsConvertedInPlace() {
        Path plain = lake.resolve("plain");
        engine.spark().range(0, 30).selectExpr("id", "case when id % 3 = 0 then 'EU' else 'US' end as region")
                .write().partitionBy("region").parquet(plain.toString());
        assertTrue(DataImporter.isPlainParquetFolder(plain));
        ImportPreview p = importer.preview(ImportRequest.of(plain, "copy_of_plain"));
        assertTrue(p.notes().stream().anyMatch(n -> n.contains("converted in place")), p.notes().toString());
        long version = importer.convertInPlace("plain", "adopt the nightly export", null);
        assertEquals(0, version);
        assertFalse(DataImporter.isPlainParquetFolder(plain));
        assertEquals(30, count("plain"));
        assertEquals(List.of("region"), engine.snapshot("plain", AsOf.LATEST).getPartitionColumnNames());
        assertEquals("adopt the nightly export", engine.history("plain", 1).get(0).reason());
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void aSampleShowsTheFirstRowsThatFitAndTheBadOnesWithReasonsAndWritesNothing() {
        ImportPreview p = importer.preview(ImportRequest.of(files.resolve("trades.csv"), "sampled").withTypes(Map.of("price", "double")));
        assertEquals(List.of(new ImportSample.ImportColumn("trade_id", "int"), new ImportSample.ImportColumn("name", "string"),
                new ImportSample.ImportColumn("price", "double"), new ImportSample.ImportColumn("day", "date")), p.columns());
        ImportSample s = importer.sample(p, 100);
        assertEquals(5, s.scanned());
        assertEquals(List.of("1", "alice", "1.5", "2024-01-01"), s.rows().get(0));
        assertEquals(3, s.rows().size(), s.rows().toString());
        assertEquals(List.of("column price: 'n/a' is not a valid double", "has 3 fields, expected 4"),
                s.bad().stream().map(ImportResult.BadRow::reason).toList());
        assertFalse(Files.exists(lake.resolve("sampled")), "a sample writes nothing");

        ImportSample asText = importer.sample(importer.preview(ImportRequest.of(files.resolve("trades.csv"), "sampled")
                .withTypes(Map.of("price", "string"))), 2);
        assertEquals(2, asText.scanned(), "only the asked number of rows is read");
        assertEquals("string", asText.columns().get(2).type());
    }
}
